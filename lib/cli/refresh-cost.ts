#!/usr/bin/env node
/**
 * Estimates the Okta API calls one plan's refresh makes for each synthesized stack, per rate-limit
 * bucket, and the shortest time that takes at an org tier.
 *
 *   node dist/lib/cli/refresh-cost.js [--tier enterprise] [--share 50] [cdktf.out | cdktf.out/stacks/okta-dev | path/to/cdk.tf.json]
 */
import { parseArgs } from "node:util";
import { messages } from "../problems/messages";
import { suggest } from "../util/suggest";
import { StackFile, StackInputError, resolveStacks } from "../analysis/stack-files";
import { ORG_TIERS, OrgTier, estimateRefreshCost, formatRefreshAssumptions, formatRefreshCost } from "../analysis/refresh-cost";

const USAGE = `usage: refresh-cost [--tier ${ORG_TIERS.join("|")}] [--share <percent>] [cdktf.out | stack dir | cdk.tf.json]

Estimates each stack's refresh (default: every stack of cdktf.out), then the assumptions once.

  --tier   the org's tier, which sets the rate limits (default enterprise)
  --share  percentage of each rate-limit bucket the API token may use (default 50, Okta's default)`;

/** Runs the command; returns the exit code. `print` receives stdout lines, `printError` stderr lines. */
export function main(argv: string[], print: (text: string) => void = console.log, printError: (text: string) => void = console.error): number {
  let values: { tier?: string; share?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { tier: { type: "string" }, share: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    printError(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    printError(`expected at most one cdktf.out, stack directory or cdk.tf.json, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  const tier = values.tier ?? "enterprise";
  if (!(ORG_TIERS as readonly string[]).includes(tier)) {
    printError(messages.refreshCostBadTier(tier, ORG_TIERS, suggest(tier, ORG_TIERS)));
    return 2;
  }
  const share = values.share === undefined ? 50 : Number(values.share.replace(/%$/, ""));
  if (!(share > 0 && share <= 100)) {
    printError(messages.refreshCostBadShare(values.share ?? share));
    return 2;
  }
  let stacks: StackFile[];
  try {
    stacks = resolveStacks(positionals[0] ?? "cdktf.out");
  } catch (error) {
    if (!(error instanceof StackInputError)) throw error;
    printError(error.message);
    return 1;
  }
  const costs = stacks.map(({ name, tf }) => ({ name, cost: estimateRefreshCost(tf, { tier: tier as OrgTier, share }) }));
  const reports = costs.map(({ name, cost }) => formatRefreshCost(cost, name, { assumptions: false }));
  const estimated = costs.map(({ cost }) => cost).filter((cost) => cost.types.length > 0);
  if (estimated.length > 0) reports.push(formatRefreshAssumptions(estimated));
  print(reports.join("\n\n"));
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
