import { Construct } from "constructs";
import { Testing } from "cdktf";
import { OktaGroup, OktaGroupRule, OktaUser } from "../lib";
import { orgStack, problems, synthJson, warnings } from "./util";

const user = (scope: Construct, id: string) =>
  new OktaUser(scope, id, { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "F", lastName: id });

describe("OktaGroup", () => {
  test("renders okta_group and one okta_group_memberships with every explicit member", () => {
    // GIVEN
    const stack = orgStack();
    const bird = user(stack, "bird");
    const butterfly = user(stack, "butterfly");
    // WHEN
    const garden = new OktaGroup(stack, "garden", { name: "The Garden", description: "Terraform created this group", members: [bird] });
    butterfly.addToGroup(garden);
    // THEN
    const json = synthJson(stack);
    expect(json.resource.okta_group.garden).toEqual({ name: "The Garden", description: "Terraform created this group" });
    expect(json.resource.okta_group_memberships).toEqual({
      garden_members: { group_id: "${okta_group.garden.id}", users: ["${okta_user.bird.id}", "${okta_user.butterfly.id}"], track_all_users: false },
    });
  });

  test("addUser and addToGroup are the same operation and members are de-duplicated", () => {
    // GIVEN
    const stack = orgStack();
    const bird = user(stack, "bird");
    const garden = new OktaGroup(stack, "garden", { name: "The Garden", members: [bird] });
    // WHEN
    garden.addUser(bird);
    bird.addToGroup(garden);
    new OktaUser(stack, "again", { login: "again@example.com", email: "again@example.com", firstName: "A", lastName: "B", groups: [garden, garden] });
    // THEN
    expect(synthJson(stack).resource.okta_group_memberships.garden_members.users).toEqual(["${okta_user.bird.id}", "${okta_user.again.id}"]);
    expect(garden.members.length).toBe(2);
  });

  test("members returns a copy", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    garden.members.push(user(stack, "bird"));
    // THEN
    expect(garden.members).toEqual([]);
  });

  test("renders no okta_group_memberships for a group without explicit members", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaGroup(stack, "garden", { name: "The Garden" });
    // THEN
    expect(synthJson(stack).resource.okta_group_memberships).toBeUndefined();
  });

  test("fromGroupId references an existing group; members added to it are managed", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const everyone = OktaGroup.fromGroupId(stack, "everyone", "00g999");
    everyone.addUser(user(stack, "bird"));
    // THEN
    const json = synthJson(stack);
    expect(json.resource.okta_group).toBeUndefined();
    expect(everyone.groupId).toBe("00g999");
    expect(json.resource.okta_group_memberships.everyone_members).toEqual({ group_id: "00g999", users: ["${okta_user.bird.id}"], track_all_users: false });
  });

  test("moved blocks added to the stack by hand are kept next to the generated ones", () => {
    // GIVEN
    const stack = orgStack();
    new OktaGroup(stack, "garden", { name: "The Garden", renamedFrom: "old_garden" });
    // WHEN
    stack.addOverride("moved", [{ from: "okta_group_memberships.gardenmembers", to: "okta_group_memberships.garden_members" }]);
    // THEN
    expect(synthJson(stack).moved).toEqual([
      { from: "okta_group_memberships.gardenmembers", to: "okta_group_memberships.garden_members" },
      { from: "okta_group.old_garden", to: "okta_group.garden" },
    ]);
  });

  test("importId adopts an existing group", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaGroup(stack, "garden", { name: "The Garden", importId: "00g1" });
    // THEN
    expect(synthJson(stack).import).toEqual([{ to: "okta_group.garden", id: "00g1" }]);
  });

  test("the escape hatch is the generated okta_group with the same address", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    (garden.node.defaultChild as any).addOverride("custom_profile_attributes", '{"color":"green"}');
    // THEN
    expect(synthJson(stack).resource.okta_group.garden).toMatchObject({ name: "The Garden", custom_profile_attributes: '{"color":"green"}' });
  });

  test("fails when two groups share a name", () => {
    // GIVEN
    const stack = orgStack();
    new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    new OktaGroup(stack, "garden2", { name: "the garden" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/garden is named "The Garden" and okta-dev/garden2 is named "the garden"; Okta group names must be unique in an org (case-insensitive). Rename one of them.',
    ]);
  });

  test("fails when a name is empty or longer than 255 bytes", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaGroup(stack, "empty", { name: "" });
    new OktaGroup(stack, "long", { name: "é".repeat(128) });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/empty: name is empty; give it a value.",
      `okta-dev/long: name "${"é".repeat(78)}… (128 characters) is 256 bytes long; Okta allows at most 255 bytes. Shorten it.`,
    ]);
  });

  test("fails when a member is defined in another org's stack", () => {
    // GIVEN
    const app = Testing.app();
    const dev = orgStack("okta-dev", {}, app);
    const prod = orgStack("okta-prod", { orgName: "acme" }, app);
    const bird = user(dev, "bird");
    // WHEN
    const garden = new OktaGroup(prod, "garden", { name: "The Garden" });
    garden.addUser(bird);
    // THEN
    expect(problems(prod)).toEqual([
      "okta-prod/garden: member okta-dev/bird belongs to another org's stack; a stack can only reference users and groups of its own org. Define it in this stack too, or import it with OktaUser.fromUserId / OktaGroup.fromGroupId.",
    ]);
  });

  test("fails when a group's id is used in another org's stack", () => {
    // GIVEN
    const app = Testing.app();
    const dev = orgStack("okta-dev", {}, app);
    const prod = orgStack("okta-prod", { orgName: "acme" }, app);
    const garden = new OktaGroup(dev, "garden", { name: "The Garden" });
    // WHEN
    new (require("cdktf").TerraformOutput)(prod, "garden_id", { value: garden.groupId });
    // THEN
    expect(() => Testing.synth(prod)).toThrow(
      "okta-dev/garden: its groupId is used in stack okta-prod, which is another org; each org's stack can only reference its own users and groups.",
    );
  });

  test("warns when a group filled by a rule also has explicit members", () => {
    // GIVEN
    const stack = orgStack();
    const engineering = new OktaGroup(stack, "engineering", { name: "Engineering", members: [user(stack, "bird")] });
    // WHEN
    new OktaGroupRule(stack, "engineering_rule", { name: "Engineering", expression: 'user.department == "Engineering"', groups: [engineering] });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(warnings(engineering)).toEqual([
      "okta-dev/engineering: the group has explicit members and is also filled by group rule okta-dev/engineering_rule; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.",
    ]);
  });
});
