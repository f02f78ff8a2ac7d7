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

/** The index of the first step of a job whose run command contains `text` (or matches it). */
function stepIndex(jobId: string, text: string | RegExp): number {
  return workflow.jobs[jobId].steps.findIndex((step: any) => typeof step.run === "string" && (typeof text === "string" ? step.run.includes(text) : text.test(step.run)));
}

/** A run command line that runs `cdktf-okta <command>` from this repository's build. */
function cdktfOkta(command: string): RegExp {
  return new RegExp(`dist/lib/cli/bin/cdktf-okta\\.js"? ${command}(\\s|$)`);
}

/** A run command that plans, or applies (which plans first unless given a plan file). */
const PLAN = /\bterraform(\s+-chdir=\S+)?\s+plan\b|\bcdktf (diff|deploy)\b/;
const APPLY = /\bterraform(\s+-chdir=\S+)?\s+apply\b|\bcdktf deploy\b/;

/** The org stacks a job works on: its matrix, its STACKS, or the stack directory it plans in. */
function stacksOf(jobId: string): string[] {
  const job = workflow.jobs[jobId];
  if (job.strategy?.matrix?.stack) return job.strategy.matrix.stack;
  if (job.env?.STACKS) return job.env.STACKS.split(" ");
  const plan = job.steps.find((step: any) => PLAN.test(String(step.run)));
  return [String(plan["working-directory"]).replace(/^cdktf\.out\/stacks\//, "")];
}

/** The line of a job's run commands that runs the plan guard. */
function guardCommand(jobId: string): string {
  return runs(jobId).flatMap((run) => run.split("\n")).find((line) => cdktfOkta("guard").test(line)) ?? "";
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

  test("on a pull request, plans every org stack in ENVIRONMENTS after npm ci and synth, into a plan file", () => {
    const diff = workflow.jobs.diff;
    expect(diff.if).toBe("github.event_name == 'pull_request'");
    expect([...diff.strategy.matrix.stack].sort()).toEqual(ENVIRONMENTS.map((env) => env.stackId).sort());
    expect(runs("diff").slice(0, 2)).toEqual(["npm ci", "npx cdktf synth"]);
    const plan = diff.steps[stepIndex("diff", "terraform plan")];
    expect(plan["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.stack }}");
    expect(plan.run).toContain("terraform plan -input=false -out=plan.tfplan");
    expect(plan.run).toContain("terraform show -json plan.tfplan > ${{ matrix.stack }}.plan.json");
  });

  test("on a pull request, reports the promotion diff from staging to production", () => {
    expect(workflow.jobs["promotion-diff"].if).toBe("github.event_name == 'pull_request'");
    const command = runs("promotion-diff").find((run) => cdktfOkta("promotion-diff").test(run));
    expect(command).toContain("--from cdktf.out/stacks/okta-staging --to cdktf.out/stacks/okta-prod");
    expect(stepIndex("promotion-diff", "cdktf synth")).toBeLessThan(stepIndex("promotion-diff", cdktfOkta("promotion-diff")));
  });

  test("on a push to main, deploys the non-production orgs, then production", () => {
    const nonProd = workflow.jobs["deploy-non-production"];
    const prod = workflow.jobs["deploy-production"];
    expect(nonProd.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(nonProd.env.STACKS.split(" ")).toEqual(nonProduction);
    expect(prod.env.STACKS.split(" ")).toEqual(production);
    for (const id of ["deploy-non-production", "deploy-production"]) {
      expect(runs(id).slice(0, 2)).toEqual(["npm ci", "npx cdktf synth"]);
      expect(runs(id)).toContain("for stack in $STACKS; do terraform -chdir=cdktf.out/stacks/$stack apply -input=false plan.tfplan; done");
    }
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
      if (runs(id).some((run) => APPLY.test(run))) {
        for (const stack of production) expect(stacksOf(id)).not.toContain(stack);
      }
      expect(job.environment).toBeUndefined();
    }
  });

  test("every job that plans runs the plan guard on that plan, after the plan and before any apply", () => {
    const planning = Object.keys(workflow.jobs).filter((id) => runs(id).some((run) => PLAN.test(run) || APPLY.test(run)));
    expect(planning.sort()).toEqual(["deploy-non-production", "deploy-production", "diff", "drift"]);
    for (const id of planning) {
      // cdktf diff and cdktf deploy plan without a plan file the guard could read
      expect(runs(id).filter((run) => /\bcdktf (diff|deploy)\b/.test(run))).toEqual([]);
      const plan = stepIndex(id, "-out=plan.tfplan");
      const guard = stepIndex(id, cdktfOkta("guard"));
      expect(plan).toBeGreaterThanOrEqual(0);
      expect(guard).toBeGreaterThanOrEqual(plan);
      // the guard reads the JSON that `terraform show` wrote from the plan file
      const shown = /show -json plan\.tfplan > (.+\.plan\.json)$/m.exec(runs(id).join("\n"))?.[1];
      expect(shown).toBeDefined();
      expect(guardCommand(id)).toContain(` ${shown}`);
      expect(workflow.jobs[id].steps[plan]["working-directory"]).toBe(workflow.jobs[id].steps[guard]["working-directory"]);
      const apply = workflow.jobs[id].steps.findIndex((step: any) => APPLY.test(String(step.run)));
      if (apply >= 0) expect(apply).toBeGreaterThan(guard);
    }
  });

  test("a guard step fails its job on the guard's exit 1 (guarded deletions) and 2 (a plan it cannot read)", () => {
    for (const id of ["diff", "deploy-non-production", "deploy-production", "drift"]) {
      const step = workflow.jobs[id].steps[stepIndex(id, cdktfOkta("guard"))];
      // a loop over stacks keeps the last failing status and exits with it; a single guard stops the step (bash -e)
      const looped = guardCommand(id).includes("for stack in");
      expect(guardCommand(id)).toMatch(looped ? /\|\| status=\$\?; done$/ : /\.plan\.json$/);
      if (looped) expect(step.run.trim().endsWith('exit "$status"')).toBe(true);
      if (id !== "drift") expect(step.name).toMatch(/\(exit 1 = /);
    }
  });

  test("the guard gets --production exactly for the production stacks of ENVIRONMENTS", () => {
    // the pull request matrix marks its production entries
    const include = workflow.jobs.diff.strategy.matrix.include ?? [];
    expect(include.filter((entry: any) => entry.production === true).map((entry: any) => entry.stack)).toEqual(production);
    expect(guardCommand("diff")).toContain("${{ matrix.production && '--production' || '' }}");
    // the other jobs pass it literally
    for (const id of ["deploy-non-production", "deploy-production", "drift"]) {
      const stacks = stacksOf(id);
      const isProduction = stacks.map((stack) => production.includes(stack));
      expect(new Set(isProduction).size).toBe(1);
      expect(guardCommand(id).includes("--production")).toBe(isProduction[0]);
    }
  });

  test("pins a Terraform that makes saved plans with the cloud block (1.6 or later)", () => {
    for (const job of Object.values<any>(workflow.jobs)) {
      const setup = job.steps.find((step: any) => String(step.uses).startsWith("hashicorp/setup-terraform@"));
      if (setup === undefined) continue;
      const [major, minor] = String(setup.with.terraform_version).split(".").map(Number);
      expect(major > 1 || (major === 1 && minor >= 6)).toBe(true);
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

describe("the workflow tests every pull request", () => {
  test("a pull request runs .ci/run (npm ci, then npm test) with terraform 1.11.4 on PATH, so the Terraform suite must run", () => {
    const job = workflow.jobs.test;
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(runs("test")).toEqual(["bash .ci/run"]);
    expect(job.steps.find((step: any) => String(step.uses).startsWith("hashicorp/setup-terraform"))?.with.terraform_version).toBe("1.11.4");
    expect(fs.readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8")).toMatch(/npm ci\n[\s\S]*npm test/);
  });
});
