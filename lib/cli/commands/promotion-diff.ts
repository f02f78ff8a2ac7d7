/**
 * `cdktf-okta promotion-diff`: what promoting one synthesized stack (e.g. okta-dev) into another (e.g.
 * okta-prod) would change in the target, offline.
 *
 *   cdktf-okta promotion-diff --from cdktf.out/stacks/okta-dev --to cdktf.out/stacks/okta-prod \
 *     [--ignore 'okta_user.test_*']... [--fail-on-diff] [--json]
 */
import * as path from "node:path";
import { Command } from "commander";
import { formatPromotionDiff, hasDifferences, promotionDiff, SynthesizedStack } from "../../analysis/promotion-diff";
import { StackFile, StackInputError, resolveStacks } from "../../analysis/stack-files";
import { messages } from "../../problems/messages";
import { cliMessages } from "../../problems/sections/cli";
import { CommandContext, EXIT, exitCodesHelp, Output, repeatable } from "../command";

/** Options of runPromotionDiff. */
export interface PromotionDiffCliOptions {
  /** The stack to promote: a stack directory, its cdk.tf.json, or a cdktf output directory holding one stack. */
  readonly from: string;
  /** The stack that would receive it, given the same ways. */
  readonly to: string;
  /** Address globs to leave out. @default - none */
  readonly ignore?: readonly string[];
  /** Exit 1 when there are differences. @default false */
  readonly failOnDiff?: boolean;
  /** Print the PromotionDiff as one JSON document instead of the report. @default false */
  readonly json?: boolean;
}

/** Compares the stacks; returns the exit code: 0 done, 1 differences with failOnDiff, 2 bad input. */
export function runPromotionDiff(options: PromotionDiffCliOptions, output: Output): number {
  const ignore = options.ignore ?? [];
  if (ignore.includes("")) {
    output.err(cliMessages.emptyGlob("cdktf-okta promotion-diff", "--ignore"));
    return EXIT.usage;
  }
  let from: SynthesizedStack;
  let to: SynthesizedStack;
  try {
    from = readStack("--from", options.from);
    to = readStack("--to", options.to);
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    output.err(error.message);
    return EXIT.usage;
  }
  const diff = promotionDiff(from, to, { ignore: [...ignore] });
  output.out(options.json ? JSON.stringify(diff, null, 2) : formatPromotionDiff(diff, { from: options.from, to: options.to }));
  return options.failOnDiff && hasDifferences(diff) ? EXIT.problems : EXIT.ok;
}

/** The `promotion-diff` command. */
export function promotionDiffCommand(context: CommandContext): Command {
  return new Command("promotion-diff")
    .summary("what promoting one synthesized stack into another would change in the target, offline")
    .description(
      "Reports what the --to stack would gain (+), lose (-), move (>, from its address -> to the address a moved block of the --from stack gives it, e.g. a renamedFrom) and change (~, its value -> the --from value) if it received the --from stack's resources. A <stack> is a stack directory (cdktf.out/stacks/okta-dev), its cdk.tf.json, or a cdktf output directory that holds one stack.",
    )
    .requiredOption("--from <stack>", "the stack to promote, e.g. cdktf.out/stacks/okta-dev")
    .requiredOption("--to <stack>", "the stack that would receive it, e.g. cdktf.out/stacks/okta-prod")
    .option("--ignore <address>", 'leave matching addresses out ("*" matches any characters, "?" one), and list entries pointing at them; repeatable', repeatable)
    .option("--fail-on-diff", "exit 1 when there are differences")
    .option("--json", "print the diff as one JSON document: { added, removed, moved, changed, ignored }")
    .addHelpText("after", exitCodesHelp({ ok: "compared (no differences, or differences without --fail-on-diff)", problems: "differences, with --fail-on-diff", usage: "usage error, or a path holding no stack (or several)" }))
    .action((options: PromotionDiffCliOptions) => context.exit(runPromotionDiff(options, context.output)));
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
