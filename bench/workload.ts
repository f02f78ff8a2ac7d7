/**
 * The benchmark's workloads: one org with N users and N/10 groups, each user an explicit member of
 * one group, written as the public constructs under OktaApp (with each `validate` setting), the
 * generated L1 classes under a plain cdktf App, and plain JSON.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { Group } from "../.gen/providers/okta/group";
import { GroupMemberships } from "../.gen/providers/okta/group-memberships";
import { OktaProvider } from "../.gen/providers/okta/provider";
import { User } from "../.gen/providers/okta/user";
import { OktaApp, OktaAppProps, OktaGroup, OktaOrgStack, OktaUser } from "../lib";

/**
 * Which way the org is written: "constructs" (OktaApp + OktaOrgStack with the default validation,
 * into cdktf.out: the built-in validator, then Terraform's verdict when terraform is on PATH),
 * "builtin" (the same with `validate: "builtin"`), "unvalidated" (`validate: false`), "l1" (generated
 * classes, plain App), "json" (the same Terraform JSON built by hand, stringified and written: the floor).
 */
export type Variant = "constructs" | "builtin" | "unvalidated" | "l1" | "json";

const VALIDATE: Record<string, OktaAppProps["validate"]> = { constructs: true, builtin: "builtin", unvalidated: false };

const person = (i: number) => ({
  login: `user${i}@example.com`,
  email: `user${i}@example.com`,
  firstName: `First${i}`,
  lastName: `Last${i}`,
  department: i % 2 === 0 ? "Engineering" : "Sales",
});

/** Prefix of every temporary directory the benchmark makes (and the only ones it removes). */
export const TEMP_PREFIX = path.join(os.tmpdir(), "cdktf-okta-bench-");

function outdir(): string {
  return fs.mkdtempSync(TEMP_PREFIX);
}

/** Where a run wrote: its temporary directory and the stack's Terraform JSON in it. */
export interface RunOutput {
  readonly root: string;
  readonly file: string;
}

/** Builds and synthesizes the workload into a new temporary directory. */
export function run(variant: Variant, users: number): RunOutput {
  const groups = Math.max(1, Math.floor(users / 10));
  const dir = outdir();
  if (variant === "json") {
    const file = path.join(dir, "cdk.tf.json");
    fs.writeFileSync(file, JSON.stringify(plainJson(users, groups), null, 2));
    return { root: dir, file };
  }
  if (variant === "l1") {
    const app = new App({ outdir: dir });
    const stack = new TerraformStack(app, "bench");
    new OktaProvider(stack, "okta", { orgName: "acme", baseUrl: "okta.com" });
    const g = Array.from({ length: groups }, (_, i) => new Group(stack, `group${i}`, { name: `Group ${i}`, description: "Benchmark group" }));
    const members: string[][] = g.map(() => []);
    for (let i = 0; i < users; i++) members[i % groups].push(new User(stack, `user${i}`, person(i)).id);
    g.forEach((group, i) => new GroupMemberships(stack, `group${i}_members`, { groupId: group.id, users: members[i], trackAllUsers: false }));
    app.synth();
    return { root: dir, file: path.join(dir, "stacks", "bench", "cdk.tf.json") };
  }
  const cdktfOut = path.join(dir, "cdktf.out");
  const app = new OktaApp({ outdir: cdktfOut, validate: VALIDATE[variant] });
  const stack = new OktaOrgStack(app, "bench", { orgName: "acme", environment: "bench" });
  const g = Array.from({ length: groups }, (_, i) => new OktaGroup(stack, `group${i}`, { name: `Group ${i}`, description: "Benchmark group" }));
  for (let i = 0; i < users; i++) new OktaUser(stack, `user${i}`, { ...person(i), groups: [g[i % groups]] });
  app.synth();
  return { root: dir, file: path.join(cdktfOut, "stacks", "bench", "cdk.tf.json") };
}

/** The same resources as plain Terraform JSON, built by hand: with stringifying and writing it, the floor no synth can beat. */
function plainJson(users: number, groups: number): unknown {
  const okta_user: Record<string, unknown> = {};
  const okta_group: Record<string, unknown> = {};
  const okta_group_memberships: Record<string, { group_id: string; users: string[]; track_all_users: boolean }> = {};
  for (let i = 0; i < groups; i++) {
    okta_group[`group${i}`] = { name: `Group ${i}`, description: "Benchmark group" };
    okta_group_memberships[`group${i}_members`] = { group_id: `\${okta_group.group${i}.id}`, users: [], track_all_users: false };
  }
  for (let i = 0; i < users; i++) {
    const p = person(i);
    okta_user[`user${i}`] = { login: p.login, email: p.email, first_name: p.firstName, last_name: p.lastName, department: p.department };
    okta_group_memberships[`group${i % groups}_members`].users.push(`\${okta_user.user${i}.id}`);
  }
  return {
    provider: { okta: [{ org_name: "acme", base_url: "okta.com" }] },
    resource: { okta_user, okta_group, okta_group_memberships },
  };
}
