#!/usr/bin/env node
/**
 * cdktf-okta init: writes a ready cdktf 0.21 app for several Okta orgs (dev, staging, prod) into a new
 * or empty directory.
 *
 *   npx cdktf-okta init [--force] [--cdktf-okta <spec>] [dir]
 *
 * Exit codes: 0 written, 2 the directory is not empty (nothing written; --force writes anyway),
 * 1 bad input or a file that cannot be written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { show } from "../problems/messages";
import { cdktfOktaVersion, starterFiles } from "../starter/starter";

/** Where the CLI writes; tests pass their own. */
export interface Output {
  /** Receives the report. */
  readonly out: (text: string) => void;
  /** Receives error messages. */
  readonly err: (text: string) => void;
}

const USAGE = `Usage: cdktf-okta init [--force] [--cdktf-okta <spec>] [dir]

Writes a cdktf 0.21 app for your Okta orgs into dir (default: the current directory), which must be
new or empty (a .git directory is allowed): main.ts with one OktaOrgStack per org (dev, staging and a
production prod) defined by one function, people and groups in directory/*.csv, a jest test, the
GitHub workflow (synth, guarded plans, guarded deploys, drift check), tsconfig.json, cdktf.json,
.gitignore and a package.json with pinned versions.

  --cdktf-okta <spec>  how the app's package.json asks for cdktf-okta: a version range, or the path to
                       a tarball made by npm pack (written as file:<path from dir>); default ^<this version>
  --force              write into a directory that is not empty, replacing files of the same names
                       (nothing else is touched)
  --help               print this text

Exit codes: 0 written, 2 the directory is not empty (nothing written), 1 bad input.`;

const messages = {
  usage: (problem: string) => `cdktf-okta: ${problem}\n${USAGE}`,
  notADirectory: (dir: string) => `cdktf-okta init: ${dir} exists and is not a directory; give a new or empty directory.`,
  notEmpty: (dir: string, entries: string[]) =>
    `cdktf-okta init: ${dir} is not empty (${entries.length} ${entries.length === 1 ? "entry" : "entries"}: ${listed(entries)}); nothing was written. Give a new or empty directory, or add --force to write the starter files over it (files of the same names are replaced, nothing else is touched).`,
  tarballMissing: (spec: string, file: string) =>
    `cdktf-okta init: --cdktf-okta ${show(spec)} names ${file}, which does not exist; give the tarball npm pack wrote (cdktf-okta-<version>.tgz) or a version range.`,
  writeFailed: (file: string, reason: string) => `cdktf-okta init: cannot write ${file} (${reason}); the app is incomplete: fix that and run again with --force.`,
  written: (dir: string, files: string[]) =>
    [
      `cdktf-okta init: wrote a cdktf-okta app into ${dir} (${files.length} files):`,
      ...files.map((file) => `  ${file}`),
      "Next:",
      ...(dir === "." ? [] : [`  cd ${dir}`]),
      "  npm install",
      "  npm run synth   # cdktf.out/stacks/okta-dev, okta-staging, okta-prod",
      "  npm test",
      "Then put your org names in main.ts and your people in directory/, and commit okta-addresses/ (the production address record) after the first synth.",
    ].join("\n"),
};

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Entries of a directory that do not make it "not empty": a fresh `git init`. */
const IGNORED_ENTRIES = new Set([".git"]);

/** Runs the CLI on `args` (without node and the script) and returns the exit code. */
export function main(args: string[], output: Output = CONSOLE): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        "cdktf-okta": { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    output.err(messages.usage((error as Error).message));
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  const [command, ...dirs] = positionals;
  if (command !== "init") {
    output.err(messages.usage(command === undefined ? "give a command: init." : `unknown command ${show(command)}; the command is init.`));
    return 1;
  }
  if (dirs.length > 1) {
    output.err(messages.usage(`give one directory, not ${dirs.length}.`));
    return 1;
  }
  const dir = dirs[0] ?? ".";
  if (values["cdktf-okta"] === "") {
    output.err(messages.usage("--cdktf-okta needs a version range or a tarball path, e.g. --cdktf-okta ./cdktf-okta-0.1.0.tgz."));
    return 1;
  }

  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) {
      output.err(messages.notADirectory(dir));
      return 1;
    }
    const entries = fs.readdirSync(dir).filter((entry) => !IGNORED_ENTRIES.has(entry)).sort();
    if (entries.length > 0 && !values.force) {
      output.err(messages.notEmpty(dir, entries));
      return 2;
    }
  }

  const spec = values["cdktf-okta"] ?? `^${cdktfOktaVersion()}`;
  const tarball = tarballPath(spec);
  if (tarball !== undefined && !fs.existsSync(tarball)) {
    output.err(messages.tarballMissing(spec, tarball));
    return 1;
  }
  const files = starterFiles({
    name: packageName(dir),
    cdktfOkta: tarball === undefined ? spec : `file:${path.relative(path.resolve(dir), tarball).split(path.sep).join("/")}`,
  });
  for (const file of files) {
    const target = path.join(dir, file.path);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    } catch (error) {
      output.err(messages.writeFailed(target, writeFailure(error as NodeJS.ErrnoException)));
      return 1;
    }
  }
  output.out(messages.written(dir, files.map((file) => file.path)));
  return 0;
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

function listed(entries: string[]): string {
  const shown = entries.slice(0, 5).join(", ");
  return entries.length > 5 ? `${shown}, and ${entries.length - 5} more` : shown;
}

function writeFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "EACCES") return "permission denied";
  if (error.code === "EISDIR") return "it is a directory";
  if (error.code === "ENOTDIR") return "a parent is not a directory";
  return error.message;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
