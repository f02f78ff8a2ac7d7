import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCdktfOkta } from "../lib/cli/program";
import { ORG_TIERS, TerraformJson, estimateRefreshCost, formatMinutes, formatRefreshCost, readSynthesizedStacks, refreshSummary } from "../lib/analysis/refresh-cost";

const SMALL_OUT = "__tests__/fixtures/refresh-cost/out";

/** `count` blocks of a type, named <prefix><i>, with the same attributes. */
function blocks(count: number, prefix: string, attributes: Record<string, unknown> = {}): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < count; i++) out[`${prefix}${i}`] = { ...attributes };
  return out;
}

function members(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `\${okta_user.u${i}.id}`);
}

/** 4,999 users plus one okta_user_group_memberships: 5,000 calls in the /api/v1/users/{id} bucket. */
const ORG: TerraformJson = {
  resource: {
    okta_user: blocks(4999, "u", { login: "x" }),
    okta_group: blocks(3, "g"),
    okta_group_memberships: {
      big_members: { group_id: "g0", users: members(450) },
      empty_members: { group_id: "g1", users: [] },
    },
    okta_user_group_memberships: { u0_groups: { user_id: "u0", groups: ["a", "b", "c"] } },
    okta_group_rule: blocks(2, "rule"),
    okta_user_schema_property: blocks(2, "p"),
    okta_user_base_schema_property: blocks(1, "b"),
    okta_identity_source_import: { hr: { identity_source_id: "0oa1" } },
    okta_app_oauth: { portal: { label: "Portal" } },
    random_id: { not_okta: {} },
  },
  data: {
    okta_group: { everyone: { name: "Everyone" } },
    okta_users: { admins: { search: [] } },
  },
};

function tempOutdir(stacks: Record<string, TerraformJson>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "refresh-cost-"));
  for (const [name, tf] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(tf));
  }
  return outdir;
}

describe("estimateRefreshCost", () => {
  test("counts the calls of each type and bucket", () => {
    // WHEN
    const cost = estimateRefreshCost(ORG);
    // THEN
    expect(cost.types.map((t) => [t.mode, t.type, t.count, t.calls, t.bucket])).toEqual([
      ["resource", "okta_user", 4999, 4999, "/api/v1/users/{id}"],
      ["resource", "okta_group", 3, 3, "/api/v1/groups/{id}"],
      ["resource", "okta_group_memberships", 2, 4, "/api/v1/groups/{id}"],
      ["resource", "okta_user_group_memberships", 1, 1, "/api/v1/users/{id}"],
      ["resource", "okta_group_rule", 2, 2, "/api/v1/groups"],
      ["resource", "okta_user_schema_property", 2, 2, "/api/v1"],
      ["resource", "okta_user_base_schema_property", 1, 1, "/api/v1"],
      ["resource", "okta_identity_source_import", 1, 1, "/api/v1"],
      ["resource", "okta_app_oauth", 1, 1, "/api/v1/apps/{id}"],
      ["data", "okta_group", 1, 1, "/api/v1/groups"],
      ["data", "okta_users", 1, 1, "/api/v1/users"],
    ]);
    expect(cost.buckets.map((b) => [b.bucket, b.calls, b.limitPerMinute, b.usablePerMinute])).toEqual([
      ["/api/v1/users/{id}", 5000, 1000, 500],
      ["/api/v1/groups/{id}", 7, 600, 300],
      ["/api/v1", 4, 600, 300],
      ["/api/v1/groups", 3, 600, 300],
      ["/api/v1/apps/{id}", 1, 600, 300],
      ["/api/v1/users", 1, 600, 300],
    ]);
    expect(cost.totalCalls).toBe(5016);
    expect(cost.minutes).toBe(10);
  });

  test.each([
    ["free-dev", 100],
    ["paid-dev", 100 / 3],
    ["one-app", 100 / 3],
    ["enterprise", 10],
    ["workforce", 5],
  ] as const)("the shortest refresh at tier %s and the default 50%% share is %d minutes", (tier, minutes) => {
    expect(estimateRefreshCost(ORG, { tier }).minutes).toBeCloseTo(minutes, 10);
  });

  test("a larger share shortens the refresh", () => {
    expect(estimateRefreshCost(ORG, { tier: "workforce", share: 100 }).minutes).toBe(2.5);
  });

  test("the provider's lower max_api_capacity caps the share, and says so", () => {
    // WHEN
    const cost = estimateRefreshCost({ ...ORG, provider: { okta: [{ max_api_capacity: 25 }] } });
    // THEN
    expect(cost.share).toBe(25);
    expect(cost.minutes).toBe(20);
    expect(cost.notes).toEqual(["the provider's max_api_capacity 25 caps the token's 50% share"]);
  });

  test("expands count and literal for_each; counts 1 for sizes known only at apply time", () => {
    // WHEN
    const cost = estimateRefreshCost({
      resource: {
        okta_user: { many: { count: 3 }, keyed: { for_each: { a: 1, b: 2 } }, listed: { for_each: ["x"] }, dynamic: { count: "${var.n}" } },
        okta_group_memberships: { m: { group_id: "g", users: "${local.members}" } },
      },
    });
    // THEN
    expect(cost.types.map((t) => [t.type, t.count, t.calls])).toEqual([
      ["okta_user", 7, 7],
      ["okta_group_memberships", 1, 1],
    ]);
    expect(cost.notes).toEqual([
      "counted 1 where a count, for_each or member list is only known at apply time: okta_user.dynamic, okta_group_memberships.m",
    ]);
  });

  test("estimates every other okta type by its family's bucket", () => {
    // WHEN
    const cost = estimateRefreshCost({
      resource: {
        okta_app_saml: { crm: {} },
        okta_app_group_assignments: { crm_groups: {} },
        okta_app_signon_policy: { crm_policy: {} },
        okta_user_factor_question: { q: {} },
        okta_group_owner: { o: {} },
        okta_device: { laptop: {} },
        okta_policy_signon: { p: {} },
      },
      data: { okta_apps: { all: {} }, okta_auth_server: { default: {} } },
    });
    // THEN
    expect(cost.types.map((t) => [t.mode, t.type, t.bucket, t.assumption])).toEqual([
      ["resource", "okta_app_saml", "/api/v1/apps/{id}", "one GET /api/v1/apps/{id} per app (app instance family)"],
      [
        "resource",
        "okta_app_group_assignments",
        "/api/v1/apps",
        "one GET of /api/v1/apps/{id}/... (assignments, grants, tokens, group push, settings) per block (app parts family, /api/v1/apps bucket)",
      ],
      ["resource", "okta_app_signon_policy", "/api/v1", "one GET of its policy or app user schema per block (catch-all /api/v1 bucket)"],
      ["resource", "okta_user_factor_question", "/api/v1/users/{id}", "one GET of /api/v1/users/{id}/... per block (user parts family, counted in the /api/v1/users/{id} bucket)"],
      ["resource", "okta_group_owner", "/api/v1/groups/{id}", "one GET of /api/v1/groups/{id}/... per block (group parts family, /api/v1/groups/{id} bucket)"],
      ["resource", "okta_device", "/api/v1/devices", "one GET /api/v1/devices/{id} per device"],
      [
        "resource",
        "okta_policy_signon",
        "/api/v1",
        "one GET per resource (assumed catch-all /api/v1 bucket: authorization servers, policies, identity providers, brands, hooks, governance and the other settings APIs)",
      ],
      ["data", "okta_apps", "/api/v1/apps", "one GET, list or search under /api/v1/apps per data source (apps family, /api/v1/apps bucket)"],
      ["data", "okta_auth_server", "/api/v1", "one call per data source (catch-all /api/v1 bucket)"],
    ]);
    expect(cost.buckets.find((b) => b.bucket === "/api/v1/apps")).toEqual({ bucket: "/api/v1/apps", calls: 2, limitPerMinute: 100, usablePerMinute: 50, minutes: 0.04 });
  });

  test("suggests an identity source from 1,000 okta_user on", () => {
    expect(estimateRefreshCost({ resource: { okta_user: blocks(999, "u") } }).suggestions).toEqual([]);
    expect(estimateRefreshCost({ resource: { okta_user: blocks(1000, "u") } }).suggestions).toEqual([
      "1000 okta_user resources cost 1000 GET /api/v1/users/{id} per refresh (at least 2 min). If the people come from an HR system or a directory file, load them through an identity source (okta_identity_source_import): one session read per refresh instead of one read per user, and Okta links the users itself.",
    ]);
  });

  test("suggests a group rule for a group with 1,000 explicit members or more", () => {
    // WHEN
    const cost = estimateRefreshCost({
      resource: { okta_group_memberships: { small_members: { users: members(999) }, all_members: { users: members(1001) } } },
    });
    // THEN
    expect(cost.types[0].calls).toBe(5 + 6);
    expect(cost.suggestions).toEqual([
      "okta_group_memberships.all_members lists 1001 members: 6 reads per refresh, and creating it PUTs one member at a time (about 1,000 members nears the provider's 20-minute deadline). If the members share a profile attribute, let an okta_group_rule fill the group (OktaGroupRule): one read per refresh and no member list in Terraform.",
    ]);
  });

  test("a stack without Okta resources costs nothing", () => {
    const cost = estimateRefreshCost({ resource: { random_id: { x: {} } } });
    expect([cost.totalCalls, cost.minutes, cost.buckets]).toEqual([0, 0, []]);
    expect(formatRefreshCost(cost, "empty")).toBe(
      "empty (Enterprise org, 50% of each rate-limit bucket)\n  no Okta resources or data sources: a refresh makes no Okta API calls",
    );
  });

  test("rejects a share outside 1-100", () => {
    expect(() => estimateRefreshCost(ORG, { share: 0 })).toThrow(
      "share is 0; give the percentage of each rate-limit bucket the token may use, from 1 to 100 (Okta's default is 50).",
    );
  });

  test("knows every tier", () => {
    expect(ORG_TIERS).toEqual(["free-dev", "paid-dev", "one-app", "enterprise", "workforce"]);
  });

  test("formats durations", () => {
    expect([formatMinutes(0.01), formatMinutes(0.5), formatMinutes(3.25), formatMinutes(125)]).toEqual(["1 s", "30 s", "3.3 min", "2 h 05 min"]);
  });
});

describe("refreshSummary", () => {
  test("names only the stacks whose plan refreshes for longer than 3 minutes", () => {
    // GIVEN
    const outdir = tempOutdir({ "okta-dev": { resource: { okta_user: blocks(10, "u") } }, "okta-prod": ORG });
    // THEN
    expect(refreshSummary(outdir)).toEqual([
      "okta-prod: a plan spends at least 10 min refreshing (5016 Okta API calls, /api/v1/users/{id} bucket, 50% share, Enterprise org), more than 3 min. Run `npx cdktf-okta-cost` for the breakdown and cheaper shapes.",
    ]);
    expect(refreshSummary(outdir, { tier: "workforce", thresholdMinutes: 5 })).toEqual([]);
  });
});

describe("readSynthesizedStacks", () => {
  test("names a cdk.tf.json that is not valid JSON", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-cost-"));
    fs.mkdirSync(path.join(dir, "stacks", "okta-dev"), { recursive: true });
    const file = path.join(dir, "stacks", "okta-dev", "cdk.tf.json");
    fs.writeFileSync(file, "{ not json");
    const reason = (() => {
      try {
        return JSON.parse("{ not json");
      } catch (error) {
        return (error as Error).message; // worded by the JavaScript engine
      }
    })();
    // THEN
    expect(() => readSynthesizedStacks(dir)).toThrow(`${file}: not valid Terraform JSON (${reason}); synthesize again (cdktf synth) or name another file.`);
  });
});

describe("cdktf-okta cost", () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCdktfOkta(["cost", ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  test("prints a table per stack, then the assumptions", async () => {
    expect(await run(["--tier", "free-dev", SMALL_OUT])).toEqual({
      code: 0,
      err: "",
      out: [
        "okta-small (free developer org, 50% of each rate-limit bucket)",
        "  type                       count  calls  bucket",
        "  okta_user                      2      2  /api/v1/users/{id}",
        "  okta_group                     1      1  /api/v1/groups/{id}",
        "  okta_group_memberships         1      1  /api/v1/groups/{id}",
        "  okta_group_rule                1      1  /api/v1/groups",
        "  okta_user_schema_property      1      1  /api/v1",
        "",
        "  bucket               calls  limit/min  usable/min  at least",
        "  /api/v1/users/{id}       2        100          50       3 s",
        "  /api/v1/groups/{id}      2        100          50       3 s",
        "  /api/v1/groups           1        100          50       2 s",
        "  /api/v1                  1        100          50       2 s",
        "",
        "  One refresh makes 6 Okta API calls and takes at least 3 s (/api/v1/users/{id}); latency, retries and 429 backoff add to that.",
        "",
        "Assumptions:",
        "  - okta_user: one GET /api/v1/users/{id} per user.",
        "  - okta_group: one GET /api/v1/groups/{id} per group.",
        "  - okta_group_memberships: GET /api/v1/groups/{id}/users, 200 members a page: ceil(members / 200) calls per resource, at least 1.",
        "  - okta_group_rule: one GET /api/v1/groups/rules/{id} per rule (/api/v1/groups bucket).",
        "  - okta_user_schema_property: one GET /api/v1/meta/schemas/user/default per property (the provider reads the whole user schema each time; catch-all /api/v1 bucket).",
        "  - buckets are spent in parallel, so the slowest bucket sets the time; nothing else uses the token meanwhile.",
      ].join("\n"),
    });
  });

  test("takes a stack directory, as promotion-diff does", async () => {
    expect(await run(["--tier", "free-dev", path.join(SMALL_OUT, "stacks", "okta-small")])).toEqual(await run(["--tier", "free-dev", SMALL_OUT]));
  });

  test("prints the assumptions once for several stacks, and each stack's own notes under it", async () => {
    // GIVEN
    const outdir = tempOutdir({
      "okta-dev": { resource: { okta_user: blocks(1, "u") } },
      "okta-prod": { provider: { okta: { max_api_capacity: 40 } }, resource: { okta_user: blocks(2, "u"), okta_group: blocks(1, "g") } },
    });
    // WHEN
    const { code, out } = await run([outdir]);
    // THEN
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "okta-dev (Enterprise org, 50% of each rate-limit bucket)",
        "  type       count  calls  bucket",
        "  okta_user      1      1  /api/v1/users/{id}",
        "",
        "  bucket              calls  limit/min  usable/min  at least",
        "  /api/v1/users/{id}      1       1000         500       1 s",
        "",
        "  One refresh makes 1 Okta API calls and takes at least 1 s (/api/v1/users/{id}); latency, retries and 429 backoff add to that.",
        "",
        "okta-prod (Enterprise org, 40% of each rate-limit bucket)",
        "  type        count  calls  bucket",
        "  okta_user       2      2  /api/v1/users/{id}",
        "  okta_group      1      1  /api/v1/groups/{id}",
        "",
        "  bucket               calls  limit/min  usable/min  at least",
        "  /api/v1/users/{id}       2       1000         400       1 s",
        "  /api/v1/groups/{id}      1        600         240       1 s",
        "",
        "  One refresh makes 3 Okta API calls and takes at least 1 s (/api/v1/users/{id}); latency, retries and 429 backoff add to that.",
        "  Notes:",
        "    - the provider's max_api_capacity 40 caps the token's 50% share.",
        "",
        "Assumptions:",
        "  - okta_user: one GET /api/v1/users/{id} per user.",
        "  - okta_group: one GET /api/v1/groups/{id} per group.",
        "  - buckets are spent in parallel, so the slowest bucket sets the time; nothing else uses the token meanwhile.",
      ].join("\n"),
    );
  });

  test("takes one cdk.tf.json, and --share up to the provider's max_api_capacity", async () => {
    const file = path.join(SMALL_OUT, "stacks", "okta-small", "cdk.tf.json");
    expect((await run(["--share", "30%", file])).out.split("\n")[0]).toBe("okta-small (Enterprise org, 30% of each rate-limit bucket)");
    const { code, out } = await run(["--share", "100", file]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe("okta-small (Enterprise org, 50% of each rate-limit bucket)");
    expect(out).toContain("\n    - the provider's max_api_capacity 50 caps the token's 100% share.");
  });

  test("exits 2 on a bad tier (with a suggestion), a bad share, a missing directory, one without stacks, or two paths", async () => {
    expect(await run(["--tier", "enterprize"])).toEqual({
      code: 2,
      out: "",
      err: '--tier "enterprize" is not an Okta org tier; did you mean "enterprise"? Use one of "free-dev", "paid-dev", "one-app", "enterprise", "workforce".',
    });
    expect((await run(["--share", "half"])).err).toBe(
      "share is half; give the percentage of each rate-limit bucket the token may use, from 1 to 100 (Okta's default is 50).",
    );
    expect(await run(["no-such-dir"])).toEqual({
      code: 2,
      out: "",
      err: "no-such-dir does not exist; give the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json, after `cdktf synth`.",
    });
    expect(await run(["__tests__"])).toEqual({
      code: 2,
      out: "",
      err: "__tests__ is a directory with neither a cdk.tf.json nor a stacks directory; give the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json.",
    });
    expect(await run(["a", "b"])).toEqual({
      code: 2,
      out: "",
      err: "error: too many arguments for 'cost'. Expected 1 argument but got 2.\nRun `cdktf-okta cost --help` for its arguments and options.",
    });
  });

  test("--json prints each stack's estimate", async () => {
    // WHEN
    const { code, out } = await run(["--json", "--tier", "free-dev", SMALL_OUT]);
    // THEN
    expect(code).toBe(0);
    const tf = JSON.parse(fs.readFileSync(path.join(SMALL_OUT, "stacks", "okta-small", "cdk.tf.json"), "utf8"));
    expect(JSON.parse(out)).toEqual({ stacks: [{ name: "okta-small", cost: JSON.parse(JSON.stringify(estimateRefreshCost(tf, { tier: "free-dev" }))) }] });
  });
});
