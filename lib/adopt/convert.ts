/**
 * `cdktf-okta convert`: HCL in, org.ts (and data files) out. Nothing is written when something cannot
 * be converted, unless allowPartial: then the rest is written with a comment naming what was left out.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { adoptMessages } from "../problems/sections/adopt";
import { readHcl } from "./hcl";
import { Remark } from "./model";
import { WrittenFiles, writeOrg } from "./writer";
import { Output } from "../util/output";

/** Where a command writes what it says. */

export interface ConvertOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly allowPartial?: boolean;
  readonly dataThreshold?: number;
  readonly cwd?: string;
}

export interface ConvertResult {
  /** 0 written, 1 problems (nothing written). */
  readonly exitCode: 0 | 1;
  /** What could not be converted. */
  readonly skipped: readonly Remark[];
  /** The files written (relative to out), empty when nothing was. */
  readonly files: WrittenFiles;
}

export async function convert(options: ConvertOptions, output: Output): Promise<ConvertResult> {
  const cwd = options.cwd ?? process.cwd();
  const read = await readHcl(options.inputs, cwd);
  if (read.fatal.length > 0) {
    for (const problem of read.fatal) output.err(problem);
    output.err(adoptMessages.convertFailed(read.fatal.length));
    return { exitCode: 1, skipped: [], files: new Map() };
  }
  const { snapshot } = read;
  if (snapshot.skipped.length > 0 && !options.allowPartial) {
    for (const remark of snapshot.skipped) output.err(remark.text);
    output.err(adoptMessages.convertIncomplete(snapshot.skipped.length));
    return { exitCode: 1, skipped: snapshot.skipped, files: new Map() };
  }
  const files = await writeOrg(snapshot, {
    madeFrom: `\`cdktf-okta convert\` from ${read.files.join(", ")}`,
    dataThreshold: options.dataThreshold,
  });
  const outDir = path.resolve(cwd, options.out);
  writeFiles(outDir, files);
  for (const remark of snapshot.skipped) output.err(`left out: ${remark.text}`);
  const counts = [
    [snapshot.users.length, "user"],
    [snapshot.groups.length, "group"],
    [snapshot.rules.length, "group rule"],
    [snapshot.schemaProperties.length, "schema property"],
    [snapshot.raw.length, "other block"],
  ] as const;
  const plural = (n: number, what: string) => (n === 1 ? `1 ${what}` : `${n} ${what.endsWith("y") ? `${what.slice(0, -1)}ies` : `${what}s`}`);
  const summary = counts.filter(([n]) => n > 0).map(([n, what]) => plural(n, what));
  output.out(`Wrote ${[...files.keys()].map((f) => path.join(options.out, f)).join(", ")}${summary.length ? ` (${summary.join(", ")})` : ""}.`);
  if (snapshot.moved.length > 0) output.out(`${snapshot.moved.length} moved block${snapshot.moved.length === 1 ? "" : "s"} keep the old addresses' state: the first plan should show them as moves, with 0 to add and 0 to destroy.`);
  return { exitCode: 0, skipped: snapshot.skipped, files };
}

/** Writes the files under dir, creating folders. */
export function writeFiles(dir: string, files: WrittenFiles): void {
  for (const [file, content] of files) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}
