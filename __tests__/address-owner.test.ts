import { Group } from "../.gen/providers/okta/group";
import { GroupMemberships } from "../.gen/providers/okta/group-memberships";
import { OktaGroup, OktaUser } from "../lib";
import { orgStack, problems } from "./util";

describe("one address, one owner", () => {
  test("fails when a raw generated resource has a construct's address, naming both paths", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    const bird = new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R", groups: [garden] });
    // WHEN
    new Group(stack, "raw", { name: "Raw" }).overrideLogicalId("garden");
    new GroupMemberships(stack, "garden_members", { groupId: "00g1", users: [bird.userId] });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/garden and okta-dev/raw: both would be okta_group.garden. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
      "okta-dev/garden and okta-dev/garden_members: both would be okta_group_memberships.garden_members. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
    ]);
  });

  test("fails when a stack override defines a construct's address", () => {
    // GIVEN
    const stack = orgStack();
    new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    stack.addOverride("resource.okta_group.garden", { name: "Overridden" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev: addOverride("resource.okta_group.garden", ...) defines okta_group.garden, which okta-dev/garden already defines; the construct\'s rendering would silently replace the override. Change it through the construct\'s escape hatch (its .resource.addOverride(...)) instead, or give one of them another address.',
    ]);
  });

  test("accepts the escape hatch and raw resources with addresses of their own", () => {
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    garden.resource.addOverride("description", "via the escape hatch");
    new Group(stack, "other", { name: "Other" });
    expect(problems(stack)).toEqual([]);
  });
});
