/**
 * `npm run bench`: synth time and peak memory for 1,000 / 10,000 / 100,000 users written as
 * (a) cdktf-okta constructs, (b) the generated L1 classes, (c) plain JSON.stringify (the floor),
 * each in a fresh process, with the ratios a/b and a/c; then the schema validator over the largest
 * stack; then the package's costs (bench/package.ts): require time and tarball size, and with
 * `--install` the time and peak memory of `npm ci` in a fresh clone. Sizes can be chosen:
 * `npm run bench -- 1000 10000`; `--package-only` skips the synth runs.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = process.argv.includes("--package-only") ? [] : sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
const VARIANTS: Variant[] = ["constructs", "l1", "json"];

function measure(variant: Variant, users: number): Measurement {
  const out = execFileSync(process.execPath, ["--max-old-space-size=8192", path.join(__dirname, "run-one.js"), variant, String(users)], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (s: string, n: number) => s.padStart(n);

console.log(`cdktf-okta benchmark: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
if (SIZES.length > 0) console.log("users    | (a) constructs      | (b) generated L1    | (c) JSON.stringify  | a/b    | a/c");
let largest: Measurement | undefined;
for (const users of SIZES) {
  const [a, b, c] = VARIANTS.map((v) => measure(v, users));
  const cell = (m: Measurement) => `${pad(seconds(m.ms), 8)} ${pad(m.peakRssMb.toFixed(0), 5)} MB`;
  console.log(
    `${pad(users.toLocaleString("en-US"), 8)} | ${cell(a)}  | ${cell(b)}  | ${cell(c)}  | ${pad((a.ms / b.ms).toFixed(3), 6)} | ${(a.ms / c.ms).toFixed(1)}`,
  );
  [b, c, largest].forEach(cleanUp);
  largest = a;
}

if (largest) {
  const validatorPath = path.join(__dirname, "..", "lib", "schema-validator.js");
  if (fs.existsSync(validatorPath)) {
    const { SchemaValidator } = require(validatorPath);
    const validator = SchemaValidator.fromSnapshots();
    const file = largest.file;
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    const start = process.hrtime.bigint();
    const problems = validator.validate([{ path: file, json }]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const resources = Object.values<Record<string, unknown>>(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    console.log(`schema validator: ${resources.toLocaleString("en-US")} resources in ${seconds(ms)}, ${problems.length} problems`);
  }
}
cleanUp(largest);

reportPackage(process.argv.includes("--install")).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
