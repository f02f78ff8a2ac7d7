/**
 * Big groups: explicit members split into several okta_group_memberships (lib/core/memberships.ts),
 * judged on the synthesized JSON and, when terraform is on PATH, by terraform and the test provider.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { GroupMemberships as GeneratedGroupMemberships } from "../.gen/providers/okta/group-memberships";
import { OktaApp, OktaGroup, OktaOrgStack, OktaUser } from "../lib";
import { GroupMemberships, MEMBERS_PER_RESOURCE } from "../lib/core/memberships";
import { OktaTesting } from "../lib/testing";
import { TerraformSandbox } from "../lib/test-provider/harness";
import { orgStack, problems, synthJson } from "./util";
import { terraformGate } from "./terraform-gate";

const person = (stack: OktaOrgStack, id: string, extra: object = {}) =>
  new OktaUser(stack, id, { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "F", lastName: id, ...extra });

/** A stack with group "big" whose explicit members are the users with the given ids. */
function bigGroup(ids: string[], stack = orgStack(), props: object = {}): { stack: OktaOrgStack; group: OktaGroup } {
  const group = new OktaGroup(stack, "big", { name: "Big", ...props });
  for (const id of ids) person(stack, id, { groups: [group] });
  return { stack, group };
}

/** u0 ... u<count - 1>. */
const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `u${from + i}`);

/** The okta_group_memberships of a stack's JSON, by name. */
const membershipsOf = (tf: any): Record<string, any> => tf.resource?.okta_group_memberships ?? {};

/** Which okta_group_memberships holds each user id expression. */
function placement(tf: any): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, body] of Object.entries(membershipsOf(tf))) for (const user of body.users) out.set(user, name);
  return out;
}

const expression = (id: string) => `\${okta_user.${id}.id}`;

afterEach(() => {
  GroupMemberships._chunkSize = MEMBERS_PER_RESOURCE;
});

describe("a group of at most 500 explicit members", () => {
  test("renders one okta_group_memberships <group>_members, exactly as before", () => {
    // GIVEN
    const { stack } = bigGroup(ids(MEMBERS_PER_RESOURCE));
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    person(stack, "bird", { groups: [garden] });
    person(stack, "butterfly", { groups: [garden] });
    // WHEN
    const tf = synthJson(stack);
    // THEN
    expect(Object.keys(membershipsOf(tf)).sort()).toEqual(["big_members", "garden_members"]);
    expect(membershipsOf(tf).garden_members).toEqual({
      group_id: "${okta_group.garden.id}",
      users: ["${okta_user.bird.id}", "${okta_user.butterfly.id}"],
      track_all_users: false,
    });
    expect(membershipsOf(tf).big_members).toEqual({ group_id: "${okta_group.big.id}", users: ids(MEMBERS_PER_RESOURCE).map(expression), track_all_users: false });
  });
});

describe("a group of more than 500 explicit members", () => {
  test("501 members give two okta_group_memberships with disjoint users that together hold every member", () => {
    // GIVEN
    const { stack } = bigGroup(ids(MEMBERS_PER_RESOURCE + 1));
    // WHEN
    const memberships = membershipsOf(synthJson(stack));
    // THEN
    expect(Object.keys(memberships).sort()).toEqual(["big_members", "big_members_2"]);
    const first = memberships.big_members.users as string[];
    const second = memberships.big_members_2.users as string[];
    expect(first.filter((user) => second.includes(user))).toEqual([]);
    expect([...first, ...second].sort()).toEqual(ids(MEMBERS_PER_RESOURCE + 1).map(expression).sort());
    for (const body of Object.values(memberships)) {
      expect(body).toMatchObject({ group_id: "${okta_group.big.id}", track_all_users: false });
      expect(body.users.length).toBeLessThanOrEqual(MEMBERS_PER_RESOURCE);
    }
    expect(memberships.big_members.depends_on).toBeUndefined();
    expect(memberships.big_members_2.depends_on).toEqual(["okta_group_memberships.big_members"]);
  });

  test("3,000 members split evenly into big_members and big_members_2 to big_members_8, each after the one before it", () => {
    // GIVEN
    const { stack } = bigGroup(ids(3000));
    // WHEN
    const memberships = membershipsOf(synthJson(stack));
    // THEN
    const names = ["big_members", ...Array.from({ length: 7 }, (_, i) => `big_members_${i + 2}`)];
    expect(Object.keys(memberships).sort()).toEqual([...names].sort());
    names.slice(1).forEach((name, i) => expect(memberships[name].depends_on).toEqual([`okta_group_memberships.${names[i]}`]));
    expect(new Set(Object.values(memberships).flatMap((body) => body.users)).size).toBe(3000);
  });

  test("adding a member moves no other member and changes one resource", () => {
    // GIVEN
    const before = synthJson(bigGroup(ids(1200)).stack);
    // WHEN
    const after = synthJson(bigGroup([...ids(1200), "newcomer"]).stack);
    // THEN
    const was = placement(before);
    const now = placement(after);
    for (const [user, name] of was) expect([user, now.get(user)]).toEqual([user, name]);
    expect(Object.keys(membershipsOf(after)).sort()).toEqual(Object.keys(membershipsOf(before)).sort());
    const changed = Object.keys(membershipsOf(after)).filter((name) => JSON.stringify(membershipsOf(after)[name]) !== JSON.stringify(membershipsOf(before)[name]));
    expect(changed).toEqual([now.get(expression("newcomer"))]);
  });

  test("removing a member moves no other member and changes one resource", () => {
    // GIVEN
    const before = synthJson(bigGroup(ids(1200)).stack);
    // WHEN u600 leaves
    const after = synthJson(bigGroup(ids(1200).filter((id) => id !== "u600")).stack);
    // THEN
    const was = placement(before);
    const now = placement(after);
    expect(now.has(expression("u600"))).toBe(false);
    for (const [user, name] of now) expect([user, name]).toEqual([user, was.get(user)]);
    const changed = Object.keys(membershipsOf(before)).filter((name) => JSON.stringify(membershipsOf(after)[name]) !== JSON.stringify(membershipsOf(before)[name]));
    expect(changed).toEqual([was.get(expression("u600"))]);
  });

  test("a resource that overflows splits: only some of its own members move, to a new resource, and no other resource changes", () => {
    // GIVEN resources of at most 4 members, grown one member at a time until one overflows
    GroupMemberships._chunkSize = 4;
    let count = 9;
    let before = synthJson(bigGroup(ids(count)).stack);
    let after = synthJson(bigGroup(ids(count + 1)).stack);
    while (Object.keys(membershipsOf(after)).length === Object.keys(membershipsOf(before)).length) {
      count++;
      before = after;
      after = synthJson(bigGroup(ids(count + 1)).stack);
    }
    // THEN
    const was = placement(before);
    const now = placement(after);
    const added = Object.keys(membershipsOf(after)).filter((name) => !(name in membershipsOf(before)));
    expect(added).toHaveLength(1);
    const moved = [...was].filter(([user, name]) => now.get(user) !== name);
    expect(moved.length).toBeGreaterThan(0);
    expect(new Set(moved.map(([, name]) => name)).size).toBe(1);
    expect(new Set(moved.map(([user]) => now.get(user)))).toEqual(new Set(added));
    const splitOne = moved[0][1];
    for (const name of Object.keys(membershipsOf(before))) {
      if (name !== splitOne) expect(membershipsOf(after)[name].users).toEqual(membershipsOf(before)[name].users);
    }
  });

  test("renamedFrom on a big group moves the group and every one of its okta_group_memberships", () => {
    // GIVEN
    const { stack } = bigGroup(ids(1200), orgStack(), { renamedFrom: "large" });
    // WHEN
    const tf = synthJson(stack);
    // THEN
    const names = Object.keys(membershipsOf(tf));
    expect(names.length).toBeGreaterThan(2);
    expect(tf.moved).toEqual(
      expect.arrayContaining([
        { from: "okta_group.large", to: "okta_group.big" },
        ...names.map((name) => ({ from: `okta_group_memberships.${name.replace(/^big_/, "large_")}`, to: `okta_group_memberships.${name}` })),
      ]),
    );
    expect(tf.moved).toHaveLength(names.length + 1);
  });

  test("OktaTesting.resourceOf gives the first okta_group_memberships, and the address book knows every one", () => {
    // GIVEN
    const { stack, group } = bigGroup(ids(MEMBERS_PER_RESOURCE + 1));
    // WHEN a raw resource takes the address of the second one
    new GeneratedGroupMemberships(stack, "big_members_2", { groupId: "00g1", users: ["00u1"] });
    // THEN
    expect(OktaTesting.resourceOf(group, "okta_group_memberships")).toEqual(membershipsOf(synthJson(stack)).big_members);
    expect(problems(stack)).toContain(
      "okta-dev/big and okta-dev/big_members_2: both would be okta_group_memberships.big_members_2. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
    );
  });
});

describe("big groups in a production org", () => {
  /** A production org in an OktaApp writing to `dir`, with 501 users, the first `members` of them in group "big". */
  function prodApp(dir: string, members: number, retire?: string): OktaApp {
    const app = new OktaApp({ outdir: path.join(dir, "cdktf.out"), validate: "builtin" });
    const stack = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", production: true, cloud: { organization: "acme", workspace: "okta-prod" } });
    bigGroup(ids(members), stack);
    for (const id of ids(MEMBERS_PER_RESOURCE + 1 - members, members)) person(stack, id);
    if (retire) stack.retire(retire, { destroy: false });
    return app;
  }
  const recordOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "okta-addresses", "okta-prod.json"), "utf8")).addresses as string[];
  const stackOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "okta-prod", "cdk.tf.json"), "utf8"));

  test("every okta_group_memberships is protected and recorded; a group that grows into a second one is no loss", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-big-"));
    prodApp(dir, MEMBERS_PER_RESOURCE).synth();
    // WHEN
    prodApp(dir, MEMBERS_PER_RESOURCE + 1).synth();
    // THEN
    expect(recordOf(dir).filter((address) => address.startsWith("okta_group_memberships."))).toEqual([
      "okta_group_memberships.big_members",
      "okta_group_memberships.big_members_2",
    ]);
    for (const body of Object.values(membershipsOf(stackOf(dir)))) expect(body.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("fails when a group shrinks so that one of its okta_group_memberships disappears, unless it is retired", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-big-"));
    prodApp(dir, MEMBERS_PER_RESOURCE + 1).synth();
    const record = path.relative(process.cwd(), path.join(dir, "okta-addresses", "okta-prod.json"));
    // WHEN
    const shrunk = () => prodApp(dir, MEMBERS_PER_RESOURCE).synth();
    // THEN
    expect(shrunk).toThrow(
      "cdktf-okta found 1 problem; nothing was written:\n" +
        `  okta-prod: okta_group_memberships.big_members_2 is in this production org's record (${record}) but no longer in the code, so the next apply would destroy it in Okta. If it was renamed, give the new construct renamedFrom; to stop managing it and keep it in Okta, call retire("okta_group_memberships.big_members_2", { destroy: false }); to delete it from Okta, retire("okta_group_memberships.big_members_2", { destroy: true }).`,
    );
    // WHEN retired: Terraform forgets it, its members stay in the group and big_members takes them over
    prodApp(dir, MEMBERS_PER_RESOURCE, "okta_group_memberships.big_members_2").synth();
    // THEN
    expect(stackOf(dir).removed).toEqual([{ from: "okta_group_memberships.big_members_2", lifecycle: { destroy: false } }]);
    expect(membershipsOf(stackOf(dir)).big_members.users).toHaveLength(MEMBERS_PER_RESOURCE);
  });

  test("a renamed big group in production is no loss: every old okta_group_memberships is the old name of a new one", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-big-"));
    const app = (group: string, props: object) => {
      const out = new OktaApp({ outdir: path.join(dir, "cdktf.out"), validate: "builtin" });
      const stack = new OktaOrgStack(out, "okta-prod", { orgName: "acme", environment: "prod", production: true, cloud: { organization: "acme", workspace: "okta-prod" } });
      const big = new OktaGroup(stack, group, { name: "Big", ...props });
      for (const id of ids(1200)) person(stack, id, { groups: [big] });
      return out;
    };
    app("large", {}).synth();
    // WHEN
    app("big", { renamedFrom: "large" }).synth();
    // THEN
    expect(recordOf(dir).filter((address) => address.startsWith("okta_group_memberships.")).every((address) => address.startsWith("okta_group_memberships.big_members"))).toBe(true);
  });
});

terraformGate("the big-group Terraform tests").describe("terraform judges a big group", () => {
  test("2.5 resources' worth of members apply on a fresh org, plan no change, and one more member changes exactly one resource", async () => {
    // GIVEN resources of at most 20 members (the test provider rewrites its org file per object), 50 of 51 users in the group
    GroupMemberships._chunkSize = 20;
    const synth = (members: number) => {
      const { stack } = bigGroup(ids(members));
      for (const id of ids(51 - members, members)) person(stack, id);
      return JSON.parse(Testing.synth(stack));
    };
    const first = synth(50);
    expect(Object.keys(membershipsOf(first)).length).toBeGreaterThan(1);
    const sandbox = await TerraformSandbox.create({ files: { "cdk.tf.json": first }, name: "okta-dev" });
    const run = (args: string[]) => {
      const result = sandbox.terraform(args);
      if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
      return result;
    };
    try {
      run(["init", "-input=false"]);
      run(["apply", "-auto-approve"]);
      // WHEN
      const again = run(["plan"]);
      sandbox.writeStack(synth(51));
      const grown = run(["plan"]);
      // THEN
      expect(again.stdout).toContain("No changes.");
      expect(grown.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
      expect(grown.stdout.match(/# okta_group_memberships\.\S+ will be updated in-place/g)).toHaveLength(1);
    } finally {
      await sandbox.stop();
    }
  }, 120_000);
});
