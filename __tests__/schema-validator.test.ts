import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { formatValidationProblems, SchemaValidator, ValidationProblem } from "../lib/validator/schema-validator";
import { CORPUS_DIR, FIXTURE_SCHEMAS, Json, MAIN_FILE, validateMutatedCorpus } from "./fixtures/validator/helpers";

const FILE = "stacks/dev/cdk.tf.json";
const okta = SchemaValidator.fromSnapshots();

/** Validates one document as the only file of its module. */
function validate(json: unknown, validator = okta): ValidationProblem[] {
  return validator.validate([{ path: FILE, json }]);
}

/** A valid okta_user body. */
function user(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { first_name: "Selasphorus", last_name: "rufous", login: "bird@example.com", email: "bird@example.com", ...extra };
}

function mutate(change: (main: Json) => void): ValidationProblem[] {
  return validateMutatedCorpus(okta, change);
}

describe("SchemaValidator.fromSnapshots", () => {
  test("loads schema/okta.json of this package by default", () => {
    // WHEN
    const problems = validate({ resource: { okta_usr: { bird: user() } } });

    // THEN
    expect(problems).toEqual([
      {
        file: FILE,
        path: "resource.okta_usr.bird",
        address: "okta_usr.bird",
        id: expect.any(String),
        message:
          'unknown resource type "okta_usr": the okta provider 6.12.0 schema has no such resource type. Did you mean "okta_user"? Fix the type name, or refresh schema/ (npm run schema:refresh) if a newer provider added it.',
      },
    ]);
  });

  test("merges every snapshot of a directory, keyed by provider", () => {
    // GIVEN
    const validator = SchemaValidator.fromSnapshots(FIXTURE_SCHEMAS);

    // WHEN
    const problems = validate(
      {
        resource: {
          okta_user: { bird: user() },
          time_rotating: { key: { rotation_days: "thirty" } },
          time_rotatin: { typo: {} },
        },
      },
      validator,
    );

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      'unknown resource type "time_rotatin": the time provider 0.13.1 schema has no such resource type. Did you mean "time_rotating"? Fix the type name, or refresh schema/ (npm run schema:refresh) if a newer provider added it.',
      '"rotation_days" in time_rotating must be a number (or a numeric string such as "42") or an interpolation "${...}", received "thirty". Change it to a value of type number.',
    ]);
  });

  test("skips attribute checks for providers without a snapshot, but still checks their references", () => {
    // WHEN
    const problems = validate({
      resource: {
        aws_s3_bucket: { okta: { bucket: "okta-dev", anything: { goes: true }, tags: "${aws_kms_key.missing.id}" } },
        null_resource: { noop: {} },
      },
    });

    // THEN
    expect(problems).toEqual([
      {
        file: FILE,
        path: "resource.aws_s3_bucket.okta.tags",
        address: "aws_s3_bucket.okta",
        id: expect.any(String),
        message:
          'reference "aws_kms_key.missing.id" points to resource aws_kms_key.missing, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
      },
    ]);
  });

  test("fails when a directory holds no provider schema", () => {
    // GIVEN
    const dir = path.join(__dirname, "fixtures", "validator", "schemas-empty");

    // THEN
    expect(() => SchemaValidator.fromSnapshots(dir)).toThrow(
      `no provider schema snapshot in ${dir}: none of notes.json has "provider_schemas". Write one with "terraform providers schema -json > ${dir}/okta.json" (npm run schema:refresh).`,
    );
  });

  test("fails when the directory cannot be read", () => {
    // GIVEN
    const dir = path.join(os.tmpdir(), "no-such-schema-dir");

    // THEN
    expect(() => SchemaValidator.fromSnapshots(dir)).toThrow(
      `cannot read the schema snapshot directory ${dir}: ENOENT: no such file or directory, scandir '${dir}'. Pass a directory holding the *.json files that "terraform providers schema -json" prints (npm run schema:refresh writes schema/okta.json).`,
    );
  });

  test("fails when a snapshot holds a type it does not know", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schemas-"));
    const attribute = { type: ["vector", "string"], optional: true };
    fs.writeFileSync(path.join(dir, "okta.json"), JSON.stringify({ provider_schemas: { "registry.terraform.io/okta/okta": { provider: { block: { attributes: { x: attribute } } } } } }));

    // THEN
    expect(() => SchemaValidator.fromSnapshots(dir)).toThrow(
      'unknown cty type ["vector","string"] in a schema snapshot: allowed are "string", "number", "bool", "dynamic", ["list"|"set"|"map", T], ["object", {...}] and ["tuple", [...]]. Regenerate the snapshot with "npm run schema:refresh".',
    );
  });

  test("fails when a snapshot is not JSON", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schemas-"));
    fs.writeFileSync(path.join(dir, "okta.json"), '{"provider_schemas": ');

    // THEN
    expect(() => SchemaValidator.fromSnapshots(dir)).toThrow(
      `cannot parse the schema snapshot ${path.join(dir, "okta.json")}: Unexpected end of JSON input. Regenerate it with "npm run schema:refresh".`,
    );
  });
});

describe("the valid corpus", () => {
  test("every resource and data source of the snapshot validates without problems", () => {
    // WHEN
    const report = okta.validatePaths([CORPUS_DIR]);

    // THEN
    expect(report).toEqual({ problems: [], fileCount: 2, resourceCount: 21 });
  });

  test("covers every resource and data source type the constructs write (scripts/covered-types.json; all-types.test.ts has the others)", () => {
    // GIVEN
    const covered = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "scripts", "covered-types.json"), "utf8"));
    const corpus = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "cdk.tf.json"), "utf8"));

    // THEN
    expect(Object.keys(corpus.resource).sort()).toEqual([...covered.resources].sort());
    expect(Object.keys(corpus.data).sort()).toEqual([...covered.data_sources].sort());
  });
});

describe("invalid cases for each resource and data source", () => {
  const cases: [string, (main: Json) => void, string, string, string][] = [
    [
      "okta_user without login",
      (main) => delete main.resource.okta_user.bird.login,
      "resource.okta_user.bird.login",
      "okta_user.bird",
      'missing required argument "login" in okta_user: it needs a string (numbers and bools are converted). Add "login".',
    ],
    [
      "okta_group with a list as name",
      (main) => (main.resource.okta_group.garden.name = ["The Garden"]),
      "resource.okta_group.garden.name",
      "okta_group.garden",
      '"name" in okta_group must be a string (numbers and bools are converted) or an interpolation "${...}", received ["The Garden"]. Change it to a value of type string.',
    ],
    [
      "okta_group_memberships with a reference written without ${}",
      (main) => (main.resource.okta_group_memberships.garden_members.users = "okta_user.bird.id"),
      "resource.okta_group_memberships.garden_members.users",
      "okta_group_memberships.garden_members",
      '"users" in okta_group_memberships must be a JSON array of string (set(string)) or an interpolation "${...}", received "okta_user.bird.id". Change it to a value of type set(string).',
    ],
    [
      "okta_user_group_memberships with a misspelt argument",
      (main) => (main.resource.okta_user_group_memberships.bird_groups.user_ids = ["${okta_user.bird.id}"]),
      "resource.okta_user_group_memberships.bird_groups.user_ids",
      "okta_user_group_memberships.bird_groups",
      'unknown argument "user_ids" in okta_user_group_memberships. Did you mean "user_id"? Rename or remove it.',
    ],
    [
      "okta_group_rule with a word for a bool",
      (main) => (main.resource.okta_group_rule.engineers.remove_assigned_users = "yes"),
      "resource.okta_group_rule.engineers.remove_assigned_users",
      "okta_group_rule.engineers",
      '"remove_assigned_users" in okta_group_rule must be a bool (true, false, "true" or "false") or an interpolation "${...}", received "yes". Change it to a value of type bool.',
    ],
    [
      "okta_user_schema_property with a one_of block without const",
      (main) => delete main.resource.okta_user_schema_property.tier.one_of[1].const,
      "resource.okta_user_schema_property.tier.one_of[1].const",
      "okta_user_schema_property.tier",
      'missing required argument "const" in okta_user_schema_property block "one_of": it needs a string (numbers and bools are converted). Add "const".',
    ],
    [
      "okta_user_base_schema_property with a word for required",
      (main) => (main.resource.okta_user_base_schema_property.login.required = "maybe"),
      "resource.okta_user_base_schema_property.login.required",
      "okta_user_base_schema_property.login",
      '"required" in okta_user_base_schema_property must be a bool (true, false, "true" or "false") or an interpolation "${...}", received "maybe". Change it to a value of type bool.',
    ],
    [
      "okta_identity_source_user with two profile blocks",
      (main) => {
        const jane = main.resource.okta_identity_source_user.jane;
        jane.profile = [jane.profile, jane.profile];
      },
      "resource.okta_identity_source_user.jane.profile",
      "okta_identity_source_user.jane",
      'okta_identity_source_user allows at most 1 "profile" block, received 2. Keep one and remove the others.',
    ],
    [
      "okta_identity_source_group with a misspelt profile argument",
      (main) => (main.resource.okta_identity_source_group.eng.profile = { display_nam: "Engineering" }),
      "resource.okta_identity_source_group.eng.profile.display_nam",
      "okta_identity_source_group.eng",
      'unknown argument "display_nam" in okta_identity_source_group block "profile". Did you mean "display_name"? Rename or remove it.',
    ],
    [
      "okta_identity_source_group_membership setting a computed attribute",
      (main) => (main.resource.okta_identity_source_group_membership.jane_eng.member_external_ids = ["USEREXT1"]),
      "resource.okta_identity_source_group_membership.jane_eng.member_external_ids",
      "okta_identity_source_group_membership.jane_eng",
      'argument "member_external_ids" in okta_identity_source_group_membership is read-only (the provider computes it), received ["USEREXT1"]. Remove it.',
    ],
    [
      "okta_identity_source_import with a misspelt argument three blocks down",
      (main) => (main.resource.okta_identity_source_import.nightly.upsert_users.profiles[0].profile.emial = "x@example.com"),
      "resource.okta_identity_source_import.nightly.upsert_users.profiles[0].profile.emial",
      "okta_identity_source_import.nightly",
      'unknown argument "emial" in okta_identity_source_import block "upsert_users" block "profiles" block "profile". Did you mean "email"? Rename or remove it.',
    ],
    [
      "data okta_user setting a computed attribute",
      (main) => (main.data.okta_user.admin.email = "admin@example.com"),
      "data.okta_user.admin.email",
      "data.okta_user.admin",
      'argument "email" in data source okta_user is read-only (the provider computes it), received "admin@example.com". Remove it.',
    ],
    [
      "data okta_users with a string for a search block",
      (main) => (main.data.okta_users.engineers.search = "profile.department"),
      "data.okta_users.engineers.search",
      "data.okta_users.engineers",
      'block "search" in data source okta_users must be a JSON object (or an array of JSON objects, one per block), received "profile.department". Write it as {"<argument>": <value>}.',
    ],
    [
      "data okta_group with a misspelt argument",
      (main) => (main.data.okta_group.everyone.include_user = true),
      "data.okta_group.everyone.include_user",
      "data.okta_group.everyone",
      'unknown argument "include_user" in data source okta_group. Did you mean "include_users"? Rename or remove it.',
    ],
    [
      "data okta_groups with a word for a number",
      (main) => (main.data.okta_groups.okta.limit = "fifty"),
      "data.okta_groups.okta.limit",
      "data.okta_groups.okta",
      '"limit" in data source okta_groups must be a number (or a numeric string such as "42") or an interpolation "${...}", received "fifty". Change it to a value of type number.',
    ],
    [
      "data okta_identity_source_users without external_id",
      (main) => delete main.data.okta_identity_source_users.jane.external_id,
      "data.okta_identity_source_users.jane.external_id",
      "data.okta_identity_source_users.jane",
      'missing required argument "external_id" in data source okta_identity_source_users: it needs a string (numbers and bools are converted). Add "external_id".',
    ],
    [
      "data okta_identity_source_groups setting a computed profile attribute",
      (main) => (main.data.okta_identity_source_groups.eng.profile = { display_name: "Engineering" }),
      "data.okta_identity_source_groups.eng.profile.display_name",
      "data.okta_identity_source_groups.eng",
      'argument "display_name" in data source okta_identity_source_groups block "profile" is read-only (the provider computes it), received "Engineering". Remove it.',
    ],
    [
      "data okta_identity_source_group_memberships with a null required argument",
      (main) => (main.data.okta_identity_source_group_memberships.eng.group_external_id = null),
      "data.okta_identity_source_group_memberships.eng.group_external_id",
      "data.okta_identity_source_group_memberships.eng",
      'required argument "group_external_id" in data source okta_identity_source_group_memberships is null: it needs a string (numbers and bools are converted). Set a value.',
    ],
    [
      "data okta_identity_source_sessions reading an attribute the import does not have",
      (main) => (main.data.okta_identity_source_sessions.nightly.session_id = "${okta_identity_source_import.nightly.sesion_id}"),
      "data.okta_identity_source_sessions.nightly.session_id",
      "data.okta_identity_source_sessions.nightly",
      'reference "okta_identity_source_import.nightly.sesion_id" reads "sesion_id", which okta_identity_source_import does not have. Did you mean "session_id"? Fix the attribute name.',
    ],
  ];

  test.each(cases)("fails for %s", (_name, change, jsonPath, address, message) => {
    // WHEN
    const problems = mutate(change);

    // THEN
    expect(problems).toEqual([{ file: MAIN_FILE, path: jsonPath, address, id: expect.any(String), message }]);
  });
});

describe("mutations of a valid okta_user", () => {
  test("dropping a required attribute names it and its type", () => {
    // WHEN
    const problems = mutate((main) => delete main.resource.okta_user.bird.email);

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.bird.email",
        address: "okta_user.bird",
        id: expect.any(String),
        message: 'missing required argument "email" in okta_user: it needs a string (numbers and bools are converted). Add "email".',
      },
    ]);
  });

  test("a value of the wrong type says what was received and what is allowed", () => {
    // WHEN
    const problems = mutate((main) => (main.resource.okta_user.bird.status = { value: "ACTIVE" }));

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.bird.status",
        address: "okta_user.bird",
        id: expect.any(String),
        message:
          '"status" in okta_user must be a string (numbers and bools are converted) or an interpolation "${...}", received {"value":"ACTIVE"}. Change it to a value of type string.',
      },
    ]);
  });

  test("an unknown attribute gets a did-you-mean", () => {
    // WHEN
    const problems = mutate((main) => (main.resource.okta_user.bird.emial = "bird@example.com"));

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.bird.emial",
        address: "okta_user.bird",
        id: expect.any(String),
        message: 'unknown argument "emial" in okta_user. Did you mean "email"? Rename or remove it.',
      },
    ]);
  });

  test("an unknown attribute without a close name lists the allowed ones", () => {
    // WHEN
    const problems = validate({ resource: { okta_group: { garden: { name: "The Garden", colour: "green" } } } });

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      'unknown argument "colour" in okta_group: allowed are "connection", "count", "custom_profile_attributes", "depends_on", "description", "for_each", "id", "lifecycle", "name", "provider", "provisioner", "skip_users". Remove it.',
    ]);
  });

  test("a second password_hash block exceeds max_items 1", () => {
    // WHEN
    const problems = mutate((main) => {
      const bird = main.resource.okta_user.bird;
      bird.password_hash = [bird.password_hash, { algorithm: "SHA-512", value: "abc" }];
    });

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.bird.password_hash",
        address: "okta_user.bird",
        id: expect.any(String),
        message: 'okta_user allows at most 1 "password_hash" block, received 2. Keep one and remove the others.',
      },
    ]);
  });

  test("a reference to an undeclared resource suggests the closest declared one", () => {
    // WHEN
    const problems = mutate((main) => (main.resource.okta_user.team.manager_id = "${okta_user.brid.id}"));

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.team.manager_id",
        address: "okta_user.team",
        id: expect.any(String),
        message:
          'reference "okta_user.brid.id" points to resource okta_user.brid, which is not declared in this module (the *.tf.json files of this directory). Did you mean okta_user.bird? Declare it or fix the reference.',
      },
    ]);
  });

  test("a reference to an attribute the type does not have suggests the closest one", () => {
    // WHEN
    const problems = mutate((main) => (main.resource.okta_user.team.manager_id = "${okta_user.bird.emial}"));

    // THEN
    expect(problems).toEqual([
      {
        file: MAIN_FILE,
        path: "resource.okta_user.team.manager_id",
        address: "okta_user.team",
        id: expect.any(String),
        message: 'reference "okta_user.bird.emial" reads "emial", which okta_user does not have. Did you mean "email"? Fix the attribute name.',
      },
    ]);
  });

  test("collects every problem instead of stopping at the first", () => {
    // WHEN
    const problems = validate({ resource: { okta_user: { bird: { login: ["x"], emial: "x", created: "today" } } } });

    // THEN
    expect(problems.map((problem) => problem.path)).toEqual([
      "resource.okta_user.bird.login",
      "resource.okta_user.bird.emial",
      "resource.okta_user.bird.created",
      "resource.okta_user.bird.email",
      "resource.okta_user.bird.first_name",
      "resource.okta_user.bird.last_name",
    ]);
  });
});

describe("references", () => {
  function referencing(expression: string, declarations: Record<string, unknown> = {}): string[] {
    return validate({
      variable: { domain: {} },
      locals: { suffix: "x" },
      resource: {
        okta_group: { garden: { name: "The Garden" } },
        okta_user: { bird: user(), tree: user({ manager_id: expression }) },
      },
      data: { okta_group: { everyone: { name: "Everyone" } } },
      ...declarations,
    }).map((problem) => problem.message);
  }

  test.each([
    "${okta_user.bird.id}",
    "${data.okta_group.everyone.users}",
    "${var.domain}",
    "${local.suffix}",
    "${module.accounts.manager_id}",
    "${path.module}/users.csv",
    "${terraform.workspace}",
    '${upper(okta_user.bird.login)}-${lower("${var.domain}")}',
    '${format("%s-%s", okta_user.bird.first_name, var.domain)}',
    "${okta_user.bird.status == \"ACTIVE\" ? okta_user.bird.id : okta_group.garden.id}",
    "${[for g in data.okta_group.everyone.users : g if g != okta_user.bird.id][0]}",
    "${{ for key, val in var.domain : key => val.id }}",
    "%{ for u in var.domain }${u}%{ endfor }",
    "${provider::okta::parse_id(okta_user.bird.id)}",
    "${okta_user.bird.password_hash}",
    "$${not.a.reference}",
    "%%{ if not.a.reference }",
    "${jsonencode({ \"manager\" = okta_user.bird.id, name = var.domain })}",
  ])("accepts %s", (expression) => {
    expect(referencing(expression)).toEqual([]);
  });

  test("finds references in nested interpolations inside string literals", () => {
    expect(referencing('${join(",", ["${okta_user.nope.id}", var.nope])}')).toEqual([
      'reference "okta_user.nope.id" points to resource okta_user.nope, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
      'reference "var.nope" points to variable var.nope, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
    ]);
  });

  test("checks data sources, variables and locals", () => {
    expect(referencing("${data.okta_group.everyon.id}-${var.domian}-${local.sufix}")).toEqual([
      'reference "data.okta_group.everyon.id" points to data source data.okta_group.everyon, which is not declared in this module (the *.tf.json files of this directory). Did you mean data.okta_group.everyone? Declare it or fix the reference.',
      'reference "var.domian" points to variable var.domian, which is not declared in this module (the *.tf.json files of this directory). Did you mean var.domain? Declare it or fix the reference.',
      'reference "local.sufix" points to local value local.sufix, which is not declared in this module (the *.tf.json files of this directory). Did you mean local.suffix? Declare it or fix the reference.',
    ]);
  });

  test("checks the attribute after an index or a splat", () => {
    expect(
      referencing("${okta_user.team[0].idd}${okta_user.team[*].id}${okta_user.team.*.login}", {
        resource: { okta_user: { bird: user(), tree: user({ manager_id: "${okta_user.team[0].idd}" }), team: user({ count: 2 }) } },
      }),
    ).toEqual(['reference "okta_user.team[0].idd" reads "idd", which okta_user does not have. Did you mean "id"? Fix the attribute name.']);
  });

  test("requires an instance key on resources with count or for_each", () => {
    // WHEN
    const problems = validate({
      resource: {
        okta_user: {
          counted: user({ count: 2 }),
          each: user({ for_each: { a: "x" } }),
          tree: user({ manager_id: "${okta_user.counted.id}", title: "${okta_user.each.id}" }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      'reference "okta_user.counted.id" needs an instance key: okta_user.counted has "count", so its attributes are read from one instance, okta_user.counted[0], or from all of them, okta_user.counted[*]. Add the key or a splat.',
      'reference "okta_user.each.id" needs an instance key: okta_user.each has "for_each", so its attributes are read from one instance, okta_user.each["<key>"], or from all of them, okta_user.each[*]. Add the key or a splat.',
    ]);
  });

  test("rejects an instance key on resources without count or for_each", () => {
    expect(referencing('${okta_user.bird["k"].id}')).toEqual([
      'reference "okta_user.bird["k"].id" uses an instance key, but okta_user.bird has neither "count" nor "for_each". Remove the index after okta_user.bird.',
    ]);
  });

  test("rejects a resource referring to itself", () => {
    expect(referencing("${okta_user.tree.login}")).toEqual([
      'reference "okta_user.tree.login" in okta_user.tree points to okta_user.tree itself, which Terraform rejects as a self-referential block. Remove it (inside provisioner and connection blocks, use self.<attribute>).',
    ]);
  });

  test("accepts count.index and each.* only where count or for_each is set", () => {
    // WHEN
    const problems = validate({
      resource: {
        okta_user: {
          counted: user({ count: 3, login: "user${count.index}@example.com" }),
          each: user({ for_each: "${toset([\"a\"])}", login: "${each.key}@example.com", email: "${each.value}" }),
          plain: user({ login: "${count.index}", email: "${each.value}" }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      'reference "count.index" is only valid in a block that sets "count", and okta_user.plain does not. Set "count" or remove the reference.',
      'reference "each.value" is only valid in a resource, data source, module or import block that sets "for_each" (inside a dynamic block use the iterator, <block>.key and <block>.value), and okta_user.plain does not. Set "for_each" or remove the reference.',
    ]);
  });

  test("resolves references across the files of one directory but not across directories", () => {
    // WHEN
    const problems = okta.validate([
      { path: "stacks/dev/users.tf.json", json: { resource: { okta_user: { bird: user() } } } },
      { path: "stacks/dev/groups.tf.json", json: { resource: { okta_group_memberships: { m: { group_id: "g", users: ["${okta_user.bird.id}"] } } } } },
      { path: "stacks/prod/groups.tf.json", json: { resource: { okta_group_memberships: { m: { group_id: "g", users: ["${okta_user.bird.id}"] } } } } },
    ]);

    // THEN
    expect(problems).toEqual([
      {
        file: "stacks/prod/groups.tf.json",
        path: "resource.okta_group_memberships.m.users[0]",
        address: "okta_group_memberships.m",
        id: expect.any(String),
        message:
          'reference "okta_user.bird.id" points to resource okta_user.bird, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
      },
    ]);
  });
});

describe("meta-arguments", () => {
  test("depends_on takes bare references to declared objects, as cdktf writes them, and rejects interpolations", () => {
    // WHEN
    const problems = validate({
      variable: { domain: {} },
      resource: {
        okta_group: { garden: { name: "G" } },
        okta_user: {
          bird: user({ depends_on: ["okta_group.garden", "${okta_group.garden}", "var.domain", "module.accounts"] }),
          tree: user({ depends_on: ["okta_group.gardn", "okta_group.garden.id", "count.index", "not a reference", 42] }),
          leaf: user({ depends_on: "okta_group.garden" }),
        },
      },
    });

    // THEN
    expect(problems).toEqual([
      {
        file: FILE,
        path: "resource.okta_user.bird.depends_on[1]",
        address: "okta_user.bird",
        id: expect.any(String),
        message: 'depends_on entry "${okta_group.garden}" is an interpolation; depends_on takes a bare address: write "okta_group.garden".',
      },
      {
        file: FILE,
        path: "resource.okta_user.tree.depends_on[0]",
        address: "okta_user.tree",
        id: expect.any(String),
        message:
          'reference "okta_group.gardn" points to resource okta_group.gardn, which is not declared in this module (the *.tf.json files of this directory). Did you mean okta_group.garden? Declare it or fix the reference.',
      },
      {
        file: FILE,
        path: "resource.okta_user.tree.depends_on[1]",
        address: "okta_user.tree",
        id: expect.any(String),
        message: 'depends_on entry "okta_group.garden.id" names an attribute, but depends_on takes whole objects. Write "okta_group.garden".',
      },
      {
        file: FILE,
        path: "resource.okta_user.tree.depends_on[2]",
        address: "okta_user.tree",
        id: expect.any(String),
        message:
          '"depends_on[2]" must be a reference to a resource, data source, module, variable or local value, such as "okta_user.bird", received "count.index". Write the address without quotes inside it, e.g. "okta_user.bird".',
      },
      {
        file: FILE,
        path: "resource.okta_user.tree.depends_on[3]",
        address: "okta_user.tree",
        id: expect.any(String),
        message:
          '"depends_on[3]" must be a reference to a resource, data source, module, variable or local value, such as "okta_user.bird", received "not a reference". Write the address without quotes inside it, e.g. "okta_user.bird".',
      },
      {
        file: FILE,
        path: "resource.okta_user.tree.depends_on[4]",
        address: "okta_user.tree",
        id: expect.any(String),
        message:
          '"depends_on[4]" must be a reference to a resource, data source, module, variable or local value, such as "okta_user.bird", received 42. Write the address without quotes inside it, e.g. "okta_user.bird".',
      },
      {
        file: FILE,
        path: "resource.okta_user.leaf.depends_on",
        address: "okta_user.leaf",
        id: expect.any(String),
        message: '"depends_on" must be a JSON array of references such as ["okta_user.bird"], received "okta_group.garden". Wrap the references in an array.',
      },
    ]);
  });

  test("lifecycle arguments are checked against the resource", () => {
    // WHEN
    const problems = validate({
      variable: { trigger: {} },
      resource: {
        okta_group: { garden: { name: "G" } },
        okta_user: {
          bird: user({
            lifecycle: {
              create_before_destroy: "true",
              prevent_destory: true,
              ignore_changes: ["stauts", "${status}", "password_hash[0].value"],
              replace_triggered_by: ["okta_group.garden.id", "var.trigger", "okta_group.gardn"],
              precondition: [{ condition: "${okta_group.garden.name != \"\"}" }],
            },
          }),
          tree: user({ lifecycle: { ignore_changes: "all" } }),
          leaf: user({ lifecycle: [{ ignore_changes: "${all}" }] }),
          root: user({ lifecycle: { ignore_changes: "status" } }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "resource.okta_user.bird.lifecycle.prevent_destory",
        'unknown argument "prevent_destory" in lifecycle. Did you mean "prevent_destroy"? Rename or remove it.',
      ],
      [
        "resource.okta_user.bird.lifecycle.ignore_changes[0]",
        'ignore_changes entry "stauts" is not an argument of okta_user. Did you mean "status"? Fix or remove the entry.',
      ],
      ["resource.okta_user.bird.lifecycle.ignore_changes[1]", 'ignore_changes entry "${status}" is an interpolation; ignore_changes takes a bare argument name: write "status".'],
      [
        "resource.okta_user.bird.lifecycle.ignore_changes[2]",
        'ignore_changes entry "password_hash[0].value" indexes "password_hash", which is a set: its elements have no index. Ignore the whole of "password_hash" instead.',
      ],
      [
        "resource.okta_user.bird.lifecycle.replace_triggered_by[1]",
        '"replace_triggered_by[1]" must be a reference to a managed resource or one of its attributes, such as "okta_user.bird", received "var.trigger". Write the address without quotes inside it, e.g. "okta_user.bird".',
      ],
      [
        "resource.okta_user.bird.lifecycle.replace_triggered_by[2]",
        'reference "okta_group.gardn" points to resource okta_group.gardn, which is not declared in this module (the *.tf.json files of this directory). Did you mean okta_group.garden? Declare it or fix the reference.',
      ],
      [
        "resource.okta_user.bird.lifecycle.precondition[0].error_message",
        'missing required argument "error_message" in lifecycle block "precondition": it needs a string (numbers and bools are converted). Add "error_message".',
      ],
      [
        "resource.okta_user.leaf.lifecycle[0].ignore_changes",
        '"ignore_changes" "${all}" is an interpolation; ignore_changes takes "all" or a JSON array of bare argument names: write "all".',
      ],
      [
        "resource.okta_user.root.lifecycle.ignore_changes",
        '"ignore_changes" must be "all" or a JSON array of argument names such as ["status"], received "status". Write an array of names.',
      ],
    ]);
  });

  test("data sources take only conditions in lifecycle", () => {
    expect(validate({ data: { okta_group: { g: { name: "G", lifecycle: { prevent_destroy: true } } } } })).toEqual([
      {
        file: FILE,
        path: "data.okta_group.g.lifecycle.prevent_destroy",
        address: "data.okta_group.g",
        id: expect.any(String),
        message: 'unknown argument "prevent_destroy" in lifecycle: allowed are "postcondition", "precondition". Remove it.',
      },
    ]);
  });

  test("provider must name a configured provider or alias", () => {
    // WHEN
    const problems = validate({
      provider: { okta: [{ org_name: "dev" }, { alias: "preview", org_name: "preview" }] },
      resource: {
        okta_user: {
          a: user({ provider: "okta" }),
          b: user({ provider: "okta.preview" }),
          c: user({ provider: "${okta.preview}" }),
          d: user({ provider: "okta.prod" }),
          e: user({ provider: "otka" }),
          f: user({ provider: "okta.preview.extra" }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.address, problem.message])).toEqual([
      ["okta_user.c", '"provider" "${okta.preview}" is an interpolation; "provider" takes a bare provider configuration name: write "okta.preview".'],
      [
        "okta_user.d",
        'provider "okta.prod" is not configured: no provider "okta" block has alias "prod" (configured are "okta.preview"). Add a provider block with "alias": "prod" or fix the reference.',
      ],
      ["okta_user.e", 'provider "otka" is neither configured nor required in this module. Did you mean "okta"? Add it to terraform.required_providers or fix the name.'],
      [
        "okta_user.f",
        '"provider" must name a provider configuration such as "okta" or "okta.<alias>", received "okta.preview.extra". Change the value.',
      ],
    ]);
  });

  test("count takes a whole number or an interpolation, and excludes for_each", () => {
    // WHEN
    const problems = validate({
      variable: { n: {} },
      resource: {
        okta_user: {
          a: user({ count: 2 }),
          b: user({ count: "3" }),
          c: user({ count: "${var.n}" }),
          d: user({ count: -1 }),
          e: user({ count: 1.5 }),
          f: user({ count: "two" }),
          g: user({ count: 1, for_each: { x: 1 } }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_user.d.count", '"count" must be a whole number of 0 or more, or an interpolation such as "${length(var.users)}", received -1. Change the value.'],
      ["resource.okta_user.e.count", '"count" must be a whole number of 0 or more, or an interpolation such as "${length(var.users)}", received 1.5. Change the value.'],
      ["resource.okta_user.f.count", '"count" must be a whole number of 0 or more, or an interpolation such as "${length(var.users)}", received "two". Change the value.'],
      ["resource.okta_user.g", 'okta_user.g sets both "count" and "for_each", but Terraform allows only one of them. Remove one.'],
    ]);
  });

  test("for_each takes a map or an interpolation, not a JSON array", () => {
    // WHEN
    const problems = validate({
      resource: { okta_user: { a: user({ for_each: ["x", "y"] }), b: user({ for_each: 3 }), c: user({ for_each: "${each.key}" }) } },
    });

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      '"for_each" must be a map or a set of strings, but a JSON array is a tuple, which Terraform rejects, received ["x","y"]. Write a JSON object, or convert the list: "${toset([...])}".',
      '"for_each" must be a JSON object (a map) or an interpolation such as "${toset(var.names)}", received 3. Change the value.',
      'reference "each.key" is only valid in a resource, data source, module or import block that sets "for_each" (inside a dynamic block use the iterator, <block>.key and <block>.value), and okta_user.c does not. Set "for_each" or remove the reference.',
    ]);
  });

  test("provisioner and connection blocks are accepted, with self references", () => {
    expect(
      validate({
        resource: {
          okta_user: {
            bird: user({
              provisioner: [{ "local-exec": { command: "echo ${self.id}" } }],
              connection: { type: "ssh", host: "${self.login}" },
            }),
          },
        },
      }),
    ).toEqual([]);
  });

  test("dynamic blocks generate blocks with an iterator in scope", () => {
    // WHEN
    const problems = validate({
      variable: { hashes: {} },
      resource: {
        okta_user: {
          bird: user({
            dynamic: {
              password_hash: { for_each: "${var.hashes}", iterator: "each", content: { algorithm: "${each.value.algorithm}", value: "${each.value.hash}", salty: 1 } },
            },
          }),
          tree: user({ dynamic: { password_hsh: { for_each: "${var.hashes}", content: {} } } }),
          leaf: user({ dynamic: { password_hash: { for_each: "${var.hashes}", content: { algorithm: "${password_hash.value}", value: "${hash.value}" } } } }),
          root: user({ dynamic: { password_hash: [{ for_each: ["MD5"], iterator: "${hash}", content: [{ algorithm: "${hash.value}", value: "x" }] }] } }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_user.bird.dynamic.password_hash.content.salty", 'unknown argument "salty" in okta_user block "password_hash". Did you mean "salt"? Rename or remove it.'],
      [
        "resource.okta_user.tree.dynamic.password_hsh",
        'dynamic block "password_hsh" in okta_user names no block type of okta_user. Did you mean "password_hash"? Fix the name or remove the dynamic block.',
      ],
      [
        "resource.okta_user.leaf.dynamic.password_hash.content.value",
        'reference "hash.value" points to resource hash.value, which is not declared in this module (the *.tf.json files of this directory). Declare it or fix the reference.',
      ],
      ["resource.okta_user.root.dynamic.password_hash[0].iterator", '"iterator" "${hash}" is an interpolation; a dynamic block\'s iterator takes a bare name: write "hash".'],
    ]);
  });
});

describe("top-level blocks", () => {
  test("import needs a bare, declared resource address, an id, and one import block per address", () => {
    // WHEN
    const problems = validate({
      resource: { okta_user: { tree: user(), trees: user({ for_each: "${toset([\"00u4\", \"00u5\"])}" }) } },
      import: [
        { to: "okta_user.tree", id: "00u1" },
        { to: "${okta_user.tree}", id: "00u1" },
        { to: "okta_user.bush", id: "00u2" },
        { to: "data.okta_user.x", id: "00u3" },
        { to: "okta_user.tree" },
        { for_each: ["00u4", "00u5"], to: "okta_user.trees[each.value]", id: "${each.value}" },
      ],
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["import[1].to", 'import "to" "${okta_user.tree}" is an interpolation; import "to" takes a bare address: write "okta_user.tree".'],
      [
        "import[2].to",
        'import "to" points to okta_user.bush, which is not declared in this module (the *.tf.json files of this directory). Declare that resource, so the imported object has a configuration, or fix the address.',
      ],
      [
        "import[3].to",
        '"import.to" must be a reference to a managed resource, such as "okta_user.bird", received "data.okta_user.x". Write the address without quotes inside it, e.g. "okta_user.bird".',
      ],
      ["import[4].id", 'an import block needs "id" (the Okta id of the existing object), received neither "id" nor "identity". Add "id".'],
      [
        "import[4].to",
        'import "to" okta_user.tree is imported twice: the import block at import[0] imports it too, and Terraform allows one import block per resource instance. Remove one of them.',
      ],
    ]);
  });

  test("moved needs addresses, its source must be gone unless the resource gained count or for_each, and one object moves to one address", () => {
    // WHEN
    const problems = validate({
      resource: { okta_user: { bird: user(), tree: user(), counted: { ...user(), count: 2 } } },
      moved: [
        { from: "okta_user.hummingbird", to: "okta_user.bird" },
        { from: "okta_user.tree", to: "okta_user.bird" },
        { from: "okta_user.counted", to: "okta_user.counted[0]" },
        { from: "okta_user", to: "okta_user.bird" },
        { to: "okta_user.bird" },
      ],
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "moved[1].from",
        'moved "from" names okta_user.tree, which is still declared in this module; Terraform rejects moving an object that still exists. Remove the declaration of okta_user.tree or fix "from".',
      ],
      [
        "moved[1].from",
        'moved "to" okta_user.bird receives okta_user.tree, but the moved block at moved[0] moves okta_user.hummingbird there: only one object can move to an address. Keep one of the two moved blocks.',
      ],
      [
        "moved[3].from",
        '"moved.from" must be a reference to a managed resource, such as "okta_user.bird", received "okta_user". Write the address without quotes inside it, e.g. "okta_user.bird".',
      ],
      ["moved[4].from", 'missing required argument "from" in moved: it needs any value. Add "from".'],
    ]);
  });

  test("provider blocks are checked against the provider configuration schema", () => {
    // WHEN
    const problems = validate({
      provider: {
        okta: [{ org_name: "dev", max_retries: "many", org_nam: "x" }, { org_name: "dev" }, { alias: "a" }, { alias: "a" }],
        aws: { anything: true },
      },
    });

    // THEN
    expect(problems).toEqual([
      {
        file: FILE,
        path: "provider.okta[1]",
        address: "provider.okta",
        id: expect.any(String),
        message: 'provider "okta" is configured twice without an alias: the other one is in stacks/dev/cdk.tf.json at provider.okta[0]. Give one of them an "alias", or merge them.',
      },
      {
        file: FILE,
        path: "provider.okta[3]",
        address: "provider.okta.a",
        id: expect.any(String),
        message: 'provider "okta" alias "a" is configured twice: the other one is in stacks/dev/cdk.tf.json at provider.okta[2]. Rename one of the aliases.',
      },
      {
        file: FILE,
        path: "provider.okta[0].max_retries",
        address: "provider.okta",
        id: expect.any(String),
        message:
          '"max_retries" in provider "okta" must be a number (or a numeric string such as "42") or an interpolation "${...}", received "many". Change it to a value of type number.',
      },
      {
        file: FILE,
        path: "provider.okta[0].org_nam",
        address: "provider.okta",
        id: expect.any(String),
        message: 'unknown argument "org_nam" in provider "okta". Did you mean "org_name"? Rename or remove it.',
      },
    ]);
  });

  test("unknown top-level keys, terraform settings, variables, outputs and modules", () => {
    // WHEN
    const problems = validate({
      resources: {},
      terraform: { required_providers: { okta: { source: "okta/okta", versions: "6.12.0" } }, backend: { s3: {} }, required_versions: ">= 1.5" },
      variable: { domain: { type: "string", defualt: "example.com" } },
      output: { empty: { description: "no value" } },
      module: { accounts: { version: "1.0", users: "${var.domain}" } },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.address, problem.message])).toEqual([
      [
        "resources",
        undefined,
        'unknown top-level key "resources" in a Terraform JSON file. Did you mean "resource"? Allowed are "check", "data", "ephemeral", "import", "locals", "module", "moved", "output", "provider", "removed", "resource", "terraform", "variable"; rename or remove it.',
      ],
      ["variable.domain.defualt", "var.domain", 'unknown argument "defualt" in variable. Did you mean "default"? Rename or remove it.'],
      ["output.empty.value", "output.empty", 'missing required argument "value" in output: it needs any value. Add "value".'],
      ["module.accounts.source", "module.accounts", 'a module block needs "source", received none. Add "source" (a path or registry address).'],
      ["terraform.required_providers.okta.versions", undefined, 'unknown argument "versions" in required_providers. Did you mean "version"? Rename or remove it.'],
      ["terraform.required_versions", undefined, 'unknown argument "required_versions" in terraform. Did you mean "required_version"? Rename or remove it.'],
    ]);
  });

  test("the same name declared twice in one module is a problem", () => {
    // WHEN
    const problems = okta.validate([
      { path: "a/users.tf.json", json: { resource: { okta_user: { bird: user() } }, locals: { x: 1 } } },
      { path: "a/more.tf.json", json: { resource: { okta_user: { bird: user() } }, locals: { x: 2 } } },
    ]);

    // THEN
    expect(problems).toEqual([
      {
        file: "a/more.tf.json",
        path: "resource.okta_user.bird",
        address: "okta_user.bird",
        id: expect.any(String),
        message: "okta_user.bird is declared twice: it is also declared in a/users.tf.json at resource.okta_user.bird. Rename or remove one of them.",
      },
      {
        file: "a/more.tf.json",
        path: "locals.x",
        id: expect.any(String),
        message: 'local value "x" is declared twice: it is also declared in a/users.tf.json at locals.x. Rename or remove one of them.',
      },
    ]);
  });

  test("a file that is not a JSON object is a problem", () => {
    expect(validate(["resource"])).toEqual([
      { file: FILE, path: "", id: expect.any(String), message: 'a Terraform JSON file must hold one JSON object, received ["resource"]. Wrap the content in {...}.' },
    ]);
  });
});

describe("less common blocks and forms", () => {
  test("removed blocks need a resource address", () => {
    expect(validate({ removed: [{ from: "okta_user.gone", lifecycle: { destroy: false } }, { from: "var.gone" }, { from: "module.old" }] })).toEqual([
      {
        file: FILE,
        path: "removed[1].from",
        id: expect.any(String),
        message: '"removed.from" must be a reference to a managed resource, such as "okta_user.bird", received "var.gone". Write the address without quotes inside it, e.g. "okta_user.bird".',
      },
    ]);
  });

  test("module calls check their meta-arguments, provider map and references", () => {
    // WHEN
    const problems = validate({
      provider: { okta: [{}, { alias: "preview" }] },
      resource: { okta_user: { bird: user() } },
      module: {
        accounts: {
          source: 1,
          count: 2,
          providers: { okta: "okta.preview", "//": "comment" },
          names: ["user${count.index}", "${okta_user.brid.id}"],
          depends_on: ["okta_user.bird"],
        },
        other: { source: "./other", providers: [{ okta: "okta.nope" }] },
      },
      import: [{ to: "module.accounts.okta_user.x", id: "00u1" }],
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.address, problem.message])).toEqual([
      ["module.accounts.source", "module.accounts", '"source" in module.accounts must be a string (numbers and bools are converted) or an interpolation "${...}", received 1. Change it to a value of type string.'],
      [
        "module.accounts.names[1]",
        "module.accounts",
        'reference "okta_user.brid.id" points to resource okta_user.brid, which is not declared in this module (the *.tf.json files of this directory). Did you mean okta_user.bird? Declare it or fix the reference.',
      ],
      [
        "module.other.providers[0].okta",
        "module.other",
        'provider "okta.nope" is not configured: no provider "okta" block has alias "nope" (configured are "okta.preview"). Add a provider block with "alias": "nope" or fix the reference.',
      ],
    ]);
  });

  test("required_providers takes objects or legacy version strings, and declares configuration aliases", () => {
    // WHEN
    const problems = validate({
      terraform: [
        { required_providers: { okta: { source: "okta/okta", configuration_aliases: ["okta.parent", "${okta.other}"] }, tfe: "~> 0.71", "//": "x" } },
        { required_providers: "okta" },
        { required_providers: { time: ["hashicorp/time"] } },
        { required_providers: { tfe: { configuration_aliases: ["tfe"] }, null: { configuration_aliases: "null.x" } } },
      ],
      resource: { okta_user: { a: user({ provider: "okta.parent" }), b: user({ provider: "okta.other" }) } },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "terraform[0].required_providers.okta.configuration_aliases[1]",
        'configuration_aliases entry "${okta.other}" is an interpolation; configuration_aliases takes a bare provider configuration name: write "okta.other".',
      ],
      ["terraform[1].required_providers", '"terraform[1].required_providers" must be a JSON object (or an array of JSON objects), received "okta". Write it as {...}.'],
      ["terraform[2].required_providers.time[0]", '"terraform[2].required_providers.time[0]" must be a JSON object (or an array of JSON objects), received "hashicorp/time". Write it as {...}.'],
      [
        "terraform[3].required_providers.tfe.configuration_aliases[0]",
        '"configuration_aliases[0]" must be a reference to a provider configuration alias, such as "okta.parent", received "tfe". Write the address without quotes inside it, e.g. "okta.parent".',
      ],
      [
        "terraform[3].required_providers.null.configuration_aliases",
        '"configuration_aliases" must be a JSON array of references such as ["okta.parent"], received "null.x". Wrap the references in an array.',
      ],
    ]);
  });

  test("meta-argument values of the wrong shape are rejected", () => {
    // WHEN
    const problems = validate({
      resource: {
        okta_user: {
          counted: user({ count: 2 }),
          a: user({ lifecycle: "ignore", depends_on: ["okta_user.counted[0]", "data.okta_group"] }),
          b: user({ lifecycle: { ignore_changes: [1], replace_triggered_by: "okta_user.a" } }),
          c: user({ dynamic: ["password_hash", { "//": "x", password_hash: ["x"] }] }),
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_user.a.lifecycle", '"resource.okta_user.a.lifecycle" must be a JSON object (or an array of JSON objects), received "ignore". Write it as {...}.'],
      [
        "resource.okta_user.a.depends_on[1]",
        '"depends_on[1]" must be a reference to a resource, data source, module, variable or local value, such as "okta_user.bird", received "data.okta_group". Write the address without quotes inside it, e.g. "okta_user.bird".',
      ],
      ["resource.okta_user.b.lifecycle.ignore_changes[0]", '"ignore_changes" must be "all" or a JSON array of argument names such as ["status"], received 1. Write an array of names.'],
      ["resource.okta_user.b.lifecycle.replace_triggered_by", '"replace_triggered_by" must be a JSON array of references such as ["okta_user.bird"], received "okta_user.a". Wrap the references in an array.'],
      ["resource.okta_user.c.dynamic[0]", '"resource.okta_user.c.dynamic[0]" must be a JSON object (or an array of JSON objects), received "password_hash". Write it as {...}.'],
      ["resource.okta_user.c.dynamic[1].password_hash[0]", '"resource.okta_user.c.dynamic[1].password_hash[0]" must be a JSON object (or an array of JSON objects), received "x". Write it as {...}.'],
    ]);
  });

  test("a dynamic block of a type without a schema may use its iterator", () => {
    // WHEN
    const problems = validate({
      variable: { repos: {} },
      resource: { tfe_workspace: { w: { name: "x", dynamic: { vcs_repo: { for_each: "${var.repos}", content: { identifier: "${vcs_repo.value}", other: "${nope.value}" } } } } } },
    });
    // THEN
    expect(problems.map((problem) => problem.path)).toEqual(["resource.tfe_workspace.w.dynamic.vcs_repo.content.other"]);
  });

  test("never quotes the value of a sensitive or credential argument", () => {
    // WHEN
    const problems = validate({
      provider: { okta: [{ org_name: "acme", private_key: ["-----BEGIN PRIVATE KEY-----abc"] }] },
      resource: { okta_user: { bird: user({ password: { v: "Sup3rSecret!" } }) } },
    });
    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      '"password" in okta_user must be a string (numbers and bools are converted) or an interpolation "${...}", received (sensitive value). Change it to a value of type string.',
      '"private_key" in provider "okta" must be a string (numbers and bools are converted) or an interpolation "${...}", received (sensitive value). Change it to a value of type string.',
    ]);
  });

  test("suggests long argument names too", () => {
    expect(validate({ resource: { okta_user: { bird: user({ custom_profile_attribute_to_ignore: ["x"] }) } } }).map((problem) => problem.message)).toEqual([
      'unknown argument "custom_profile_attribute_to_ignore" in okta_user. Did you mean "custom_profile_attributes_to_ignore"? Rename or remove it.',
    ]);
  });

  test("time_sleep from schema/time.json is checked like the okta types; types outside the snapshots pass unless they look like a typo", () => {
    // WHEN
    const problems = validate({
      resource: {
        okta_user_schema_property: { dob: { index: "dob", title: "Date of Birth", type: "string" } },
        time_sleep: { after_dob: { create_duration: "30s", triggers: { property: "${okta_user_schema_property.dob.id}" }, depends_on: ["okta_user_schema_property.dob"] } },
        time_slep: { typo: {} },
        okta_user_schema_property_2: {},
        tfe_team: { owners: { name: "${okta_user_schema_property.dob.id}" } },
      },
      data: { time_sleep: { x: {} } },
    });

    // THEN
    expect(problems.map((problem) => problem.message)).toEqual([
      'unknown resource type "time_slep": the time provider 0.13.1 schema has no such resource type. Did you mean "time_sleep"? Fix the type name, or refresh schema/ (npm run schema:refresh) if a newer provider added it.',
    ]);
  });
});

describe("Terraform JSON syntax forms", () => {
  test("accepts blocks as arrays of objects at every level, as hcl2json emits them", () => {
    // WHEN
    const problems = validate({
      "//": "comment",
      terraform: [{ required_providers: [{ okta: { source: "okta/okta" } }] }],
      provider: { okta: [{ org_name: "dev" }] },
      resource: [
        { okta_user: [{ bird: [user({ "//": { metadata: {} }, password_hash: [{ algorithm: "BCRYPT", value: "x" }] })] }] },
        { okta_group: { garden: [{ name: "G", "//": "x" }] } },
      ],
      output: { id: [{ value: "${okta_user.bird.id}" }] },
    });

    // THEN
    expect(problems).toEqual([]);
  });

  test("reads every construct as hcl2json converts it from HCL, and rejects the addresses and types it wraps in ${}, as Terraform does", async () => {
    // GIVEN
    const hcl = fs.readFileSync(path.join(__dirname, "fixtures", "validator", "hcl", "every-construct.tf"), "utf8");

    // WHEN
    const problems = validate(await parse("every-construct.tf", hcl));

    // THEN only what hcl2json writes as an interpolation where Terraform's JSON syntax takes a bare address or type
    const type = (name: string, written: string) =>
      `"type" of var.${name} is not a type constraint: Terraform reads a type as written, so "\${...}" around it is not allowed, received "${written}". Write a type such as "string", "number", "bool", "list(string)", "map(string)" or "object({login = string})".`;
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_group.g[0].provider", '"provider" "${okta.preview}" is an interpolation; "provider" takes a bare provider configuration name: write "okta.preview".'],
      ["resource.okta_group_memberships.m[0].depends_on[0]", 'depends_on entry "${okta_group.g}" is an interpolation; depends_on takes a bare address: write "okta_group.g".'],
      ["resource.okta_group_memberships.m[0].depends_on[1]", 'depends_on entry "${module.accounts}" is an interpolation; depends_on takes a bare address: write "module.accounts".'],
      ["resource.okta_user_schema_property.p[0].dynamic.one_of[0].iterator", '"iterator" "${choice}" is an interpolation; a dynamic block\'s iterator takes a bare name: write "choice".'],
      [
        "resource.okta_user_schema_property.p[0].lifecycle[0].ignore_changes",
        '"ignore_changes" "${all}" is an interpolation; ignore_changes takes "all" or a JSON array of bare argument names: write "all".',
      ],
      ["variable.org[0].type", type("org", "${string}")],
      ["variable.props[0].type", type("props", "${map(object({ title = string }))}")],
      ["module.accounts[0].providers.okta", 'providers entry "okta" "${okta.preview}" is an interpolation; providers takes a bare provider configuration name: write "okta.preview".'],
      ["moved[0].from", 'moved "from" "${okta_group.old}" is an interpolation; moved "from" takes a bare address: write "okta_group.old".'],
      ["moved[0].to", 'moved "to" "${okta_group.g[0]}" is an interpolation; moved "to" takes a bare address: write "okta_group.g[0]".'],
    ]);
  });

  test("reports the array indices in paths", () => {
    // WHEN
    const problems = validate({ resource: [{ okta_user: [{ bird: [user({ status: [] })] }] }] });

    // THEN
    expect(problems.map((problem) => problem.path)).toEqual(["resource[0].okta_user[0].bird[0].status"]);
  });

  test("rejects values where a block object is needed", () => {
    expect(validate({ resource: { okta_user: "bird" } })).toEqual([
      { file: FILE, path: "resource.okta_user", id: expect.any(String), message: '"resource.okta_user" must be a JSON object (or an array of JSON objects), received "bird". Write it as {...}.' },
    ]);
  });
});

describe("what Terraform's JSON syntax rejects beyond the schema", () => {
  test("address arguments take bare addresses, not interpolations", () => {
    // WHEN
    const problems = validate({
      resource: { okta_group: { garden: { name: "G" }, rule: { name: "R", lifecycle: { replace_triggered_by: ["${okta_group.garden.id}"] } } } },
      output: { id: { value: "${okta_group.garden.id}", depends_on: ["${okta_group.garden}"] } },
      removed: [{ from: "${okta_group.legacy}", lifecycle: { destroy: false } }],
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "resource.okta_group.rule.lifecycle.replace_triggered_by[0]",
        'replace_triggered_by entry "${okta_group.garden.id}" is an interpolation; replace_triggered_by takes a bare address: write "okta_group.garden.id".',
      ],
      ["output.id.depends_on[0]", 'depends_on entry "${okta_group.garden}" is an interpolation; depends_on takes a bare address: write "okta_group.garden".'],
      ["removed[0].from", 'removed "from" "${okta_group.legacy}" is an interpolation; removed "from" takes a bare address: write "okta_group.legacy".'],
    ]);
  });

  test("a template must close what it opens and call functions Terraform has", () => {
    // WHEN
    const problems = validate({
      variable: { env: { default: "dev" } },
      resource: {
        okta_group: {
          a: { name: '${upper("garden")' },
          b: { name: "Garden ${var.env" },
          c: { name: "${}" },
          d: { name: "%{ if var.env == \"dev\" }Dev" },
          e: { name: "Dev%{ endif }" },
          f: { name: '${fil("name.txt")}', description: '${core::upper("x")} ${provider::time::rfc3339_parse("2024-01-01T00:00:00Z").year} $${fil(1)}' },
        },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_group.a.name", 'the interpolation "${upper(\\"garden\\")" is never closed: the string ends before its "}". Add the "}", or write "$${" for a literal "${".'],
      ["resource.okta_group.b.name", 'the interpolation "${var.env" is never closed: the string ends before its "}". Add the "}", or write "$${" for a literal "${".'],
      ["resource.okta_group.c.name", 'the interpolation "${}" is empty: Terraform needs an expression between "${" and "}". Write one, or "$${}" for the literal text.'],
      ["resource.okta_group.d.name", 'the template opens "%{ if }" but never closes it with "%{ endif }". Add "%{ endif }", or write "%%{" for a literal "%{".'],
      ["resource.okta_group.e.name", 'the template has "%{ endif }" without an open "%{ if }" before it. Add the missing directive or remove this one (write "%%{" for a literal "%{").'],
      [
        "resource.okta_group.f.name",
        'function "fil" does not exist in Terraform 1.11. Did you mean "file"? Fix the name (the functions: https://developer.hashicorp.com/terraform/language/functions).',
      ],
    ]);
  });

  test("a variable's type is a type constraint, and its default converts to it", () => {
    // WHEN
    const problems = validate({
      variable: {
        a: { type: "number", default: "abc" },
        b: { type: "number", default: "42" },
        c: { type: "list(string)", default: "bird" },
        d: { type: "object({login = string, team = optional(string)})", default: { login: "bird", extra: 1 } },
        e: { type: "map(object({size = number}))", default: { red: { size: 1 }, blue: { size: "big" } } },
        f: { type: "strng" },
        g: { type: 42 },
      },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["variable.a.default", '"default" of var.a does not convert to its type number: a number is required, received "abc". Change the default or the type.'],
      ["variable.c.default", '"default" of var.c does not convert to its type list(string): list of string required, received "bird". Change the default or the type.'],
      ["variable.e.default", '"default" of var.e at "blue.size" does not convert to its type map(object({size=number})): a number is required, received "big". Change the default or the type.'],
      [
        "variable.f.type",
        '"type" of var.f is not a type constraint: the keyword "strng" is not a type, received "strng". Write a type such as "string", "number", "bool", "list(string)", "map(string)" or "object({login = string})".',
      ],
      [
        "variable.g.type",
        '"type" of var.g is not a type constraint: a type constraint is written as a JSON string, received 42. Write a type such as "string", "number", "bool", "list(string)", "map(string)" or "object({login = string})".',
      ],
    ]);
  });

  test("lifecycle, variable and output flags are literal bools", () => {
    // WHEN
    const problems = validate({
      variable: { production: { type: "bool", default: true, sensitive: "${false}" } },
      resource: {
        okta_group: {
          a: { name: "A", lifecycle: { prevent_destroy: "${var.production}", create_before_destroy: "true" } },
          b: { name: "B", lifecycle: { prevent_destroy: "yes" } },
        },
      },
      output: { id: { value: "${okta_group.a.id}", sensitive: 1 } },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "resource.okta_group.a.lifecycle.prevent_destroy",
        '"prevent_destroy" in lifecycle must be a literal true or false, received "${var.production}": Terraform reads it before it evaluates any expression, so it cannot be an interpolation. Write true or false.',
      ],
      ["resource.okta_group.b.lifecycle.prevent_destroy", '"prevent_destroy" in lifecycle must be true or false (or the string "true" or "false"), received "yes". Write true or false.'],
      [
        "variable.production.sensitive",
        '"sensitive" in variable must be a literal true or false, received "${false}": Terraform reads it before it evaluates any expression, so it cannot be an interpolation. Write true or false.',
      ],
      ["output.id.sensitive", '"sensitive" in output must be true or false (or the string "true" or "false"), received 1. Write true or false.'],
    ]);
  });

  test("a condition refers to something, and a validation to its variable", () => {
    // WHEN
    const problems = validate({
      variable: {
        name: { default: "G", validation: [{ condition: "${length(var.name) > 0}", error_message: "Empty." }] },
        other: { default: "x", validation: { condition: "${var.name != \"\"}", error_message: "No." } },
      },
      resource: {
        okta_group: {
          g: {
            name: "${var.name}",
            lifecycle: { precondition: [{ condition: "${1 < 2}", error_message: "Never." }], postcondition: [{ condition: "${self.id != \"\"}", error_message: "No id." }] },
          },
        },
      },
      output: { id: { value: "${okta_group.g.id}", precondition: [{ condition: true, error_message: "Never." }] } },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "resource.okta_group.g.lifecycle.precondition[0].condition",
        "the condition of this precondition refers to nothing, so it checks nothing; Terraform rejects it. Make it refer to a resource, data source, variable or local value (in a postcondition, to self).",
      ],
      [
        "variable.other.validation.condition",
        "the condition of this validation does not refer to var.other, so it does not test the variable's value; Terraform rejects it. Refer to var.other in the condition.",
      ],
      [
        "output.id.precondition[0].condition",
        "the condition of this precondition refers to nothing, so it checks nothing; Terraform rejects it. Make it refer to a resource, data source, variable or local value (in a postcondition, to self).",
      ],
    ]);
  });

  test("a moved block moves an object to one address only; the same move twice is fine", () => {
    // WHEN
    const problems = validate({
      resource: { okta_group: { two: { name: "2" }, three: { name: "3" } } },
      moved: [
        { from: "okta_group.one", to: "okta_group.two" },
        { from: "okta_group.one", to: "okta_group.two" },
        { from: "okta_group.one", to: "okta_group.three" },
      ],
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "moved[2].to",
        'moved "from" okta_group.one moves it to okta_group.three, but the moved block at moved[0] moves it to okta_group.two: an object can move to one address only. Keep one of the two moved blocks.',
      ],
    ]);
  });

  test('"//" is a comment among the arguments of a body, and a label anywhere else', () => {
    // WHEN
    const problems = validate({
      "//": "a comment",
      resource: { okta_group: { "//": "a label", garden: { "//": "a comment", name: "G", lifecycle: { "//": "a comment" } } } },
      variable: { "//": { default: 1 } },
      locals: { "//": "a comment", a: 1 },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        'resource.okta_group["//"]',
        '"//" at resource.okta_group["//"] is read as a block label, not as a comment: Terraform skips "//" only among the arguments of a block body. Move the comment into a block body or remove it.',
      ],
      ['variable["//"]', '"//" at variable["//"] is read as a block label, not as a comment: Terraform skips "//" only among the arguments of a block body. Move the comment into a block body or remove it.'],
    ]);
  });

  test("labels take objects or arrays of objects, and a resource takes one lifecycle block", () => {
    // WHEN
    const problems = validate({
      resource: { okta_group: [[{ garden: { name: "G" } }]], okta_user: { bird: user({ lifecycle: [{ prevent_destroy: false }, { create_before_destroy: true }] }) } },
    });

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_group[0]", '"resource.okta_group[0]" must be a JSON object (or an array of JSON objects), received [{"garden":{"name":"G"}}]. Write it as {...}.'],
      ["resource.okta_user.bird.lifecycle", 'okta_user.bird has 2 lifecycle blocks, but Terraform allows one. Merge them into one "lifecycle" object.'],
    ]);
  });

  test("terraform_data is checked against Terraform's built-in schema", () => {
    expect(validate({ resource: { terraform_data: { a: { input: { x: ["${terraform_data.b.output}"] } }, b: { inputs: 1, output: 2 } } } }).map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.terraform_data.b.inputs", 'unknown argument "inputs" in terraform_data. Did you mean "input"? Rename or remove it.'],
      ["resource.terraform_data.b.output", 'argument "output" in terraform_data is read-only (the provider computes it), received 2. Remove it.'],
    ]);
  });
});

describe("validateDirectory", () => {
  function writeTree(files: Record<string, unknown>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "validate-"));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), typeof content === "string" ? content : JSON.stringify(content));
    }
    return root;
  }

  test("validates each cdktf stack as its own module and skips other files", () => {
    // GIVEN
    const root = writeTree({
      "stacks/dev/cdk.tf.json": { resource: { okta_user: { bird: user() } } },
      "stacks/prod/cdk.tf.json": { resource: { okta_group_memberships: { m: { group_id: "g", users: ["${okta_user.bird.id}"] } } } },
      "manifest.json": { not: "terraform" },
      "node_modules/x/cdk.tf.json": "not even json",
    });

    // WHEN
    const problems = okta.validateDirectory(root);

    // THEN
    expect(problems.map((problem) => [path.relative(root, problem.file), problem.path])).toEqual([["stacks/prod/cdk.tf.json", "resource.okta_group_memberships.m.users[0]"]]);
  });

  test("reads a key repeated in one JSON object as Terraform does: more blocks, or an argument set twice", () => {
    // GIVEN text JSON.parse would silently merge
    const root = writeTree({
      "stack/cdk.tf.json": `{
        "resource": {"okta_group": {"garden": {"name": "G"}, "garden": {"name": "H"}}},
        "resource": {"okta_group": {"orchard": {"name": "O", "description": "one", "name": "P"}}},
        "resource": {"okta_user": {"bird": {"login": "b@example.com", "email": "b@example.com", "first_name": "B", "last_name": "R",
          "lifecycle": {"prevent_destroy": true}, "lifecycle": {"create_before_destroy": true}}}},
        "resource": {"terraform_data": {"revision": {"input": {"version": 1, "version": 2}}}},
        "locals": {"domain": "example.com", "domain": "example.org"},
        "locals": {"other": 1},
        "//": "a comment", "//": "another"
      }`,
    });

    // WHEN
    const problems = okta.validateDirectory(root);

    // THEN
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "resource.okta_group.garden",
        "okta_group.garden is declared twice at resource.okta_group.garden: a key is repeated in one JSON object (JSON.parse would keep only the last; Terraform reads both). Rename or remove one of them.",
      ],
      [
        "locals.domain",
        'local value "domain" is declared twice at locals.domain: a key is repeated in one JSON object (JSON.parse would keep only the last; Terraform reads both). Rename or remove one of them.',
      ],
      [
        "resource.okta_group.orchard.name",
        'argument "name" is set twice in okta_group: the JSON object has the key "name" twice (JSON.parse would keep only the last; Terraform rejects both). Remove one of them.',
      ],
      ["resource.okta_user.bird.lifecycle", 'okta_user.bird has 2 lifecycle blocks, but Terraform allows one. Merge them into one "lifecycle" object.'],
      [
        "resource.terraform_data.revision.input.version",
        'the JSON object at resource.terraform_data.revision.input has the key "version" twice: Terraform rejects an object value that repeats an attribute (JSON.parse would keep only the last). Remove one of them.',
      ],
    ]);
  });

  test("reports unparsable files and directories without Terraform JSON", () => {
    // GIVEN
    const root = writeTree({ "broken/cdk.tf.json": "{", "empty/readme.md": "" });

    // WHEN
    const report = okta.validatePaths([path.join(root, "broken"), path.join(root, "empty"), path.join(root, "missing")]);

    // THEN
    expect(report.problems.map((problem) => [path.relative(root, problem.file), problem.message])).toEqual([
      [
        "broken/cdk.tf.json",
        `not valid JSON: ${jsonError("{")}. Fix the file or synthesize it again with "cdktf synth".`,
      ],
      ["empty", `no *.tf.json file in ${path.join(root, "empty")} or below it. Run "cdktf synth" first, or pass the directory that holds cdk.tf.json.`],
      ["missing", `cannot read: ENOENT: no such file or directory, stat '${path.join(root, "missing")}'. Pass an existing *.tf.json file or a directory.`],
    ]);
    expect(report.fileCount).toBe(0);
  });
});

describe("formatValidationProblems", () => {
  test("prints one line per problem with file, path and address", () => {
    expect(
      formatValidationProblems([
        { file: "a.tf.json", path: "resource.okta_user.bird.status", address: "okta_user.bird", id: "test:id", message: "first" },
        { file: "a.tf.json", path: "import[0].to", id: "test:id", message: "second" },
        { file: "b.tf.json", path: "", id: "test:id", message: "third" },
      ]),
    ).toBe(["a.tf.json: resource.okta_user.bird.status (okta_user.bird): first", "a.tf.json: import[0].to: second", "b.tf.json: third"].join("\n"));
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}
