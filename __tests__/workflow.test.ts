import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ENVIRONMENTS } from "../stacks/environments";

const WORKFLOW = path.join(__dirname, "..", ".github", "workflows", "okta.yml");
const workflow = parse(fs.readFileSync(WORKFLOW, "utf8"));

/** Every `run:` command of a job, in order. */
function runs(jobId: string): string[] {
  return workflow.jobs[jobId].steps.filter((step: any) => step.run !== undefined).map((step: any) => step.run.trim());
}

/** The index of the first step of a job whose run command contains `text`. */
function stepIndex(jobId: string, text: string): number {
  return workflow.jobs[jobId].steps.findIndex((step: any) => typeof step.run === "string" && step.run.includes(text));
}

const nonProduction = ENVIRONMENTS.filter((env) => !env.production).map((env) => env.stackId);
const production = ENVIRONMENTS.filter((env) => env.production).map((env) => env.stackId);

describe(".github/workflows/okta.yml", () => {
  test("runs on pull requests, pushes to main and a schedule", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push", "schedule"]));
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  });

  test("takes the Terraform Cloud token from secrets and the organization from variables, never literally", () => {
    expect(workflow.env).toMatchObject({
      TF_TOKEN_app_terraform_io: "${{ secrets.TF_API_TOKEN }}",
      TFE_TOKEN: "${{ secrets.TF_API_TOKEN }}",
      TFC_ORGANIZATION: "${{ vars.TFC_ORGANIZATION }}",
    });
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  test("on a pull request, diffs every org stack in ENVIRONMENTS after npm ci and synth", () => {
    const diff = workflow.jobs.diff;
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect([...diff.strategy.matrix.stack].sort()).toEqual(ENVIRONMENTS.map((env) => env.stackId).sort());
    expect(runs("diff")).toEqual(["npm ci", "npx cdktf synth", "npx cdktf diff ${{ matrix.stack }} --skip-synth"]);
  });

  test("on a pull request, reports the promotion diff from staging to production", () => {
    expect(workflow.jobs["promotion-diff"].if).toBe("github.event_name == 'pull_request'");
    const command = runs("promotion-diff").find((run) => run.includes("promotion-diff.js"));
    expect(command).toContain("--from cdktf.out/stacks/okta-staging --to cdktf.out/stacks/okta-prod");
    expect(stepIndex("promotion-diff", "cdktf synth")).toBeLessThan(stepIndex("promotion-diff", "promotion-diff.js"));
  });

  test("on a push to main, deploys the non-production orgs, then production", () => {
    const nonProd = workflow.jobs["deploy-non-production"];
    const prod = workflow.jobs["deploy-production"];
    expect(nonProd.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(runs("deploy-non-production")).toContain(`npx cdktf deploy ${nonProduction.join(" ")} --auto-approve`);
    expect(runs("deploy-production")).toContain(`npx cdktf deploy ${production.join(" ")} --auto-approve`);
    expect(prod.needs).toBe("deploy-non-production");
    expect(prod.if).toBe(nonProd.if);
  });

  test("production deploys wait for approval in the production environment", () => {
    expect(workflow.jobs["deploy-production"].environment).toBe("production");
    expect(workflow.jobs["deploy-non-production"].environment).toBeUndefined();
  });

  test("no production stack is deployed without that approval", () => {
    for (const [id, job] of Object.entries<any>(workflow.jobs)) {
      if (id === "deploy-production") continue;
      for (const run of runs(id)) {
        if (!run.includes("cdktf deploy")) continue;
        for (const stack of production) expect(run.split(/\s+/)).not.toContain(stack);
      }
      expect(job.environment).toBeUndefined();
    }
  });

  test("the scheduled job plans production with a detailed exit code (2 = drift fails the job)", () => {
    const drift = workflow.jobs.drift;
    expect(drift.if).toContain("github.event_name == 'schedule'");
    const plan = drift.steps.find((step: any) => typeof step.run === "string" && step.run.includes("terraform plan"));
    expect(plan["working-directory"]).toBe(`cdktf.out/stacks/${production[0]}`);
    expect(plan.run).toContain("-detailed-exitcode");
    expect(stepIndex("drift", "cdktf synth")).toBeLessThan(stepIndex("drift", "terraform plan"));
  });

  test("jobs that run terraform install it without the wrapper cdktf cannot parse", () => {
    for (const id of ["diff", "deploy-non-production", "deploy-production", "drift"]) {
      const setup = workflow.jobs[id].steps.find((step: any) => String(step.uses).startsWith("hashicorp/setup-terraform@"));
      expect(setup?.with?.terraform_wrapper).toBe(false);
      expect(stepIndex(id, "npm ci")).toBeGreaterThan(workflow.jobs[id].steps.indexOf(setup));
    }
  });
});
