#!/usr/bin/env node
/**
 * promotion-diff: what promoting one synthesized stack (e.g. okta-dev) into another (e.g. okta-prod)
 * would change in the target, offline.
 *
 *   node dist/lib/cli/promotion-diff.js --from cdktf.out/stacks/okta-dev --to cdktf.out/stacks/okta-prod \
 *     [--ignore 'okta_user.test_*']... [--fail-on-diff] [--json]
 *
 * Exit codes: 0 done (no differences, or differences without --fail-on-diff), 2 differences with
 * --fail-on-diff, 1 bad input.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { messages } from "../problems/messages";
import { StackFile, StackInputError, resolveStacks } from "../analysis/stack-files";
import { formatPromotionDiff, hasDifferences, promotionDiff, SynthesizedStack } from "../analysis/promotion-diff";

/** Where the CLI writes; tests pass their own. */
export interface Output {
  /** Receives the report. */
  readonly out: (text: string) => void;
  /** Receives error messages. */
  readonly err: (text: string) => void;
}

const USAGE = `Usage: promotion-diff --from <stack> --to <stack> [--ignore <address>]... [--fail-on-diff] [--json]

Reports what the --to stack would gain (+), lose (-), move (>, from its address -> to the address a
moved block of the --from stack gives it, e.g. a renamedFrom) and change (~, its value -> the --from
value) if it received the --from stack's resources. A <stack> is a stack directory
(cdktf.out/stacks/okta-dev), its cdk.tf.json, or a cdktf output directory that holds one stack.
--ignore leaves addresses out ("*" matches any characters). Exit codes: 0 done, 2 differences with
--fail-on-diff, 1 bad input.`;

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs the CLI on `args` (without node and the script) and returns the exit code. */
export function main(args: string[], output: Output = CONSOLE): number {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        ignore: { type: "string", multiple: true },
        "fail-on-diff": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    output.err(messages.promotionDiffUsage((error as Error).message, USAGE));
    return 1;
  }
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (!values.from || !values.to) {
    output.err(messages.promotionDiffUsage(`${!values.from ? "--from" : "--to"} is required.`, USAGE));
    return 1;
  }

  let from: SynthesizedStack;
  let to: SynthesizedStack;
  try {
    from = readStack("--from", values.from);
    to = readStack("--to", values.to);
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    output.err(error.message);
    return 1;
  }

  const diff = promotionDiff(from, to, { ignore: values.ignore });
  output.out(values.json ? JSON.stringify(diff, null, 2) : formatPromotionDiff(diff, { from: values.from, to: values.to }));
  return values["fail-on-diff"] && hasDifferences(diff) ? 2 : 0;
}

/** The one stack `given` names: a stack directory, its cdk.tf.json, or a cdktf output directory that holds one stack. */
function readStack(option: string, given: string): SynthesizedStack {
  let stacks: StackFile[];
  try {
    stacks = resolveStacks(given);
  } catch (error) {
    if (error instanceof StackInputError) throw new StackInputError(messages.promotionDiffInput(option, error.message));
    throw error;
  }
  if (stacks.length > 1) {
    const names = stacks.map((stack) => stack.name);
    throw new StackInputError(messages.promotionDiffSeveralStacks(option, given, names, path.join(given, "stacks", names[0])));
  }
  return stacks[0].tf as SynthesizedStack;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
