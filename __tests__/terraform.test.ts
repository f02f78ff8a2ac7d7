/**
 * The Terraform suite: what cdktf-okta synthesizes, judged by the real terraform CLI attached to the
 * test provider (lib/test-provider). Runs whenever terraform is on PATH; otherwise says once that it was
 * skipped. CDKTF_OKTA_REQUIRE_TERRAFORM=1 (set by .ci/run when terraform is on PATH) turns a missing
 * terraform into a failure, and CDKTF_OKTA_TERRAFORM_REPORT names a file the suite writes its timings to.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformVariable, Testing } from "cdktf";
import { OktaApp, OktaGroup, OktaGroupRule, OktaIdentitySource, OktaIdentitySourceImport, OktaOrgStack, OktaUser, OktaUserSchemaProperty } from "../lib";
import { TerraformResult, TerraformSandbox, planCounts } from "../lib/test-provider/harness";
import { runCdktfOkta } from "../lib/cli/program";
import { everything } from "./fixtures/all-features";
import { workshop } from "./fixtures/workshop/workshop";
import { terraformGate } from "./terraform-gate";

const ROOT = path.resolve(__dirname, "..");
const gate = terraformGate("the Terraform suite");
const TERRAFORM = gate.terraform;
const REPORT = process.env.CDKTF_OKTA_TERRAFORM_REPORT;

/** Seconds of each terraform step, by scenario, for the closing report. */
const timings: Record<string, Record<string, number>> = {};
const verdicts: Record<string, Record<string, boolean>> = {};

function record(scenario: string, step: string, result: TerraformResult, ok: boolean): void {
  (timings[scenario] ??= {})[step] = Math.round(result.seconds * 1000) / 1000;
  (verdicts[scenario] ??= {})[step] = ok;
}

/** Runs a step and fails the test with terraform's own output when it does not exit as expected. */
function step(sandbox: TerraformSandbox, scenario: string, name: string, args: string[], expectStatus = 0, env: Record<string, string> = {}): TerraformResult {
  const result = sandbox.terraform(args, env);
  record(scenario, name, result, result.status === expectStatus);
  if (result.status !== expectStatus) {
    throw new Error(`terraform ${args.join(" ")} in ${scenario} exited ${result.status}, expected ${expectStatus}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The Terraform JSON of one stack built by `define`, as cdktf synthesizes it. */
function synthStack(define: (stack: OktaOrgStack) => void, props: Partial<ConstructorParameters<typeof OktaOrgStack>[2]> = {}): any {
  const stack = new OktaOrgStack(Testing.app(), "okta-dev", { orgName: "acme-dev", environment: "dev", ...props });
  define(stack);
  return JSON.parse(Testing.synth(stack));
}

/** Placeholder values for a stack's variables that have no default (no real credentials anywhere here). */
function variableValues(tf: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, body] of Object.entries<any>(tf.variable ?? {})) {
    if (body.default === undefined) env[`TF_VAR_${name}`] = `placeholder-${name}`;
  }
  return env;
}

/** Puts into the simulated org every object an import block of `tf` adopts, as the configuration describes it. */
function seedImports(sandbox: TerraformSandbox, tf: any): void {
  const ids = new Map<string, string>((tf.import ?? []).map((i: any) => [i.to, i.id]));
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(/\$\{([a-z_]+\.[A-Za-z0-9_-]+)\.id\}/g, (whole, address) => ids.get(address) ?? whole);
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  for (const { to, id } of tf.import ?? []) {
    const [type, name] = to.split(".");
    const { "//": _meta, depends_on: _d, lifecycle: _l, provider: _p, ...body } = tf.resource[type][name];
    sandbox.org.put(type, id, { ...(resolve(body) as object), id }, { op: "create", start: 0 });
  }
}

const describeTerraform = gate.describe;

describeTerraform("terraform judges the main job's stacks", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-main-tf-")), "cdktf.out");
    execFileSync(process.execPath, [path.join(ROOT, "dist", "main.js")], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" }, stdio: "pipe" });
  });

  test.each(["okta-dev", "okta-staging", "okta-prod", "okta-workspaces"])("%s: validate, plan, apply on a fresh org, then a second plan has no changes", async (name) => {
    // GIVEN
    const stackDir = path.join(outdir, "stacks", name);
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const env = variableValues(tf);
    const sandbox = await TerraformSandbox.create({ stackDir });
    try {
      // WHEN
      step(sandbox, name, "init", ["init", "-input=false"]);
      step(sandbox, name, "validate", ["validate"]);
      step(sandbox, name, "plan", ["plan", "-out=first.tfplan"], 0, env);
      step(sandbox, name, "apply", ["apply", "first.tfplan"], 0, env);
      const second = step(sandbox, name, "second plan", ["plan", "-detailed-exitcode"], 0, env);
      // THEN
      expect(second.stdout).toContain("No changes.");
    } finally {
      await sandbox.stop();
    }
  });
});

describeTerraform("terraform judges the all-features stack", () => {
  test("adopts its imports with no change, applies, and plans no change after", async () => {
    // GIVEN
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-all-tf-")), "cdktf.out");
    const app = new OktaApp({ outdir });
    everything(app);
    app.synth();
    const stackDir = path.join(outdir, "stacks", "okta-prod");
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const sandbox = await TerraformSandbox.create({ stackDir });
    seedImports(sandbox, tf);
    try {
      step(sandbox, "all-features", "init", ["init", "-input=false"]);
      step(sandbox, "all-features", "validate", ["validate"]);
      // WHEN
      const { plan, result } = sandbox.planJson();
      record("all-features", "plan", result, result.status === 0);
      expect(result.stderr).toBe("");
      step(sandbox, "all-features", "apply", ["apply", "plan.tfplan"]);
      const second = step(sandbox, "all-features", "second plan", ["plan", "-detailed-exitcode"]);
      // THEN
      const counts = planCounts(plan);
      expect(counts.import).toBe(tf.import.length);
      expect(counts.destroy + counts.replace + counts.change).toBe(0);
      expect(second.stdout).toContain("No changes.");
    } finally {
      await sandbox.stop();
    }
  });
});

/** The org the scenarios below start from: a schema property, two users, a group with both, a rule. */
function garden(stack: OktaOrgStack, renamed = false): void {
  const was = (id: string) => (renamed ? { renamedFrom: id } : {});
  const id = (name: string) => (renamed ? `${name}_v2` : name);
  new OktaUserSchemaProperty(stack, id("crn"), { index: "customer_reference_number", title: "CRN", type: "string", required: true, ...was("crn") });
  const bird = new OktaUser(stack, id("bird"), {
    login: "rufous.hummingbird@example.com", email: "rufous.hummingbird@example.com", firstName: "Selasphorus", lastName: "rufous",
    customProfile: { customer_reference_number: "CRN-0001" }, ...was("bird"),
  });
  const butterfly = new OktaUser(stack, "butterfly", {
    login: "swallowtail.butterfly@example.com", email: "swallowtail.butterfly@example.com", firstName: "Papilio", lastName: "zelicaon",
    customProfile: { customer_reference_number: "CRN-0002" },
  });
  const group = new OktaGroup(stack, id("garden"), { name: "The Garden", members: [bird, butterfly], ...was("garden") });
  new OktaGroupRule(stack, id("rule"), { name: "Gardeners", expression: 'user.department == "Garden"', groups: [group], ...was("rule") });
}

/** A sandbox with `tf` applied to a fresh simulated org. */
async function applied(scenario: string, tf: unknown): Promise<TerraformSandbox> {
  const sandbox = await TerraformSandbox.create({ files: { "cdk.tf.json": tf }, name: scenario });
  step(sandbox, scenario, "init", ["init", "-input=false"]);
  step(sandbox, scenario, "apply", ["apply", "-auto-approve"]);
  return sandbox;
}

describeTerraform("terraform judges what the constructs promise", () => {
  test("renamedFrom: the plan only moves (0 to add, 0 to change, 0 to destroy)", async () => {
    // GIVEN
    const sandbox = await applied("renamedFrom", synthStack((s) => garden(s)));
    try {
      // WHEN
      sandbox.writeStack(synthStack((s) => garden(s, true)));
      const { plan, result } = sandbox.planJson();
      record("renamedFrom", "plan", result, result.status === 0);
      // THEN
      expect(result.status).toBe(0);
      expect(planCounts(plan)).toMatchObject({ add: 0, change: 0, destroy: 0, replace: 0, move: 5 });
      expect(result.stdout).toContain("Plan: 0 to add, 0 to change, 0 to destroy.");
    } finally {
      await sandbox.stop();
    }
  });

  test("importId: the plan imports the existing user and changes nothing", async () => {
    // GIVEN an org that already has the user
    const sandbox = await TerraformSandbox.create({
      name: "importId",
      files: {
        "cdk.tf.json": synthStack((s) => {
          new OktaUser(s, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "Selasphorus", lastName: "rufous", importId: "00u1existing" });
        }),
      },
    });
    sandbox.org.put("okta_user", "00u1existing", { id: "00u1existing", login: "bird@example.com", email: "bird@example.com", first_name: "Selasphorus", last_name: "rufous" }, { op: "create", start: 0 });
    try {
      step(sandbox, "importId", "init", ["init", "-input=false"]);
      // WHEN
      const { plan, result } = sandbox.planJson();
      record("importId", "plan", result, result.status === 0);
      // THEN
      expect(planCounts(plan)).toMatchObject({ import: 1, add: 0, change: 0, destroy: 0 });
      expect(result.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    } finally {
      await sandbox.stop();
    }
  });

  test("drift: a user edited in the org shows as exactly that change, and plan -detailed-exitcode exits 2", async () => {
    // GIVEN
    const sandbox = await applied("drift", synthStack((s) => garden(s)));
    try {
      const [id, bird] = Object.entries(sandbox.org.read().objects.okta_user).find(([, u]) => u.login === "rufous.hummingbird@example.com")!;
      sandbox.org.put("okta_user", id, { ...bird, first_name: "Edited in the Admin Console" }, { op: "update", start: 0 });
      // WHEN
      const exit = step(sandbox, "drift", "plan -detailed-exitcode", ["plan", "-detailed-exitcode"], 2);
      const { plan } = sandbox.planJson();
      // THEN
      const changed = plan.resource_changes.filter((rc: any) => !rc.change.actions.includes("no-op"));
      expect(changed.map((rc: any) => [rc.address, rc.change.actions])).toEqual([["okta_user.bird", ["update"]]]);
      const { before, after } = changed[0].change;
      const differing = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      expect(differing).toEqual(["first_name"]);
      expect(exit.stdout).toContain('~ first_name                = "Edited in the Admin Console" -> "Selasphorus"');
    } finally {
      await sandbox.stop();
    }
  });

  test("a production org refuses terraform destroy (prevent_destroy) and keeps its objects", async () => {
    // GIVEN
    const sandbox = await applied("production destroy", synthStack((s) => garden(s), { production: true, environment: "prod" }));
    try {
      const before = sandbox.org.read().objects;
      // WHEN
      const destroy = step(sandbox, "production destroy", "destroy", ["destroy", "-auto-approve"], 1);
      // THEN
      expect(destroy.stderr).toContain("Error: Instance cannot be destroyed");
      expect(sandbox.org.read().objects).toEqual(before);
    } finally {
      await sandbox.stop();
    }
  });

  test("the workshop: its HCL applied, then the cdktf-okta stack plans only the documented move", async () => {
    // GIVEN the workshop's own HCL, applied as its users apply it
    const hcl = fs.readFileSync(path.join(__dirname, "fixtures", "workshop", "main.tf"), "utf8");
    const providers = { terraform: { required_providers: { okta: { source: "okta/okta", version: "6.12.0" } } }, provider: { okta: { org_name: "dev-1234567890", base_url: "okta.com" } } };
    const sandbox = await TerraformSandbox.create({ name: "workshop", files: { "main.tf": hcl, "providers.tf.json": providers } });
    try {
      step(sandbox, "workshop", "init", ["init", "-input=false"]);
      step(sandbox, "workshop", "apply HCL", ["apply", "-auto-approve"]);
      // WHEN the same org is planned with the stack the README's walkthrough builds
      fs.rmSync(path.join(sandbox.dir, "main.tf"));
      fs.rmSync(path.join(sandbox.dir, "providers.tf.json"));
      const stack = new OktaOrgStack(Testing.app(), "workshop", { orgName: "dev-1234567890", environment: "dev" });
      workshop(stack);
      stack.addOverride("moved", [{ from: "okta_group_memberships.gardenmembers", to: "okta_group_memberships.garden_members" }]);
      const tf = JSON.parse(Testing.synth(stack));
      delete tf.terraform.backend;
      sandbox.writeStack(tf);
      step(sandbox, "workshop", "init stack", ["init", "-input=false"]);
      const { plan, result } = sandbox.planJson();
      record("workshop", "plan", result, result.status === 0);
      // THEN
      expect(planCounts(plan)).toMatchObject({ add: 0, change: 0, destroy: 0, replace: 0, move: 1 });
      expect(result.stdout).toContain("# okta_group_memberships.gardenmembers has moved to okta_group_memberships.garden_members");
    } finally {
      await sandbox.stop();
    }
  });

  test("schema properties are written one at a time at terraform's default parallelism", async () => {
    // GIVEN four properties, which cdktf-okta chains with depends_on
    const tf = synthStack((s) => {
      for (const index of ["a_one", "b_two", "c_three", "d_four"]) new OktaUserSchemaProperty(s, index, { index, title: index, type: "string" });
    });
    const sandbox = await applied("schema chain", tf);
    try {
      // THEN no two writes overlapped
      const writes = sandbox.org.read().log.filter((e) => e.type === "okta_user_schema_property");
      expect(writes).toHaveLength(4);
      for (let i = 1; i < writes.length; i++) expect(writes[i].start).toBeGreaterThanOrEqual(writes[i - 1].end);
    } finally {
      await sandbox.stop();
    }
  });

  test("the simulated org refuses concurrent schema writes, so the chain above is what keeps them apart", async () => {
    // GIVEN the same properties without their depends_on chain
    const tf = synthStack((s) => {
      for (const index of ["a_one", "b_two", "c_three", "d_four"]) new OktaUserSchemaProperty(s, index, { index, title: index, type: "string" });
    });
    for (const body of Object.values<any>(tf.resource.okta_user_schema_property)) delete body.depends_on;
    const sandbox = await TerraformSandbox.create({ name: "schema unchained", files: { "cdk.tf.json": tf } });
    try {
      step(sandbox, "schema unchained", "init", ["init", "-input=false"]);
      // WHEN
      const apply = step(sandbox, "schema unchained", "apply", ["apply", "-auto-approve"], 1);
      // THEN
      expect(apply.stderr).toContain("Error: concurrent write to Okta's user schema (okta_user_schema_property)");
    } finally {
      await sandbox.stop();
    }
  });

  test("identity-source waves apply in order, each behind its time_sleep", async () => {
    // GIVEN 401 users: three waves of at most 200
    const tf = synthStack((s) => {
      const hr = new OktaIdentitySource(s, "Hr", { identitySourceId: "0oa1hr" });
      const upsertUsers = Array.from({ length: 401 }, (_, i) => ({
        externalId: `U${String(i).padStart(3, "0")}`,
        profile: { userName: `u${i}@example.com`, email: `u${i}@example.com`, firstName: "U", lastName: `${i}` },
      }));
      new OktaIdentitySourceImport(s, "sync", { source: hr, upsertUsers, revision: "1", waves: true });
    });
    // WHEN
    const sandbox = await applied("waves", tf);
    try {
      // THEN wave 1, sleep, wave 2, sleep, wave 3, each starting after the previous ended
      const log = sandbox.org.read().log.filter((e) => e.type === "okta_identity_source_import" || e.type === "time_sleep");
      expect(log.map((e) => (e.type === "time_sleep" ? "sleep" : e.upsertUsers![0]))).toEqual(["U000", "sleep", "U200", "sleep", "U400"]);
      for (let i = 1; i < log.length; i++) expect(log[i].start).toBeGreaterThanOrEqual(log[i - 1].end);
    } finally {
      await sandbox.stop();
    }
  });
});

describeTerraform("the simulated org refuses what Okta refuses", () => {
  const user = (login: string, extra: object = {}) => ({ login, email: "someone@example.com", first_name: "S", last_name: "O", ...extra });
  const stackWith = (resource: object) => ({
    terraform: { required_providers: { okta: { source: "okta/okta", version: "6.12.0" } } },
    provider: { okta: [{ org_name: "acme-dev", base_url: "okta.com" }] },
    resource,
  });

  test.each([
    [
      "a second user with the same login, in another case",
      { okta_user: { a: user("Bird@Example.com"), b: user("bird@example.com", { depends_on: ["okta_user.a"] }) } },
      "Api validation failed: login. Causes: errorSummary: login: An object with this field already exists in the current organization",
    ],
    [
      "a group rule name over 50 bytes",
      { okta_group: { g: { name: "G" } }, okta_group_rule: { r: { name: "é".repeat(26), expression_value: "true", group_assignments: ["${okta_group.g.id}"] } } },
      "Api validation failed: name. Causes: errorSummary: name: size must be between 1 and 50",
    ],
    [
      "a user without a value for a required custom property",
      {
        okta_user_schema_property: { crn: { index: "crn", title: "CRN", type: "string", required: true } },
        okta_user: { a: user("bird@example.com", { depends_on: ["okta_user_schema_property.crn"] }) },
      },
      "Api validation failed: crn. Causes: errorSummary: crn: The field cannot be left blank",
    ],
  ])("%s", async (scenario, resource, message) => {
    const sandbox = await TerraformSandbox.create({ name: "refusal", files: { "cdk.tf.json": stackWith(resource) } });
    try {
      step(sandbox, `refusal: ${scenario}`, "init", ["init", "-input=false"]);
      const apply = step(sandbox, `refusal: ${scenario}`, "apply", ["apply", "-auto-approve"], 1);
      expect(apply.stderr.replace(/\s*\n\s*/g, " ")).toContain(message);
    } finally {
      await sandbox.stop();
    }
  });
});

afterAll(() => {
  if (!TERRAFORM) return;
  const lines = Object.entries(timings).map(([scenario, steps]) => `  ${scenario}: ${Object.entries(steps).map(([s, t]) => `${s} ${t.toFixed(2)} s`).join(", ")}`);
  console.log(`Terraform suite (${TERRAFORM}), seconds per step:\n${lines.join("\n")}`);
  if (REPORT) fs.writeFileSync(REPORT, JSON.stringify({ terraform: TERRAFORM, timings, verdicts }, null, 2));
});

describeTerraform("the plan guard on plans terraform made", () => {
  /** Applies `before`, plans `after`, and runs cdktf-okta-guard on `terraform show -json` of that plan. */
  async function guard(scenario: string, before: unknown, after: unknown, args: string[] = []): Promise<{ status: number; out: string; plan: any }> {
    const sandbox = await applied(scenario, before);
    try {
      sandbox.writeStack(after);
      const { plan, result } = sandbox.planJson();
      record(scenario, "plan", result, result.status === 0);
      if (result.status !== 0) throw new Error(`plan failed in ${scenario}:\n${result.stderr}`);
      const file = path.join(sandbox.root, "plan.json");
      fs.writeFileSync(file, JSON.stringify(plan));
      let out = "";
      const status = await runCdktfOkta(["guard", file, ...args], { out: (text: string) => (out += `${text}\n`), err: (text: string) => (out += `${text}\n`) });
      return { status, out: out.split(file).join("plan.json"), plan };
    } finally {
      await sandbox.stop();
    }
  }

  const oneUser = (id: string, props: Partial<ConstructorParameters<typeof OktaUser>[2]> = {}) => (s: OktaOrgStack) => {
    new OktaUser(s, id, { login: "bird@example.com", email: "bird@example.com", firstName: "Selasphorus", lastName: "rufous", ...props });
  };

  test("a rename without renamedFrom deletes the user: exit 2, naming it", async () => {
    const { status, out } = await guard("guard: rename", synthStack(oneUser("bird")), synthStack(oneUser("hummingbird")));
    expect(status).toBe(1);
    expect(out).toContain("  okta_user.bird: delete (delete_because_no_resource_config)\n");
  });

  test("a schema property whose index changed is replaced: exit 2, naming the attribute that forces it", async () => {
    const property = (index: string) => (s: OktaOrgStack) => void new OktaUserSchemaProperty(s, "crn", { index, title: "CRN", type: "string" });
    const { status, out, plan } = await guard("guard: schema index", synthStack(property("crn")), synthStack(property("customer_reference_number")));
    expect(plan.resource_changes.find((rc: any) => rc.address === "okta_user_schema_property.crn").change.replace_paths).toEqual([["index"]]);
    expect(status).toBe(1);
    expect(out).toBe(
      "cdktf-okta-guard: plan.json: 0 to add, 0 to change, 1 to replace, 0 to destroy; 1 change would delete or replace users, groups, group rules, schema properties or identity-source records (their Okta ids, memberships and history go with them):\n" +
        "  okta_user_schema_property.crn: replace, forced by index (replace_because_cannot_update)\n" +
        "If that is intended, allow it: --allow 'okta_user_schema_property.crn' (a glob allows several, e.g. --allow 'okta_user.old_*').\n",
    );
  });

  test("a user removed from the code is deleted: exit 2; --allow accepts it and exits 0", async () => {
    const before = synthStack((s) => garden(s));
    // The same code with the butterfly user deleted.
    const after = synthStack((s) => garden(s));
    delete after.resource.okta_user.butterfly;
    const members = after.resource.okta_group_memberships.garden_members;
    members.users = members.users.filter((u: string) => u !== "${okta_user.butterfly.id}");
    const blocked = await guard("guard: user removed", before, after);
    expect(blocked.status).toBe(1);
    expect(blocked.out).toContain("okta_user.butterfly: delete");
    const allowed = await guard("guard: user removed, allowed", before, after, ["--allow", "okta_user.butterfly"]);
    expect(allowed.status).toBe(0);
  });

  test("a production group removed from the code is deleted: exit 2 with --production, whatever the type", async () => {
    const prod = { production: true, environment: "prod" };
    const before = synthStack((s) => void new OktaGroup(s, "legacy", { name: "Legacy" }), prod);
    const after = synthStack(() => undefined, prod);
    const { status, out } = await guard("guard: production group", before, after, ["--production"]);
    expect(status).toBe(1);
    expect(out).toContain("okta_group.legacy: delete");
  });

  test("a plan that only adds and moves passes with a one-line summary", async () => {
    const { status, out } = await guard("guard: only moves", synthStack((s) => garden(s)), synthStack((s) => garden(s, true)));
    expect(status).toBe(0);
    expect(out.trim().split("\n")).toHaveLength(1);
  });
});

describeTerraform("values reach Okta literally", () => {
  test("a first name that looks like a Terraform template is stored in the org exactly as written", async () => {
    // GIVEN
    const firstName = '${file("/etc/passwd")}';
    const title = "%{ if true }x%{ endif } and $${kept}";
    const tf = synthStack((s) => {
      new OktaUser(s, "bird", { login: "bird@example.com", email: "bird@example.com", firstName, lastName: "R", title, customProfile: { nickname: "${path.cwd}" } });
    });
    // WHEN
    const sandbox = await applied("literal values", tf);
    try {
      // THEN
      const [stored] = Object.values(sandbox.org.read().objects.okta_user);
      expect(stored.first_name).toBe(firstName);
      expect(stored.title).toBe(title);
      expect(stored.custom_profile_attributes).toBe('{"nickname":"${path.cwd}"}');
      step(sandbox, "literal values", "second plan", ["plan", "-detailed-exitcode"]);
    } finally {
      await sandbox.stop();
    }
  });
});

describeTerraform("values from Terraform variables reach Okta as the variable's value", () => {
  test("customProfileAttributesToIgnore from a list(string) variable is the variable's list in the org", async () => {
    // GIVEN
    const tf = synthStack((s) => {
      const ignored = new TerraformVariable(s, "ignored", { type: "list(string)", default: ["hr_id", "badge"] });
      new OktaUser(s, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "F", lastName: "L", customProfileAttributesToIgnore: ignored.listValue });
    });
    // WHEN
    const sandbox = await applied("list variable", tf);
    try {
      // THEN
      const [stored] = Object.values(sandbox.org.read().objects.okta_user);
      expect([...(stored.custom_profile_attributes_to_ignore as string[])].sort()).toEqual(["badge", "hr_id"]);
      step(sandbox, "list variable", "second plan", ["plan", "-detailed-exitcode"]);
    } finally {
      await sandbox.stop();
    }
  });
});

describeTerraform("production retirements, planned by terraform", () => {
  const prod = { production: true, environment: "prod" };
  const users = (ids: string[]) => (s: OktaOrgStack) => {
    for (const id of ids) new OktaUser(s, id, { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "F", lastName: "L" });
  };

  async function planAfter(scenario: string, after: any): Promise<{ plan: any; stdout: string; guard: number }> {
    const sandbox = await applied(scenario, synthStack(users(["bird", "e1003"]), prod));
    try {
      sandbox.writeStack(after);
      const { plan, result } = sandbox.planJson();
      record(scenario, "plan", result, result.status === 0);
      if (result.status !== 0) throw new Error(`${scenario}: ${result.stderr}`);
      const file = path.join(sandbox.root, "plan.json");
      fs.writeFileSync(file, JSON.stringify(plan));
      const guard = await runCdktfOkta(["guard", file, "--production"], { out: () => undefined, err: () => undefined });
      return { plan, stdout: result.stdout, guard };
    } finally {
      await sandbox.stop();
    }
  }

  test("retire with destroy: false forgets the user (Okta keeps it) and the guard lets it through", async () => {
    const after = synthStack((s) => {
      users(["bird"])(s);
      s.retire("okta_user.e1003", { destroy: false });
    }, prod);
    const { plan, stdout, guard } = await planAfter("retire, keep in Okta", after);
    expect(stdout).toContain("# okta_user.e1003 will no longer be managed by Terraform");
    expect(planCounts(plan)).toMatchObject({ add: 0, change: 0, destroy: 0, replace: 0 });
    expect(guard).toBe(0);
  });

  test("retire with destroy: true deletes the user, which the guard stops in production unless allowed", async () => {
    const after = synthStack((s) => {
      users(["bird"])(s);
      s.retire("okta_user.e1003", { destroy: true });
    }, prod);
    const { plan, guard } = await planAfter("retire, delete from Okta", after);
    expect(planCounts(plan)).toMatchObject({ destroy: 1 });
    expect(guard).toBe(1);
  });
});
