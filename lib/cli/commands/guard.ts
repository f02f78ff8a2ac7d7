/**
 * `cdktf-okta guard`: a plan guard for CI. Reads Terraform's JSON plan and fails when it would delete or
 * replace users, groups, group rules, user schema properties or identity-source records (with
 * --production: anything).
 *
 *   terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > okta-dev.plan.json
 *   cdktf-okta guard [--production] [--allow 'okta_user.old_*']... [--json] okta-dev.plan.json
 */
import * as fs from "node:fs";
import { Command } from "commander";
import { formatPlanGuard, guardPlan, PlanGuardResult, TerraformJsonPlan } from "../../analysis/plan-guard";
import { messages } from "../../problems/messages";
import { cliMessages } from "../../problems/sections/cli";
import { CommandContext, EXIT, exitCodesHelp, Output, repeatable } from "../command";

/** Options of runGuard. */
export interface GuardOptions {
  /** Address globs whose deletions and replacements are accepted. @default - none */
  readonly allow?: readonly string[];
  /** Guard every resource, whatever its type. @default false */
  readonly production?: boolean;
  /** Print the result as one JSON document (GuardJson) instead of the report. @default false */
  readonly json?: boolean;
}

/** What `cdktf-okta guard --json` prints: the plan file and guardPlan's result. */
export interface GuardJson extends PlanGuardResult {
  /** The JSON plan, as given. */
  readonly plan: string;
}

/** Guards the JSON plan in `file`; returns the exit code: 0 passed, 1 something guarded is deleted or replaced, 2 bad input. */
export function runGuard(file: string, options: GuardOptions, output: Output): number {
  const allow = options.allow ?? [];
  if (allow.includes("")) {
    output.err(cliMessages.emptyGlob("cdktf-okta guard", "--allow"));
    return EXIT.usage;
  }
  let plan: TerraformJsonPlan;
  try {
    plan = readPlan(file);
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    output.err(error.message);
    return EXIT.usage;
  }
  const result = guardPlan(plan, { allow, production: options.production });
  const json: GuardJson = { plan: file, ...result };
  output.out(options.json ? JSON.stringify(json, null, 2) : formatPlanGuard(result, file));
  return result.blocked ? EXIT.problems : EXIT.ok;
}

/** The `guard` command. */
export function guardCommand(context: CommandContext): Command {
  return new Command("guard")
    .summary("fail when a JSON plan deletes or replaces users, groups and other objects that hold data")
    .description(
      "Reads a JSON plan (terraform show -json PLANFILE > plan.json) and fails when it deletes or replaces an okta_user, okta_group, okta_group_rule, okta_user_schema_property or identity-source record (with --production: any resource).",
    )
    .argument("<plan>", "the JSON plan: terraform show -json PLANFILE > plan.json")
    .option("--allow <glob>", 'accept the deletions and replacements of matching addresses ("*" matches any characters, "?" one; the glob covers the whole address); repeatable', repeatable)
    .option("--production", "the plan is a production org's: guard every resource, whatever its type")
    .option("--json", "print the result as one JSON document: { plan, findings, blocked, production, counts }")
    .addHelpText("after", exitCodesHelp({ ok: "nothing guarded is deleted or replaced (or all of it is allowed)", problems: "something guarded is deleted or replaced", usage: "usage error, or a plan that cannot be read" }))
    .action((file: string, options: GuardOptions) => context.exit(runGuard(file, options, context.output)));
}

class PlanInputError extends Error {}

/** Reads and checks a JSON plan as far as the guard relies on it. */
function readPlan(file: string): TerraformJsonPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PlanInputError(messages.planFileUnreadable(file, readFailure(error as NodeJS.ErrnoException)));
  }
  if (text.trim() === "") throw new PlanInputError(messages.planFileEmpty(file));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(messages.planFileBadJson(file, (error as Error).message));
  }
  if (!isObject(parsed) || !("resource_changes" in parsed || ("format_version" in parsed && "planned_values" in parsed))) {
    throw new PlanInputError(messages.planFileNotPlan(file));
  }
  if (parsed.format_version !== undefined && !/^1\./.test(String(parsed.format_version))) {
    throw new PlanInputError(messages.planFileFormatVersion(file, parsed.format_version));
  }
  const changes = parsed.resource_changes;
  if (changes === undefined) return parsed as TerraformJsonPlan;
  if (!Array.isArray(changes)) throw new PlanInputError(messages.planFileBadChange(file, "resource_changes", "is not a list"));
  changes.forEach((change: unknown, i) => {
    const problem = changeProblem(change);
    if (problem !== undefined) throw new PlanInputError(messages.planFileBadChange(file, `resource_changes[${i}]`, problem));
  });
  return parsed as TerraformJsonPlan;
}

/** What keeps a resource_changes entry from being read, or undefined. */
function changeProblem(change: unknown): string | undefined {
  if (!isObject(change)) return "is not an object";
  if (typeof change.address !== "string") return 'has no "address"';
  if (typeof change.type !== "string") return `(${change.address}) has no "type"`;
  const actions = isObject(change.change) ? change.change.actions : undefined;
  if (!Array.isArray(actions) || !actions.every((a) => typeof a === "string")) return `(${change.address}) has no "change.actions" list`;
  const paths = isObject(change.change) ? change.change.replace_paths : undefined;
  if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => Array.isArray(p) && p.every((s) => typeof s === "string" || typeof s === "number")))) {
    return `(${change.address}) has a "change.replace_paths" that is not a list of attribute paths`;
  }
  return undefined;
}

function readFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "no such file";
  if (error.code === "EISDIR") return "it is a directory";
  if (error.code === "EACCES") return "permission denied";
  return error.message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
