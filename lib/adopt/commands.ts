/**
 * The `convert` and `export` commands of the cdktf-okta program, as commander Commands.
 *
 * Exit codes: 0 written; 1 problems (HCL that cannot be converted without --allow-partial, an export
 * that failed), nothing written; 2 usage errors. A usage error (or --help) throws commander's
 * CommanderError with that exit code (the commands use exitOverride); problems set process.exitCode.
 * `runCommand` turns both into the exit code.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { adoptMessages } from "../problems/sections/adopt";
import { convert } from "./convert";
import { CONSOLE, Output } from "../util/output";
import { DEFAULT_DATA_THRESHOLD } from "./writer";
import { exportOrg } from "./export";
import { INCLUDABLE } from "./included";

function threshold(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(adoptMessages.badThreshold(value));
  return Number(value);
}

function capacity(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) throw new InvalidArgumentError(adoptMessages.badCapacity(value));
  return Number(value);
}

/** Run on their own (runCommand), the commands leave their exit code in process.exitCode. */
function setExitCode(code: number): void {
  if (code !== 0) process.exitCode = code;
}

/** Usage errors exit 2, --help 0; commander's output goes to `output`. */
function configure(command: Command, output: Output): Command {
  return command
    .configureOutput({ writeOut: (text) => output.out(text.replace(/\n$/, "")), writeErr: (text) => output.err(text.replace(/\n$/, "")) })
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    });
}

/** `cdktf-okta convert <file.tf | dir>... --out DIR`. */
export function convertCommand(output: Output = CONSOLE, cwd = process.cwd(), exit: (code: number) => void = setExitCode): Command {
  const command = new Command("convert")
    .description("convert HCL for the okta provider into cdktf-okta code (org.ts), keeping every Terraform address or moving it")
    .argument("<paths...>", ".tf files, or directories holding them (all their .tf files are one configuration)")
    .requiredOption("--out <dir>", "where to write org.ts (and directory/*.csv)")
    .option("--data-threshold <n>", "users and groups above this many go to directory/*.csv, loaded with loadDirectory", threshold, DEFAULT_DATA_THRESHOLD)
    .option("--allow-partial", "write what can be converted, with a comment naming the HCL left out (exit 0)", false)
    .addHelpText("after", "\nExit codes: 0 written, 1 something could not be converted (nothing written), 2 usage error.")
    .action(async (paths: string[], options: { out: string; dataThreshold: number; allowPartial: boolean }) => {
      const result = await convert({ inputs: paths, out: options.out, allowPartial: options.allowPartial, dataThreshold: options.dataThreshold, cwd }, output);
      exit(result.exitCode);
    });
  return configure(command, output);
}

/** `cdktf-okta export --org-url https://ORG.okta.com --out DIR`. */
export function exportCommand(output: Output = CONSOLE, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), exit: (code: number) => void = setExitCode): Command {
  const command = new Command("export")
    .description("export a live Okta org into cdktf-okta code and data files whose first plan imports everything and changes nothing")
    .requiredOption("--org-url <url>", "the org's address, e.g. https://dev-123456.okta.com")
    .requiredOption("--out <dir>", "where to write org.ts and directory/*.csv")
    .option("--include <types...>", `also export these okta resource types, as generated bindings (${[...INCLUDABLE.keys()].join(", ")})`, [])
    .option("--data-threshold <n>", "users and groups above this many go to directory/*.csv", threshold, DEFAULT_DATA_THRESHOLD)
    .option("--max-api-capacity <percent>", "the share of each rate-limit bucket the export may use, like the provider's max_api_capacity", capacity, 50)
    .option("--no-resume", "start over instead of resuming an interrupted export in --out")
    .addHelpText(
      "after",
      "\nCredentials come from the okta provider's environment variables: OKTA_API_TOKEN, or OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES (read-only scopes suffice: okta.users.read, okta.groups.read, okta.schemas.read; with --include also okta.trustedOrigins.read, okta.networkZones.read, okta.apps.read).\nExit codes: 0 written, 1 the export failed (nothing written), 2 usage error.",
    )
    .action(async (options: { orgUrl: string; out: string; include: string[]; dataThreshold: number; maxApiCapacity: number; resume: boolean }) => {
      const code = await exportOrg(
        { orgUrl: options.orgUrl, out: options.out, include: options.include, dataThreshold: options.dataThreshold, maxApiCapacity: options.maxApiCapacity, resume: options.resume, env, cwd },
        output,
      );
      exit(code);
    });
  return configure(command, output);
}

/** Runs a command on arguments (without the program name) and returns its exit code. */
export async function runCommand(command: Command, args: readonly string[]): Promise<number> {
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await command.parseAsync([...args], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  } finally {
    process.exitCode = before;
  }
}
