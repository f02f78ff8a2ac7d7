#!/usr/bin/env node
/**
 * `npm run validate -- <file-or-dir>...`: validates Terraform JSON against schema/ offline.
 * Exit status 0 when there is no problem, 1 when there is any, 2 for usage errors.
 */
import { parseArgs } from "node:util";
import { formatValidationProblems, SchemaValidator } from "../schema-validator";

const USAGE = `usage: validate [--schema <dir>] <file-or-dir>...

Validates *.tf.json files (directories are searched recursively; each directory is one module)
against the provider schema snapshots in schema/.

  --schema <dir>  the directory of schema snapshots (default: schema/ of cdktf-okta)
  --help          print this text`;

/** Where the CLI writes; tests pass their own. */
export interface Output {
  /** Receives problems and the summary. */
  readonly out: (text: string) => void;
  /** Receives usage errors. */
  readonly err: (text: string) => void;
}

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs the CLI on `args` (without node and the script) and returns the exit status. */
export function main(args: readonly string[], output: Output = CONSOLE): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { schema: { type: "string" }, help: { type: "boolean" } },
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
    output.err(`missing <file-or-dir>: pass the files or directories to validate, e.g. cdktf.out.\n${USAGE}`);
    return 2;
  }
  let validator: SchemaValidator;
  try {
    validator = SchemaValidator.fromSnapshots(parsed.values.schema);
  } catch (error) {
    output.err((error as Error).message);
    return 2;
  }
  const report = validator.validatePaths(parsed.positionals);
  const scope = `${count(report.resourceCount, "resource")} in ${count(report.fileCount, "file")}`;
  if (report.problems.length > 0) {
    output.out(`${formatValidationProblems(report.problems)}\nvalidated ${scope}: ${count(report.problems.length, "problem")}`);
    return 1;
  }
  output.out(`validated ${scope}: no problems`);
  return 0;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
