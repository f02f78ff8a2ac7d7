/**
 * `npm run bench:plans [-- users]`: terraform's own time for one org of N users (default 10,000) and
 * N/10 groups, each user in one group, unsharded and in 4 user shards, through cdktf-okta's test
 * provider: `terraform validate`, the first plan (everything to create), the apply, and the plan after
 * it (the refresh every pull request pays; the test provider answers at once, so this is terraform's
 * share: Okta's rate limits come on top, see `cdktf-okta cost`); `--no-apply` stops after the first
 * plan. Needs terraform on PATH.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OktaApp, OktaGroup, OktaOrgStack, OktaUser } from "../lib";
import { TerraformSandbox, terraformOnPath } from "../lib/test-provider/harness";

const users = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 10_000);
/** `--no-apply`: validate and the first plan only, applying only the org's stack, which the shards read (applying 10,000 users through the test provider takes long). */
const apply = !process.argv.includes("--no-apply");
const groups = Math.max(1, Math.floor(users / 10));

/** Synthesizes the org (sharded or not) into `root`/cdktf.out; the stack ids, the org's first. */
function synth(root: string, shards: number | undefined): string[] {
  const app = new OktaApp({ outdir: path.join(root, "cdktf.out"), validate: "builtin" });
  const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: shards ? { count: shards } : undefined });
  const g = Array.from({ length: groups }, (_, i) => new OktaGroup(org, `group${i}`, { name: `Group ${i}` }));
  for (let i = 0; i < users; i++) {
    const id = `user${i}`;
    new OktaUser(org.userScope(id), id, { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "F", lastName: "L", groups: [g[i % groups]] });
  }
  app.synth();
  return [org, ...org.userShards].map((stack) => stack.node.id);
}

async function measure(shards: number | undefined): Promise<Record<string, number[]>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-plans-"));
  const stacks = synth(root, shards);
  const sandbox = await TerraformSandbox.create({ name: "unused" });
  const times: Record<string, number[]> = { validate: [], plan: [], apply: [], refresh: [] };
  try {
    for (const id of stacks) {
      const dir = path.join(sandbox.root, "cdktf.out", "stacks", id);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(root, "cdktf.out", "stacks", id, "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
      const run = (step: string, args: string[]) => {
        const result = sandbox.terraformAt(dir, args);
        if (result.status !== 0 && !(step === "refresh" && result.status === 2)) throw new Error(`${id}: terraform ${args.join(" ")} failed:\n${result.stderr}`);
        if (step !== "init") times[step].push(result.seconds);
      };
      run("init", ["init", "-input=false"]);
      run("validate", ["validate"]);
      run("plan", ["plan", "-input=false", "-parallelism=10"]);
      // A shard reads the org stack's state, so the org's stack is always applied.
      if (!apply && (stacks.length === 1 || id !== stacks[0])) continue;
      run("apply", ["apply", "-auto-approve", "-input=false", "-parallelism=10"]);
      if (!apply) continue;
      run("refresh", ["plan", "-input=false", "-detailed-exitcode"]);
    }
  } finally {
    await sandbox.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  return times;
}

async function main(): Promise<void> {
  if (!terraformOnPath()) {
    console.log("bench:plans skipped: no terraform binary on PATH.");
    return;
  }
  console.log(`terraform's own time for ${users.toLocaleString("en-US")} users and ${groups.toLocaleString("en-US")} groups through the test provider (seconds; shards: the slowest shard, then the org's stack)`);
  console.log("layout                 | validate | first plan | apply  | plan after apply");
  for (const shards of [undefined, 4]) {
    const t = await measure(shards);
    const cell = (values: number[]) =>
      values.length === 0 ? "-" : shards && values.length > 1 ? `${Math.max(...values.slice(1)).toFixed(1)} + ${values[0].toFixed(1)}` : values[0].toFixed(1);
    console.log(`${(shards ? `${shards} user shards` : "one stack").padEnd(22)} | ${cell(t.validate).padStart(8)} | ${cell(t.plan).padStart(10)} | ${cell(t.apply).padStart(6)} | ${cell(t.refresh)}`);
  }
}

void main();
