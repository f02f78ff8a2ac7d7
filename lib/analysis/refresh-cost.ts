import { messages } from "../problems/messages";
import { StackFile, resolveStacks } from "./stack-files";

/** Okta org tiers, which set the rate limits. */
export const ORG_TIERS = ["free-dev", "paid-dev", "one-app", "enterprise", "workforce"] as const;
/** An Okta org tier: free developer, paid developer, One App, Enterprise, Workforce Identity. */
export type OrgTier = (typeof ORG_TIERS)[number];

/** The Okta rate-limit buckets a refresh spends. */
export type RateLimitBucket =
  | "/api/v1/users/{id}"
  | "/api/v1/users"
  | "/api/v1/groups"
  | "/api/v1/groups/{id}"
  | "/api/v1/apps"
  | "/api/v1/apps/{id}"
  | "/api/v1/devices"
  | "/api/v1";

/**
 * Requests per minute of each bucket, by tier (free dev, paid dev, one app, enterprise, workforce).
 * @see https://developer.okta.com/docs/reference/rl-global-mgmt/
 */
export const RATE_LIMITS: { readonly [B in RateLimitBucket]: { readonly [T in OrgTier]: number } } = {
  "/api/v1/users/{id}": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 1000, workforce: 2000 },
  "/api/v1/users": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 600, workforce: 600 },
  "/api/v1/groups": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 600, workforce: 500 },
  "/api/v1/groups/{id}": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 600, workforce: 1000 },
  "/api/v1/apps": { "free-dev": 20, "paid-dev": 25, "one-app": 25, enterprise: 100, workforce: 100 },
  "/api/v1/apps/{id}": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 600, workforce: 500 },
  "/api/v1/devices": { "free-dev": 100, "paid-dev": 100, "one-app": 100, enterprise: 150, workforce: 100 },
  "/api/v1": { "free-dev": 100, "paid-dev": 300, "one-app": 300, enterprise: 600, workforce: 1200 },
};

/** Members (or groups) one list call returns: the provider pages memberships 200 at a time. */
export const MEMBERSHIP_PAGE_SIZE = 200;
/** From this many okta_user resources, the estimate suggests an identity source instead. */
export const MANY_USERS = 1000;
/** From this many explicit members in one okta_group_memberships, the estimate suggests a group rule. */
export const MANY_MEMBERS = 1000;

/** Options of a refresh-cost estimate. */
export interface RefreshCostOptions {
  /** The org's tier, which sets the rate limits. @default "enterprise" */
  readonly tier?: OrgTier;
  /**
   * Percentage (1-100) of each bucket one API token or OAuth app may use; Okta's default is 50. The
   * provider's own max_api_capacity, when lower, wins.
   * @default 50
   */
  readonly share?: number;
}

/** The calls one resource or data-source type makes in a refresh. */
export interface TypeCost {
  /** "resource" or "data" (a data source). */
  readonly mode: "resource" | "data";
  /** The Terraform type, e.g. "okta_user". */
  readonly type: string;
  /** How many blocks of this type the stack has (count and literal for_each expanded). */
  readonly count: number;
  /** API calls per refresh. */
  readonly calls: number;
  readonly bucket: RateLimitBucket;
  /** How the calls were counted. */
  readonly assumption: string;
}

/** The calls a refresh spends in one rate-limit bucket and the time they need at least. */
export interface BucketCost {
  readonly bucket: RateLimitBucket;
  readonly calls: number;
  /** The bucket's limit at the tier, per minute. */
  readonly limitPerMinute: number;
  /** What the token may use of it: limit x share. */
  readonly usablePerMinute: number;
  /** calls / usablePerMinute. */
  readonly minutes: number;
}

/** The estimated cost of refreshing one stack (one plan). */
export interface RefreshCost {
  readonly tier: OrgTier;
  /** The share of each bucket used in the estimate (percent). */
  readonly share: number;
  /** By type, in the order first seen. */
  readonly types: TypeCost[];
  /** Buckets with at least one call, slowest first. */
  readonly buckets: BucketCost[];
  readonly totalCalls: number;
  /** The shortest time the refresh can take: the slowest bucket (buckets are spent in parallel). */
  readonly minutes: number;
  /** Cheaper shapes for this stack, when it crosses MANY_USERS or MANY_MEMBERS. */
  readonly suggestions: string[];
  /** Notes on what the estimate had to guess (share capped by the provider, unknown sizes). */
  readonly notes: string[];
}

/** A stack's synthesized Terraform JSON (cdk.tf.json), as far as the estimate reads it. */
export interface TerraformJson {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: Record<string, unknown> } };
  readonly data?: { readonly [type: string]: { readonly [name: string]: Record<string, unknown> } };
  readonly provider?: { readonly [name: string]: unknown };
}

interface CallModel {
  readonly bucket: RateLimitBucket;
  readonly assumption: string;
  /** Calls for one block; default 1. */
  readonly calls?: (block: Record<string, unknown>, unknownSize: () => void) => number;
}

const ONE_SCHEMA_READ =
  "one GET /api/v1/meta/schemas/user/default per property (the provider reads the whole user schema each time; catch-all /api/v1 bucket)";
const IDENTITY_SOURCE = "one GET /api/v1/identity-sources/{id}/... per block (catch-all /api/v1 bucket)";

/** How the types cdktf-okta's constructs write refresh, type by type. */
const RESOURCE_CALLS: { readonly [type: string]: CallModel } = {
  okta_user: { bucket: "/api/v1/users/{id}", assumption: "one GET /api/v1/users/{id} per user" },
  okta_group: { bucket: "/api/v1/groups/{id}", assumption: "one GET /api/v1/groups/{id} per group" },
  okta_group_rule: { bucket: "/api/v1/groups", assumption: "one GET /api/v1/groups/rules/{id} per rule (/api/v1/groups bucket)" },
  okta_group_memberships: {
    bucket: "/api/v1/groups/{id}",
    assumption: `GET /api/v1/groups/{id}/users, ${MEMBERSHIP_PAGE_SIZE} members a page: ceil(members / ${MEMBERSHIP_PAGE_SIZE}) calls per resource, at least 1`,
    calls: (block, unknown) => pages(block.users, unknown),
  },
  okta_user_group_memberships: {
    bucket: "/api/v1/users/{id}",
    assumption: `GET /api/v1/users/{id}/groups, ${MEMBERSHIP_PAGE_SIZE} groups a page: ceil(groups / ${MEMBERSHIP_PAGE_SIZE}) calls per resource, at least 1 (counted in the /api/v1/users/{id} bucket)`,
    calls: (block, unknown) => pages(block.groups, unknown),
  },
  okta_user_schema_property: { bucket: "/api/v1", assumption: ONE_SCHEMA_READ },
  okta_user_base_schema_property: { bucket: "/api/v1", assumption: ONE_SCHEMA_READ },
  okta_identity_source_user: { bucket: "/api/v1", assumption: IDENTITY_SOURCE },
  okta_identity_source_group: { bucket: "/api/v1", assumption: IDENTITY_SOURCE },
  okta_identity_source_group_membership: { bucket: "/api/v1", assumption: IDENTITY_SOURCE },
  okta_identity_source_import: {
    bucket: "/api/v1",
    assumption: "one GET of its import session per import, however many users it uploads (catch-all /api/v1 bucket)",
  },
};

const DATA_CALLS: { readonly [type: string]: CallModel } = {
  okta_user: { bucket: "/api/v1/users/{id}", assumption: "one GET /api/v1/users/{id} (or one search) per data source" },
  okta_users: { bucket: "/api/v1/users", assumption: "one list or search of /api/v1/users per data source (one page)" },
  okta_group: { bucket: "/api/v1/groups", assumption: "one GET or search of /api/v1/groups per data source" },
  okta_groups: { bucket: "/api/v1/groups", assumption: "one list of /api/v1/groups per data source (one page)" },
};

/** App instances: the okta_app_* types that are an app themselves (the rest of okta_app_* are parts of an app). */
const APP_INSTANCE = /^okta_app_(auto_login|basic_auth|bookmark|oauth|saml|secure_password_store|shared_credentials|swa|three_field)$/;

/** okta_app_* types that call /api/v1/policies or /api/v1/meta/schemas, not /api/v1/apps. */
const APP_NOT_UNDER_APPS = /^okta_app_(signon_policy.*|sign_on_policy_rule|user_base_schema_property|user_schema_property)$/;

/**
 * Every other okta type, by family (the first match wins): one call per block, in the bucket of the
 * API path the family reads. Types in no family: one call to the catch-all /api/v1 bucket.
 */
const RESOURCE_FAMILIES: ReadonlyArray<readonly [RegExp, CallModel]> = [
  [APP_NOT_UNDER_APPS, { bucket: "/api/v1", assumption: "one GET of its policy or app user schema per block (catch-all /api/v1 bucket)" }],
  [APP_INSTANCE, { bucket: "/api/v1/apps/{id}", assumption: "one GET /api/v1/apps/{id} per app (app instance family)" }],
  [
    /^okta_(app_.*|push_group)$/,
    { bucket: "/api/v1/apps", assumption: "one GET of /api/v1/apps/{id}/... (assignments, grants, tokens, group push, settings) per block (app parts family, /api/v1/apps bucket)" },
  ],
  [
    /^okta_(user_factor_question|user_risk|user_admin_roles|link_value)$/,
    { bucket: "/api/v1/users/{id}", assumption: "one GET of /api/v1/users/{id}/... per block (user parts family, counted in the /api/v1/users/{id} bucket)" },
  ],
  [
    /^okta_(group_owners?|group_role)$/,
    { bucket: "/api/v1/groups/{id}", assumption: "one GET of /api/v1/groups/{id}/... per block (group parts family, /api/v1/groups/{id} bucket)" },
  ],
  [/^okta_device$/, { bucket: "/api/v1/devices", assumption: "one GET /api/v1/devices/{id} per device" }],
];

const DATA_FAMILIES: ReadonlyArray<readonly [RegExp, CallModel]> = [
  [APP_NOT_UNDER_APPS, { bucket: "/api/v1", assumption: "one GET of its policy or rule per data source (catch-all /api/v1 bucket)" }],
  [/^okta_(apps?|app_.*|push_groups?)$/, { bucket: "/api/v1/apps", assumption: "one GET, list or search under /api/v1/apps per data source (apps family, /api/v1/apps bucket)" }],
  [
    /^okta_(user_risk|user_security_questions)$/,
    { bucket: "/api/v1/users/{id}", assumption: "one GET of /api/v1/users/{id}/... per data source (user parts family)" },
  ],
  [/^okta_(everyone_group|group_rule)$/, { bucket: "/api/v1/groups", assumption: "one search of /api/v1/groups (or its rules) per data source" }],
  [/^okta_device$/, { bucket: "/api/v1/devices", assumption: "one GET /api/v1/devices/{id} per data source" }],
];

const OTHER_RESOURCE: CallModel = {
  bucket: "/api/v1",
  assumption: "one GET per resource (assumed catch-all /api/v1 bucket: authorization servers, policies, identity providers, brands, hooks, governance and the other settings APIs)",
};
const OTHER_DATA: CallModel = { bucket: "/api/v1", assumption: "one call per data source (catch-all /api/v1 bucket)" };

/** The call model of a type: its own, its family's, or the catch-all one. */
function callModel(mode: "resource" | "data", type: string): CallModel {
  const [own, families, other] = mode === "resource" ? [RESOURCE_CALLS, RESOURCE_FAMILIES, OTHER_RESOURCE] : [DATA_CALLS, DATA_FAMILIES, OTHER_DATA];
  return own[type] ?? families.find(([pattern]) => pattern.test(type))?.[1] ?? other;
}

function pages(list: unknown, unknownSize: () => void): number {
  if (!Array.isArray(list)) {
    unknownSize();
    return 1;
  }
  return Math.max(1, Math.ceil(list.length / MEMBERSHIP_PAGE_SIZE));
}

/** How many instances a block stands for: count (a number) or a literal for_each; otherwise 1. */
function instances(block: Record<string, unknown>, unknownSize: () => void): number {
  if (block.count !== undefined) {
    if (typeof block.count === "number") return block.count;
    unknownSize();
    return 1;
  }
  if (block.for_each !== undefined) {
    if (Array.isArray(block.for_each)) return block.for_each.length;
    if (typeof block.for_each === "object" && block.for_each !== null) return Object.keys(block.for_each).length;
    unknownSize();
    return 1;
  }
  return 1;
}

/** Estimates the Okta API calls one refresh (plan) of a stack makes, per bucket, and the time they need. */
export function estimateRefreshCost(tf: TerraformJson, options: RefreshCostOptions = {}): RefreshCost {
  const tier = options.tier ?? "enterprise";
  const notes: string[] = [];
  const share = effectiveShare(tf, options.share ?? 50, notes);
  const types: TypeCost[] = [];
  const suggestions: string[] = [];
  const unknownSizes = new Set<string>();

  const blocks = (mode: "resource" | "data") => {
    for (const [type, byName] of Object.entries((mode === "resource" ? tf.resource : tf.data) ?? {})) {
      if (!type.startsWith("okta_")) continue;
      const model = callModel(mode, type);
      let count = 0;
      let calls = 0;
      for (const [name, block] of Object.entries(byName)) {
        const unknown = () => unknownSizes.add(`${mode === "data" ? "data." : ""}${type}.${name}`);
        const n = instances(block, unknown);
        count += n;
        calls += n * (model.calls ? model.calls(block, unknown) : 1);
        if (mode === "resource" && type === "okta_group_memberships" && Array.isArray(block.users) && block.users.length >= MANY_MEMBERS) {
          suggestions.push(
            `okta_group_memberships.${name} lists ${block.users.length} members: ${pages(block.users, unknown)} reads per refresh, and creating it PUTs one member at a time (about 1,000 members nears the provider's 20-minute deadline). If the members share a profile attribute, let an okta_group_rule fill the group (OktaGroupRule): one read per refresh and no member list in Terraform.`,
          );
        }
      }
      types.push({ mode, type, count, calls, bucket: model.bucket, assumption: model.assumption });
    }
  };
  blocks("resource");
  blocks("data");

  const byBucket = new Map<RateLimitBucket, number>();
  for (const t of types) byBucket.set(t.bucket, (byBucket.get(t.bucket) ?? 0) + t.calls);
  const buckets: BucketCost[] = [...byBucket]
    .filter(([, calls]) => calls > 0)
    .map(([bucket, calls]) => {
      const limitPerMinute = RATE_LIMITS[bucket][tier];
      const usablePerMinute = (limitPerMinute * share) / 100;
      return { bucket, calls, limitPerMinute, usablePerMinute, minutes: calls / usablePerMinute };
    })
    .sort((a, b) => b.minutes - a.minutes);

  const users = types.find((t) => t.mode === "resource" && t.type === "okta_user");
  if (users && users.count >= MANY_USERS) {
    const minutes = users.calls / ((RATE_LIMITS["/api/v1/users/{id}"][tier] * share) / 100);
    suggestions.unshift(
      `${users.count} okta_user resources cost ${users.calls} GET /api/v1/users/{id} per refresh (at least ${formatMinutes(minutes)}). If the people come from an HR system or a directory file, load them through an identity source (okta_identity_source_import): one session read per refresh instead of one read per user, and Okta links the users itself.`,
    );
  }
  if (unknownSizes.size > 0) {
    notes.push(`counted 1 where a count, for_each or member list is only known at apply time: ${[...unknownSizes].join(", ")}`);
  }

  return {
    tier,
    share,
    types,
    buckets,
    totalCalls: types.reduce((sum, t) => sum + t.calls, 0),
    minutes: buckets.length > 0 ? buckets[0].minutes : 0,
    suggestions,
    notes,
  };
}

/** The token's share, lowered to the provider's max_api_capacity when that is lower. */
function effectiveShare(tf: TerraformJson, share: number, notes: string[]): number {
  if (!(share > 0 && share <= 100)) throw new Error(messages.refreshCostBadShare(share));
  const okta = tf.provider?.okta;
  const config = (Array.isArray(okta) ? okta[0] : okta) as { max_api_capacity?: unknown } | undefined;
  const capacity = config?.max_api_capacity;
  if (typeof capacity === "number" && capacity < share) {
    notes.push(`the provider's max_api_capacity ${capacity} caps the token's ${share}% share`);
    return capacity;
  }
  return share;
}

/** "45 s", "3.5 min", "2 h 05 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.ceil(minutes * 60)} s`;
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const whole = Math.round(minutes);
  return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, "0")} min`;
}

const TIER_NAMES: { readonly [T in OrgTier]: string } = {
  "free-dev": "free developer",
  "paid-dev": "paid developer",
  "one-app": "One App",
  enterprise: "Enterprise",
  workforce: "Workforce Identity",
};

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

/** Options of formatRefreshCost. */
export interface FormatRefreshCostOptions {
  /**
   * Include the assumptions behind the estimate. Leave them out when printing several stacks, and
   * print formatRefreshAssumptions once after them; the stack's own notes stay.
   * @default true
   */
  readonly assumptions?: boolean;
}

/** The estimate as text: calls by type, time by bucket, assumptions and suggestions. */
export function formatRefreshCost(cost: RefreshCost, stackName?: string, options: FormatRefreshCostOptions = {}): string {
  const lines: string[] = [];
  const title = `${TIER_NAMES[cost.tier]} org, ${cost.share}% of each rate-limit bucket`;
  lines.push(stackName ? `${stackName} (${title})` : title);
  if (cost.types.length === 0) {
    lines.push("  no Okta resources or data sources: a refresh makes no Okta API calls");
    return lines.join("\n");
  }
  const byType = [["type", "count", "calls", "bucket"], ...cost.types.map((t) => [`${t.mode === "data" ? "data." : ""}${t.type}`, String(t.count), String(t.calls), t.bucket])];
  lines.push(...table(byType, [false, true, true, false]).map((l) => `  ${l}`));
  lines.push("");
  const byBucket = [
    ["bucket", "calls", "limit/min", "usable/min", "at least"],
    ...cost.buckets.map((b) => [b.bucket, String(b.calls), String(b.limitPerMinute), String(b.usablePerMinute), formatMinutes(b.minutes)]),
  ];
  lines.push(...table(byBucket, [false, true, true, true, true]).map((l) => `  ${l}`));
  lines.push("");
  const slowest = cost.buckets[0];
  lines.push(
    `  One refresh makes ${cost.totalCalls} Okta API calls and takes at least ${formatMinutes(cost.minutes)}${slowest ? ` (${slowest.bucket})` : ""}; latency, retries and 429 backoff add to that.`,
  );
  if (options.assumptions ?? true) lines.push("  Assumptions:", ...assumptionLines([cost]).map((l) => `  ${l}`));
  else if (cost.notes.length > 0) lines.push("  Notes:");
  for (const note of cost.notes) lines.push(`    - ${note}.`);
  if (cost.suggestions.length > 0) {
    lines.push("  Cheaper shapes:");
    for (const s of cost.suggestions) lines.push(`    - ${s}`);
  }
  return lines.join("\n");
}

/** The assumptions behind several estimates, each once: what formatRefreshCost leaves out with `assumptions: false`. */
export function formatRefreshAssumptions(costs: readonly RefreshCost[]): string {
  return ["Assumptions:", ...assumptionLines(costs)].join("\n");
}

function assumptionLines(costs: readonly RefreshCost[]): string[] {
  const byType = costs.flatMap((cost) => cost.types.map((t) => `  - ${t.mode === "data" ? "data." : ""}${t.type}: ${t.assumption}.`));
  return [...new Set(byType), "  - buckets are spent in parallel, so the slowest bucket sets the time; nothing else uses the token meanwhile."];
}

/** One synthesized stack of a cdktf output directory (the same record OktaApp hands its output checks). */
export type StackJsonFile = StackFile;

/** The stacks of a cdktf output directory (`<outdir>/stacks/<name>/cdk.tf.json`), of one stack's directory, or one cdk.tf.json file. */
export function readSynthesizedStacks(outdir: string): StackJsonFile[] {
  return resolveStacks(outdir);
}

/** Options of refreshSummary. */
export interface RefreshSummaryOptions extends RefreshCostOptions {
  /** Report stacks whose refresh takes longer than this. @default 3 */
  readonly thresholdMinutes?: number;
}

/**
 * One line for each stack of a cdktf output directory whose plan would spend longer than
 * `thresholdMinutes` refreshing; none when every stack is quick. Meant to be printed after a synth.
 */
export function refreshSummary(outdir: string, options: RefreshSummaryOptions = {}): string[] {
  const threshold = options.thresholdMinutes ?? 3;
  return readSynthesizedStacks(outdir).flatMap(({ name, tf }) => {
    const cost = estimateRefreshCost(tf, options);
    if (cost.minutes <= threshold) return [];
    const where = `${cost.buckets[0].bucket} bucket, ${cost.share}% share, ${TIER_NAMES[cost.tier]} org`;
    return [messages.refreshCostSlow(name, formatMinutes(cost.minutes), cost.totalCalls, where, formatMinutes(threshold), cost.suggestions.length > 0)];
  });
}
