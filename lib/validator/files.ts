/**
 * Finds and reads Terraform JSON files, grouped into modules: all *.tf.json files of one
 * directory form one module (so cdktf.out/stacks/<stack>/cdk.tf.json is a module per stack).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformJsonFile, ValidationProblem, idAndMessage } from "./types";
import { parseTerraformJsonText } from "./json-text";
import { fileProblems } from "./messages";

/** Directories never searched: dependencies, provider caches, version control. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".terraform", ".git"]);

const SUFFIX = ".tf.json";

/** Files read from disk, and the problems met reading them. */
export interface ReadResult {
  readonly files: TerraformJsonFile[];
  readonly problems: ValidationProblem[];
}

/**
 * Reads the *.tf.json files a list of paths names: files as given, directories recursively.
 * Unreadable paths, unparsable files and directories without any *.tf.json file become problems.
 * A key repeated in one JSON object is kept, as Terraform keeps it (see json-text.ts).
 */
export function readTerraformJson(paths: readonly string[]): ReadResult {
  const files: TerraformJsonFile[] = [];
  const problems: ValidationProblem[] = [];
  // A file named twice (e.g. a directory and a file in it) is read once: it is one module's file.
  const seen = new Set<string>();
  for (const given of paths) {
    let names: string[];
    try {
      names = fs.statSync(given).isDirectory() ? findFiles(given) : [given];
    } catch (error) {
      problems.push({ file: given, path: "", ...idAndMessage(fileProblems.unreadable(error)) });
      continue;
    }
    if (names.length === 0) {
      problems.push({ file: given, path: "", ...idAndMessage(fileProblems.noFiles(given)) });
    }
    for (const name of names) {
      if (seen.has(path.resolve(name))) {
        continue;
      }
      seen.add(path.resolve(name));
      let text: string;
      try {
        text = fs.readFileSync(name, "utf8");
      } catch (error) {
        problems.push({ file: name, path: "", ...idAndMessage(fileProblems.unreadable(error)) });
        continue;
      }
      try {
        files.push({ path: name, json: parseTerraformJsonText(text) });
      } catch (error) {
        problems.push({ file: name, path: "", ...idAndMessage(fileProblems.notJson(error)) });
      }
    }
  }
  return { files, problems };
}

/** Groups files into modules by directory, keeping the order in which directories first appear. */
export function groupByDirectory(files: readonly TerraformJsonFile[]): TerraformJsonFile[][] {
  const modules = new Map<string, TerraformJsonFile[]>();
  for (const file of files) {
    const directory = path.dirname(path.resolve(file.path));
    const module = modules.get(directory);
    if (module === undefined) {
      modules.set(directory, [file]);
    } else {
      module.push(file);
    }
  }
  return [...modules.values()];
}

/** Every *.tf.json file under a directory, sorted, depth first. */
function findFiles(directory: string): string[] {
  let found: string[] = [];
  const entries = fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) {
      found = found.concat(findFiles(full));
    } else if (entry.isFile() && entry.name.endsWith(SUFFIX)) {
      found.push(full);
    }
  }
  return found;
}
