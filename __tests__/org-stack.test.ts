import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformDataSource, TerraformProvider, TerraformProviderGeneratorMetadata, TerraformResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { TimeProvider } from "../.gen/providers/time/provider";
import { OktaGroup, OktaGroupRule, OktaProvider, OktaSynthError, OktaUser, OktaUserSchemaProperty } from "../lib";
import { orgStack, problems, synthJson, warnings } from "./util";

function populate(stack: TerraformStack): void {
  new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string" });
  const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
  new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R", groups: [garden] });
  new OktaGroupRule(stack, "rule", { name: "R", expression: "true", groups: [garden] });
}

/** What @cdktf/provider-okta's generated classes record: bindings for okta 4.20. */
const PREBUILT: TerraformProviderGeneratorMetadata = { providerName: "okta", providerVersion: "4.20.0", providerVersionConstraint: "~> 4.0" };

/** A resource class as another set of bindings generates it (cdktf's generator passes terraformGeneratorMetadata). */
class BoundResource extends TerraformResource {
  constructor(scope: Construct, id: string, type: string, metadata: TerraformProviderGeneratorMetadata = PREBUILT) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: metadata });
  }
}

class BoundDataSource extends TerraformDataSource {
  constructor(scope: Construct, id: string, type: string) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: PREBUILT });
  }
}

class BoundProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "okta", terraformGeneratorMetadata: PREBUILT, terraformProviderSource: "okta/okta" });
  }
}

const foreign = (path: string, what: string, use: string) =>
  `${path}: this ${what} comes from bindings for okta provider 4.20.0 (such as @cdktf/provider-okta), but the stack pins okta 6.12.0 (cdktf-okta's bindings): Terraform runs okta 6.12.0 for the whole stack, and those bindings were not made for its schema. Use cdktf-okta's bindings instead: ${use}.`;

describe("OktaOrgStack with resources from other okta bindings", () => {
  const bird = { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R" };

  test("fails on a resource, data source or provider made for another okta version, pointing at cdktf-okta's class", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    // WHEN
    new BoundResource(new Construct(stack, "legacy"), "user", "okta_user");
    new BoundResource(stack, "members", "okta_group_memberships");
    new BoundDataSource(stack, "everyone", "okta_group");
    new BoundProvider(stack, "okta420");
    // THEN
    expect(problems(stack)).toEqual([
      foreign("okta-dev/legacy/user", "okta_user resource", 'import { user } from "cdktf-okta/providers/okta" and new user.User(...)'),
      foreign("okta-dev/members", "okta_group_memberships resource", 'import { groupMemberships } from "cdktf-okta/providers/okta" and new groupMemberships.GroupMemberships(...)'),
      foreign("okta-dev/everyone", "okta_group data source", 'import { dataOktaGroup } from "cdktf-okta/providers/okta" and new dataOktaGroup.DataOktaGroup(...)'),
      foreign("okta-dev/okta420", "okta provider", 'import { OktaProvider } from "cdktf-okta" (an OktaOrgStack has one already: stack.provider)'),
    ]);
  });

  test("fails on an okta type cdktf-okta's bindings do not include only when it comes from other bindings", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    // WHEN
    // okta_group_membership (singular) was removed from the provider before 6.12.0.
    new BoundResource(stack, "app", "okta_group_membership");
    new BoundResource(stack, "own_app", "okta_group_membership", { providerName: "okta", providerVersion: "6.12.0", providerVersionConstraint: "~> 6.12.0" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/app: this okta_group_membership resource comes from bindings for okta provider 4.20.0 (such as @cdktf/provider-okta), but the stack pins okta 6.12.0 (cdktf-okta\'s bindings), which do not include it. Generate bindings for okta/okta@6.12.0 (cdktf get, with "okta/okta@6.12.0" in cdktf.json\'s terraformProviders) and create it from those.',
    ]);
  });

  test("accepts bindings made for the pinned version, and other providers' bindings of any version", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUser(stack, "bird", bird);
    // WHEN
    new BoundResource(stack, "generated", "okta_group", { providerName: "okta", providerVersion: "6.12.0" });
    new BoundResource(stack, "constrained", "okta_user", { providerName: "okta", providerVersionConstraint: "~> 6.12.0" });
    new TimeProvider(stack, "time");
    new BoundResource(stack, "sleep", "time_sleep", { providerName: "time", providerVersion: "0.9.1" });
    // THEN
    expect(problems(stack)).toEqual([]);
  });
});

describe("OktaOrgStack", () => {
  test("configures the okta provider with org name, base URL and rate limits only", () => {
    // GIVEN
    const stack = orgStack("okta-dev", { orgName: "acme-dev", baseUrl: "oktapreview.com" });
    // WHEN
    const json = synthJson(stack);
    // THEN
    expect(json.provider.okta).toEqual([{ org_name: "acme-dev", base_url: "oktapreview.com", max_api_capacity: 50, backoff: true, max_retries: 5 }]);
    expect(json.terraform.required_providers.okta).toEqual({ source: "okta/okta", version: "6.12.0" });
  });

  test("base_url defaults to okta.com and rateLimit maps to the provider's settings", () => {
    // GIVEN
    const stack = orgStack("okta-dev", { rateLimit: { maxApiCapacity: 30, backoff: false, minWaitSeconds: 10, maxWaitSeconds: 60, maxRetries: 10 } });
    // WHEN
    const json = synthJson(stack);
    // THEN
    expect(json.provider.okta[0]).toEqual({
      org_name: "acme-dev", base_url: "okta.com", max_api_capacity: 30, backoff: false, min_wait_seconds: 10, max_wait_seconds: 60, max_retries: 10,
    });
  });

  test("uses a local backend with its own state file outside cdktf.out by default", () => {
    // GIVEN
    const stack = orgStack("okta-dev");
    // THEN
    expect(synthJson(stack).terraform.backend).toEqual({ local: { path: "../../../terraform.okta-dev.tfstate" } });
  });

  test("cloud gives a Terraform Cloud block with the named workspace and no local backend", () => {
    // GIVEN
    const stack = orgStack("okta-prod", { cloud: { organization: "acme", workspace: "okta-prod", project: "identity" } });
    // WHEN
    const json = synthJson(stack);
    // THEN
    expect(json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "okta-prod", project: "identity" } });
    expect(json.terraform.backend).toBeUndefined();
  });

  test("production adds prevent_destroy to every user, group, group rule and schema property", () => {
    // GIVEN
    const stack = orgStack("okta-prod", { production: true });
    // WHEN
    populate(stack);
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.okta_user.bird.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_group.garden.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_group_rule.rule.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_user_schema_property.dob.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("production protects users and groups rendered through the escape hatch too", () => {
    // GIVEN
    const stack = orgStack("okta-prod", { production: true });
    populate(stack);
    // WHEN
    for (const id of ["bird", "garden"]) void stack.node.findChild(id).node.defaultChild;
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.okta_user.bird.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_group.garden.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("non-production stacks have no prevent_destroy anywhere", () => {
    // GIVEN
    const stack = orgStack("okta-dev");
    // WHEN
    populate(stack);
    // THEN
    expect(Testing.synth(stack)).not.toContain("prevent_destroy");
  });

  test("renders users, groups and memberships exactly as a plain TerraformStack with an okta provider does", () => {
    // GIVEN
    const app = Testing.app();
    const org = orgStack("org", {}, app);
    const plain = new TerraformStack(app, "plain");
    new OktaProvider(plain, "okta", { orgName: "acme-dev" });
    const domain = (scope: TerraformStack) => new TerraformVariable(scope, "domain", { default: "example.com" }).stringValue;
    // WHEN
    for (const stack of [org, plain]) {
      populate(stack);
      new OktaUser(stack, "tokened", { login: `t@${domain(stack)}`, email: "t@example.com", firstName: "T", lastName: "K" });
    }
    // THEN
    const resources = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)).resource;
    expect(resources(org)).toEqual(resources(plain));
    expect(resources(org).okta_user.tokened.login).toBe("t@${var.domain}");
  });

  test("requiredScopes lists the least-privilege OAuth scopes of the stack's constructs", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    populate(stack);
    // THEN
    expect(stack.requiredScopes).toEqual(["okta.groups.manage", "okta.schemas.manage", "okta.users.manage"]);
  });

  test("warns when auth.scopes lacks a scope the constructs need", () => {
    // GIVEN
    const stack = orgStack("okta-dev", { auth: { method: "oauth", scopes: ["okta.users.manage", "okta.groups.manage"] } });
    // WHEN
    populate(stack);
    // THEN
    expect(warnings(stack)).toEqual([
      "okta-dev: auth.scopes lacks okta.schemas.manage, which this org's constructs need; Okta answers 403 at apply time. Grant it to the org's API service app and add it to auth.scopes (or omit auth.scopes to use stack.requiredScopes).",
      "okta-dev/garden: the group has explicit members and is also filled by group rule okta-dev/rule; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.",
    ]);
  });

  test("fails when rate-limit settings are outside the provider's ranges", () => {
    // GIVEN
    const stack = orgStack("okta-dev", { rateLimit: { maxApiCapacity: 150, maxRetries: 101, minWaitSeconds: 60, maxWaitSeconds: 30 } });
    // WHEN
    const found = stack.node.validate();
    // THEN
    expect(found).toEqual([
      "okta-dev: rateLimit.maxApiCapacity is 150; the provider accepts 1 to 100. Use a value in that range.",
      "okta-dev: rateLimit.maxRetries is 101; the provider accepts 0 to 100. Use a value in that range.",
      "okta-dev: rateLimit.minWaitSeconds 60 is greater than rateLimit.maxWaitSeconds 30; swap them or fix one.",
    ]);
  });

  test("warns when a production org keeps local state", () => {
    // GIVEN
    const prod = orgStack("okta-prod", { production: true });
    const cloudProd = orgStack("okta-prod2", { production: true, cloud: { organization: "acme", workspace: "okta-prod" } });
    // THEN
    expect(warnings(prod)).toEqual([
      "okta-prod: a production org with local state (terraform.okta-prod.tfstate on this machine): deploying from another machine, or after losing the file, would try to create every user again. Give the stack cloud: { organization, workspace }.",
    ]);
    expect(warnings(cloudProd)).toEqual([]);
  });

  test("overrides on the cloud block are kept", () => {
    // GIVEN
    const stack = orgStack("okta-prod", { cloud: { organization: "acme", workspace: "okta-prod" } });
    // WHEN
    (stack.node.findChild("backend") as any).addOverride("hostname", "tfe.example.com");
    // THEN
    expect(synthJson(stack).terraform.cloud).toEqual({ organization: "acme", hostname: "tfe.example.com", workspaces: { name: "okta-prod" } });
  });

  test("exposes the environment it serves", () => {
    expect(orgStack("okta-prod", { environment: "prod" }).environment).toBe("prod");
  });

  test("under a plain App, a problem in the second org stack stops the first from being written too", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-plain-"));
    const app = new App({ outdir });
    new OktaGroup(orgStack("okta-dev", {}, app), "garden", { name: "The Garden" });
    const prod = orgStack("okta-prod", { orgName: "acme" }, app);
    // WHEN
    new OktaUser(prod, "bad", { login: "nope", email: "bad@example.com", firstName: "B", lastName: "D" });
    // THEN
    expect(() => app.synth()).toThrow(OktaSynthError);
    expect(() => app.synth()).toThrow(
      new OktaSynthError(['okta-prod/bad: login "nope" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).'], "no Okta stack was written"),
    );
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual([]);
  });

  test("under a plain App, a secret in an org stack fails before its file is written", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-plain-"));
    const stack = orgStack("okta-dev", {}, new App({ outdir }));
    const user = new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R" });
    // WHEN
    user.resource.addOverride("password", "hunter2");
    // THEN
    const file = path.relative(process.cwd(), path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"));
    expect(() => App.of(stack).synth()).toThrow(
      "cdktf-okta found 1 problem; okta-dev was not written:\n" +
        `  ${file}: okta_user.bird sets password, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  test("under a plain App, a stack whose JSON the provider schema rejects is not written", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-plain-"));
    const stack = orgStack("okta-dev", {}, new App({ outdir }));
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    // WHEN
    garden.resource.addOverride("descriptoin", "typo");
    // THEN
    const file = path.relative(process.cwd(), path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"));
    expect(() => App.of(stack).synth()).toThrow(
      "cdktf-okta found 1 problem; okta-dev was not written:\n" +
        `  ${file}: resource.okta_group.garden.descriptoin (okta_group.garden): unknown argument "descriptoin" in okta_group. Did you mean "description"? Rename or remove it.`,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  test("the schema check runs only when cdktf validates: not with skipValidation, not in Testing.synth", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-plain-"));
    const skipping = orgStack("okta-dev", {}, new App({ outdir, skipValidation: true }));
    const tested = orgStack();
    // WHEN
    for (const stack of [skipping, tested]) new OktaGroup(stack, "garden", { name: "The Garden" }).resource.addOverride("descriptoin", "typo");
    App.of(skipping).synth();
    // THEN
    expect(fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8")).toContain('"descriptoin": "typo"');
    expect(synthJson(tested).resource.okta_group.garden.descriptoin).toBe("typo");
    expect(() => Testing.synth(tested, true)).toThrow(/^cdktf-okta found 1 problem; okta-dev was not written:\n {2}.*unknown argument "descriptoin" in okta_group/);
  });
});
