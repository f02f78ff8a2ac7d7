import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCdktfOkta } from "../lib/cli/program";
import { terraformOnPath } from "../lib/test-provider/harness";
import { terraformVersion } from "../lib/test-provider/terraform-validate";
import { CORPUS_DIR, FIXTURE_SCHEMAS } from "./fixtures/validator/helpers";
import { terraformGate } from "./terraform-gate";

/** Runs `cdktf-okta validate` and captures what it writes. */
async function run(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await runCdktfOkta(["validate", ...args], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { status, out, err };
}

function writeStack(json: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"));
  fs.mkdirSync(path.join(dir, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify(json));
  return dir;
}

test("prints a one-line summary and exits 0 when there is no problem", async () => {
  expect(await run("--builtin", CORPUS_DIR)).toEqual({ status: 0, out: "validated 21 resources in 2 files with the built-in validator: no problems\n", err: "" });
});

test("prints every problem and exits 1 when there is any", async () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_user: { bird: { login: "b", email: "b", first_name: "B", last_name: "R", emial: "x", status: [] } } } });
  const file = path.join(dir, "stacks", "dev", "cdk.tf.json");

  // WHEN
  const result = await run("--builtin", dir);

  // THEN
  expect(result).toEqual({
    status: 1,
    out: [
      `${file}: resource.okta_user.bird.emial (okta_user.bird): unknown argument "emial" in okta_user. Did you mean "email"? Rename or remove it.`,
      `${file}: resource.okta_user.bird.status (okta_user.bird): "status" in okta_user must be a string (numbers and bools are converted) or an interpolation "\${...}", received []. Change it to a value of type string.`,
      "validated 1 resource in 1 file with the built-in validator: 2 problems",
      "",
    ].join("\n"),
    err: "",
  });
});

test("reads a file named twice (a directory and a file in it) once", async () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_group: { garden: { name: "The Garden" } } } });
  // THEN
  expect(await run("--builtin", dir, path.join(dir, "stacks", "dev", "cdk.tf.json"))).toEqual({ status: 0, out: "validated 1 resource in 1 file with the built-in validator: no problems\n", err: "" });
});

test("validates against another snapshot directory with --schema", async () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_kitchen_sink: { k: { name: "sink", rule: { expression: "x" } } } } });
  const typo = writeStack({ resource: { okta_kitchen_sink: { k: { nmae: "sink" } } } });

  // THEN: only the fixture snapshot has okta_kitchen_sink; the project's accepts the type unchecked
  expect(await run("--schema", FIXTURE_SCHEMAS, dir)).toEqual({ status: 0, out: "validated 1 resource in 1 file with the built-in validator: no problems\n", err: "" });
  expect((await run("--schema", FIXTURE_SCHEMAS, typo)).status).toBe(1);
  expect((await run("--builtin", typo)).status).toBe(0);
});

test("exits 2 with commander's message when no path is given or an option is unknown", async () => {
  const seeHelp = "Run `cdktf-okta validate --help` for its arguments and options.\n";
  expect(await run()).toEqual({ status: 2, out: "", err: `error: missing required argument 'paths'\n${seeHelp}` });
  expect(await run("--strict", "x")).toEqual({ status: 2, out: "", err: `error: unknown option '--strict'\n${seeHelp}` });
  expect(await run("--help")).toEqual({ status: 0, out: expect.stringContaining("Usage: cdktf-okta validate [options] <paths...>"), err: "" });
});

test("--json prints which validator ran, what it read and every problem, and exits 1 when there is any", async () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_user: { bird: { login: "b", email: "b", first_name: "B", last_name: "R", emial: "x" } } } });
  const file = path.join(dir, "stacks", "dev", "cdk.tf.json");

  // WHEN
  const result = await run("--builtin", "--json", dir);

  // THEN
  expect(result.status).toBe(1);
  expect(JSON.parse(result.out)).toEqual({
    validator: "builtin",
    fileCount: 1,
    resourceCount: 1,
    problems: [expect.objectContaining({ file, path: "resource.okta_user.bird.emial", address: "okta_user.bird", message: 'unknown argument "emial" in okta_user. Did you mean "email"? Rename or remove it.' })],
  });
  expect(JSON.parse((await run("--builtin", "--json", CORPUS_DIR)).out)).toEqual({ validator: "builtin", fileCount: 2, resourceCount: 21, problems: [] });
});

test("takes the cdktf output directory, a stack directory or a cdk.tf.json", async () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_group: { garden: { name: "The Garden" } } } });
  const summary = { status: 0, out: "validated 1 resource in 1 file with the built-in validator: no problems\n", err: "" };
  // THEN
  expect(await run("--builtin", dir)).toEqual(summary);
  expect(await run("--builtin", path.join(dir, "stacks", "dev"))).toEqual(summary);
  expect(await run("--builtin", path.join(dir, "stacks", "dev", "cdk.tf.json"))).toEqual(summary);
});

test("exits 2 naming a path that does not exist or holds no stack, whichever validator would run", async () => {
  // GIVEN
  const missing = path.join(os.tmpdir(), "no-such-cdktf.out");
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"));
  const expected = "the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json";
  // THEN
  for (const builtin of [["--builtin"], []]) {
    expect(await run(...builtin, missing)).toEqual({ status: 2, out: "", err: `${missing} does not exist; give ${expected}, after \`cdktf synth\`.\n` });
    expect(await run(...builtin, empty)).toEqual({ status: 2, out: "", err: `${empty} is a directory with neither a cdk.tf.json nor a stacks directory; give ${expected}.\n` });
  }
});

test("exits 2 when the schema snapshots cannot be loaded", async () => {
  // GIVEN
  const dir = path.join(os.tmpdir(), "no-such-schemas");

  // THEN
  expect(await run("--schema", dir, CORPUS_DIR)).toEqual({ status: 2, out: "", err: expect.stringContaining(`cannot read the schema snapshot directory ${dir}`) });
});

const describeTerraform = terraformGate("the validate command with terraform").describe;

describeTerraform("with terraform on PATH", () => {
  const oktaStack = (resource: object) => ({
    terraform: { required_providers: { okta: { source: "okta/okta", version: "6.12.0" } } },
    provider: { okta: [{ org_name: "acme-dev", base_url: "okta.com" }] },
    resource,
  });

  test("Terraform itself judges, through the test provider, and the summary says so", async () => {
    const dir = writeStack(oktaStack({ okta_group: { garden: { name: "The Garden" } } }));
    const result = await run(dir);
    expect(result).toEqual({
      status: 0,
      out: `validated 1 file in 1 module with terraform ${terraformVersion()} (${terraformOnPath()}) and the cdktf-okta test provider: no problems\n`,
      err: "",
    });
  });

  test("finds what only Terraform evaluates: a file() of a file that is not there", async () => {
    const result = await run(CORPUS_DIR);
    expect(result.status).toBe(1);
    expect(result.out).toContain(`${path.join(CORPUS_DIR, "cdk.tf.json")}:12: provider.okta[0]: Invalid function argument: Invalid value for "path" parameter: no file exists at "rsa.pem"`);
  });

  test("reports Terraform's own error with the file and line, and exits 1", async () => {
    // GIVEN a depends_on written as an interpolation, which Terraform rejects
    const dir = writeStack(
      oktaStack({
        okta_group: { garden: { name: "The Garden" } },
        okta_user: { bird: { login: "b@example.com", email: "b@example.com", first_name: "B", last_name: "R", depends_on: ["${okta_group.garden}"] } },
      }),
    );
    // WHEN
    const result = await run(dir);
    // THEN
    const file = path.join(dir, "stacks", "dev", "cdk.tf.json");
    expect(result.status).toBe(1);
    expect(result.out).toContain(`${file}:1: resource.okta_user.bird.depends_on: Invalid expression: A single static variable reference is required`);
    expect(result.out).toContain("validated 1 file in 1 module with terraform");
  });
});

test("uses the built-in validator, and says why, when there is no terraform on PATH", async () => {
  const original = process.env.PATH;
  process.env.PATH = path.dirname(process.execPath);
  try {
    expect(await run(CORPUS_DIR)).toEqual({ status: 0, out: "validated 21 resources in 2 files with the built-in validator (no terraform on PATH): no problems\n", err: "" });
  } finally {
    process.env.PATH = original;
  }
});
