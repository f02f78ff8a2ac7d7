#!/usr/bin/env node
/**
 * cdktf-okta-guard: a plan guard for CI. Reads Terraform's JSON plan and fails when it would delete or
 * replace users, groups, group rules, user schema properties or identity-source records (with
 * --production: anything).
 *
 *   terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > okta-dev.plan.json
 *   node dist/lib/cli/guard.js [--production] [--allow 'okta_user.old_*']... okta-dev.plan.json
 *
 * Exit codes: 0 nothing guarded is deleted or replaced (or all of it is allowed), 2 something is,
 * 1 bad input.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { formatPlanGuard, guardPlan, TerraformJsonPlan } from "../analysis/plan-guard";
import { messages } from "../problems/messages";

/** Where the CLI writes; tests pass their own. */
export interface Output {
  /** Receives the report. */
  readonly out: (text: string) => void;
  /** Receives error messages. */
  readonly err: (text: string) => void;
}

const USAGE = `Usage: cdktf-okta-guard [--production] [--allow <glob>]... <plan.json>

Reads a JSON plan (terraform show -json PLANFILE > plan.json) and fails when it deletes or replaces an
okta_user, okta_group, okta_group_rule, okta_user_schema_property or identity-source record.

  --allow <glob>  accept the deletions and replacements of matching addresses ("*" matches any
                  characters, "?" one; the glob covers the whole address); repeatable
  --production    the plan is a production org's: guard every resource, whatever its type
  --help          print this text

Exit codes: 0 nothing guarded is deleted or replaced (or all of it is allowed), 2 something is, 1 bad input.`;

const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs the CLI on `args` (without node and the script) and returns the exit code. */
export function main(args: string[], output: Output = CONSOLE): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        allow: { type: "string", multiple: true },
        production: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    output.err(messages.guardUsage((error as Error).message, USAGE));
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? "give the JSON plan to check." : `give one JSON plan, not ${positionals.length}.`;
    output.err(messages.guardUsage(problem, USAGE));
    return 1;
  }
  const allow = values.allow ?? [];
  if (allow.includes("")) {
    output.err(messages.guardUsage("--allow needs a glob, e.g. --allow 'okta_user.old_*'.", USAGE));
    return 1;
  }

  const file = positionals[0];
  let plan: TerraformJsonPlan;
  try {
    plan = readPlan(file);
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    output.err(error.message);
    return 1;
  }
  const result = guardPlan(plan, { allow, production: values.production });
  output.out(formatPlanGuard(result, file));
  return result.blocked ? 2 : 0;
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

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
