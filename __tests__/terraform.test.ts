/**
 * The Terraform suite: what cdktf-okta synthesizes, judged by the real terraform CLI attached to the
 * test provider (lib/testing). Runs whenever terraform is on PATH; otherwise says once that it was
 * skipped. CDKTF_OKTA_REQUIRE_TERRAFORM=1 (set by .ci/run when terraform is on PATH) turns a missing
 * terraform into a failure, and CDKTF_OKTA_TERRAFORM_REPORT names a file the suite writes its timings to.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { OktaApp, OktaGroup, OktaGroupRule, OktaIdentitySource, OktaIdentitySourceImport, OktaOrgStack, OktaUser, OktaUserSchemaProperty } from "../lib";
import { TerraformResult, TerraformSandbox, planCounts, terraformOnPath } from "../lib/testing/harness";
import { everything } from "./fixtures/all-features";

const ROOT = path.resolve(__dirname, "..");
const TERRAFORM = terraformOnPath();
const REQUIRED = process.env.CDKTF_OKTA_REQUIRE_TERRAFORM === "1";
const REPORT = process.env.CDKTF_OKTA_TERRAFORM_REPORT;

if (!TERRAFORM) {
  console.log(
    `Terraform suite skipped: no terraform binary on PATH (install terraform 1.11 to run it)${REQUIRED ? "; CDKTF_OKTA_REQUIRE_TERRAFORM=1, so this fails" : ""}.`,
  );
}

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

const describeTerraform = TERRAFORM ? describe : describe.skip;

if (REQUIRED && !TERRAFORM) {
  test("terraform is on PATH (CDKTF_OKTA_REQUIRE_TERRAFORM=1)", () => {
    throw new Error("CDKTF_OKTA_REQUIRE_TERRAFORM=1 but there is no terraform on PATH: the Terraform suite cannot run.");
  });
}

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
