/**
 * cdktf-okta/testing, used as an app's own tests use it: "../lib" stands for "cdktf-okta" and
 * "../lib/testing" for "cdktf-okta/testing". The terraform tests run when terraform is on PATH.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing } from "cdktf";
import { DataOktaGroup } from "../.gen/providers/okta/data-okta-group";
import { Group } from "../.gen/providers/okta/group";
import { OktaApp, OktaGroup, OktaGroupRule, OktaOrgStack, OktaUser, OktaUserSchemaProperty } from "../lib";
import { OktaTesting } from "../lib/testing";

const bird = { login: "bird@example.com", email: "bird@example.com", firstName: "Rufous", lastName: "Hummingbird" };

function orgStack(app: App = Testing.app(), id = "okta-dev"): OktaOrgStack {
  return new OktaOrgStack(app, id, { orgName: "acme-dev", environment: "dev" });
}

const withTerraform = OktaTesting.terraformSkipReason() === undefined ? test : test.skip;

describe("OktaTesting.synth", () => {
  test("gives the stack's Terraform JSON with the users and groups its stack renders in one pass", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", bird);
    // THEN
    const json = OktaTesting.synth(stack);
    expect(json.resource.okta_user.bird).toEqual({ login: "bird@example.com", email: "bird@example.com", first_name: "Rufous", last_name: "Hummingbird" });
    expect(json.terraform.required_providers.okta).toEqual({ source: "okta/okta", version: "6.12.0" });
  });
});

describe("OktaTesting.resourceOf", () => {
  test("gives a user's okta_user body without creating its escape hatch", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const user = new OktaUser(stack, "bird", { ...bird, department: "Ornithology" });
    // THEN
    expect(OktaTesting.resourceOf(user)).toEqual({
      login: "bird@example.com",
      email: "bird@example.com",
      first_name: "Rufous",
      last_name: "Hummingbird",
      department: "Ornithology",
    });
    expect(user.node.tryFindChild("Resource")).toBeUndefined();
  });

  test("gives a user rendered through its escape hatch, overrides included", () => {
    // GIVEN
    const stack = orgStack();
    const user = new OktaUser(stack, "bird", bird);
    // WHEN
    user.resource.addOverride("expire_password_on_create", true);
    // THEN
    expect(OktaTesting.resourceOf(user)).toMatchObject({ login: "bird@example.com", expire_password_on_create: true });
  });

  test("gives a group's okta_group, or its okta_group_memberships when asked", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    new OktaUser(stack, "bird", { ...bird, groups: [garden] });
    // THEN
    expect(OktaTesting.resourceOf(garden)).toEqual({ name: "The Garden" });
    expect(OktaTesting.resourceOf(garden, "okta_group_memberships")).toEqual({
      group_id: "${okta_group.garden.id}",
      users: ["${okta_user.bird.id}"],
      track_all_users: false,
    });
  });

  test("gives group rules, schema properties and generated resources and data sources", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    const rule = new OktaGroupRule(stack, "birds", { name: "Birds", expression: 'user.department == "Ornithology"', groups: [garden] });
    const dob = new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
    const raw = new Group(stack, "raw", { name: "Raw" });
    const everyone = new DataOktaGroup(stack, "everyone", { name: "Everyone" });
    // THEN
    expect(OktaTesting.resourceOf(rule)).toMatchObject({ name: "Birds", group_assignments: ["${okta_group.garden.id}"] });
    expect(OktaTesting.resourceOf(dob)).toMatchObject({ index: "date_of_birth", title: "Date of Birth", type: "string" });
    expect(OktaTesting.resourceOf(raw)).toEqual({ name: "Raw" });
    expect(OktaTesting.resourceOf(everyone)).toEqual({ name: "Everyone" });
  });

  test("fails for a construct that defines no resource, or not the type asked for", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const existing = OktaUser.fromUserId(stack, "admin", "00u1");
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // THEN
    expect(() => OktaTesting.resourceOf(existing)).toThrow(
      "okta-dev/admin: defines no Terraform resource or data source (an existing object referenced by id creates none); pass the construct that defines it.",
    );
    expect(() => OktaTesting.resourceOf(garden, "okta_group_memberships")).toThrow('okta-dev/garden: defines no okta_group_memberships; it defines "okta_group".');
  });
});

describe("OktaTesting.problems and warnings", () => {
  test("problems lists every problem a synth would report, for a stack or a whole app", () => {
    // GIVEN
    const app = new OktaApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-testing-")) });
    const dev = orgStack(app, "okta-dev");
    const prod = orgStack(app, "okta-prod");
    // WHEN
    new OktaUser(dev, "bird", { ...bird, login: "bird" });
    new OktaGroup(prod, "empty", { name: "" });
    // THEN
    const badLogin = 'okta-dev/bird: login "bird" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).';
    const emptyName = "okta-prod/empty: name is empty; give it a value.";
    expect(OktaTesting.problems(dev)).toEqual([badLogin]);
    expect(OktaTesting.problems(app)).toEqual([badLogin, emptyName]);
  });

  test("problems is empty for a stack without any", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", bird);
    // THEN
    expect(OktaTesting.problems(stack)).toEqual([]);
  });

  test("warnings gives the warnings of the stack and everything in it, including those its checks add, once each", () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    new OktaUser(stack, "bird", { ...bird, groups: [garden] });
    // WHEN
    new OktaGroupRule(stack, "birds", { name: "Birds", expression: "true", groups: [garden] });
    // THEN
    const fight = "okta-dev/garden: the group has explicit members and is also filled by group rule okta-dev/birds; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.";
    expect(OktaTesting.warnings(stack)).toEqual([fight]);
    expect(OktaTesting.warnings(stack)).toEqual([fight]);
  });
});

describe("OktaTesting with terraform", () => {
  test("says why terraform runs are skipped when there is no terraform on PATH", async () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    const searchPath = process.env.PATH;
    process.env.PATH = "";
    try {
      // WHEN
      const plan = await OktaTesting.terraformPlan(stack);
      // THEN
      expect(plan).toEqual({ skipped: "terraform plan skipped: no terraform binary on PATH (install terraform 1.x to run it).", ok: false, output: "" });
      expect(OktaTesting.terraformSkipReason()).toBe("terraform skipped: no terraform binary on PATH (install terraform 1.x to run it).");
    } finally {
      process.env.PATH = searchPath;
    }
  });

  withTerraform("terraformPlan plans every object of the stack for creation, through the test provider", async () => {
    // GIVEN
    const stack = orgStack();
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    new OktaUser(stack, "bird", { ...bird, groups: [garden] });
    const run = await OktaTesting.terraformPlan(stack);
    // THEN
    expect(run.ok).toBe(true);
    const changes = run.plan.resource_changes.map((change: any) => [change.address, change.change.actions]);
    expect(changes).toEqual([
      ["okta_group.garden", ["create"]],
      ["okta_group_memberships.garden_members", ["create"]],
      ["okta_user.bird", ["create"]],
    ]);
  });

  withTerraform("terraformValidate reports what terraform says about an attribute okta does not have", async () => {
    // GIVEN
    const stack = orgStack();
    const user = new OktaUser(stack, "bird", bird);
    expect((await OktaTesting.terraformValidate(stack)).ok).toBe(true);
    // WHEN
    user.resource.addOverride("favourite_colour", "green");
    const run = await OktaTesting.terraformValidate(stack);
    // THEN
    expect(run.ok).toBe(false);
    expect(run.output).toContain('No argument or block type is named "favourite_colour".');
  });
});
