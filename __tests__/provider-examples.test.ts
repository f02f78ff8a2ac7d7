/**
 * The okta provider's own documentation examples (examples/resources/<type>/resource.tf and
 * examples/data-sources/<type>/data-source.tf at v6.12.0), converted to Terraform JSON with
 * @cdktf/hcl2json, against schema/okta.json through the SchemaValidator. The provider source is never
 * committed: set OKTA_PROVIDER_SOURCE to a git directory of okta/terraform-provider-okta (read at
 * OKTA_PROVIDER_TAG, default v6.12.0) or to a work tree; without it the suite says it was skipped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { SchemaValidator, ValidationProblem } from "../lib";
import { isGitDirectory, openSource } from "../scripts/schema-extract/source";
import { minimalBody } from "./fixtures/all-types";

type Json = any;

const SOURCE = process.env.OKTA_PROVIDER_SOURCE;
const TAG = process.env.OKTA_PROVIDER_TAG ?? (SOURCE && isGitDirectory(SOURCE) ? "v6.12.0" : undefined);

/**
 * Where upstream's examples themselves are wrong for 6.12.0 (the problem paths the validator reports,
 * each checked against the provider's Go source): copies of another type's example, empty data
 * blocks, arguments the type does not have or computes, and a resource type that does not exist.
 */
const UPSTREAM_DEFECTS: Readonly<Record<string, readonly string[]>> = {
  // copied from okta_app_auto_login: three-field apps have no sign_on_url, and need their selectors
  "examples/resources/okta_app_three_field/resource.tf": [
    "resource.okta_app_three_field.example[0].sign_on_redirect_url",
    "resource.okta_app_three_field.example[0].sign_on_url",
    ...["button_selector", "extra_field_selector", "extra_field_value", "password_selector", "url", "username_selector"].map((a) => `resource.okta_app_three_field.example[0].${a}`),
  ],
  // refers to okta_policy.example: okta/okta has a data source okta_policy but no such resource
  "examples/resources/okta_policy_profile_enrollment_apps/resource.tf": ["resource.okta_policy_profile_enrollment_apps.example[0].policy_id"],
  // empty data blocks, without their required arguments
  ...Object.fromEntries(
    [
      ["okta_catalog_entry_default", "test", ["entry_id"]],
      ["okta_catalog_entry_user_access_request_fields", "test", ["entry_id", "user_id"]],
      ["okta_entitlement", "test", ["id"]],
      ["okta_entitlement_bundle", "test", ["id"]],
      ["okta_principal_rate_limits", "test", ["id"]],
      ["okta_request_condition", "test", ["id", "resource_id"]],
      ["okta_request_sequence", "test", ["id", "resource_id"]],
      ["okta_request_setting_resource", "test", ["id"]],
      ["okta_request_v2", "test", ["id"]],
      ["okta_review", "test", ["id"]],
      ["okta_security_events_provider", "example", ["id"]],
    ].map(([type, label, missing]) => [`examples/data-sources/${type}/data-source.tf`, (missing as string[]).map((a) => `data.${type}.${label}[0].${a}`)]),
  ),
  // arguments the data source does not have: okta_app_features looks features up by name, okta_behavior by name or id
  "examples/data-sources/okta_app_features/data-source.tf": ["data.okta_app_features.test[0].feature_name", "data.okta_app_features.test[0].name"],
  "examples/data-sources/okta_behavior/data-source.tf": ["data.okta_behavior.example[0].label"],
  // copied from okta_app_features (the block is data "okta_app_features", with an id it does not have)
  "examples/data-sources/okta_app_federated_claim/data-source.tf": ["data.okta_app_features.test[0].id", "data.okta_app_features.test[0].name"],
  // sets computed arguments: host (with no id) and id
  "examples/data-sources/okta_email_smtp_server/data-source.tf": ["data.okta_email_smtp_server.test[0].host", "data.okta_email_smtp_server.test[0].id"],
  "examples/data-sources/okta_realm_assignment/data-source.tf": ["data.okta_realm_assignment.example_id[0].id"],
  // three alternatives for local.org_url in one file
  "examples/resources/okta_resource_set/resource.tf": ["locals[1].org_url", "locals[2].org_url"],
};

/** hcl2json writes every expression as "${...}"; Terraform JSON takes these meta-arguments as bare addresses. */
function bareMetaArguments(json: Json): void {
  const bare = (value: unknown) => (typeof value === "string" && /^\$\{[^{}]*\}$/.test(value) ? value.slice(2, -1) : value);
  for (const mode of ["resource", "data"]) {
    for (const byName of Object.values<Json>(json[mode] ?? {})) {
      for (const body of Object.values<Json>(byName).flat()) {
        if (Array.isArray(body.depends_on)) body.depends_on = body.depends_on.map(bare);
        if (typeof body.provider === "string") body.provider = bare(body.provider);
        for (const lifecycle of [body.lifecycle ?? []].flat()) {
          for (const key of ["ignore_changes", "replace_triggered_by"]) if (Array.isArray(lifecycle[key])) lifecycle[key] = lifecycle[key].map(bare);
        }
      }
    }
  }
}

/**
 * An example is a snippet of a documentation page, not a module: it shows alternatives under one name
 * (renamed here name_2, name_3, ...) and refers to objects other examples declare (declared here as
 * minimal instances, required arguments only).
 */
function asModule(json: Json): Json {
  bareMetaArguments(json);
  for (const mode of ["resource", "data"]) {
    for (const byName of Object.values<Json>(json[mode] ?? {})) {
      for (const [name, bodies] of Object.entries<Json>(byName)) {
        if (Array.isArray(bodies) && bodies.length > 1) bodies.slice(1).forEach((body, i) => (byName[`${name}_${i + 2}`] = [body]));
        if (Array.isArray(bodies)) byName[name] = [bodies[0]];
      }
    }
  }
  const text = JSON.stringify(json);
  for (const [, data, type, name] of text.matchAll(/(?:resource\.)?(data\.)?(okta_[a-z_]+)\.([A-Za-z_][\w-]*)/g)) {
    const mode = data ? "data" : "resource";
    const stub = minimalBody(mode, type);
    if (stub !== undefined && json[mode]?.[type]?.[name] === undefined) ((json[mode] ??= {})[type] ??= {})[name] = [stub];
  }
  return json;
}

const describeWithSource = SOURCE ? describe : describe.skip;
if (!SOURCE) console.log("provider examples skipped: set OKTA_PROVIDER_SOURCE to a git directory or work tree of okta/terraform-provider-okta (OKTA_PROVIDER_TAG, default v6.12.0).");

describeWithSource(`the okta provider's examples at ${SOURCE}${TAG ? ` ${TAG}` : ""}`, () => {
  const validator = SchemaValidator.fromSnapshots();
  const tree = SOURCE ? openSource(SOURCE, TAG) : undefined;
  const examples = (tree?.files ?? []).filter((f) => /^examples\/(resources\/[^/]+\/resource|data-sources\/[^/]+\/data-source)\.tf$/.test(f)).sort();
  const found = new Map<string, ValidationProblem[]>();
  beforeAll(async () => {
    const texts = tree!.readAll(examples);
    for (const file of examples) {
      const json = asModule(await parse(file, texts.get(file)!));
      found.set(file, validator.validate([{ path: file, json }]));
    }
  });

  test("name types of the snapshot (117 of 145 resource types, 79 of 99 data sources), but two directories", () => {
    // GIVEN
    const okta = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "okta.json"), "utf8")).provider_schemas["registry.terraform.io/okta/okta"];
    const typeOf = (file: string) => file.split("/")[2];
    const resources = examples.filter((f) => f.startsWith("examples/resources/")).map(typeOf);
    const dataSources = examples.filter((f) => f.startsWith("examples/data-sources/")).map(typeOf);
    // THEN
    expect(resources.filter((t) => !okta.resource_schemas[t])).toEqual([]);
    // examples/data-sources/okta_feature shows data okta_features; okta_principal_access is not registered in 6.12.0
    expect(dataSources.filter((t) => !okta.data_source_schemas[t])).toEqual(["okta_feature", "okta_principal_access"]);
    expect([resources.length, dataSources.length]).toEqual([117, 81]);
  });

  test("agree with schema/okta.json, but for upstream's own defects", () => {
    // THEN
    const problems = Object.fromEntries([...found].filter(([, list]) => list.length > 0).map(([file, list]) => [file, list.map((p) => p.path).sort()]));
    const expected = Object.fromEntries(Object.entries(UPSTREAM_DEFECTS).map(([file, paths]) => [file, [...paths].sort()]));
    expect(problems).toEqual(expected);
  });
});
