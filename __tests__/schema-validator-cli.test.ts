import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../lib/cli/validate";
import { CORPUS_DIR, FIXTURE_SCHEMAS } from "./fixtures/validator/helpers";

/** Runs the CLI and captures what it writes. */
function run(...args: string[]): { status: number; out: string; err: string } {
  let out = "";
  let err = "";
  const status = main(args, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { status, out, err };
}

function writeStack(json: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"));
  fs.mkdirSync(path.join(dir, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify(json));
  return dir;
}

test("prints a one-line summary and exits 0 when there is no problem", () => {
  expect(run(CORPUS_DIR)).toEqual({ status: 0, out: "validated 21 resources in 2 files: no problems\n", err: "" });
});

test("prints every problem and exits 1 when there is any", () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_user: { bird: { login: "b", email: "b", first_name: "B", last_name: "R", emial: "x", status: [] } } } });
  const file = path.join(dir, "stacks", "dev", "cdk.tf.json");

  // WHEN
  const result = run(dir);

  // THEN
  expect(result).toEqual({
    status: 1,
    out: [
      `${file}: resource.okta_user.bird.emial (okta_user.bird): unknown argument "emial" in okta_user. Did you mean "email"? Rename or remove it.`,
      `${file}: resource.okta_user.bird.status (okta_user.bird): "status" in okta_user must be a string (numbers and bools are converted) or an interpolation "\${...}", received []. Change it to a value of type string.`,
      "validated 1 resource in 1 file: 2 problems",
      "",
    ].join("\n"),
    err: "",
  });
});

test("reads a file named twice (a directory and a file in it) once", () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_group: { garden: { name: "The Garden" } } } });
  // THEN
  expect(run(dir, path.join(dir, "stacks", "dev", "cdk.tf.json"))).toEqual({ status: 0, out: "validated 1 resource in 1 file: no problems\n", err: "" });
});

test("validates against another snapshot directory with --schema", () => {
  // GIVEN
  const dir = writeStack({ resource: { okta_kitchen_sink: { k: { name: "sink", rule: { expression: "x" } } } } });
  const typo = writeStack({ resource: { okta_kitchen_sink: { k: { nmae: "sink" } } } });

  // THEN: only the fixture snapshot has okta_kitchen_sink; the project's accepts the type unchecked
  expect(run("--schema", FIXTURE_SCHEMAS, dir)).toEqual({ status: 0, out: "validated 1 resource in 1 file: no problems\n", err: "" });
  expect(run("--schema", FIXTURE_SCHEMAS, typo).status).toBe(1);
  expect(run(typo).status).toBe(0);
});

test("exits 2 with the usage when no path is given or an option is unknown", () => {
  expect(run()).toEqual({ status: 2, out: "", err: expect.stringContaining("missing <file-or-dir>: pass the files or directories to validate, e.g. cdktf.out.\nusage: validate") });
  expect(run("--strict", "x")).toEqual({ status: 2, out: "", err: expect.stringContaining("Unknown option '--strict'") });
  expect(run("--help")).toEqual({ status: 0, out: expect.stringContaining("usage: validate [--schema <dir>] <file-or-dir>..."), err: "" });
});

test("exits 2 when the schema snapshots cannot be loaded", () => {
  // GIVEN
  const dir = path.join(os.tmpdir(), "no-such-schemas");

  // THEN
  expect(run("--schema", dir, CORPUS_DIR)).toEqual({ status: 2, out: "", err: expect.stringContaining(`cannot read the schema snapshot directory ${dir}`) });
});
