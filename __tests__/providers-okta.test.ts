/**
 * "cdktf-okta/providers/okta": one namespace per okta type, in the style of cdktf's prebuilt providers
 * (`import { appOauth } from "cdktf-okta/providers/okta"`), each loaded on first use. Its code is
 * .gen/providers/okta/namespaces.ts (scripts/generate-bindings.js), its types the generated index.d.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { OktaGroup, OktaOrgStack, OktaUser, promotionDiff } from "../lib";
import { providers } from "./fixtures/all-types";
import { problems } from "./util";

const ROOT = path.resolve(__dirname, "..");
const DIST_GEN = path.join(ROOT, "dist", ".gen", "providers", "okta");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Runs a script in a fresh node process and returns what it printed, parsed. */
function inFreshNode(script: string, cwd = ROOT): any {
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }));
}

describe("the lazily loaded okta namespaces", () => {
  test("load no binding until a namespace is used, and then only that one", () => {
    // WHEN
    const loaded = inFreshNode(`
      const bindings = () => Object.keys(require.cache).filter((f) => f.includes("/.gen/providers/okta/") && !f.endsWith("namespaces.js")).map((f) => f.slice(f.indexOf("/okta/") + 6));
      const okta = require(${JSON.stringify(path.join(DIST_GEN, "namespaces.js"))});
      const before = bindings();
      const AppOauth = okta.appOauth.AppOauth;
      console.log(JSON.stringify({ before, after: bindings(), isClass: typeof AppOauth }));`);
    // THEN
    expect(loaded).toEqual({ before: [], after: ["app-oauth/index.js"], isClass: "function" });
  });

  test("export exactly the namespaces of the generated index, enumerable, as an ES module", () => {
    // WHEN
    const shape = inFreshNode(`
      const lazy = require(${JSON.stringify(path.join(DIST_GEN, "namespaces.js"))});
      const eager = require(${JSON.stringify(path.join(DIST_GEN, "index.js"))});
      console.log(JSON.stringify({ lazy: Object.keys(lazy), eager: Object.keys(eager), esModule: lazy.__esModule, same: lazy.policySignon === eager.policySignon }));`);
    // THEN
    expect(shape.lazy).toEqual(shape.eager);
    expect(shape.lazy).toHaveLength(145 + 99 + 1);
    expect([shape.esModule, shape.same]).toEqual([true, true]);
  });
});

describe("generated okta resources in an org stack", () => {
  function orgWithPortal(id: string, production = false): OktaOrgStack {
    const stack = new OktaOrgStack(Testing.app(), id, {
      orgName: `acme-${id}`,
      environment: production ? "prod" : "dev",
      production,
      addressRecord: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "providers-okta-")), `${id}.json`),
    });
    const staff = new OktaGroup(stack, "staff", { name: "Staff" });
    new OktaUser(stack, "ada", { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", groups: [staff] });
    const portal = new providers.appOauth.AppOauth(stack, "portal", {
      label: "Portal",
      type: "web",
      grantTypes: ["authorization_code"],
      redirectUris: ["https://portal.example.com/callback"],
      responseTypes: ["code"],
    });
    new providers.appGroupAssignment.AppGroupAssignment(stack, "portal_staff", { appId: portal.id, groupId: staff.groupId });
    new providers.policySignon.PolicySignon(stack, "strict", { name: "Strict", groupsIncluded: [staff.groupId] });
    return stack;
  }

  test("sit next to the constructs and reference them", () => {
    // WHEN
    const tf = JSON.parse(Testing.synth(orgWithPortal("okta-dev")));
    // THEN
    expect(tf.resource.okta_app_oauth.portal).toMatchObject({ label: "Portal", type: "web", redirect_uris: ["https://portal.example.com/callback"] });
    expect(tf.resource.okta_app_group_assignment.portal_staff).toMatchObject({ app_id: "${okta_app_oauth.portal.id}", group_id: "${okta_group.staff.id}" });
    expect(tf.resource.okta_policy_signon.strict.groups_included).toEqual(["${okta_group.staff.id}"]);
    expect(Object.keys(tf.resource.okta_user)).toEqual(["ada"]);
  });

  test("get the org's checks, scopes and production protection", () => {
    // WHEN
    const dev = orgWithPortal("okta-dev");
    const prod = orgWithPortal("okta-prod", true);
    const tf = JSON.parse(Testing.synth(prod));
    // THEN
    expect(problems(dev)).toEqual([]);
    expect(dev.requiredScopes).toEqual(["okta.apps.manage", "okta.groups.manage", "okta.policies.manage", "okta.users.manage"]);
    for (const address of ["okta_app_oauth.portal", "okta_app_group_assignment.portal_staff", "okta_policy_signon.strict"]) {
      const [type, name] = address.split(".");
      expect({ [address]: tf.resource[type][name].lifecycle }).toEqual({ [address]: { prevent_destroy: true } });
    }
  });

  test("show in the promotion diff like the constructs' resources", () => {
    // GIVEN
    const dev = JSON.parse(Testing.synth(orgWithPortal("okta-dev")));
    const prod = JSON.parse(Testing.synth(orgWithPortal("okta-prod", true)));
    delete prod.resource.okta_policy_signon;
    prod.resource.okta_app_oauth.portal.label = "Old portal";
    // WHEN
    const diff = promotionDiff(dev, prod);
    // THEN
    expect(diff.added).toEqual(["okta_policy_signon.strict"]);
    expect(diff.changed.map((c) => c.address)).toEqual(["okta_app_oauth.portal"]);
  });
});

describe("the package entry cdktf-okta/providers/okta", () => {
  /** A consumer project whose node_modules holds this package (a symlink, as `npm link` makes it) and its peers. */
  function consumer(source: string, moduleResolution: "node16" | "node"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "providers-okta-consumer-"));
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(ROOT, path.join(dir, "node_modules", "cdktf-okta"), "dir");
    for (const peer of ["cdktf", "constructs"]) fs.symlinkSync(path.join(ROOT, "node_modules", peer), path.join(dir, "node_modules", peer), "dir");
    fs.writeFileSync(path.join(dir, "main.ts"), source);
    // "node" (node10) is what cdktf init and cdktf-okta init write: it reads typesVersions, not exports.
    const compilerOptions = { module: moduleResolution === "node" ? "commonjs" : "node16", moduleResolution, target: "ES2022", strict: true, esModuleInterop: true, skipLibCheck: true, types: [], outDir: "out" };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
    return dir;
  }

  test("is declared in package.json: types from the generated index, code from the lazy namespaces", () => {
    expect(pkg.exports["./providers/okta"]).toEqual({ types: "./dist/.gen/providers/okta/index.d.ts", default: "./dist/.gen/providers/okta/namespaces.js" });
    expect(pkg.typesVersions?.["*"]?.["providers/okta"]).toEqual(["dist/.gen/providers/okta/index.d.ts"]);
  });

  test.each(["node16", "node"] as const)("type-checks (moduleResolution %s) and runs for a user: namespaces, classes, config types and references to the constructs", (moduleResolution) => {
    // GIVEN
    const dir = consumer(`
import { App } from "cdktf";
import { OktaGroup, OktaOrgStack } from "cdktf-okta";
import * as okta from "cdktf-okta/providers/okta";
import { appGroupAssignment, appOauth } from "cdktf-okta/providers/okta";

declare const require: { cache: Record<string, unknown> };

const app = new App({ outdir: "cdktf.out" });
const stack = new OktaOrgStack(app, "okta-dev", { orgName: "dev-1", environment: "dev" });
const staff = new OktaGroup(stack, "staff", { name: "Staff" });
const config: appOauth.AppOauthConfig = { label: "Portal", type: "service", grantTypes: ["client_credentials"], responseTypes: ["token"] };
const portal = new appOauth.AppOauth(stack, "portal", config);
new appGroupAssignment.AppGroupAssignment(stack, "portal_staff", { appId: portal.id, groupId: staff.groupId });
new okta.policySignon.PolicySignon(stack, "strict", { name: "Strict" });
const loaded = Object.keys(require.cache).filter((f) => f.includes("/.gen/providers/okta/") && f.endsWith("index.js")).length;
app.synth();
console.log(JSON.stringify({ loaded }));
`, moduleResolution);
    // WHEN
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { cwd: dir, encoding: "utf8" });
    expect([tsc.status, tsc.stdout]).toEqual([0, ""]);
    const run = JSON.parse(execFileSync(process.execPath, [path.join(dir, "out", "main.js")], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).trim().split("\n").pop()!);
    // THEN: the three namespaces used, the constructs' own bindings, and nothing else
    const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "okta-dev", "cdk.tf.json"), "utf8"));
    expect(tf.resource.okta_app_group_assignment.portal_staff.group_id).toBe("${okta_group.staff.id}");
    expect(run.loaded).toBeLessThan(30);
  }, 120_000);
});
