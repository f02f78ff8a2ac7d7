/**
 * `npm run bench`: synth time and peak memory for 1,000 / 10,000 / 100,000 users written as
 * (a) cdktf-okta constructs under OktaApp with its default validation (the built-in validator and,
 * beside it, `terraform validate` when terraform is on PATH), (ab) the same with `validate: "builtin"`,
 * (a-) with `validate: false`, (b) the generated L1 classes, (c) the same JSON built by hand,
 * stringified and written (the floor), each in a fresh process, each the median of `--repeat N` rounds
 * (3; a round runs every variant once, (b) only in the first), with the validators' overheads a/a- and
 * ab/a-, and a/b, a/c, ab/c, a-/c; then the schema validator alone over the largest stack; then the package's costs
 * (bench/package.ts): require time and tarball size, and with `--install` the time and peak memory of
 * `npm ci` in a fresh clone. Sizes can be chosen: `npm run bench -- 1000 10000`; `--package-only`
 * skips the synth runs; `--no-l1` skips (b), which takes most of the time at 100,000 users.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SchemaValidator } from "../lib/validator/schema-validator";
import { reportPackage } from "./package";
import { RunOutput, TEMP_PREFIX, Variant } from "./workload";

interface Measurement extends RunOutput {
  readonly ms: number;
  readonly peakRssMb: number;
}

/** Removes a run's temporary directory, and nothing that is not one. */
function cleanUp(m: Measurement | undefined): void {
  if (m && m.root.startsWith(TEMP_PREFIX)) fs.rmSync(m.root, { recursive: true, force: true });
}

const args = process.argv.slice(2);
const repeatAt = args.indexOf("--repeat");
/** Rounds per size: each variant once per round (the rounds interleave them, so that a slow spell of the machine hits all), the median reported. */
const REPEAT = repeatAt >= 0 ? Math.max(1, Number(args[repeatAt + 1]) || 1) : 3;
const sizes = args.filter((_, i) => i !== repeatAt + 1 || repeatAt < 0).map(Number).filter((n) => n > 0);
const SIZES = args.includes("--package-only") ? [] : sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
const VARIANTS: Variant[] = ["constructs", "builtin", "unvalidated", "l1", "json"];
const SKIP_L1 = args.includes("--no-l1");

function measure(variant: Variant, users: number): Measurement | undefined {
  if (variant === "l1" && SKIP_L1) return undefined;
  const out = execFileSync(process.execPath, ["--max-old-space-size=8192", path.join(__dirname, "run-one.js"), variant, String(users)], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

/** The run of median time (the lower middle one of an even count), with the highest peak memory of all runs. */
function median(runs: Measurement[]): Measurement | undefined {
  if (runs.length === 0) return undefined;
  const sorted = [...runs].sort((x, y) => x.ms - y.ms);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...middle, peakRssMb: Math.max(...runs.map((m) => m.peakRssMb)) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (s: string, n: number) => s.padStart(n);

console.log(`cdktf-okta benchmark: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
if (SIZES.length > 0) {
  console.log(
    "users    | (a) OktaApp         | (ab) builtin        | (a-) validate:false | (b) generated L1    | (c) JSON by hand    | a/a-  | ab/a- | a/b    | a/c   | ab/c | a-/c",
  );
}
let largest: Measurement | undefined;
for (const users of SIZES) {
  // (The generated L1 classes take a minute at 100,000 users: measured in the first round only.)
  const rounds = Array.from({ length: REPEAT }, (_, round) => VARIANTS.map((v) => (v === "l1" && round > 0 ? undefined : measure(v, users))));
  const [a, builtin, unvalidated, b, c] = VARIANTS.map((_, i) => median(rounds.map((r) => r[i]).filter((m): m is Measurement => m !== undefined))) as [
    Measurement,
    Measurement,
    Measurement,
    Measurement | undefined,
    Measurement,
  ];
  for (const m of rounds.flat()) if (m && m.root !== a.root) cleanUp(m);
  const cell = (m: Measurement | undefined) => (m ? `${pad(seconds(m.ms), 8)} ${pad(m.peakRssMb.toFixed(0), 5)} MB` : pad("-", 17));
  const ratio = (x: Measurement, y: Measurement | undefined, digits: number, width: number) => pad(y ? (x.ms / y.ms).toFixed(digits) : "-", width);
  console.log(
    [
      pad(users.toLocaleString("en-US"), 8),
      ...[a, builtin, unvalidated, b, c].map((m) => `${cell(m)} `),
      ratio(a, unvalidated, 2, 5),
      ratio(builtin, unvalidated, 2, 5),
      ratio(a, b, 3, 6),
      ratio(a, c, 1, 5),
      ratio(builtin, c, 1, 4),
      ratio(unvalidated, c, 1, 4),
    ].join(" | "),
  );
  cleanUp(largest);
  largest = a;
}

if (largest) {
  const validator = SchemaValidator.fromSnapshots();
  const file = largest.file;
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const start = process.hrtime.bigint();
  const problems = validator.validate([{ path: file, json }]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const resources = Object.values<Record<string, unknown>>(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  console.log(`schema validator: ${resources.toLocaleString("en-US")} resources in ${seconds(ms)}, ${problems.length} problems`);
}
cleanUp(largest);

reportPackage(process.argv.includes("--install")).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
