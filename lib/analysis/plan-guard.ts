import { messages } from "../problems/messages";
import { addressGlob } from "../util/glob";
import { shellQuote } from "../problems/messages";
import { joinPath } from "../util/json-path";

/**
 * Terraform's JSON plan (`terraform show -json PLANFILE`, format_version 1.x), as far as the plan guard reads it.
 * @see https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
 */
export interface TerraformJsonPlan {
  /** "1.2" and the like; the guard reads format 1.x. */
  readonly format_version?: string;
  /** One entry per resource instance the plan touches (no-op ones included). Absent when there are none. */
  readonly resource_changes?: readonly TerraformResourceChange[];
  /** Everything else (planned_values, configuration, prior_state, ...) is not read. */
  readonly [key: string]: unknown;
}

/** One entry of a JSON plan's resource_changes. */
export interface TerraformResourceChange {
  /** The instance's address, e.g. "okta_user.jane_doe" or 'module.hr.okta_user.staff["e1001"]'. */
  readonly address: string;
  /** The address in the prior state when a moved block (or a refactoring) moved the resource. */
  readonly previous_address?: string;
  /** "managed" for resources, "data" for data sources. */
  readonly mode?: string;
  /** The resource type, e.g. "okta_user". */
  readonly type: string;
  /** The resource name, e.g. "jane_doe". */
  readonly name?: string;
  /** The count index or for_each key, when the resource has one. */
  readonly index?: string | number;
  /** Why Terraform chose the action, e.g. "replace_because_cannot_update" or "delete_because_no_resource_config". */
  readonly action_reason?: string;
  /** The planned change. */
  readonly change: {
    /** ["create"], ["update"], ["delete"], ["delete", "create"], ["create", "delete"], ["no-op"], ["read"], ["forget"], ... */
    readonly actions: readonly string[];
    /** For a replacement, the attribute paths that force it, e.g. [["index"]] or [["profile", 0, "email"]]. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    /** Present when the plan imports the object (an import block). */
    readonly importing?: unknown;
  };
}

/** Options of guardPlan. */
export interface PlanGuardOptions {
  /**
   * Address globs whose deletions and replacements are accepted: "*" matches any characters (also "[", "]"
   * and '"', so 'module.hr.okta_user.staff[*]' works), "?" exactly one; each glob matches the whole address.
   * @default - none: every guarded deletion or replacement blocks the plan
   */
  readonly allow?: readonly string[];
  /**
   * The plan is a production org's stack: every deletion and replacement is guarded, whatever the
   * resource type (memberships, assignments, import jobs, ...).
   * @default false
   */
  readonly production?: boolean;
}

/** A guarded deletion or replacement in a plan. */
export interface PlanGuardFinding {
  /** The resource instance's address, e.g. "okta_user.jane_doe". */
  readonly address: string;
  /** "delete" (the object goes), or "replace" (it is deleted and created again, losing its Okta id and history). */
  readonly action: "delete" | "replace";
  /** For a replacement, the attributes that force it, e.g. ["index"] or ["profile[0].email"]; empty otherwise. */
  readonly replacePaths: string[];
  /** Terraform's reason, e.g. "replace_because_cannot_update"; undefined when the plan gives none. */
  readonly actionReason?: string;
  /** The --allow glob that accepts the change; undefined when nothing does, and the change blocks the plan. */
  readonly allowedBy?: string;
}

/** What a plan does, counted per resource instance like Terraform's own summary (replacements apart). */
export interface PlanChangeCounts {
  /** Instances created (["create"]), replacements not included. */
  readonly add: number;
  /** Instances updated in place. */
  readonly change: number;
  /** Instances deleted and created again, in either order. */
  readonly replace: number;
  /** Instances deleted (["delete"]). */
  readonly destroy: number;
  /** Instances removed from state without being destroyed (removed blocks with destroy = false). */
  readonly forget: number;
  /** Instances an import block imports. */
  readonly imported: number;
  /** Instances a moved block moves (previous_address). */
  readonly moved: number;
}

/** The outcome of guardPlan. */
export interface PlanGuardResult {
  /** The guarded deletions and replacements, in plan order, allowed ones included. */
  readonly findings: PlanGuardFinding[];
  /** True when a finding is not allowed: the plan must not be applied as it is. */
  readonly blocked: boolean;
  /** Whether the plan was guarded as a production stack's. */
  readonly production: boolean;
  /** What the plan does. */
  readonly counts: PlanChangeCounts;
}

/**
 * Resource types whose deletion or replacement loses data in any org: users (with their factors and app
 * history), groups and rules (their memberships and app assignments), user schema properties (every user's
 * value of the attribute) and identity-source records.
 */
const GUARDED_TYPES: readonly string[] = [
  "okta_user",
  "okta_group",
  "okta_group_rule",
  "okta_user_schema_property",
  "okta_identity_source_user",
  "okta_identity_source_group",
  "okta_identity_source_group_membership",
];

/**
 * Checks a Terraform JSON plan before it is applied: finds every deletion and replacement (actions with
 * "delete") of a user, group, group rule, user schema property or identity-source record, or, with
 * `production`, of anything. A finding blocks the plan unless an `allow` glob matches its address.
 * Data sources, updates in place, imports, moves and forgets never block.
 */
export function guardPlan(plan: TerraformJsonPlan, options: PlanGuardOptions = {}): PlanGuardResult {
  const production = options.production ?? false;
  const allow = (options.allow ?? []).map((glob) => ({ glob, pattern: addressGlob(glob) }));
  const counts = { add: 0, change: 0, replace: 0, destroy: 0, forget: 0, imported: 0, moved: 0 };
  const findings: PlanGuardFinding[] = [];

  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode === "data") continue;
    const actions = resource.change.actions;
    const action = actions.includes("delete") ? (actions.includes("create") ? "replace" : "delete") : undefined;
    if (action === "replace") counts.replace++;
    else if (action === "delete") counts.destroy++;
    else if (actions.includes("create")) counts.add++;
    else if (actions.includes("update")) counts.change++;
    if (actions.includes("forget")) counts.forget++;
    if (resource.change.importing !== undefined && resource.change.importing !== null) counts.imported++;
    if (resource.previous_address !== undefined && resource.previous_address !== resource.address) counts.moved++;

    if (action === undefined || !(production || GUARDED_TYPES.includes(resource.type))) continue;
    findings.push({
      address: resource.address,
      action,
      replacePaths: action === "replace" ? (resource.change.replace_paths ?? []).map(renderPath) : [],
      actionReason: resource.action_reason,
      allowedBy: allow.find(({ pattern }) => pattern.test(resource.address))?.glob,
    });
  }
  return { findings, blocked: findings.some((f) => f.allowedBy === undefined), production, counts };
}

/** ["profile", 0, "email"] -> "profile[0].email" */
function renderPath(steps: readonly (string | number)[]): string {
  return steps.reduce<string>((parent, step) => joinPath(parent, step), "").replace(/^\./, "");
}

/**
 * The guard's report. Blocked: a heading, one line per finding
 * ("okta_user_schema_property.cost_center: replace, forced by index (replace_because_cannot_update)",
 * "okta_user.e1001: delete, allowed by 'okta_user.e1*'") and how to allow the change. Otherwise one summary
 * line, "cdktf-okta-guard: okta-dev.plan.json: 3 to add, 1 to change, 0 to replace, 0 to destroy; nothing
 * guarded is destroyed or replaced.", followed by the allowed findings if there are any.
 */
export function formatPlanGuard(result: PlanGuardResult, planFile: string): string {
  const counts = formatCounts(result.counts);
  const lines = result.findings.map((finding) => `  ${formatFinding(finding)}`);
  if (result.blocked) {
    const blocked = result.findings.filter((finding) => finding.allowedBy === undefined).map((finding) => finding.address);
    return [messages.planGuardBlocked(planFile, counts, blocked.length, result.production), ...lines, messages.planGuardAllowHint(blocked)].join("\n");
  }
  if (result.findings.length > 0) return [messages.planGuardAllowed(planFile, counts, result.findings.length), ...lines].join("\n");
  return messages.planGuardPassed(planFile, counts, result.production);
}

/** "3 to add, 1 to change, 0 to replace, 0 to destroy", then forgets, imports and moves when there are any. */
function formatCounts(counts: PlanChangeCounts): string {
  const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.replace} to replace`, `${counts.destroy} to destroy`];
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  if (counts.imported > 0) parts.push(`${counts.imported} imported`);
  if (counts.moved > 0) parts.push(`${counts.moved} moved`);
  return parts.join(", ");
}

function formatFinding(finding: PlanGuardFinding): string {
  let line = `${finding.address}: ${finding.action}`;
  if (finding.replacePaths.length > 0) line += `, forced by ${finding.replacePaths.join(", ")}`;
  if (finding.actionReason !== undefined) line += ` (${finding.actionReason})`;
  if (finding.allowedBy !== undefined) line += `, allowed by ${shellQuote(finding.allowedBy)}`;
  return line;
}
