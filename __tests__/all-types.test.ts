/**
 * Every okta/okta 6.12.0 resource type and data source, one minimal instance each (generated from
 * schema/okta.json by fixtures/all-types.ts), in one org stack: it synthesizes through the generated
 * bindings, passes the org's checks and the schema validator, and, where terraform is on PATH,
 * `terraform validate` and `terraform plan` through the test provider.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing } from "cdktf";
import { OktaOrgStack, SchemaValidator } from "../lib";
import { TerraformSandbox, terraformOnPath } from "../lib/test-provider/harness";
import { estimateRefreshCost } from "../lib/analysis/refresh-cost";
import { AllTypesElement, OKTA, SECRET_VARIABLE, addAllTypes, providers } from "./fixtures/all-types";
import { problems } from "./util";

type Json = any;

function allTypesStack(props: { production?: boolean; addressRecord?: string } = {}): { stack: OktaOrgStack; added: AllTypesElement[] } {
  const stack = new OktaOrgStack(Testing.app(), "okta-all", { orgName: "acme-all", environment: props.production ? "prod" : "dev", ...props });
  return { stack, added: addAllTypes(stack) };
}

describe("an org stack with every okta type", () => {
  let stack: OktaOrgStack;
  let added: AllTypesElement[];
  let tf: Json;
  beforeAll(() => {
    ({ stack, added } = allTypesStack());
    tf = JSON.parse(Testing.synth(stack));
  });

  test("has every resource type and every data source: none is left out", () => {
    // THEN
    expect(added.filter((e) => e.mode === "resource").map((e) => e.type)).toEqual(Object.keys(OKTA.resource_schemas));
    expect(added.filter((e) => e.mode === "data").map((e) => e.type)).toEqual(Object.keys(OKTA.data_source_schemas));
    expect(added).toHaveLength(145 + 99);
  });

  test("synthesizes every required argument through the generated bindings", () => {
    // THEN
    const missing = added.flatMap(({ mode, type, name, expected }) => {
      const body = tf[mode]?.[type]?.[name];
      if (body === undefined) return [`${mode}.${type}.${name}: not synthesized`];
      return Object.keys(expected)
        .filter((key) => JSON.stringify(body[key]) !== JSON.stringify(expected[key]) && JSON.stringify([body[key]]) !== JSON.stringify(expected[key]))
        .map((key) => `${mode}.${type}.${name}.${key}: ${JSON.stringify(body[key])}, expected ${JSON.stringify(expected[key])}`);
    });
    expect(missing).toEqual([]);
  });

  test("passes the org's checks, the secret scan and the schema validator", () => {
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(SchemaValidator.fromSnapshots().validate([{ path: "cdk.tf.json", json: tf }])).toEqual([]);
  });

  test("needs the scopes of 46 Okta APIs: one per type family, read scopes covered by manage left out", () => {
    // THEN
    expect(stack.requiredScopes).toHaveLength(46);
    expect(stack.requiredScopes).toEqual(
      expect.arrayContaining(["okta.apps.manage", "okta.policies.manage", "okta.authorizationServers.manage", "okta.governance.entitlements.manage", "okta.accessRequests.catalog.read"]),
    );
    expect(stack.requiredScopes.filter((s) => s.endsWith(".read") && stack.requiredScopes.includes(s.replace(/\.read$/, ".manage")))).toEqual([]);
  });

  test("has a refresh-cost assumption for every type", () => {
    // WHEN
    const cost = estimateRefreshCost(tf);
    // THEN
    expect(cost.types).toHaveLength(added.length);
    expect(cost.types.filter((t) => !t.assumption)).toEqual([]);
    expect(cost.totalCalls).toBe(added.length);
  });
});

describe("a production org stack with every okta type", () => {
  test("adds prevent_destroy to every okta resource but identity-source import jobs", () => {
    // GIVEN
    const record = fs.mkdtempSync(path.join(os.tmpdir(), "all-types-record-"));
    const { stack } = allTypesStack({ production: true, addressRecord: path.join(record, "okta-all.json") });
    // WHEN
    const tf = JSON.parse(Testing.synth(stack));
    // THEN
    const unprotected = Object.entries<Record<string, Json>>(tf.resource).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, body]) => body.lifecycle?.prevent_destroy !== true)
        .map(([name]) => `${type}.${name}`),
    );
    expect(unprotected).toEqual(["okta_identity_source_import.every_identity_source_import"]);
  });
});

test("a literal secret in any okta type fails the synth, naming the attribute", () => {
  // GIVEN
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "all-types-secret-")) });
  const stack = new OktaOrgStack(app, "okta-dev", { orgName: "acme-dev", environment: "dev" });
  new providers.idpOidc.IdpOidc(stack, "corp", {
    name: "Corp",
    clientId: "0oa-client",
    clientSecret: "literal-secret",
    issuerUrl: "https://idp.example.com",
    authorizationUrl: "https://idp.example.com/authorize",
    authorizationBinding: "HTTP-REDIRECT",
    tokenUrl: "https://idp.example.com/token",
    tokenBinding: "HTTP-POST",
    jwksUrl: "https://idp.example.com/keys",
    jwksBinding: "HTTP-REDIRECT",
    scopes: ["openid"],
  });
  // WHEN / THEN
  expect(() => Testing.synth(stack)).toThrow(/okta_idp_oidc\.corp.*client_secret/s);
});

const TERRAFORM = terraformOnPath();
const describeWithTerraform = TERRAFORM ? describe : describe.skip;
if (!TERRAFORM) console.log("all-types terraform validate and plan skipped: no terraform binary on PATH (install terraform 1.11 to run them).");

describeWithTerraform("terraform, through the test provider, on the stack with every okta type", () => {
  let sandbox: TerraformSandbox;
  let added: AllTypesElement[];
  const env = { [`TF_VAR_${SECRET_VARIABLE}`]: "placeholder" };
  beforeAll(async () => {
    const built = allTypesStack();
    added = built.added;
    sandbox = await TerraformSandbox.create({ name: "okta-all", files: { "cdk.tf.json": JSON.parse(Testing.synth(built.stack)) } });
    const init = sandbox.terraform(["init", "-input=false"]);
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  test("terraform validate accepts it", () => {
    // WHEN
    const result = sandbox.terraform(["validate"], env);
    // THEN
    expect([result.status, result.stderr]).toEqual([0, ""]);
  });

  test("terraform plan creates every resource and reads every data source", () => {
    // WHEN
    const { result, plan } = sandbox.planJson([], env);
    // THEN
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const creates = plan.resource_changes.filter((c: Json) => c.mode === "managed" && c.change.actions.join() === "create").map((c: Json) => c.address);
    expect(creates.sort()).toEqual(
      added
        .filter((e) => e.mode === "resource")
        .map((e) => `${e.type}.${e.name}`)
        .sort(),
    );
  }, 120_000);
});
