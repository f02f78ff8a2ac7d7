/**
 * `cdktf-okta init`: writes a ready cdktf 0.21 app for several Okta orgs (dev, staging, prod) into a new
 * or empty directory.
 *
 *   npx cdktf-okta init [--force] [--cdktf-okta <spec>] [dir]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { cliMessages } from "../../problems/sections/cli";
import { cdktfOktaVersion, starterFiles } from "../../starter/starter";
import { CommandContext, EXIT, exitCodesHelp, Output } from "../command";

/** Options of runInit. */
export interface InitOptions {
  /** Write into a directory that is not empty, replacing files of the same names. @default false */
  readonly force?: boolean;
  /** How the app's package.json asks for cdktf-okta: a version range or a tarball path. @default - ^<this version> */
  readonly cdktfOkta?: string;
}

/** Entries of a directory that do not make it "not empty": a fresh `git init`. */
const IGNORED_ENTRIES = new Set([".git"]);

/**
 * Writes the starter app into `dir` (default: the current directory); returns the exit code: 0 written,
 * 1 a file could not be written, 2 bad input (nothing written: a directory that is not empty without
 * force, a path that is a file, a tarball that does not exist).
 */
export function runInit(dir: string | undefined, options: InitOptions, output: Output): number {
  const target = dir ?? ".";
  if (options.cdktfOkta === "") {
    output.err(cliMessages.initEmptySpec());
    return EXIT.usage;
  }
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) {
      output.err(cliMessages.initNotADirectory(target));
      return EXIT.usage;
    }
    const entries = fs.readdirSync(target).filter((entry) => !IGNORED_ENTRIES.has(entry)).sort();
    if (entries.length > 0 && !options.force) {
      output.err(cliMessages.initNotEmpty(target, entries));
      return EXIT.usage;
    }
  }

  const spec = options.cdktfOkta ?? `^${cdktfOktaVersion()}`;
  const tarball = tarballPath(spec);
  if (tarball !== undefined && !fs.existsSync(tarball)) {
    output.err(cliMessages.initTarballMissing(spec, tarball));
    return EXIT.usage;
  }
  const files = starterFiles({
    name: packageName(target),
    cdktfOkta: tarball === undefined ? spec : `file:${path.relative(path.resolve(target), tarball).split(path.sep).join("/")}`,
  });
  for (const file of files) {
    const written = path.join(target, file.path);
    try {
      fs.mkdirSync(path.dirname(written), { recursive: true });
      fs.writeFileSync(written, file.content);
    } catch (error) {
      output.err(cliMessages.initWriteFailed(written, writeFailure(error as NodeJS.ErrnoException)));
      return EXIT.problems;
    }
  }
  output.out(cliMessages.initWritten(target, files.map((file) => file.path)));
  return EXIT.ok;
}

/** The `init` command. */
export function initCommand(context: CommandContext): Command {
  return new Command("init")
    .summary("write a cdktf 0.21 app for your Okta orgs into a new or empty directory")
    .description(
      "Writes a cdktf 0.21 app for your Okta orgs into dir, which must be new or empty (a .git directory is allowed): main.ts with one OktaOrgStack per org (dev, staging and a production prod) defined by one function, people and groups in directory/*.csv, a jest test, the GitHub workflow (synth, guarded plans, guarded deploys, drift check), tsconfig.json, cdktf.json, .gitignore and a package.json with pinned versions.",
    )
    .argument("[dir]", "where to write the app (default: the current directory)")
    .option("--cdktf-okta <spec>", "how the app's package.json asks for cdktf-okta: a version range, or the path to a tarball made by npm pack (written as file:<path from dir>); default ^<this version>")
    .option("--force", "write into a directory that is not empty, replacing files of the same names (nothing else is touched)")
    .addHelpText("after", exitCodesHelp({ ok: "written", problems: "a file could not be written (the app is incomplete)", usage: "usage error, or a directory that is not empty (nothing written)" }))
    .action((dir: string | undefined, options: InitOptions) => context.exit(runInit(dir, options, context.output)));
}

/** The tarball a path-like spec names (resolved from the current directory), or undefined for a version range. */
function tarballPath(spec: string): string | undefined {
  if (spec.startsWith("file:")) return path.resolve(spec.slice("file:".length));
  if (/^(\.{1,2}[\\/]|[\\/])/.test(spec) || /\.(tgz|tar\.gz)$/.test(spec)) return path.resolve(spec);
  return undefined;
}

/** An npm package name from the app directory's name ("My Okta" -> "my-okta"). */
function packageName(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|[._-]+$/g, "");
  return name === "" ? "okta-orgs" : name.slice(0, 214);
}

function writeFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "EACCES") return "permission denied";
  if (error.code === "EISDIR") return "it is a directory";
  if (error.code === "ENOTDIR") return "a parent is not a directory";
  return error.message;
}
