/**
 * `cdktf-okta export` against a fake Okta API on 127.0.0.1 (5,000 users, 200 groups, memberships,
 * rules, schema properties): the exported code synthesizes and, planned through the test provider
 * against a simulated org holding the same objects, imports every object and adds, changes and
 * destroys nothing; with --include, trusted origins, network zones and bookmark apps as generated
 * bindings, planned the same way. Also: resuming an interrupted export, and the failures' exact messages.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportCommand, runCommand } from "../lib/adopt/commands";
import { lastExportStats } from "../lib/adopt/export";
import { adoptMessages } from "../lib/problems/sections/adopt";
import { TerraformSandbox, planCounts } from "../lib/test-provider/harness";
import { FakeOkta, FakeOrg, makeOrg } from "./fixtures/adopt/fake-okta";
import { loadDefineOrg, synthDefined, typeCheck } from "./fixtures/adopt/generated";
import { terraformGate } from "./terraform-gate";

const gate = terraformGate("the export plans");
/** Obviously fake: the tests check it appears in nothing written. */
const TOKEN = "fake-test-token-00000000";
const ENV = { OKTA_API_TOKEN: TOKEN };


async function run(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(exportCommand({ out: (t) => out.push(t), err: (t) => err.push(t) }, env), args);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function tempOut(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `cdktf-okta-export-${name}-`)), "out");
}

function allText(dir: string): string {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8")).join("\n");
}

/** The simulated org the test provider reads: the fake API's objects, as the okta provider would store them. */
function simulatedOrg(org: FakeOrg): object {
  const objects: Record<string, Record<string, object>> = { okta_user: {}, okta_group: {}, okta_group_memberships: {}, okta_group_rule: {}, okta_user_schema_property: {} };
  const custom = (org.schema as any).definitions.custom;
  for (const [index, p] of Object.entries<any>(custom.properties)) {
    objects.okta_user_schema_property[index] = { id: index, index, title: p.title, type: p.type, enum: p.enum ?? null, required: custom.required.includes(index), master: "PROFILE_MASTER", permissions: "READ_ONLY", scope: "NONE" };
  }
  const managedUsers = new Set<string>();
  for (const u of org.users) {
    if (u.credentials.provider.type !== "OKTA") continue;
    managedUsers.add(u.id);
    const p = u.profile as Record<string, string>;
    const customProfile = Object.fromEntries(Object.keys(custom.properties).sort().filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
    objects.okta_user[u.id] = {
      id: u.id, login: p.login, email: p.email, first_name: p.firstName, last_name: p.lastName, status: u.status,
      ...(p.department ? { department: p.department } : {}),
      custom_profile_attributes: JSON.stringify(customProfile),
    };
  }
  const ruleTargets = new Set(org.rules.flatMap((r) => r.actions.assignUserToGroups.groupIds));
  for (const g of org.groups) {
    if (g.type !== "OKTA_GROUP") continue;
    objects.okta_group[g.id] = { id: g.id, name: g.profile.name, description: g.profile.description };
    const members = org.members.get(g.id) ?? [];
    if (!ruleTargets.has(g.id) && members.length > 0) objects.okta_group_memberships[g.id] = { id: g.id, group_id: g.id, users: members, track_all_users: false };
  }
  for (const r of org.rules) {
    objects.okta_group_rule[r.id] = { id: r.id, name: r.name, status: r.status, expression_type: "urn:okta:expression:1.0", expression_value: (r.conditions as any).expression.value, group_assignments: r.actions.assignUserToGroups.groupIds };
  }
  void managedUsers;
  // The --include types, as the provider reads them (resource_okta_trusted_origin.go, resource_okta_network_zone.go, app.go).
  const set = (values: string[] | undefined) => (values && values.length > 0 ? values : null);
  objects.okta_trusted_origin = Object.fromEntries(org.trustedOrigins.map((o) => [o.id, { id: o.id, name: o.name, origin: o.origin, scopes: o.scopes.map((s) => s.type), active: o.status === "ACTIVE" }]));
  const place = (locations: any[]) => set(locations.map((l) => (l.region?.includes("-") ? l.region : l.country)));
  objects.okta_network_zone = Object.fromEntries(
    org.zones.map((z: any) => {
      const common = { id: z.id, name: z.name, type: z.type, status: z.status, usage: z.usage };
      if (z.type === "IP") return [z.id, { ...common, system: z.system, gateways: set(z.gateways?.map((g: any) => (/^(.+)-\1$/.exec(g.value)?.[1] ?? g.value))), proxies: set(z.proxies?.map((g: any) => g.value)) }];
      if (z.type === "DYNAMIC") return [z.id, { ...common, dynamic_proxy_type: z.proxyType, asns: set(z.asns), dynamic_locations: place(z.locations) }];
      return [z.id, { ...common, asns: set(z.asns.include), dynamic_locations: place(z.locations.include), dynamic_locations_exclude: place(z.locations.exclude), ip_service_categories_include: set(z.ipServiceCategories.include), ip_service_categories_exclude: set(z.ipServiceCategories.exclude) }];
    }),
  );
  objects.okta_app_bookmark = Object.fromEntries(
    org.apps.filter((a) => a.name === "bookmark").map((a: any) => [a.id, {
      id: a.id, name: a.name, label: a.label, status: a.status, sign_on_mode: a.signOnMode, url: a.settings.app.url, request_integration: a.settings.app.requestIntegration,
      accessibility_self_service: a.accessibility.selfService, accessibility_error_redirect_url: a.accessibility.errorRedirectUrl, accessibility_login_redirect_url: a.accessibility.loginRedirectUrl,
      auto_submit_toolbar: a.visibility.autoSubmitToolbar, hide_ios: a.visibility.hide.iOS, hide_web: a.visibility.hide.web, app_links_json: JSON.stringify(a.visibility.appLinks),
      admin_note: a.settings.notes.admin, enduser_note: a.settings.notes.enduser, authentication_policy: a._links.accessPolicy.href.split("/").pop(), logo_url: null,
    }]),
  );
  return { objects, log: [], createdAt: Date.now() };
}

/** Plans the Terraform JSON of an export against the simulated `org`; returns the plan's counts and what it would change. */
async function planAgainst(tf: any, org: FakeOrg, name: string): Promise<{ counts: ReturnType<typeof planCounts>; changed: [string, string[]][]; seconds: number }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-export-org-"));
  const orgFile = path.join(root, "org.json");
  fs.writeFileSync(orgFile, JSON.stringify(simulatedOrg(org)));
  const sandbox = await TerraformSandbox.create({ name, files: { "cdk.tf.json": tf }, orgFile });
  try {
    expect(sandbox.terraform(["init", "-input=false"]).status).toBe(0);
    const { plan, result: planned } = sandbox.planJson(["-parallelism=20"]);
    if (!plan) throw new Error(`terraform plan exited ${planned.status}:\n${planned.stdout.slice(-3000)}\n${planned.stderr.slice(0, 3000)}`);
    const diff = (rc: any) => Object.keys(rc.change.after ?? {}).filter((k) => JSON.stringify(rc.change.before?.[k]) !== JSON.stringify(rc.change.after[k])).map((k) => `${k}: ${JSON.stringify(rc.change.before?.[k])} -> ${JSON.stringify(rc.change.after[k])}`);
    const changed = plan.resource_changes.filter((rc: any) => !rc.change.actions.includes("no-op")).map((rc: any): [string, string[]] => [rc.address, diff(rc)]);
    return { counts: planCounts(plan), changed, seconds: planned.seconds };
  } finally {
    await sandbox.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe("export from a fake Okta API", () => {
  const org = makeOrg(5000, 200);
  let server: FakeOkta;
  let out: string;
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    server = new FakeOkta(org, { token: TOKEN, tooMany: [3, 120] });
    await server.start();
    out = tempOut("full");
    result = await run(["--org-url", server.url, "--out", out]);
  }, 60000);
  afterAll(() => server.stop());

  test("pages through every list, waits out two 429s, and writes org.ts and the directory files", () => {
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["directory", "org.ts"]);
    const users = fs.readFileSync(path.join(out, "directory", "users.csv"), "utf8").trim().split("\n");
    expect(users).toHaveLength(1 + 5000 - 10);
    expect(users[0]).toBe("id,login,email,firstName,lastName,status,department,custom.customer_reference_number,custom.employee_type,groups,importId");
    expect(users[1]).toBe('user0_at_example_com,user0@example.com,user0@example.com,First0,"Last, 0",,Engineering,CRN-0,FTE,,00u00000000000000');
    expect(result.out).toContain("10 users are mastered by an identity source or a directory");
    expect(result.out).toContain("5 groups are filled by an active group rule");
    console.log(`export of 5,000 users: ${lastExportStats!.seconds.toFixed(2)} s, ${lastExportStats!.calls} API calls (${server.requests} requests served)`);
    // 25 user pages + 2 group pages... + 1 rules + 1 schema + 195 member pages + 2 retries
    expect(lastExportStats!.calls).toBe(server.requests);
  });

  test("the exported code type-checks with tsc --strict and reads like code: no any, no repository paths", () => {
    const code = fs.readFileSync(path.join(out, "org.ts"), "utf8");
    expect(code).not.toMatch(/\bany\b/);
    expect(code).not.toContain("/work/");
    expect(code).toContain('new OktaUserSchemaProperty(stack, "customer_reference_number", {');
    expect(code).toContain('new OktaGroupRule(stack, "rule_0", {');
    expect(typeCheck([out]).split("\n").filter((line) => line.includes("org.ts"))).toEqual([]);
  });

  test("the token appears in nothing written", () => {
    expect(allText(out)).not.toContain(TOKEN);
    expect(result.out + result.err).not.toContain(TOKEN);
  });

  gate.test("planned against the same org: every object imported, nothing added, changed or destroyed", async () => {
    // GIVEN the org of 5,000 users and 200 groups, exported the same way (the plan takes about 50 s here)
    const org = makeOrg(5000, 200);
    const server = new FakeOkta(org, { token: TOKEN });
    await server.start();
    const out = tempOut("plan");
    expect((await run(["--org-url", server.url, "--out", out])).code).toBe(0);
    await server.stop();
    const started = Date.now();
    const tf = synthDefined(loadDefineOrg(out));
    const synthSeconds = (Date.now() - started) / 1000;
    // WHEN
    const { counts, changed, seconds } = await planAgainst(tf, org, "exported");
    // THEN
    console.log(`exported stack: synth ${synthSeconds.toFixed(1)} s, plan ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
    expect(changed).toEqual([]);
    expect(counts.import).toBe(tf.import.length);
    expect(counts).toMatchObject({ add: 0, change: 0, destroy: 0, replace: 0 });
    // every exported user (all but those another directory masters), group, membership list, rule and schema property
    expect(tf.import.length).toBeGreaterThan(5_000 + 200);
  }, 300000);
});

describe("export --include: other okta types as generated bindings", () => {
  // 205 trusted origins: two pages
  const org = makeOrg(20, 6, 205);
  const INCLUDE = ["--include", "okta_trusted_origin", "okta_network_zone", "okta_app_bookmark"];
  let server: FakeOkta;
  let out: string;
  let result: { code: number; out: string; err: string };
  let code: string;

  beforeAll(async () => {
    server = new FakeOkta(org, { token: TOKEN });
    await server.start();
    out = tempOut("include");
    result = await run(["--org-url", server.url, "--out", out, ...INCLUDE]);
    code = fs.existsSync(path.join(out, "org.ts")) ? fs.readFileSync(path.join(out, "org.ts"), "utf8") : "";
  });
  afterAll(() => server.stop());

  test("pages through each list and writes every object as the provider's binding, imported by its Okta id", () => {
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("20 users, 6 groups, 5 group rules, 2 schema properties, 205 trusted origins, 4 network zones, 3 bookmark apps, in");
    expect(code).toContain('import { appBookmark, networkZone, trustedOrigin } from "cdktf-okta/providers/okta";');
    expect(code.match(/new trustedOrigin\.TrustedOrigin\(stack, /g)).toHaveLength(205);
    expect(code.match(/new networkZone\.NetworkZone\(stack, /g)).toHaveLength(4);
    expect(code.match(/new appBookmark\.AppBookmark\(stack, /g)).toHaveLength(3);
    expect(code.match(/\.importFrom\("/g)).toHaveLength(205 + 4 + 3);
    expect(code).toContain(
      [
        '  const oktaTrustedOriginOrigin204 = new trustedOrigin.TrustedOrigin(stack, "origin_204", {',
        '    name: "Origin 204",',
        '    origin: "https://app204.example.com",',
        '    scopes: ["CORS", "REDIRECT"],',
        "    active: false,",
        "  });",
        '  oktaTrustedOriginOrigin204.importFrom("tos00000000000204");',
      ].join("\n"),
    );
  });

  test("writes what the API returns that the provider reads, and leaves the provider's defaults out", () => {
    const snippets = [
      `new networkZone.NetworkZone(stack, "legacyipzone", {
    name: "LegacyIpZone",
    type: "IP",
    gateways: ["203.0.113.0/24", "198.51.100.7"],
  });`,
      `new networkZone.NetworkZone(stack, "blocked_ips", {
    name: "Blocked IPs",
    type: "IP",
    status: "INACTIVE",
    usage: "BLOCKLIST",
    gateways: ["192.0.2.1-192.0.2.9"],
  });`,
      `new networkZone.NetworkZone(stack, "tor", {
    name: "Tor",
    type: "DYNAMIC",
    usage: "BLOCKLIST",
    dynamicProxyType: "TorAnonymizer",
    asns: ["64496"],
    dynamicLocations: ["US-CA", "DE"],
  });`,
      `new networkZone.NetworkZone(stack, "enhanced", {
    name: "Enhanced",
    type: "DYNAMIC_V2",
    asns: ["64497"],
    dynamicLocationsExclude: ["FR"],
    ipServiceCategoriesInclude: ["ALL_ANONYMIZERS"],
  });`,
      `new appBookmark.AppBookmark(stack, "wiki", {
    label: "Wiki",
    url: "https://wiki.example.com",
    appLinksJson: '{"login":true}',
    adminNote: "Owned by IT",
  });`,
      `new appBookmark.AppBookmark(stack, "wiki_2", {`,
      `new appBookmark.AppBookmark(stack, "hr_portal", {`,
    ];
    for (const snippet of snippets) expect(code).toContain(snippet);
    expect(code).not.toContain("Portal\",\n    url");
  });

  test("names objects from their names, unique among all the stack's names", () => {
    expect(code).toContain('new OktaGroup(stack, "team_0", {');
    expect(code).toContain('new trustedOrigin.TrustedOrigin(stack, "team_0_2", {');
  });

  test("the exported code type-checks with tsc --strict", () => {
    expect(typeCheck([out]).split("\n").filter((line) => line.includes("org.ts"))).toEqual([]);
  });

  gate.test("planned against the same org: every included object imported, nothing added, changed or destroyed", async () => {
    // GIVEN
    const tf = synthDefined(loadDefineOrg(out));
    // WHEN
    const { counts, changed } = await planAgainst(tf, org, "included");
    // THEN
    expect(changed).toEqual([]);
    expect(counts).toMatchObject({ add: 0, change: 0, destroy: 0, replace: 0, import: tf.import.length });
    const imported = (type: string) => tf.import.filter((i: { to: string }) => i.to.startsWith(`${type}.`)).map((i: { id: string }) => i.id).sort();
    expect(imported("okta_trusted_origin")).toEqual(org.trustedOrigins.map((o) => o.id).sort());
    expect(imported("okta_network_zone")).toEqual(org.zones.map((z) => z.id).sort());
    expect(imported("okta_app_bookmark")).toEqual(["0oa00000000000000", "0oa00000000000002", "0oa00000000000003"]);
  }, 120000);
});

describe("export is resumable", () => {
  test("an export interrupted by an outage resumes from its progress file and writes the same code", async () => {
    // GIVEN a full export of a small org, and an export that fails at request 6
    const org = makeOrg(1200, 20);
    const whole = new FakeOkta(org, { token: TOKEN });
    await whole.start();
    const full = tempOut("whole");
    expect((await run(["--org-url", whole.url, "--out", full])).code).toBe(0);
    await whole.stop();
    const flaky = new FakeOkta(org, { token: TOKEN, failFrom: 6 });
    await flaky.start();
    const out = tempOut("resumed");
    try {
      const first = await run(["--org-url", flaky.url, "--out", out]);
      expect(first.code).toBe(1);
      expect(first.err).toContain(adoptMessages.apiError(`${flaky.url}/api/v1/users`, 500, "Internal Server Error"));
      expect(fs.readdirSync(out)).toEqual([".export-progress.json"]);
      // WHEN
      flaky.recover();
      const before = flaky.requests;
      const second = await run(["--org-url", flaky.url, "--out", out]);
      // THEN
      expect(second.code).toBe(0);
      expect(second.err).toContain("Resuming the export");
      expect(flaky.requests - before).toBe(whole.requests - 5);
      const strip = (text: string) => text.replace(/http:\/\/127\.0\.0\.1:\d+/g, "<org>");
      expect(strip(fs.readFileSync(path.join(out, "org.ts"), "utf8"))).toBe(strip(fs.readFileSync(path.join(full, "org.ts"), "utf8")));
      expect(fs.readFileSync(path.join(out, "directory", "users.csv"), "utf8")).toBe(fs.readFileSync(path.join(full, "directory", "users.csv"), "utf8"));
      expect(fs.existsSync(path.join(out, ".export-progress.json"))).toBe(false);
    } finally {
      await flaky.stop();
    }
  });
});

describe("export failures: a clear message, nothing written", () => {
  const org = makeOrg(10, 2);
  let server: FakeOkta;
  beforeAll(async () => {
    server = new FakeOkta(org, { token: TOKEN, forbidden: ["/api/v1/groups"] });
    await server.start();
  });
  afterAll(() => server.stop());

  test("an unreachable org", async () => {
    const out = tempOut("unreachable");
    const result = await run(["--org-url", "http://127.0.0.1:9", "--out", out]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(adoptMessages.orgUnreachable("http://127.0.0.1:9", "ECONNREFUSED"));
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a 401", async () => {
    const out = tempOut("401");
    const result = await run(["--org-url", server.url, "--out", out], { OKTA_API_TOKEN: "fake-wrong-token" });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `cdktf-okta export: ${server.url}/api/v1/users answered 401 Unauthorized: Okta did not accept the credentials. Check that OKTA_API_TOKEN (or the service app's key) belongs to this org and is not revoked or expired; nothing was written.`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a 403 for a missing scope names the scope", async () => {
    const out = tempOut("403");
    const result = await run(["--org-url", server.url, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.err.split("\n")[0]).toBe(
      `cdktf-okta export: ${server.url}/api/v1/groups answered 403 Forbidden: the credentials lack the okta.groups.read scope. Grant okta.groups.read to the service app (Okta API Scopes tab) and add it to OKTA_API_SCOPES, or use a token of an admin who may read this; nothing was written.`,
    );
    expect(fs.readdirSync(out)).toEqual([".export-progress.json"]);
  });

  test("no credentials, a bad org URL and an unknown --include are usage errors (exit 2)", async () => {
    const out = tempOut("usage");
    expect(await run(["--org-url", server.url, "--out", out], {})).toEqual({ code: 2, out: "", err: adoptMessages.noCredentials() });
    expect((await run(["--org-url", "https://dev-1.okta.com/admin", "--out", out])).err).toBe(adoptMessages.badOrgUrl("https://dev-1.okta.com/admin"));
    expect(await run(["--org-url", server.url, "--out", out, "--include", "okta_app_oauth"])).toEqual({
      code: 2,
      out: "",
      err: '--include "okta_app_oauth" is not an okta resource type that export can read. Export reads users, groups, memberships, group rules and user schema properties, and with --include: okta_trusted_origin, okta_network_zone, okta_app_bookmark.',
    });
    expect((await run(["--org-url", server.url, "--out", out, "--include", "okta_network_zone", "okta_trusted_orgin"])).err).toBe(
      adoptMessages.unknownInclude("okta_trusted_orgin", "okta_trusted_origin", ["okta_trusted_origin", "okta_network_zone", "okta_app_bookmark"]),
    );
    expect((await run(["--org-url", server.url, "--out", out, "--max-api-capacity", "0"])).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});
