/**
 * `cdktf-okta cost`: estimates the Okta API calls one plan's refresh makes for each synthesized stack,
 * per rate-limit bucket, and the shortest time that takes at an org tier.
 *
 *   cdktf-okta cost [--tier enterprise] [--share 50] [--json] [cdktf.out | cdktf.out/stacks/okta-dev | path/to/cdk.tf.json]
 */
import { Command } from "commander";
import { ORG_TIERS, OrgTier, RefreshCost, estimateRefreshCost, formatRefreshAssumptions, formatRefreshCost } from "../../analysis/refresh-cost";
import { StackFile, StackInputError, resolveStacks } from "../../analysis/stack-files";
import { messages } from "../../problems/messages";
import { suggest } from "../../util/suggest";
import { CommandContext, EXIT, exitCodesHelp, Output } from "../command";

/** Options of runCost, as given on the command line. */
export interface CostOptions {
  /** The org's tier, one of ORG_TIERS. @default "enterprise" */
  readonly tier?: string;
  /** The percentage of each bucket the token may use, from 1 to 100, with or without "%". @default "50" */
  readonly share?: string;
  /** Print the estimates as one JSON document (CostJson) instead of the tables. @default false */
  readonly json?: boolean;
}

/** What `cdktf-okta cost --json` prints: each stack's estimate, in the order of the stacks. */
export interface CostJson {
  readonly stacks: { readonly name: string; readonly cost: RefreshCost }[];
}

/** Estimates each stack `given` names (default cdktf.out); returns the exit code: 0 done, 2 bad input. */
export function runCost(given: string | undefined, options: CostOptions, output: Output): number {
  const tier = options.tier ?? "enterprise";
  if (!(ORG_TIERS as readonly string[]).includes(tier)) {
    output.err(messages.refreshCostBadTier(tier, ORG_TIERS, suggest(tier, ORG_TIERS)));
    return EXIT.usage;
  }
  const share = options.share === undefined ? 50 : Number(options.share.replace(/%$/, ""));
  if (!(share > 0 && share <= 100)) {
    output.err(messages.refreshCostBadShare(options.share ?? share));
    return EXIT.usage;
  }
  let stacks: StackFile[];
  try {
    stacks = resolveStacks(given ?? "cdktf.out");
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    output.err(error.message);
    return EXIT.usage;
  }
  const costs = stacks.map(({ name, tf }) => ({ name, cost: estimateRefreshCost(tf, { tier: tier as OrgTier, share }) }));
  if (options.json) {
    const json: CostJson = { stacks: costs };
    output.out(JSON.stringify(json, null, 2));
    return EXIT.ok;
  }
  const reports = costs.map(({ name, cost }) => formatRefreshCost(cost, name, { assumptions: false }));
  const estimated = costs.map(({ cost }) => cost).filter((cost) => cost.types.length > 0);
  if (estimated.length > 0) reports.push(formatRefreshAssumptions(estimated));
  output.out(reports.join("\n\n"));
  return EXIT.ok;
}

/** The `cost` command. */
export function costCommand(context: CommandContext): Command {
  return new Command("cost")
    .summary("how long a plan's refresh takes: the Okta API calls of each stack per rate-limit bucket")
    .description("Estimates each stack's refresh (default: every stack of cdktf.out), then prints the assumptions once.")
    .argument("[stacks]", "cdktf.out, one stack's directory or its cdk.tf.json (default: cdktf.out)")
    .option("--tier <tier>", `the org's tier, which sets the rate limits: ${ORG_TIERS.join(", ")} (default: enterprise)`)
    .option("--share <percent>", "percentage of each rate-limit bucket the API token may use (default: 50, Okta's default)")
    .option("--json", "print the estimates as one JSON document: { stacks: [{ name, cost }] }")
    .addHelpText("after", exitCodesHelp({ ok: "estimated", usage: "usage error, or a path holding no stack" }))
    .action((given: string | undefined, options: CostOptions) => context.exit(runCost(given, options, context.output)));
}
