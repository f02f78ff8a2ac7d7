import * as fs from "node:fs";
import * as path from "node:path";
import { messages } from "../problems/messages";

/** One synthesized stack: its name, its cdk.tf.json and the parsed Terraform JSON. */
export interface StackFile {
  /** The stack's name (its directory under stacks/). */
  readonly name: string;
  /** Path of its cdk.tf.json. */
  readonly file: string;
  /** The parsed Terraform JSON. */
  readonly tf: any;
}

/** Where a synthesized stack is, before it is read. */
export type StackLocation = Omit<StackFile, "tf">;

/** What a command was pointed at does not hold synthesized stacks; the message names the path and what is accepted. */
export class StackInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackInputError";
  }
}

/** The stacks of a cdktf output directory (`<outdir>/stacks/<name>/cdk.tf.json`), sorted by name. */
export function readStackFiles(outdir: string): StackFile[] {
  return stacksIn(outdir).map((stack) => ({ ...stack, tf: readStackJson(stack.file) }));
}

/**
 * The stacks a user pointed a command at: a cdktf output directory (all its stacks, sorted by name),
 * one stack's directory, or a cdk.tf.json (named after its directory). Anything else, a file that is
 * not JSON, or JSON that is not a synthesized stack is a StackInputError naming the path.
 */
export function resolveStacks(given: string): StackFile[] {
  return locateStacks(given).map((stack) => {
    const tf = readStackJson(stack.file);
    if (typeof tf !== "object" || tf === null || Array.isArray(tf) || !("resource" in tf || "terraform" in tf)) {
      throw new StackInputError(messages.stackInputNotStack(stack.file));
    }
    return { ...stack, tf };
  });
}

/** Where the stacks are that `given` names (see resolveStacks), without reading them. */
export function locateStacks(given: string): StackLocation[] {
  const stat = fs.statSync(given, { throwIfNoEntry: false });
  if (stat === undefined) throw new StackInputError(messages.stackInputMissing(given));
  if (!stat.isDirectory()) return [{ name: path.basename(path.dirname(path.resolve(given))), file: given }];
  const file = path.join(given, "cdk.tf.json");
  if (fs.existsSync(file)) return [{ name: path.basename(path.resolve(given)), file }];
  if (!fs.existsSync(path.join(given, "stacks"))) throw new StackInputError(messages.stackInputUnknownDirectory(given));
  const stacks = stacksIn(given);
  if (stacks.length === 0) throw new StackInputError(messages.stackInputNoStacks(given));
  return stacks;
}

/** A cdk.tf.json's content; a file that is not JSON is an error naming it. */
export function readStackJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new StackInputError(messages.badStackJson(file, (error as Error).message));
  }
}

/** The stacks a cdktf output directory holds (`<outdir>/stacks/<name>/cdk.tf.json`), sorted by name, without reading them. */
export function stacksIn(outdir: string): StackLocation[] {
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({ name, file: path.join(stacksDir, name, "cdk.tf.json") }))
    .filter((stack) => fs.existsSync(stack.file));
}
