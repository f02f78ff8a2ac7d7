/**
 * The validator agrees with Terraform. Every file of the agreement corpus
 * (__tests__/fixtures/validator/agreement: valid-NN-*.tf.json are realistic stacks, invalid-NN-*
 * mistakes Terraform rejects) gets the same verdict from SchemaValidator as from `terraform
 * validate` run through the test provider; where the validator is stricter than `terraform
 * validate` (STRICTER), `terraform plan` must refuse the file. The validator's side needs no
 * terraform; Terraform's side runs whenever terraform is on PATH, and otherwise says once that it
 * was skipped (CDKTF_OKTA_REQUIRE_TERRAFORM=1 turns that into a failure, as in terraform.test.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SchemaValidator, ValidationProblem } from "../lib/validator/schema-validator";
import { TerraformResult, TerraformSandbox } from "../lib/test-provider/harness";
import { terraformGate } from "./terraform-gate";

const CORPUS = path.join(__dirname, "fixtures", "validator", "agreement");
const FILES = fs.readdirSync(CORPUS).filter((name) => name.endsWith(".tf.json")).sort();

/**
 * Files the validator rejects although `terraform validate` accepts them, because Terraform
 * checks them only when it plans, with the error `terraform plan` gives for each.
 */
const STRICTER: Readonly<Record<string, string>> = {
  "invalid-36-two-moved-from-one-address.tf.json": "Error: Ambiguous move statements",
  "invalid-37-two-moved-to-one-address.tf.json": "Error: Ambiguous move statements",
  "invalid-38-moved-from-still-declared.tf.json": "Error: Moved object still exists",
  "invalid-39-import-target-undeclared.tf.json": "Error: Configuration for import target does not exist",
  "invalid-71-self-reference.tf.json": "Error: Self-referential block",
};

const okta = SchemaValidator.fromSnapshots();

/** What the validator finds in a corpus file, read from disk as the CLI reads it (repeated JSON keys kept). */
function validatorProblems(name: string): ValidationProblem[] {
  return okta.validatePaths([path.join(CORPUS, name)]).problems;
}

function expectedValid(name: string): boolean {
  return name.startsWith("valid-");
}


describe("the agreement corpus", () => {
  test("holds at least 80 files, each named valid- or invalid-, and every stricter file exists", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(80);
    expect(FILES.filter((name) => !/^(valid|invalid)-\d\d-[a-z0-9-]+\.tf\.json$/.test(name))).toEqual([]);
    expect(Object.keys(STRICTER).filter((name) => !FILES.includes(name))).toEqual([]);
  });

  test.each(FILES)("SchemaValidator judges %s as its name says", (name) => {
    // WHEN
    const problems = validatorProblems(name);

    // THEN
    if (expectedValid(name)) {
      expect(problems).toEqual([]);
    } else {
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});

describe("the validator never throws, whatever the nesting or the size", () => {
  /** A stack whose terraform_data input is `input`. */
  const withInput = (input: unknown) => ({ resource: { terraform_data: { deep: { input } } } });

  /** `leaf` inside `levels` arrays. */
  function nested(levels: number, leaf: unknown = 1): unknown {
    let value = leaf;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  }

  const written: string[] = [];
  afterAll(() => written.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** Writes `text` as the cdk.tf.json of a scratch directory, removed after these tests. */
  function writeFile(text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agreement-"));
    written.push(dir);
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), text);
    return path.join(dir, "cdk.tf.json");
  }

  test("reports a value nested a million levels deep, which terraform cannot read, instead of overflowing the stack", () => {
    // WHEN
    const problems = okta.validate([{ path: "deep/cdk.tf.json", json: withInput(nested(1_000_000)) }]);

    // THEN
    expect(problems).toEqual([
      {
        file: "deep/cdk.tf.json",
        path: "resource.terraform_data.deep.input[0][0]",
        id: "validator:file/too-deep",
        message:
          "arrays and objects nest 1,000,004 levels deep here, more than the 300,000 Terraform can read: terraform 1.11 stops with a stack overflow on JSON nested about that deep. Flatten the value.",
      },
    ]);
  });

  test("checks a file nested 300,000 levels deep, as deep as terraform reads, read from disk with a repeated key", () => {
    // GIVEN the root, "locals" and "deep" are three of the levels
    const file = writeFile(`{"//": "a", "//": "b", "locals": {"deep": ${'{"a":'.repeat(299_998)}"\${upper(\\"x\\")}"${"}".repeat(299_998)}}}`);

    // WHEN
    const problems = okta.validatePaths([file]).problems;

    // THEN
    expect(problems).toEqual([]);
  });

  test("quotes only the start of a deeply nested value given where a string goes", () => {
    // WHEN
    const problems = okta.validate([{ path: "deep/cdk.tf.json", json: { resource: { okta_group: { g: { name: nested(100_000) } } } } }]);

    // THEN
    expect(problems).toEqual([
      {
        file: "deep/cdk.tf.json",
        path: "resource.okta_group.g.name",
        address: "okta_group.g",
        id: "validator:schema/type-mismatch",
        message: `"name" in okta_group must be a string (numbers and bools are converted) or an interpolation "\${...}", received ${"[".repeat(79)}…. Change it to a value of type string.`,
      },
    ]);
  });

  test("reports a type constraint nested past what it reads", () => {
    // WHEN
    const problems = okta.validate([{ path: "deep/cdk.tf.json", json: { variable: { v: { type: `${"list(".repeat(5000)}string${")".repeat(5000)}` } } } }]);

    // THEN
    const received = `"${"list(".repeat(16).slice(0, 78)}…`;
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        "variable.v.type",
        `"type" of var.v is not a type constraint: type constructors nest more than 1000 levels deep, more than the validator reads, received ${received}. Write a type such as "string", "number", "bool", "list(string)", "map(string)" or "object({login = string})".`,
      ],
    ]);
  });

  test("validates a 17 MB file of 100,000 users, and finds the one mistake in it", () => {
    // GIVEN
    const users: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) {
      users[`u${i}`] = { login: `u${i}@example.com`, email: `u${i}@example.com`, first_name: "U", last_name: `${i}`, custom_profile_attributes: `{"n":${i}}` };
    }
    (users.u99999 as Record<string, unknown>).stauts = "ACTIVE";
    const members = Object.keys(users).map((name) => `\${okta_user.${name}.id}`);
    const file = writeFile(
      JSON.stringify({
        resource: { okta_user: users, okta_group: { all: { name: "All" } }, okta_group_memberships: { all: { group_id: "${okta_group.all.id}", users: members } } },
      }),
    );

    // WHEN
    const report = okta.validatePaths([file]);

    // THEN
    expect(report.resourceCount).toBe(100_002);
    expect(report.problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["resource.okta_user.u99999.stauts", 'unknown argument "stauts" in okta_user. Did you mean "status"? Rename or remove it.'],
    ]);
  });
});

const describeTerraform = terraformGate("the validator agreement suite").describe;

describeTerraform("terraform agrees with the validator", () => {
  let sandbox: TerraformSandbox;
  let started: bigint;
  const agreed: string[] = [];

  beforeAll(async () => {
    started = process.hrtime.bigint();
    // One provider process for every file; no init: the test provider is attached, nothing is installed.
    sandbox = await TerraformSandbox.create({ files: {}, name: "agreement" });
  });

  afterAll(async () => {
    await sandbox?.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `Validator agreement: ${agreed.length}/${FILES.length} files agree with terraform (${Object.keys(STRICTER).length} of them stricter than terraform validate, each refused by terraform plan), ${seconds.toFixed(1)} s.`,
    );
  });

  /** The errors terraform reported, for a failure message. */
  function errors(result: TerraformResult): string {
    try {
      const diagnostics: { severity: string; summary: string; detail?: string }[] = JSON.parse(result.stdout).diagnostics ?? [];
      return diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => `${d.summary}: ${d.detail ?? ""}`)
        .join("; ");
    } catch {
      return `exit ${result.status}: ${result.stderr.slice(0, 300)}`;
    }
  }

  test.each(FILES)("%s", (name) => {
    // GIVEN
    sandbox.writeStack(fs.readFileSync(path.join(CORPUS, name), "utf8"));
    const problems = validatorProblems(name);

    // WHEN
    const validate = sandbox.terraform(["validate", "-json"]);

    // THEN the verdicts agree, or terraform refuses the file at plan
    const validatorValid = problems.length === 0;
    const terraformValid = validate.status === 0;
    const verdicts = `terraform validate: ${terraformValid ? "valid" : `invalid (${errors(validate)})`}; SchemaValidator: ${
      validatorValid ? "valid" : `invalid (${problems.map((problem) => problem.message).join("; ")})`
    }`;
    const stricter = STRICTER[name];
    if (stricter === undefined) {
      expect({ name, agree: validatorValid === terraformValid && terraformValid === expectedValid(name), verdicts }).toEqual({ name, agree: true, verdicts });
    } else {
      expect({ name, stricter: !validatorValid && terraformValid, verdicts }).toEqual({ name, stricter: true, verdicts });
      const plan = sandbox.terraform(["plan", "-input=false"]);
      expect(plan.status).toBe(1);
      expect(plan.stderr).toContain(stricter);
    }
    agreed.push(name);
  });
});
