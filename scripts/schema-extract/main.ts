/**
 * `npm run schema:extract -- <provider source> [--tag v6.12.0] [--out DIR]`
 *
 * Reads okta/terraform-provider-okta's Go source (a git directory at a tag, or a work tree) and
 * writes into DIR (default: a new temporary directory):
 * - okta.json: the provider schema as `terraform providers schema -json` prints it, with
 *   "provider_versions", every registered resource and data source;
 * - behaviour/okta.json: replacement attributes and literal defaults of every resource;
 * - report.json: how each type was obtained (extracted, overridden, left out and why).
 * It never writes into schema/: compare, then copy what you want.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Overrides, extract, schemaText } from "./extract";
import { openSource } from "./source";

export const OVERRIDES_FILE = path.join(__dirname, "overrides.json");

/** The overrides shipped next to the extractor. */
export function loadOverrides(file = OVERRIDES_FILE): Overrides {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Overrides) : {};
}

interface Args {
  source: string;
  tag?: string;
  out?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tag" || a === "--out") {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === "--tag") args.tag = v;
      else args.out = v;
    } else if (a.startsWith("--tag=")) args.tag = a.slice(6);
    else if (a.startsWith("--out=")) args.out = a.slice(6);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else if (args.source === undefined) args.source = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.source) throw new Error("usage: npm run schema:extract -- <provider source git dir or work tree> [--tag v6.12.0] [--out DIR]");
  return args as Args;
}

export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const started = Date.now();
  const tree = openSource(args.source, args.tag);
  const x = extract(tree, loadOverrides());
  const out = args.out ?? fs.mkdtempSync(path.join(os.tmpdir(), "okta-schema-"));
  fs.mkdirSync(path.join(out, "behaviour"), { recursive: true });
  const schemaFile = path.join(out, "okta.json");
  const behaviourFile = path.join(out, "behaviour", "okta.json");
  const reportFile = path.join(out, "report.json");
  fs.writeFileSync(schemaFile, schemaText(x));
  fs.writeFileSync(behaviourFile, x.behaviourText);
  fs.writeFileSync(reportFile, `${JSON.stringify({ source: x.source, version: x.version, types: x.reports, warnings: x.warnings }, null, 2)}\n`);
  const count = (kind: string, outcome?: string) => x.reports.filter((r) => r.kind === kind && (!outcome || r.outcome === outcome)).length;
  console.log(`okta/okta ${x.version} from ${x.source}`);
  for (const kind of ["resource", "data source"]) {
    console.log(`${kind}s: ${count(kind)} registered, ${count(kind, "extracted")} extracted, ${count(kind, "overridden")} overridden, ${count(kind, "left out")} left out`);
  }
  for (const r of x.reports.filter((r) => r.outcome === "left out")) console.log(`  left out ${r.kind} ${r.name} (${r.registered}): ${r.reason}`);
  for (const w of x.warnings) console.log(`  warning: ${w}`);
  console.log(`wrote ${schemaFile}\nwrote ${behaviourFile}\nwrote ${reportFile}\nin ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
