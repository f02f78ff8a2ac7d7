/**
 * `terraform validate` of Terraform JSON files through the test provider: Terraform's own verdict on
 * what cdktf-okta synthesizes, for machines that have terraform but not the okta provider binary.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidationProblem } from "../validator/schema-validator";
import { TerraformSandbox, terraformOnPath } from "./harness";

/** The id of a problem Terraform itself reported (its diagnostics have no stable ids of their own). */
export const TERRAFORM_VALIDATE_ID = "terraform:validate";

/** What terraform said about a set of files. */
export interface TerraformValidation {
  readonly problems: ValidationProblem[];
  readonly fileCount: number;
  readonly moduleCount: number;
  /** e.g. "1.11.4". */
  readonly terraformVersion: string;
  /** The binary that ran. */
  readonly terraform: string;
}

/** The version of the terraform binary on PATH. */
export function terraformVersion(): string {
  const result = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  try {
    return JSON.parse(result.stdout).terraform_version as string;
  } catch {
    return "unknown";
  }
}

const CONFIG_FILE = /\.tf(\.json)?$/;

/** Each module (directory) with its configuration files; a file named directly is a module of its own files' directory. */
function modules(paths: readonly string[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (file: string) => {
    const dir = path.dirname(file);
    if (!found.has(dir)) found.set(dir, new Set());
    found.get(dir)!.add(file);
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith(".")) walk(full);
      else if (entry.isFile() && CONFIG_FILE.test(entry.name)) add(full);
    }
  };
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) walk(p);
    else add(p);
  }
  return found;
}

interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number; column: number } };
  snippet?: { context?: string };
}

/** Options of validateWithTerraform. */
export interface TerraformValidateOptions {
  /**
   * Rewrites each *.tf.json file's JSON before terraform reads it (e.g. a representative sample of a
   * huge stack); problems then name the file without a line, as the line is the copy's.
   * @default - the files as they are
   */
  readonly transform?: (json: unknown) => unknown;
  /**
   * What terraform reads instead of a file's own text, by the file's path as given (e.g. a sample a
   * synth built from the JSON it holds); problems name such a file without a line, as with transform.
   * @default - the files as they are
   */
  readonly contents?: ReadonlyMap<string, string>;
}

/** Runs `terraform validate -json` for every module under `paths`, each in a scratch copy. */
export async function validateWithTerraform(paths: readonly string[], options: TerraformValidateOptions = {}): Promise<TerraformValidation> {
  const terraform = terraformOnPath();
  if (!terraform) throw new Error("there is no terraform on PATH");
  // One provider for every module: each module gets a directory of its own in the sandbox.
  const sandbox = await TerraformSandbox.create({ name: "modules" });
  try {
    const judged = judgeModules(sandbox, paths, options);
    return { ...judged, terraformVersion: terraformVersion(), terraform };
  } finally {
    await sandbox.stop();
  }
}

/** What `terraform validate` says of each module under `paths`, run in `sandbox` (its provider attached), each module in a directory of its own. */
export function judgeModules(sandbox: TerraformSandbox, paths: readonly string[], options: TerraformValidateOptions = {}): Omit<TerraformValidation, "terraformVersion" | "terraform"> {
  const problems: ValidationProblem[] = [];
  let fileCount = 0;
  const found = modules(paths);
  const given = new Map([...(options.contents ?? new Map<string, string>())].map(([file, text]) => [path.resolve(file), text]));
  let index = 0;
  for (const [dir, files] of found) {
    fileCount += files.size;
    const workdir = path.join(sandbox.root, "modules", String(index++), path.basename(dir));
    fs.mkdirSync(workdir, { recursive: true });
    // The whole directory, so that file("key.pem") and the like find what they read.
    const neighbours = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !CONFIG_FILE.test(e.name) && !/tfstate|\.tfplan$/.test(e.name));
    for (const e of neighbours) fs.copyFileSync(path.join(dir, e.name), path.join(workdir, e.name));
    const rewritten = new Set<string>();
    for (const file of files) {
      const target = path.join(workdir, path.basename(file));
      const text = given.get(path.resolve(file));
      const json = text === undefined && options.transform && file.endsWith(".tf.json") ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
      const transformed = json === undefined ? undefined : options.transform!(json);
      if (text !== undefined) fs.writeFileSync(target, text);
      else if (transformed === undefined || transformed === json) fs.copyFileSync(file, target);
      else fs.writeFileSync(target, JSON.stringify(transformed));
      if (text !== undefined || (transformed !== undefined && transformed !== json)) rewritten.add(path.basename(file));
    }
    const original = (name?: string) => (name ? path.join(dir, name) : dir);
    // No init: the test provider is attached, so nothing needs installing.
    const result = sandbox.terraformAt(workdir, ["validate", "-json"]);
    const verdict = JSON.parse(result.stdout) as { diagnostics?: Diagnostic[] };
    for (const d of verdict.diagnostics ?? []) {
      if (d.severity !== "error") continue;
      const at = !d.range ? original() : rewritten.has(d.range.filename) ? original(d.range.filename) : `${original(d.range.filename)}:${d.range.start.line}`;
      problems.push({ file: at, path: d.snippet?.context ?? "", id: TERRAFORM_VALIDATE_ID, message: `${d.summary}${d.detail ? `: ${oneLine(d.detail)}` : ""}` });
    }
  }
  return { problems, fileCount, moduleCount: found.size };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
