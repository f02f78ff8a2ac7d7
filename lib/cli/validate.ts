#!/usr/bin/env node
/**
 * `npm run validate -- <cdktf.out | stack dir | cdk.tf.json>...`: validates synthesized Terraform JSON.
 * With terraform on PATH, Terraform itself judges (`terraform validate` through the cdktf-okta test
 * provider, which serves schema/); without it, or with --builtin, the offline SchemaValidator does.
 * The summary says which ran. Exit status 0 when there is no problem, 1 when there is any, 2 for
 * usage errors and paths that hold no stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { StackInputError, locateStacks } from "../analysis/stack-files";
import { formatValidationProblems, SchemaValidator } from "../validator/schema-validator";
import { terraformOnPath } from "../testing/harness";
import { validateWithTerraform } from "../testing/terraform-validate";

const USAGE = `usage: validate [--builtin] [--schema <dir>] <cdktf.out | stack dir | file.tf.json>...

Validates synthesized stacks: every stack of a cdktf output directory, one stack's directory (with
any other *.tf.json in it: a directory is one module), a directory of hand-written *.tf.json files,
or a *.tf.json file.
With terraform on PATH: terraform init + validate, with the cdktf-okta test provider serving the
provider schema snapshots in schema/ (no registry, no credentials). Otherwise, or with --builtin:
the built-in offline validator, against the same snapshots.

  --builtin       use the built-in validator even when terraform is on PATH
  --schema <dir>  the directory of schema snapshots for the built-in validator (implies --builtin;
                  default: schema/ of cdktf-okta)
  --help          print this text`;

/** Where the CLI writes; tests pass their own. */
export interface Output {
  /** Receives problems and the summary. */
  readonly out: (text: string) => void;
  /** Receives usage errors. */
  readonly err: (text: string) => void;
}

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs the CLI on `args` (without node and the script) and resolves to the exit status. */
export async function main(args: readonly string[], output: Output = CONSOLE): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { schema: { type: "string" }, builtin: { type: "boolean" }, help: { type: "boolean" } },
    });
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    output.out(USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    output.err(`missing <cdktf.out | stack dir | file.tf.json>: pass what to validate, e.g. cdktf.out.\n${USAGE}`);
    return 2;
  }
  let paths: string[];
  try {
    paths = parsed.positionals.flatMap(modulePaths);
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    output.err(error.message);
    return 2;
  }
  const terraform = terraformOnPath();
  if (terraform && !parsed.values.builtin && parsed.values.schema === undefined) {
    const verdict = await validateWithTerraform(paths);
    const scope = `${count(verdict.fileCount, "file")} in ${count(verdict.moduleCount, "module")} with terraform ${verdict.terraformVersion} (${terraform}) and the cdktf-okta test provider`;
    if (verdict.problems.length > 0) {
      output.out(`${formatValidationProblems(verdict.problems)}\nvalidated ${scope}: ${count(verdict.problems.length, "problem")}`);
      return 1;
    }
    output.out(`validated ${scope}: no problems`);
    return 0;
  }
  const which = parsed.values.builtin || parsed.values.schema !== undefined ? "the built-in validator" : "the built-in validator (no terraform on PATH)";
  let validator: SchemaValidator;
  try {
    validator = SchemaValidator.fromSnapshots(parsed.values.schema);
  } catch (error) {
    output.err((error as Error).message);
    return 2;
  }
  const report = validator.validatePaths(paths);
  const scope = `${count(report.resourceCount, "resource")} in ${count(report.fileCount, "file")} with ${which}`;
  if (report.problems.length > 0) {
    output.out(`${formatValidationProblems(report.problems)}\nvalidated ${scope}: ${count(report.problems.length, "problem")}`);
    return 1;
  }
  output.out(`validated ${scope}: no problems`);
  return 0;
}

/** What to validate for one path the user gave: the file itself, or the directory of each stack it holds. */
function modulePaths(given: string): string[] {
  // A hand-written module: a directory of *.tf.json files that is neither a stack nor cdktf.out.
  const stat = fs.statSync(given, { throwIfNoEntry: false });
  const handWritten =
    stat?.isDirectory() && !fs.existsSync(path.join(given, "cdk.tf.json")) && !fs.existsSync(path.join(given, "stacks")) && fs.readdirSync(given).some((f) => f.endsWith(".tf.json"));
  if (handWritten) return [given];
  const stacks = locateStacks(given);
  return fs.statSync(given).isDirectory() ? stacks.map((stack) => path.dirname(stack.file)) : [given];
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((status) => (process.exitCode = status));
}
