import { Testing, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { OktaGroup, OktaUser, OktaUserBaseSchemaProperty, OktaUserSchemaProperty } from "../lib";
import { User } from "../.gen/providers/okta/user";
import { orgStack, problems, synthJson } from "./util";

const bird = { login: "rufous.hummingbird@example.com", email: "rufous.hummingbird@example.com", firstName: "Selasphorus", lastName: "rufous" };

describe("OktaUser", () => {
  test("renders okta_user named after the construct id, with typed profile fields", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", { ...bird, department: "Ornithology", costCenter: "CC-1", status: "STAGED" });
    // THEN
    expect(synthJson(stack).resource.okta_user.bird).toEqual({
      login: "rufous.hummingbird@example.com",
      email: "rufous.hummingbird@example.com",
      first_name: "Selasphorus",
      last_name: "rufous",
      department: "Ornithology",
      cost_center: "CC-1",
      status: "STAGED",
    });
    expect(problems(stack)).toEqual([]);
  });

  test("the address does not depend on the scope the user is defined in", () => {
    // GIVEN
    const stack = orgStack();
    const team = new Construct(new Construct(stack, "people"), "birds");
    // WHEN
    new OktaUser(team, "bird", bird);
    // THEN
    expect(Object.keys(synthJson(stack).resource.okta_user)).toEqual(["bird"]);
  });

  test("writes customProfile as custom_profile_attributes and depends on the properties it uses", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
    // WHEN
    new OktaUser(stack, "bird", { ...bird, customProfile: { date_of_birth: "1990-01-01" }, customProfileAttributesToIgnore: ["hr_id"] });
    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(User, {
      custom_profile_attributes: '{"date_of_birth":"1990-01-01"}',
      custom_profile_attributes_to_ignore: ["hr_id"],
      depends_on: ["okta_user_schema_property.dob"],
    });
  });

  test("fromUserId references an existing user and creates nothing", () => {
    // GIVEN
    const stack = orgStack();
    const group = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    const existing = OktaUser.fromUserId(stack, "tree", "00u123");
    group.addUser(existing);
    // THEN
    const json = synthJson(stack);
    expect(json.resource.okta_user).toBeUndefined();
    expect(existing.userId).toBe("00u123");
    expect(json.resource.okta_group_memberships.garden_members.users).toEqual(["00u123"]);
  });

  test("importId adopts an existing user with an import block", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "tree", { login: "bigleaf.maple@example.com", email: "bigleaf.maple@example.com", firstName: "Acer", lastName: "macrophyllum", importId: "abc123" });
    // THEN
    expect(synthJson(stack).import).toEqual([{ to: "okta_user.tree", id: "abc123" }]);
  });

  test("renamedFrom moves the state of the old address instead of replacing the user", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "hummingbird", { ...bird, renamedFrom: "bird" });
    new OktaGroup(stack, "meadow", { name: "The Garden", renamedFrom: "garden", members: [OktaUser.fromUserId(stack, "x", "00u1")] });
    // THEN
    expect(synthJson(stack).moved).toEqual([
      { from: "okta_user.bird", to: "okta_user.hummingbird" },
      { from: "okta_group.garden", to: "okta_group.meadow" },
      { from: "okta_group_memberships.garden_members", to: "okta_group_memberships.meadow_members" },
    ]);
  });

  test("userId is a Terraform reference usable in other resources of the same org", () => {
    // GIVEN
    const stack = orgStack();
    const user = new OktaUser(stack, "bird", bird);
    // WHEN
    new TerraformVariable(stack, "owner", { default: user.userId });
    // THEN
    expect(synthJson(stack).variable.owner.default).toBe("${okta_user.bird.id}");
  });

  test("the escape hatch node.defaultChild is the generated okta_user, with the same address and attributes", () => {
    // GIVEN
    const stack = orgStack();
    const user = new OktaUser(stack, "bird", { ...bird, title: "Hummingbird" });
    // WHEN
    const resource = user.node.defaultChild as any;
    resource.addOverride("lifecycle.ignore_changes", ["title"]);
    // THEN
    expect(resource).toBe(user.resource);
    expect(user.node.findChild("Resource")).toBe(resource);
    const rendered = synthJson(stack).resource.okta_user.bird;
    expect(rendered).toMatchObject({ login: bird.login, title: "Hummingbird", lifecycle: { ignore_changes: ["title"] } });
  });

  test("keeps depends_on set through the escape hatch next to the schema properties it uses", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    const user = new OktaUser(stack, "bird", { ...bird, customProfile: { date_of_birth: "1990-01-01" } });
    // WHEN
    user.resource.dependsOn = [garden.resource.fqn];
    // THEN
    expect(synthJson(stack).resource.okta_user.bird.depends_on).toEqual(["okta_group.garden", "okta_user_schema_property.dob"]);
  });

  test("accepts logins that are not email addresses when the org declares its own login pattern", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserBaseSchemaProperty(stack, "login_pattern", { index: "login", title: "Username", pattern: "[a-z.]+" });
    // WHEN
    new OktaUser(stack, "bird", { ...bird, login: "rufous.hummingbird" });
    new OktaUser(stack, "empty", { ...bird, login: "" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/empty: login "" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).',
    ]);
  });

  test("values from Terraform variables pass through unchecked", () => {
    // GIVEN
    const stack = orgStack();
    const domain = new TerraformVariable(stack, "domain", { type: "string", default: "example.com" });
    // WHEN
    new OktaUser(stack, "butterfly", { ...bird, login: `swallowtail.butterfly@${domain.stringValue}`, email: `swallowtail.butterfly@${domain.stringValue}` });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(synthJson(stack).resource.okta_user.butterfly.login).toBe("swallowtail.butterfly@${var.domain}");
  });

  test("a list from a Terraform variable passes through as the variable's reference", () => {
    // GIVEN
    const stack = orgStack();
    const ignored = new TerraformVariable(stack, "ignored", { type: "list(string)", default: ["hr_id"] });
    // WHEN
    new OktaUser(stack, "bird", { ...bird, customProfileAttributesToIgnore: ignored.listValue });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(synthJson(stack).resource.okta_user.bird.custom_profile_attributes_to_ignore).toBe("${var.ignored}");
  });

  test("offers no prop for a password, recovery answer or credential, and never renders one", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", { ...bird, password: "hunter2", recoveryAnswer: "blue" } as any);
    // THEN
    const text = Testing.synth(stack);
    expect(text).not.toMatch(/password|recovery_answer|hunter2|blue/);
  });

  test("fails when login, email or names are malformed, listing every problem", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bad", { login: "not a login", email: "bob@", firstName: " ", lastName: "", status: "ACTIV" as any, secondEmail: "x" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bad: firstName " " has nothing but a space; give it a value.',
      'okta-dev/bad: login "not a login" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).',
      'okta-dev/bad: email "bob@" is not a valid email address; use the form "name@example.com".',
      'okta-dev/bad: secondEmail "x" is not a valid email address; use the form "name@example.com".',
      "okta-dev/bad: lastName is empty; give it a value.",
      'okta-dev/bad: status is "ACTIV"; allowed values are "ACTIVE", "STAGED", "SUSPENDED", "DEPROVISIONED".',
    ]);
  });

  test("fails on invisible characters in any text value, naming the character, as for data files (nothing is trimmed)", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
    // WHEN
    new OktaUser(stack, "bird", {
      ...bird,
      login: "rufous.hummingbird@example.com ",
      firstName: "Sela\u00a0sphorus",
      title: "\tBird",
      customProfile: { date_of_birth: "1990-01-01\u200b" },
    });
    new OktaGroup(stack, "garden", { name: "The Garden ", description: "  Terraform created this group  " });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bird: login "rufous.hummingbird@example.com " has a trailing space; remove it.',
      'okta-dev/bird: firstName "Sela\u00a0sphorus" has a non-breaking space (U+00A0) at character 5; replace it with a plain space.',
      'okta-dev/bird: title "\\tBird" has a leading tab; remove it.',
      'okta-dev/bird: customProfile.date_of_birth "1990-01-01\u200b" has a trailing zero-width space (U+200B); remove it.',
      'okta-dev/garden: name "The Garden " has a trailing space; remove it.',
      'okta-dev/garden: description "  Terraform created this group  " has 2 leading spaces and 2 trailing spaces; remove them.',
    ]);
  });

  test("fails when a profile field is longer than Okta allows, quoting the value cut to 80 characters", () => {
    // GIVEN
    const stack = orgStack();
    const local = (length: number) => `${"a".repeat(length - "@example.com".length)}@example.com`;
    // WHEN
    new OktaUser(stack, "long", {
      login: local(101), email: local(101), secondEmail: local(101), firstName: "F".repeat(51), lastName: "L".repeat(51),
      primaryPhone: "1".repeat(101), mobilePhone: "2".repeat(100_000),
    });
    new OktaUser(stack, "limits", { login: local(100), email: local(100), firstName: "😀".repeat(50), lastName: "L".repeat(50), mobilePhone: "2".repeat(100) });
    // THEN
    const cut = (value: string) => `"${value.slice(0, 78)}… (${value.length} characters)`;
    expect(problems(stack)).toEqual([
      `okta-dev/long: login ${cut(local(101))} is too long: Okta allows at most 100 characters in login (this has 101) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: email ${cut(local(101))} is too long: Okta allows at most 100 characters in email (this has 101) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: secondEmail ${cut(local(101))} is too long: Okta allows at most 100 characters in secondEmail (this has 101) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: firstName "${"F".repeat(51)}" is too long: Okta allows at most 50 characters in firstName (this has 51) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: lastName "${"L".repeat(51)}" is too long: Okta allows at most 50 characters in lastName (this has 51) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: primaryPhone ${cut("1".repeat(101))} is too long: Okta allows at most 100 characters in primaryPhone (this has 101) and rejects the user at apply time. Shorten it.`,
      `okta-dev/long: mobilePhone ${cut("2".repeat(100_000))} is too long: Okta allows at most 100 characters in mobilePhone (this has 100000) and rejects the user at apply time. Shorten it.`,
    ]);
  });

  test("fails when two users share a login, whatever the case", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    // WHEN
    new OktaUser(new Construct(stack, "team"), "bird2", { ...bird, login: bird.login.toUpperCase() });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bird has login "rufous.hummingbird@example.com" and okta-dev/team/bird2 has login "RUFOUS.HUMMINGBIRD@EXAMPLE.COM"; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.',
    ]);
  });

  test("fails once when three users share a login, quoting each login as written", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    new OktaUser(stack, "bird2", { ...bird, login: "Rufous.Hummingbird@example.com" });
    // WHEN
    new OktaUser(stack, "bird3", bird);
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bird has login "rufous.hummingbird@example.com", okta-dev/bird2 has login "Rufous.Hummingbird@example.com" and okta-dev/bird3 has login "rufous.hummingbird@example.com"; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.',
    ]);
  });

  test("fails when two users in different scopes would get the same address", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(new Construct(stack, "a"), "bird", bird);
    // WHEN
    new OktaUser(new Construct(stack, "b"), "bird", { ...bird, login: "other@example.com" });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/a/bird and okta-dev/b/bird: both would be okta_user.bird. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
    ]);
  });

  test("fails when the construct id is not a valid Terraform name", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "9 lives", bird);
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/9 lives: construct id "9 lives" is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes. Choose an id such as "_9_lives".',
    ]);
  });

  test("fails when a stack has Okta constructs but no okta provider", () => {
    // GIVEN
    const stack = new (require("cdktf").TerraformStack)(Testing.app(), "plain");
    // WHEN
    new OktaUser(stack, "bird", bird);
    // THEN
    expect(problems(stack)).toEqual([
      'plain: this stack has Okta constructs but no okta provider. Use OktaOrgStack, or add new OktaProvider(stack, "okta", { orgName, baseUrl }) from cdktf-okta\'s bindings.',
    ]);
  });
});

describe("customProfile is typed against the org's schema properties", () => {
  function stackWithSchema() {
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
    new OktaUserSchemaProperty(stack, "level", { index: "level", title: "Level", type: "integer", enum: ["1", "2", "3"] });
    new OktaUserSchemaProperty(stack, "tags", { index: "tags", title: "Tags", type: "array", arrayType: "string", arrayEnum: ["a", "b"] });
    new OktaUserSchemaProperty(stack, "crn", { index: "customer_reference_number", title: "CRN", type: "string", required: true });
    return stack;
  }

  test("accepts values that fit the declared types and allowed values", () => {
    // GIVEN
    const stack = stackWithSchema();
    // WHEN
    new OktaUser(stack, "bird", { ...bird, customProfile: { date_of_birth: "1990-01-01", level: 2, tags: ["a"], customer_reference_number: "C1" } });
    // THEN
    expect(problems(stack)).toEqual([]);
  });

  test("fails on an undeclared key, a wrong type, a value outside the enum and a missing required property", () => {
    // GIVEN
    const stack = stackWithSchema();
    // WHEN
    new OktaUser(stack, "bird", { ...bird, customProfile: { dob: "1990", date_of_birth: 1990, level: 7, tags: ["c"] } });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bird: customProfile key "dob" is not a user schema property declared in this org (declared: date_of_birth, level, tags, customer_reference_number). Declare it with new OktaUserSchemaProperty(this, "...", { index: "dob", ... }) (an existing property is adopted), or remove the key.',
      "okta-dev/bird: customProfile.date_of_birth is 1990, which does not fit the declared type string; give a value of type string.",
      'okta-dev/bird: customProfile.level is 7; the schema property allows only "1", "2", "3".',
      'okta-dev/bird: customProfile.tags is "c"; the schema property allows only "a", "b".',
      'okta-dev/bird: customProfile has no "customer_reference_number", which okta-dev/crn declares required: Okta rejects the user at apply time. Add customProfile.customer_reference_number.',
    ]);
  });

  test("a required property named like an Object.prototype member is required like any other", () => {
    // GIVEN
    const stack = orgStack();
    for (const index of ["constructor", "toString", "hasOwnProperty"]) {
      new OktaUserSchemaProperty(stack, `p_${index}`, { index, title: index, type: "string", required: true });
    }
    // WHEN
    new OktaUser(stack, "bird", bird);
    new OktaUser(stack, "tree", { ...bird, login: "tree@example.com", customProfile: { constructor: "c", toString: "t", hasOwnProperty: "h" } });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/bird: customProfile has no "constructor", which okta-dev/p_constructor declares required: Okta rejects the user at apply time. Add customProfile.constructor.',
      'okta-dev/bird: customProfile has no "toString", which okta-dev/p_toString declares required: Okta rejects the user at apply time. Add customProfile.toString.',
      'okta-dev/bird: customProfile has no "hasOwnProperty", which okta-dev/p_hasOwnProperty declares required: Okta rejects the user at apply time. Add customProfile.hasOwnProperty.',
    ]);
    expect(synthJson(stack).resource.okta_user.tree.custom_profile_attributes).toBe('{"constructor":"c","toString":"t","hasOwnProperty":"h"}');
  });

  test("fails when an integer property gets a fraction or an array property a scalar", () => {
    // GIVEN
    const stack = stackWithSchema();
    // WHEN
    new OktaUser(stack, "bird", { ...bird, customProfile: { level: 1.5, tags: "a", customer_reference_number: "C1" } as any });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/bird: customProfile.level is 1.5, which does not fit the declared type integer; give a value of type integer.",
      'okta-dev/bird: customProfile.tags is "a", which does not fit the declared type array of string; give a value of type array of string.',
    ]);
  });
});
