import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { SchemaValidator, TerraformJsonFile, ValidationProblem } from "../lib/validator/schema-validator";

/**
 * The complete HCL examples of the seed documents (000: Terraform Cloud post, 003: workshop,
 * 004: identity-source guide), converted with @cdktf/hcl2json and validated against
 * schema/okta.json. Examples that redefine the same resource (the workshop rewrites butterfly,
 * garden and tree, and its provider block) go into separate modules.
 *
 * hcl2json writes address arguments (depends_on, import "to", moved...) and variable types as
 * interpolations ("${okta_user.tree}", "${string}"), which Terraform's JSON syntax rejects; those
 * problems are the converter's, not the examples', and are set aside.
 */
const SEEDS = path.join(__dirname, "fixtures", "validator", "seeds");
const okta = SchemaValidator.fromSnapshots();

/** The messages for what hcl2json wraps in ${} where Terraform's JSON syntax takes it bare. */
const HCL2JSON_INTERPOLATION = /is an interpolation; .* takes a bare|Terraform reads a type as written/;

/** The problems of converted seed files, without those hcl2json's conversion causes. */
function examplesProblems(files: readonly TerraformJsonFile[]): ValidationProblem[] {
  return okta.validate(files).filter((problem) => !HCL2JSON_INTERPOLATION.test(problem.message));
}

const MODULES: Record<string, readonly string[]> = {
  "terraform cloud post": ["000-tfc-01-main.tf", "000-tfc-02-dob-extension.tf", "000-tfc-03-crn-extension.tf"],
  "workshop, first steps": [
    "003-workshop-01-required-providers.tf",
    "003-workshop-02-provider-placeholders.tf",
    "003-workshop-04-user-bird.tf",
    "003-workshop-05-user-butterfly.tf",
    "003-workshop-06-group-garden.tf",
    "003-workshop-07-group-memberships.tf",
    "003-workshop-08-user-flower.tf",
  ],
  "workshop, with variables and the imported tree": [
    "003-workshop-01-required-providers.tf",
    "003-workshop-03-provider.tf",
    "003-workshop-04-user-bird.tf",
    "003-workshop-07-group-memberships.tf",
    "003-workshop-08-user-flower.tf",
    "003-workshop-09-variable-domain.tf",
    "003-workshop-10-user-butterfly-domain.tf",
    "003-workshop-11-group-garden-heredoc.tf",
    "003-workshop-12-import.tf",
    "003-workshop-14-user-tree.tf",
  ],
  "workshop, generated configuration": [
    "003-workshop-01-required-providers.tf",
    "003-workshop-03-provider.tf",
    "003-workshop-12-import.tf",
    "003-workshop-13-generated-tree.tf",
  ],
  "identity-source guide": ["004-identity-00-provider.tf", "004-identity-01-data-sources.tf", "004-identity-02-records.tf", "004-identity-03-import.tf"],
};

/** Converts seed files to Terraform JSON, as one module named after `module`. */
async function convert(module: string, names: readonly string[]): Promise<TerraformJsonFile[]> {
  const files: TerraformJsonFile[] = [];
  for (const name of names) {
    const json = await parse(name, fs.readFileSync(path.join(SEEDS, name), "utf8"));
    files.push({ path: path.join("seeds", module, `${name}.json`), json });
  }
  return files;
}

test("every seed example is in a module", () => {
  const used = new Set(Object.values(MODULES).flat());
  expect(fs.readdirSync(SEEDS).filter((name) => !used.has(name))).toEqual([]);
});

test.each(Object.entries(MODULES))("the %s validates without problems", async (module, names) => {
  // WHEN
  const problems = examplesProblems(await convert(module, names));

  // THEN
  expect(problems).toEqual([]);
});

test("removing the bird but not its membership fails as in the workshop's error section", async () => {
  // GIVEN
  const names = MODULES["workshop, first steps"].filter((name) => name !== "003-workshop-04-user-bird.tf");

  // WHEN
  const problems = okta.validate(await convert("workshop", names));

  // THEN
  expect(problems).toEqual([
    {
      file: path.join("seeds", "workshop", "003-workshop-07-group-memberships.tf.json"),
      path: "resource.okta_group_memberships.gardenmembers[0].users[0]",
      address: "okta_group_memberships.gardenmembers",
      id: expect.any(String),
      message:
        'reference "okta_user.bird.id" points to resource okta_user.bird, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
    },
  ]);
});

test("the identity-source import with a misspelt nested argument fails with its full path", async () => {
  // GIVEN
  const files = await convert("identity", MODULES["identity-source guide"]);
  const importFile = files.find((file) => file.path.endsWith("004-identity-03-import.tf.json"))!;
  const json = importFile.json as { resource: { okta_identity_source_import: { example: [{ delete_groups: [Record<string, unknown>] }] } } };
  json.resource.okta_identity_source_import.example[0].delete_groups[0] = { external_id: ["GROUPEXT_DEPRECATED"] };

  // WHEN
  const problems = okta.validate(files);

  // THEN
  expect(problems).toEqual([
    {
      file: importFile.path,
      path: "resource.okta_identity_source_import.example[0].delete_groups[0].external_id",
      address: "okta_identity_source_import.example",
      id: expect.any(String),
      message: 'unknown argument "external_id" in okta_identity_source_import block "delete_groups". Did you mean "external_ids"? Rename or remove it.',
    },
  ]);
});
