/**
 * User shards: an org's users and their memberships spread over several stacks by a stable hash of the
 * user's construct id; groups, rules and schema properties stay in the org's stack. The Terraform part
 * applies an org and its shards through the test provider (it runs when terraform is on PATH).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing } from "cdktf";
import { OktaApp, OktaCloudWorkspacesStack, OktaGroup, OktaOrgStack, OktaOrgStackProps, OktaUser, OktaUserSchemaProperty, SchemaValidator, loadDirectory } from "../lib";
import { shardOf } from "../lib/core/shards";
import { TerraformSandbox, planCounts } from "../lib/test-provider/harness";
import { runCost } from "../lib/cli/commands/cost";
import { problems, synthJson } from "./util";
import { terraformGate } from "./terraform-gate";

const PEOPLE = ["ada", "bird", "cleo", "dora", "emil", "fox", "gus", "hana", "ivo", "juno"];

function person(id: string, groups: OktaGroup[] = []) {
  return { login: `${id}@example.com`, email: `${id}@example.com`, firstName: id, lastName: "Example", groups };
}

/** An org of PEOPLE, every one in "garden", spread over `count` user shards. */
function shardedOrg(props: Partial<OktaOrgStackProps> = {}, app: App = Testing.app()) {
  const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count: 3 }, ...props });
  const garden = new OktaGroup(org, "garden", { name: "Garden" });
  const users = PEOPLE.map((id) => new OktaUser(org.userScope(id), id, person(id, [garden])));
  return { app, org, garden, users };
}

/** A stack's JSON without cdktf's metadata, provider and backend. */
function body(stack: OktaOrgStack): any {
  const { "//": _meta, provider: _provider, terraform: _terraform, ...rest } = synthJson(stack);
  return rest;
}

describe("shardOf", () => {
  test("is stable, spreads ids evenly, and moves only the users of a new shard when the count grows", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `user${i}`);
    // GIVEN the same ids
    expect(ids.slice(0, 5).map((id) => shardOf(id, 4))).toEqual(ids.slice(0, 5).map((id) => shardOf(id, 4)));
    // THEN each of 4 shards gets about a quarter
    const sizes = [0, 0, 0, 0];
    for (const id of ids) sizes[shardOf(id, 4)]++;
    for (const size of sizes) expect(Math.abs(size - 5_000)).toBeLessThan(300);
    // AND growing to 5 moves users only into the new shard, about a fifth of them
    const moved = ids.filter((id) => shardOf(id, 4) !== shardOf(id, 5));
    expect(moved.every((id) => shardOf(id, 5) === 4)).toBe(true);
    expect(Math.abs(moved.length - 4_000)).toBeLessThan(300);
    // AND one shard holds everyone
    expect(new Set(ids.map((id) => shardOf(id, 1)))).toEqual(new Set([0]));
  });
});

describe("OktaOrgStack userShards", () => {
  test("creates <stack id>-users-<i> stacks that depend on the org's stack, and userScope picks a user's by hash", () => {
    // WHEN
    const { org, users } = shardedOrg();
    // THEN
    expect(org.userShards.map((shard) => shard.node.id)).toEqual(["okta-prod-users-0", "okta-prod-users-1", "okta-prod-users-2"]);
    for (const shard of org.userShards) expect(shard.dependencies).toEqual([org]);
    for (const user of users) expect(user.node.scope).toBe(org.userShards[shardOf(user.node.id, 3)]);
    expect(org.userShards.every((shard) => shard.props.production === undefined && shard.provider !== undefined)).toBe(true);
  });

  test("the org's stack keeps groups and outputs their ids; each shard holds its users and their memberships, reading group ids from the org's state", () => {
    // WHEN
    const { org } = shardedOrg();
    // THEN
    expect(body(org)).toEqual({
      output: { user_shard_group_ids: { description: "The Okta ids of this org's groups that have members in its user shard stacks.", value: { garden: "${okta_group.garden.id}" } } },
      resource: { okta_group: { garden: { name: "Garden" } } },
    });
    const shard = org.userShards[shardOf("ada", 3)];
    const json = body(shard);
    const here = PEOPLE.filter((id) => shardOf(id, 3) === shardOf("ada", 3));
    expect(Object.keys(json.resource.okta_user).sort()).toEqual(here.sort());
    expect(json.resource.okta_group_memberships).toEqual({
      garden_3shards_members: {
        group_id: '${data.terraform_remote_state.org.outputs.user_shard_group_ids["garden"]}',
        users: PEOPLE.filter((id) => here.includes(id)).map((id) => `\${okta_user.${id}.id}`),
        track_all_users: false,
      },
    });
    expect(json.data).toEqual({ terraform_remote_state: { org: { backend: "local", config: { path: "../../../terraform.okta-prod.tfstate" } } } });
    expect(problems(org.node.scope!)).toEqual([]);
  });

  test("a shard of an org in Terraform Cloud reads the org workspace's state, and gets a workspace of its own", () => {
    // WHEN
    const { org } = shardedOrg({ cloud: { organization: "acme-corp", workspace: "okta-prod" } });
    // THEN
    const shard = org.userShards[0];
    expect(synthJson(shard).terraform.cloud.workspaces).toEqual({ name: "okta-prod-users-0" });
    expect(body(shard).data.terraform_remote_state.org).toEqual({
      backend: "remote",
      config: { hostname: "app.terraform.io", organization: "acme-corp", workspaces: { name: "okta-prod" } },
    });
  });

  test("logins are unique across the org's shards: a duplicate in two shards is reported once, by the org's stack", () => {
    // GIVEN two users bound for different shards
    const { org } = shardedOrg();
    const [a, b] = ["u1", "u2", "u3", "u4", "u5"].filter((id, _, all) => shardOf(id, 3) !== shardOf(all[0], 3) || id === all[0]).sort((x, y) => shardOf(x, 3) - shardOf(y, 3));
    // WHEN
    new OktaUser(org.userScope(a), a, { ...person(a), login: "same@example.com" });
    new OktaUser(org.userScope(b), b, { ...person(b), login: "Same@example.com" });
    // THEN
    expect(problems(org.node.scope!)).toEqual([
      `okta-prod-users-${shardOf(a, 3)}/${a} has login "same@example.com" and okta-prod-users-${shardOf(b, 3)}/${b} has login "Same@example.com"; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.`,
    ]);
  });

  test("a user in a shard is checked against the org's schema properties", () => {
    // GIVEN
    const { org } = shardedOrg();
    new OktaUserSchemaProperty(org, "floor", { index: "floor", title: "Floor", type: "integer" });
    // WHEN
    new OktaUser(org.userScope("kai"), "kai", { ...person("kai"), customProfile: { floor: "third" } });
    // THEN
    expect(problems(org.node.scope!)).toEqual([
      `okta-prod-users-${shardOf("kai", 3)}/kai: customProfile.floor is "third", which does not fit the declared type integer; give a value of type integer.`,
    ]);
    expect(body(org.userShards[shardOf("kai", 3)]).resource.okta_user.kai.depends_on).toBeUndefined();
  });

  test("loadDirectory puts a sharded org's users into their shards and keeps its groups", () => {
    // GIVEN
    const app = Testing.app();
    const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count: 2 } });
    // WHEN
    const loaded = loadDirectory(org, { users: path.join(__dirname, "fixtures", "directory-file", "users.csv"), groups: path.join(__dirname, "fixtures", "directory-file", "groups.csv") });
    // THEN
    for (const [id, user] of loaded.users) expect(user.node.scope).toBe(org.userShards[shardOf(id, 2)]);
    for (const group of loaded.groups.values()) expect(group.node.scope).toBe(org);
  });

  test("a production org's shards are production too: prevent_destroy on users and memberships", () => {
    // WHEN
    const { org } = shardedOrg({ production: true, addressRecord: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shards-")), "okta-prod.json") });
    // THEN
    const json = synthJson(org.userShards[shardOf("ada", 3)]);
    expect(json.resource.okta_user.ada.lifecycle).toEqual({ prevent_destroy: true });
    expect(json.resource.okta_group_memberships.garden_3shards_members.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("the built-in validator accepts the org's and the shards' JSON", () => {
    // GIVEN
    const { org } = shardedOrg();
    // WHEN
    const files = [org, ...org.userShards].map((stack) => ({ path: `${stack.node.id}/cdk.tf.json`, json: synthJson(stack) }));
    // THEN
    expect(SchemaValidator.fromSnapshots().validate(files)).toEqual([]);
  });
});

describe("re-sharding", () => {
  const MANY = Array.from({ length: 30 }, (_, i) => `person${i}`);

  /** An org of MANY people, all in "garden", going from 2 shards to `count`. */
  function resharded(count: number) {
    const app = Testing.app();
    const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count, previousCount: 2 } });
    const garden = new OktaGroup(org, "garden", { name: "Garden" });
    for (const id of MANY) new OktaUser(org.userScope(id), id, person(id, [garden]));
    return org;
  }

  test("from 2 to 3 shards: a user that changes shard is forgotten by the old one and imported by login into the new one; memberships get the new layout's addresses", () => {
    // WHEN
    const org = resharded(3);
    // THEN
    const movers = MANY.filter((id) => shardOf(id, 2) !== shardOf(id, 3));
    expect(movers.length).toBeGreaterThan(0);
    for (const id of movers) {
      const from = body(org.userShards[shardOf(id, 2)]);
      const to = body(org.userShards[shardOf(id, 3)]);
      expect(from.removed).toContainEqual({ from: `okta_user.${id}`, lifecycle: { destroy: false } });
      expect(to.import).toContainEqual({ to: `okta_user.${id}`, id: `${id}@example.com` });
    }
    for (const [index, shard] of org.userShards.entries()) {
      const json = body(shard);
      if (MANY.some((id) => shardOf(id, 2) === index)) expect(json.removed).toContainEqual({ from: "okta_group_memberships.garden_2shards_members", lifecycle: { destroy: false } });
      expect(Object.keys(json.resource.okta_group_memberships)).toEqual(["garden_3shards_members"]);
    }
    expect(problems(org.node.scope!)).toEqual([]);
  });

  test("from 2 to 1 shard: the second shard stays for one apply, holding only removed blocks", () => {
    // WHEN
    const org = resharded(1);
    // THEN
    expect(org.userShards.map((shard) => shard.node.id)).toEqual(["okta-prod-users-0", "okta-prod-users-1"]);
    const retiring = body(org.userShards[1]);
    expect(retiring.resource).toBeUndefined();
    expect(retiring.removed).toEqual([
      ...MANY.filter((id) => shardOf(id, 2) === 1).map((id) => ({ from: `okta_user.${id}`, lifecycle: { destroy: false } })),
      { from: "okta_group_memberships.garden_2shards_members", lifecycle: { destroy: false } },
    ]);
  });
});

describe("OktaCloudWorkspacesStack with user shards", () => {
  test("creates a workspace per shard with the org's variables, and the org's workspace shares its state with them", () => {
    // WHEN
    const stack = new OktaCloudWorkspacesStack(Testing.app(), "okta-workspaces", {
      organization: "acme-corp",
      orgs: [{ stackId: "okta-prod", workspace: "okta-prod", orgName: "acme", production: true, userShards: 2 }],
    });
    // THEN
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values<any>(json.resource.tfe_workspace).map((ws) => ws.name)).toEqual(["okta-prod", "okta-prod-users-0", "okta-prod-users-1"]);
    expect(json.resource.tfe_workspace_settings.okta_prod_settings.remote_state_consumer_ids).toEqual(["${tfe_workspace.okta_prod_users_0.id}", "${tfe_workspace.okta_prod_users_1.id}"]);
    expect(json.resource.tfe_variable.okta_prod_users_1_okta_api_private_key.value).toBe("${var.okta_prod_private_key}");
    expect(Object.keys(json.variable).filter((name) => name.endsWith("private_key"))).toEqual(["okta_prod_private_key"]);
  });
});

const describeTerraform = terraformGate("the user shard plans").describe;

describeTerraform("user shards through terraform and the test provider", () => {
  test("the org and its shards apply in order; a second plan changes nothing; a change to one user plans only its shard", async () => {
    // GIVEN an app synthesized into cdktf.out
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-shards-"));
    fs.mkdirSync(path.join(root, "out"));
    const synth = (title: string) => {
      const app = new OktaApp({ outdir: path.join(root, "out", "cdktf.out"), validate: "builtin" });
      const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count: 2 } });
      const garden = new OktaGroup(org, "garden", { name: "Garden" });
      for (const id of PEOPLE) new OktaUser(org.userScope(id), id, { ...person(id, [garden]), title: id === "ada" ? title : undefined });
      app.synth();
      return org;
    };
    const org = synth("Countess");
    const stacks = [org, ...org.userShards].map((stack) => stack.node.id);
    const sandbox = await TerraformSandbox.create({ stackDir: path.join(root, "out", "cdktf.out", "stacks", stacks[0]), name: stacks[0] });
    const copy = () => {
      for (const id of stacks) {
        const dir = path.join(sandbox.root, "cdktf.out", "stacks", id);
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(path.join(root, "out", "cdktf.out", "stacks", id, "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
      }
    };
    const at = (id: string, args: string[]) => sandbox.terraformAt(path.join(sandbox.root, "cdktf.out", "stacks", id), args);
    try {
      copy();
      // WHEN every stack is applied, the org's first (cdktf deploy's order)
      for (const id of stacks) {
        expect(at(id, ["init", "-input=false"]).status).toBe(0);
        const apply = at(id, ["apply", "-auto-approve", "-input=false"]);
        expect([id, apply.status, apply.stderr]).toEqual([id, 0, ""]);
      }
      // THEN the org holds every user in the group, and nothing plans a change
      const memberships = sandbox.org.all("okta_group_memberships").flatMap((m) => m.users as string[]);
      expect(memberships.sort()).toEqual(sandbox.org.all("okta_user").map((u) => u.id as string).sort());
      for (const id of stacks) expect(at(id, ["plan", "-detailed-exitcode", "-input=false"]).status).toBe(0);
      // WHEN one user changes
      synth("Mathematician");
      copy();
      // THEN only that user's shard plans a change
      const changed = stacks.map((id) => [id, at(id, ["plan", "-detailed-exitcode", "-input=false"]).status]);
      expect(changed).toEqual(stacks.map((id) => [id, id === org.userShards[shardOf("ada", 2)].node.id ? 2 : 0]));
      const shardDir = path.join(sandbox.root, "cdktf.out", "stacks", org.userShards[shardOf("ada", 2)].node.id);
      const plan = sandbox.terraformAt(shardDir, ["plan", "-out=plan.tfplan", "-input=false"]);
      expect(plan.status).toBe(0);
      expect(planCounts(JSON.parse(sandbox.terraformAt(shardDir, ["show", "-json", "plan.tfplan"]).stdout))).toMatchObject({ add: 0, change: 1, destroy: 0 });
    } finally {
      await sandbox.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});


describe("sharding an org that had none", () => {
  test("previousCount 0: the org's stack forgets its users and their memberships; each shard imports its users by login", () => {
    // WHEN
    const app = Testing.app();
    const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count: 2, previousCount: 0 } });
    const garden = new OktaGroup(org, "garden", { name: "Garden" });
    for (const id of PEOPLE) new OktaUser(org.userScope(id), id, person(id, [garden]));
    // THEN
    expect(body(org).removed).toEqual([
      ...org.userShards.flatMap((_, index) => PEOPLE.filter((id) => shardOf(id, 2) === index)).map((id) => ({ from: `okta_user.${id}`, lifecycle: { destroy: false } })),
      { from: "okta_group_memberships.garden_members", lifecycle: { destroy: false } },
    ]);
    for (const [index, shard] of org.userShards.entries()) {
      expect(body(shard).import).toEqual(PEOPLE.filter((id) => shardOf(id, 2) === index).map((id) => ({ to: `okta_user.${id}`, id: `${id}@example.com` })));
      expect(body(shard).removed).toBeUndefined();
    }
    expect(problems(app)).toEqual([]);
  });
});

describe("cdktf-okta cost with user shards", () => {
  test("reports each shard as a stack of its own, each refreshing only its users", () => {
    // GIVEN an app of 9,000 users in 3 shards, synthesized
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "shards-cost-"));
    const app = new OktaApp({ outdir: path.join(root, "cdktf.out"), validate: false });
    const org = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", userShards: { count: 3 } });
    const garden = new OktaGroup(org, "garden", { name: "Garden" });
    for (let i = 0; i < 9_000; i++) new OktaUser(org.userScope(`u${i}`), `u${i}`, person(`u${i}`, [garden]));
    app.synth();
    // WHEN
    let out = "";
    const status = runCost(path.join(root, "cdktf.out"), { json: true }, { out: (text) => (out += text), err: (text) => (out += text) });
    // THEN
    expect(status).toBe(0);
    const report = JSON.parse(out) as { stacks: { name: string; cost: { types: { type: string; count: number }[]; minutes: number } }[] };
    expect(report.stacks.map((stack) => stack.name)).toEqual(["okta-prod", "okta-prod-users-0", "okta-prod-users-1", "okta-prod-users-2"]);
    const users = report.stacks.map((stack) => stack.cost.types.find((t) => t.type === "okta_user")?.count ?? 0);
    expect(users[0]).toBe(0);
    expect(users.reduce((a, b) => a + b)).toBe(9_000);
    for (const count of users.slice(1)) expect(Math.abs(count - 3_000)).toBeLessThan(200);
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);
});
