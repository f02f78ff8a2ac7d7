import { OktaGroup, OktaGroupRule, OktaUser, OktaUserSchemaProperty, SchemaValidator } from "../lib";
import { orgStack, problems, synthJson } from "./util";

describe("OktaGroupRule", () => {
  test("renders okta_group_rule with group ids, excluded users and status", () => {
    // GIVEN
    const stack = orgStack();
    const engineering = new OktaGroup(stack, "engineering", { name: "Engineering" });
    const bot = new OktaUser(stack, "bot", { login: "bot@example.com", email: "bot@example.com", firstName: "Build", lastName: "Bot" });
    // WHEN
    new OktaGroupRule(stack, "engineering_rule", {
      name: "Engineering department",
      expression: 'user.department == "Engineering"',
      groups: [engineering, OktaGroup.fromGroupId(stack, "all", "00gALL")],
      excludedUsers: [bot],
      status: "INACTIVE",
      removeAssignedUsers: true,
    });
    // THEN
    const { "//": _, ...rule } = synthJson(stack).resource.okta_group_rule.engineering_rule;
    expect(rule).toEqual({
      name: "Engineering department",
      expression_value: 'user.department == "Engineering"',
      group_assignments: ["${okta_group.engineering.id}", "00gALL"],
      users_excluded: ["${okta_user.bot.id}"],
      status: "INACTIVE",
      remove_assigned_users: true,
    });
    expect(problems(stack)).toEqual([]);
  });

  test("depends on the custom schema properties its expression reads, declared before or after it", () => {
    // GIVEN
    const stack = orgStack();
    const contractors = new OktaGroup(stack, "contractors", { name: "Contractors" });
    // WHEN
    new OktaGroupRule(stack, "contractor_rule", {
      name: "Contractors",
      expression: 'user.employment_type == "Contractor" && String.stringContains(user.cost_center, "user.badge") && user.department != "x" && user.employment_type != ""',
      groups: [contractors],
    });
    new OktaUserSchemaProperty(stack, "employment_type", { index: "employment_type", title: "Employment type", type: "string" });
    new OktaUserSchemaProperty(stack, "cost_center_property", { index: "cost_center", title: "Cost center", type: "string" });
    new OktaUserSchemaProperty(stack, "badge", { index: "badge", title: "Badge", type: "string" });
    // THEN: user.department is a base attribute and user.badge is only text in a string literal
    const tf = synthJson(stack);
    const { "//": _, ...rule } = tf.resource.okta_group_rule.contractor_rule;
    expect(rule).toEqual({
      name: "Contractors",
      expression_value: 'user.employment_type == "Contractor" && String.stringContains(user.cost_center, "user.badge") && user.department != "x" && user.employment_type != ""',
      group_assignments: ["${okta_group.contractors.id}"],
      depends_on: ["okta_user_schema_property.employment_type", "okta_user_schema_property.cost_center_property"],
    });
    expect(problems(stack)).toEqual([]);
    expect(SchemaValidator.fromSnapshots().validate([{ path: "cdk.tf.json", json: tf }])).toEqual([]);
  });

  test("renamedFrom moves the rule's state to its new address", () => {
    // GIVEN
    const stack = orgStack();
    const group = new OktaGroup(stack, "g", { name: "G" });
    // WHEN
    new OktaGroupRule(stack, "engineering", { name: "R", expression: "true", groups: [group], renamedFrom: "eng_rule" });
    // THEN
    expect(synthJson(stack).moved).toEqual([{ from: "okta_group_rule.eng_rule", to: "okta_group_rule.engineering" }]);
  });

  test("renders each group and excluded user once, and counts them once", () => {
    // GIVEN
    const stack = orgStack();
    const group = new OktaGroup(stack, "g", { name: "G" });
    const bot = OktaUser.fromUserId(stack, "bot", "00uBOT");
    // WHEN
    new OktaGroupRule(stack, "rule", { name: "R", expression: "true", groups: Array(101).fill(group), excludedUsers: [bot, bot] });
    // THEN
    const rule = synthJson(stack).resource.okta_group_rule.rule;
    expect(rule.group_assignments).toEqual(["${okta_group.g.id}"]);
    expect(rule.users_excluded).toEqual(["00uBOT"]);
    expect(problems(stack)).toEqual([]);
  });

  test("importId adopts an existing rule", () => {
    // GIVEN
    const stack = orgStack();
    const group = new OktaGroup(stack, "g", { name: "G" });
    // WHEN
    new OktaGroupRule(stack, "rule", { name: "R", expression: "true", groups: [group], importId: "0pr1" });
    // THEN
    expect(synthJson(stack).import).toEqual([{ to: "okta_group_rule.rule", id: "0pr1" }]);
  });

  test("fails when the name is over 50 bytes, the status unknown, or groups empty", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaGroupRule(stack, "rule", { name: "x".repeat(51), expression: "true", groups: [], status: "ON" as any });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/rule: name "${"x".repeat(51)}" is 51 bytes long; Okta allows at most 50 bytes. Shorten it.`,
      'okta-dev/rule: status is "ON"; allowed values are "ACTIVE", "INACTIVE".',
      "okta-dev/rule: groups is empty; a group rule must assign at least one group.",
    ]);
  });

  test("fails with more than 100 groups or 100 excluded users", () => {
    // GIVEN
    const stack = orgStack();
    const groups = Array.from({ length: 101 }, (_, i) => OktaGroup.fromGroupId(stack, `g${i}`, `00g${i}`));
    const users = Array.from({ length: 101 }, (_, i) => OktaUser.fromUserId(stack, `u${i}`, `00u${i}`));
    // WHEN
    new OktaGroupRule(stack, "rule", { name: "Big", expression: "true", groups, excludedUsers: users });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/rule: the rule assigns 101 groups; Okta allows at most 100 per rule. Split it into several rules with the same expression.",
      "okta-dev/rule: the rule excludes 101 users; Okta allows at most 100 per rule. Exclude a group of users in the expression instead (e.g. not isMemberOfAnyGroup(...)).",
    ]);
  });

  test("fails when the rule assigns a group of another org", () => {
    // GIVEN
    const app = require("cdktf").Testing.app();
    const dev = orgStack("okta-dev", {}, app);
    const prod = orgStack("okta-prod", { orgName: "acme" }, app);
    const devGroup = new OktaGroup(dev, "engineering", { name: "Engineering" });
    // WHEN
    new OktaGroupRule(prod, "rule", { name: "R", expression: "true", groups: [devGroup] });
    // THEN
    expect(problems(prod)).toEqual([
      "okta-prod/rule: group okta-dev/engineering belongs to another org's stack; a stack can only reference users and groups of its own org. Define it in this stack too, or import it with OktaUser.fromUserId / OktaGroup.fromGroupId.",
    ]);
  });
});
