import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const CDKTF_CLI = path.join(ROOT, "node_modules", ".bin", "cdktf");

const BAD_LOGIN = (stack: string) =>
  `${stack}/bad: login "nope" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it). [okta:user/bad-login]`;

/**
 * A user's own cdktf app in a new directory: cdktf.json runs `node main.js`, and main.js (the given
 * code) requires the compiled cdktf-okta of this repository and its cdktf.
 */
function userApp(main: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-user-app-"));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }));
  fs.writeFileSync(path.join(dir, "main.js"), main);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "cdktf-okta"));
  fs.symlinkSync(path.join(ROOT, "node_modules", "cdktf"), path.join(dir, "node_modules", "cdktf"));
  return dir;
}

/** Runs a command in the app's directory with node, and nothing else, on PATH: no terraform, whatever this machine has. */
function run(dir: string, command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { PATH: path.dirname(process.execPath), HOME: dir, CHECKPOINT_DISABLE: "1", CI: "1", NO_COLOR: "1" };
  const result = spawnSync(command, args, { cwd: dir, env, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What cdktf-cli 0.21 prints on stderr when the app exits non-zero: the app's stderr, indented. */
function cliFailure(appStderr: string): string {
  const indented = appStderr.split("\n").map((line) => (line === "" ? line : `    ${line}`)).join("\n");
  return `ERROR: cdktf encountered an error while synthesizing\n\nSynth command: node main.js\nError:         non-zero exit code 1\n\nCommand output on stderr:\n\n${indented}\n\n\n`;
}

const TWO_BROKEN_ORGS = (app: string) => `
const { App } = require("cdktf");
const { OktaApp, OktaGroup, OktaOrgStack, OktaUser } = require("cdktf-okta");
const app = ${app};
for (const id of ["okta-dev", "okta-prod"]) {
  const stack = new OktaOrgStack(app, id, { orgName: "acme", environment: id });
  new OktaGroup(stack, "garden", { name: "The Garden" });
  new OktaUser(stack, "bad", { login: "nope", email: "bad@example.com", firstName: "B", lastName: "D" });
}
app.synth();
`;

describe("a failed synth of a user's own app", () => {
  test("OktaApp: prints one report, every problem once by stack, with no stack trace, and exits 1; cdktf synth shows it as the app's output", () => {
    // GIVEN
    const dir = userApp(TWO_BROKEN_ORGS("new OktaApp()"));
    const report =
      "cdktf-okta found 2 problems in 2 stacks; nothing was written.\n\n" +
      `okta-dev: 1 problem\n  ${BAD_LOGIN("okta-dev")}\n\n` +
      `okta-prod: 1 problem\n  ${BAD_LOGIN("okta-prod")}\n`;
    // WHEN
    const direct = run(dir, process.execPath, ["main.js"]);
    const cli = run(dir, CDKTF_CLI, ["synth"]);
    // THEN
    expect(direct).toEqual({ status: 1, stdout: "", stderr: report });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(cliFailure(report));
    expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks"))).toBe(false);
  });

  test("a plain cdktf App: the org stacks' problems come as the same report, without cdktf's skipValidation advice", () => {
    // GIVEN
    const dir = userApp(TWO_BROKEN_ORGS("new App()"));
    const report =
      "cdktf-okta found 2 problems in 2 stacks; no Okta stack was written.\n\n" +
      `okta-dev: 1 problem\n  ${BAD_LOGIN("okta-dev")}\n\n` +
      `okta-prod: 1 problem\n  ${BAD_LOGIN("okta-prod")}\n`;
    // WHEN
    const direct = run(dir, process.execPath, ["main.js"]);
    const cli = run(dir, CDKTF_CLI, ["synth"]);
    // THEN
    expect(direct).toEqual({ status: 1, stdout: "", stderr: report });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(cliFailure(report));
    expect(cli.stderr + cli.stdout).not.toContain("skipValidation");
  });

  test("a plain cdktf App: a stack whose JSON the provider schema rejects is not written, and the report says which", () => {
    // GIVEN
    const dir = userApp(`
const { App } = require("cdktf");
const { OktaGroup, OktaOrgStack } = require("cdktf-okta");
const app = new App();
const stack = new OktaOrgStack(app, "okta-dev", { orgName: "acme", environment: "dev" });
new OktaGroup(stack, "garden", { name: "The Garden" }).resource.addOverride("descriptoin", "typo");
app.synth();
`);
    // WHEN
    const direct = run(dir, process.execPath, ["main.js"]);
    // THEN
    expect(direct).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "cdktf-okta found 1 problem in 1 stack; okta-dev was not written.\n\n" +
        'okta-dev: 1 problem\n  cdktf.out/stacks/okta-dev/cdk.tf.json: resource.okta_group.garden.descriptoin (okta_group.garden): unknown argument "descriptoin" in okta_group. Did you mean "description"? Rename or remove it. [validator:schema/unknown-argument]\n',
    });
    expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", "okta-dev", "cdk.tf.json"))).toBe(false);
  });

  test("an error that is not an OktaSynthError is a bug: Node prints it with its stack trace", () => {
    // GIVEN
    const dir = userApp(`
const { OktaApp, OktaOrgStack } = require("cdktf-okta");
const app = new OktaApp({ validate: "builtin", outputChecks: [() => { throw new Error("a bug in a check"); }] });
new OktaOrgStack(app, "okta-dev", { orgName: "acme-dev", environment: "dev" });
app.synth();
`);
    // WHEN
    const direct = run(dir, process.execPath, ["main.js"]);
    // THEN
    expect(direct.status).toBe(1);
    expect(direct.stderr).toMatch(/\nError: a bug in a check\n {4}at .*main\.js:3/);
    expect(direct.stderr).toMatch(/\n {4}at OktaApp\.synth /);
  });

  test("an app that catches the OktaSynthError, or handles uncaught exceptions itself, keeps control", () => {
    // GIVEN
    const broken = `
const { OktaApp, OktaOrgStack, OktaUser } = require("cdktf-okta");
const app = new OktaApp();
new OktaUser(new OktaOrgStack(app, "okta-dev", { orgName: "acme-dev", environment: "dev" }), "bad", { login: "nope", email: "bad@example.com", firstName: "B", lastName: "D" });
`;
    const catching = userApp(`${broken}try { app.synth(); } catch (error) { console.log("caught", error.problems.length); }\n`);
    const handling = userApp(`${broken}process.on("uncaughtException", (error) => console.log("handled", error.name));\napp.synth();\n`);
    // THEN
    expect(run(catching, process.execPath, ["main.js"])).toEqual({ status: 0, stdout: "caught 1\n", stderr: "" });
    expect(run(handling, process.execPath, ["main.js"])).toEqual({ status: 0, stdout: "handled OktaSynthError\n", stderr: "" });
  });
});
