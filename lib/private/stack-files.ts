import * as fs from "node:fs";
import * as path from "node:path";
import { messages } from "./errors";

/** One synthesized stack: its name, its cdk.tf.json and the parsed Terraform JSON. */
export interface StackFile {
  /** The stack's name (its directory under stacks/). */
  readonly name: string;
  /** Path of its cdk.tf.json. */
  readonly file: string;
  /** The parsed Terraform JSON. */
  readonly tf: any;
}

/** The stacks of a cdktf output directory (`<outdir>/stacks/<name>/cdk.tf.json`), sorted by name. */
export function readStackFiles(outdir: string): StackFile[] {
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({ name, file: path.join(stacksDir, name, "cdk.tf.json") }))
    .filter((stack) => fs.existsSync(stack.file))
    .map((stack) => ({ ...stack, tf: readStackJson(stack.file) }));
}

/** A cdk.tf.json's content; a file that is not JSON is an error naming it. */
export function readStackJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(messages.badStackJson(file, (error as Error).message));
  }
}
