/**
 * `cdktf-okta validate <cdktf.out | stack dir | file.tf.json>...`: validates synthesized Terraform JSON.
 * With terraform on PATH, Terraform itself judges (`terraform validate` through the cdktf-okta test
 * provider, which serves schema/); without it, or with --builtin, the offline SchemaValidator does.
 * The summary says which ran.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { locateStacks, StackInputError } from "../../analysis/stack-files";
import { terraformOnPath } from "../../test-provider/harness";
import { validateWithTerraform } from "../../test-provider/terraform-validate";
import { formatValidationProblems, SchemaValidator, ValidationProblem } from "../../validator/schema-validator";
import { CommandContext, EXIT, exitCodesHelp, Output } from "../command";

/** Options of runValidate. */
export interface ValidateOptions {
  /** Use the built-in validator even when terraform is on PATH. @default false */
  readonly builtin?: boolean;
  /** The schema snapshot directory for the built-in validator (implies builtin). @default - schema/ of cdktf-okta */
  readonly schema?: string;
  /** Print the verdict as one JSON document (ValidateJson) instead of the problems and the summary. @default false */
  readonly json?: boolean;
}

/** What `cdktf-okta validate --json` prints: which validator ran, what it read, and the problems. */
export type ValidateJson =
  | {
      readonly validator: "terraform";
      /** The terraform binary that ran, and its version, e.g. "1.11.4". */
      readonly terraform: string;
      readonly terraformVersion: string;
      readonly fileCount: number;
      readonly moduleCount: number;
      readonly problems: ValidationProblem[];
    }
  | {
      readonly validator: "builtin";
      readonly fileCount: number;
      readonly resourceCount: number;
      readonly problems: ValidationProblem[];
    };

/** Validates what `given` names; resolves to the exit code: 0 no problems, 1 problems, 2 bad input. */
export async function runValidate(given: readonly string[], options: ValidateOptions, output: Output): Promise<number> {
  let paths: string[];
  try {
    paths = given.flatMap(modulePaths);
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    output.err(error.message);
    return EXIT.usage;
  }
  const builtin = options.builtin || options.schema !== undefined;
  const terraform = terraformOnPath();
  if (terraform && !builtin) {
    const verdict = await validateWithTerraform(paths);
    const json: ValidateJson = { validator: "terraform", ...verdict };
    const scope = `${count(verdict.fileCount, "file")} in ${count(verdict.moduleCount, "module")} with terraform ${verdict.terraformVersion} (${terraform}) and the cdktf-okta test provider`;
    return report(verdict.problems, scope, options.json ? json : undefined, output);
  }
  let validator: SchemaValidator;
  try {
    validator = SchemaValidator.fromSnapshots(options.schema);
  } catch (error) {
    output.err((error as Error).message);
    return EXIT.usage;
  }
  const verdict = validator.validatePaths(paths);
  const json: ValidateJson = { validator: "builtin", ...verdict };
  const which = builtin ? "the built-in validator" : "the built-in validator (no terraform on PATH)";
  const scope = `${count(verdict.resourceCount, "resource")} in ${count(verdict.fileCount, "file")} with ${which}`;
  return report(verdict.problems, scope, options.json ? json : undefined, output);
}

/** The `validate` command. */
export function validateCommand(context: CommandContext): Command {
  return new Command("validate")
    .summary("validate synthesized stacks with terraform and the test provider, or the built-in validator")
    .description(
      "Validates synthesized stacks: every stack of a cdktf output directory, one stack's directory (with any other *.tf.json in it: a directory is one module), a directory of hand-written *.tf.json files, or a *.tf.json file. With terraform on PATH: terraform init + validate, with the cdktf-okta test provider serving the provider schema snapshots in schema/ (no registry, no credentials). Otherwise, or with --builtin: the built-in offline validator, against the same snapshots.",
    )
    .argument("<paths...>", "cdktf.out, stack directories, directories of *.tf.json files or *.tf.json files")
    .option("--builtin", "use the built-in validator even when terraform is on PATH")
    .option("--schema <dir>", "the directory of schema snapshots for the built-in validator (implies --builtin; default: schema/ of cdktf-okta)")
    .option("--json", 'print the verdict as one JSON document: { validator: "terraform" | "builtin", fileCount, ..., problems: [{ file, path, address, message }] }')
    .addHelpText("after", exitCodesHelp({ ok: "no problems", problems: "problems found", usage: "usage error, a path holding no stack, or schema snapshots that cannot be read" }))
    .action(async (given: string[], options: ValidateOptions) => context.exit(await runValidate(given, options, context.output)));
}

/** Prints the problems and the summary line (or the JSON document); the exit code. */
function report(problems: readonly ValidationProblem[], scope: string, json: ValidateJson | undefined, output: Output): number {
  if (json !== undefined) output.out(JSON.stringify(json, null, 2));
  else if (problems.length > 0) output.out(`${formatValidationProblems(problems)}\nvalidated ${scope}: ${count(problems.length, "problem")}`);
  else output.out(`validated ${scope}: no problems`);
  return problems.length > 0 ? EXIT.problems : EXIT.ok;
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
