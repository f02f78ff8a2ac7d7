import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, TerraformVariable } from "cdktf";
import { OktaApp, OktaGroup, OktaOrgStack, OktaSynthError, OktaUser } from "../lib";

function tempOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-app-")), "cdktf.out");
}

// Unit tests validate with the built-in validator only: the same verdict on every machine, and no terraform process.
function app(outdir: string, broken = false, extra: Partial<ConstructorParameters<typeof OktaApp>[0]> = {}): OktaApp {
  const result = new OktaApp({ outdir, validate: "builtin", ...extra });
  for (const [id, orgName] of [["okta-dev", "acme-dev"], ["okta-prod", "acme"]]) {
    const stack = new OktaOrgStack(result, id, { orgName, environment: id, cloud: id === "okta-prod" ? { organization: "acme", workspace: id } : undefined });
    new OktaGroup(stack, "garden", { name: "The Garden" });
    if (broken) new OktaUser(stack, "bad", { login: "nope", email: "bad@example.com", firstName: "B", lastName: "D" });
  }
  return result;
}

describe("OktaApp", () => {
  test("synthesizes every org stack into cdktf.out/stacks/<stack>/cdk.tf.json", () => {
    // GIVEN
    const outdir = tempOutdir();
    // WHEN
    app(outdir).synth();
    // THEN
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["okta-dev", "okta-prod"]);
    const prod = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "okta-prod", "cdk.tf.json"), "utf8"));
    expect(prod["//"].metadata).toMatchObject({ backend: "cloud", cloud: "tfc" });
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test("a failed synth lists every problem of every stack and leaves the previous output untouched", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir).synth();
    const before = fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8");
    // WHEN
    const synth = () => app(outdir, true).synth();
    // THEN
    expect(synth).toThrow(OktaSynthError);
    expect(synth).toThrow(
      'cdktf-okta found 2 problems; nothing was written:\n' +
        '  okta-dev/bad: login "nope" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).\n' +
        '  okta-prod/bad: login "nope" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).',
    );
    expect(fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8")).toBe(before);
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test("an output check that finds problems fails the synth and keeps the previous output", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir).synth();
    // WHEN
    const synth = () => app(outdir, false, { outputChecks: [({ outdir: dir }) => [`${dir}/stacks/okta-dev/cdk.tf.json: bad`]] }).synth();
    // THEN
    expect(synth).toThrow(`cdktf-okta found 1 problem; nothing was written:\n  ${outdir}/stacks/okta-dev/cdk.tf.json: bad`);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["okta-dev", "okta-prod"]);
  });

  test("fails on a password hash, a nested sensitive argument or a sensitive variable's default", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = app(outdir);
    const stack = result.node.findChild("okta-dev") as OktaOrgStack;
    const user = new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R" });
    // WHEN
    user.resource.addOverride("password_hash", { algorithm: "BCRYPT", value: "$2a$10$abc" });
    new TerraformVariable(stack, "token", { sensitive: true, default: "00abc" });
    // THEN
    const file = path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`);
    expect(() => result.synth()).toThrow(
      "cdktf-okta found 2 problems; nothing was written:\n" +
        `  ${file}: okta_user.bird sets password_hash, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).\n` +
        `  ${file}: var.token sets default, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
    );
  });

  test("fails when a secret reaches the output through an escape hatch", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = app(outdir);
    const stack = result.node.findChild("okta-dev") as OktaOrgStack;
    const user = new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R" });
    // WHEN
    user.resource.addOverride("password", "hunter2");
    stack.provider.addOverride("api_token", "00abc");
    // THEN
    expect(() => result.synth()).toThrow(
      "cdktf-okta found 2 problems; nothing was written:\n" +
        `  ${path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`)}: okta_user.bird sets password, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).\n` +
        `  ${path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`)}: provider.okta sets api_token, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
    );
  });

  test("fails on a literal sensitive tfe_variable value, not on one that comes from a variable or is declared public", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = new OktaApp({ outdir, validate: "builtin" });
    const stack = new OktaOrgStack(result, "okta-dev", { orgName: "acme-dev", environment: "dev" });
    const secret = new TerraformVariable(stack, "client_id", { sensitive: true });
    // WHEN
    stack.addOverride("resource.tfe_variable", {
      pasted: { key: "OKTA_API_CLIENT_ID", value: "0oa-pasted", category: "env", sensitive: true, workspace_id: "ws-1" },
      from_variable: { key: "OKTA_API_CLIENT_ID", value: secret.stringValue, category: "env", sensitive: true, workspace_id: "ws-1" },
      public: { key: "OKTA_ORG_NAME", value: "acme-dev", category: "env", sensitive: false, workspace_id: "ws-1" },
    });
    // THEN
    expect(() => result.synth()).toThrow(
      "cdktf-okta found 1 problem; nothing was written:\n" +
        `  ${path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`)}: tfe_variable.pasted sets value, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
    );
  });

  test("fails on credentials in backends, outputs and any provider, webhook URLs without a scheme, and pasted environment credentials", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = new OktaApp({ outdir, validate: "builtin" });
    const stack = new OktaOrgStack(result, "okta-dev", { orgName: "acme-dev", environment: "dev", cloud: { organization: "acme", workspace: "okta-dev" } });
    const secret = new TerraformVariable(stack, "client_secret", { sensitive: true });
    process.env.OKTA_API_TOKEN = "00pastedTokenValue123";
    try {
      // WHEN
      stack.addOverride("terraform.cloud.token", "atlas-literal-token");
      stack.addOverride("provider.tfe", [{ token: "tfe-literal-token" }]);
      stack.addOverride("output.leak", { value: secret.stringValue });
      stack.addOverride("locals.hook", "hooks.slack.com/services/T000/B000/XXXX");
      new OktaGroup(stack, "garden", { name: "The Garden", description: "token 00pastedTokenValue123" });
      // THEN
      const file = path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`);
      const advice = "Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).";
      expect(() => result.synth()).toThrow(
        "cdktf-okta found 5 problems; nothing was written:\n" +
          `  ${file}: provider.tfe sets token, a secret. ${advice}\n` +
          `  ${file}: terraform.cloud sets token, a secret. ${advice}\n` +
          `  ${file}: output.leak sets value, a secret. ${advice}\n` +
          `  ${file}: locals.hook holds a webhook URL, a secret (anyone with it can post): it would be written to cdk.tf.json and state. Pass it through a sensitive TerraformVariable (TF_VAR_...) instead.\n` +
          `  ${file}: resource.okta_group.garden.description contains the value of OKTA_API_TOKEN, a credential from this machine's environment (value not shown). Remove it: the provider reads credentials from the environment at plan and apply, never from cdk.tf.json.`,
      );
    } finally {
      delete process.env.OKTA_API_TOKEN;
    }
  });

  test("fails on s3 backend keys", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = new OktaApp({ outdir, validate: "builtin" });
    const stack = new OktaOrgStack(result, "okta-dev", { orgName: "acme-dev", environment: "dev" });
    // WHEN
    stack.addOverride("terraform.backend", { s3: { bucket: "state", key: "okta-dev", access_key: "AKIALITERAL", secret_key: "literal-secret" } });
    // THEN
    const file = path.relative(process.cwd(), `${outdir}/stacks/okta-dev/cdk.tf.json`);
    const advice = "Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).";
    expect(() => result.synth()).toThrow(
      "cdktf-okta found 2 problems; nothing was written:\n" +
        `  ${file}: terraform.backend.s3 sets access_key, a secret. ${advice}\n` +
        `  ${file}: terraform.backend.s3 sets secret_key, a secret. ${advice}`,
    );
  });
});

/** A terraform stand-in: logs each call (working directory and arguments) and answers `validate -json` with `verdict`. */
function fakeTerraform(verdict: string): { dir: string; validated: () => string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-fake-tf-"));
  const log = path.join(dir, "calls.log");
  const script = `#!/bin/sh\necho "$PWD $1" >> '${log}'\ncase "$1" in\n  validate) cat <<'JSON'\n${verdict}\nJSON\n  ;;\n  version) echo '{"terraform_version":"1.11.4"}' ;;\nesac\n`;
  fs.writeFileSync(path.join(dir, "terraform"), script, { mode: 0o755 });
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []);
  return { dir, validated: () => calls().filter((c) => c.endsWith(" validate")).map((c) => path.basename(c.split(" ")[0])) };
}

/** Runs `body` with only `dir` (if any) and node's own directory on PATH. */
function onPath<T>(dir: string | undefined, body: () => T): T {
  const original = process.env.PATH;
  process.env.PATH = [dir, path.dirname(process.execPath)].filter((d) => d !== undefined).join(path.delimiter);
  try {
    return body();
  } finally {
    process.env.PATH = original;
  }
}

const UNSUPPORTED_ARGUMENT = JSON.stringify({
  valid: false,
  diagnostics: [{ severity: "error", summary: "Unsupported argument", detail: 'An argument named "colour" is not expected here.', range: { filename: "cdk.tf.json", start: { line: 12, column: 9 } }, snippet: { context: "resource.okta_group.garden" } }],
});

describe("OktaApp validation", () => {
  const typo = (result: OktaApp, stackId: string) => (result.node.findChild(stackId).node.findChild("garden") as OktaGroup).resource.addOverride("descriptoin", "typo");
  const stackFile = (outdir: string, stackId: string) => path.relative(process.cwd(), path.join(outdir, "stacks", stackId, "cdk.tf.json"));

  test("by default fails on what the provider schema rejects and keeps the previous output", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir).synth();
    const result = app(outdir, false, { validate: undefined });
    // WHEN
    typo(result, "okta-dev");
    // THEN
    expect(() => onPath(undefined, () => result.synth())).toThrow(
      "cdktf-okta found 1 problem; nothing was written:\n" +
        `  ${stackFile(outdir, "okta-dev")}: resource.okta_group.garden.descriptoin (okta_group.garden): unknown argument "descriptoin" in okta_group. Did you mean "description"? Rename or remove it.`,
    );
    expect(fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8")).not.toContain("descriptoin");
  });

  test("the report of a failed synth lists every problem once, under its stack", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = app(outdir);
    // WHEN
    typo(result, "okta-dev");
    (result.node.findChild("okta-prod") as OktaOrgStack).provider.addOverride("api_token", "00abc");
    // THEN
    let error: OktaSynthError | undefined;
    try {
      result.synth();
    } catch (thrown) {
      error = thrown as OktaSynthError;
    }
    expect(error?.report).toBe(
      "cdktf-okta found 2 problems in 2 stacks; nothing was written.\n\n" +
        `okta-dev: 1 problem\n  ${stackFile(outdir, "okta-dev")}: resource.okta_group.garden.descriptoin (okta_group.garden): unknown argument "descriptoin" in okta_group. Did you mean "description"? Rename or remove it. [validator:schema/unknown-argument]\n\n` +
        `okta-prod: 1 problem\n  ${stackFile(outdir, "okta-prod")}: provider.okta sets api_token, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls). [okta:output/secret-in-output]`,
    );
  });

  test("validate: false writes what the provider schema would reject", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = app(outdir, false, { validate: false });
    // WHEN
    typo(result, "okta-dev");
    result.synth();
    // THEN
    expect(fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8")).toContain('"descriptoin": "typo"');
  });

  test("with terraform on PATH, Terraform's verdict fails the synth, naming file and line as Terraform does", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir).synth();
    const terraform = fakeTerraform(UNSUPPORTED_ARGUMENT);
    // WHEN
    const synth = () => onPath(terraform.dir, () => app(outdir, false, { validate: true }).synth());
    // THEN
    expect(synth).toThrow(
      "cdktf-okta found 2 problems; nothing was written:\n" +
        `  ${stackFile(outdir, "okta-dev")}:12: resource.okta_group.garden: Unsupported argument: An argument named "colour" is not expected here.\n` +
        `  ${stackFile(outdir, "okta-prod")}:12: resource.okta_group.garden: Unsupported argument: An argument named "colour" is not expected here.`,
    );
    expect(terraform.validated()).toEqual(["okta-dev", "okta-prod"]);
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test("Terraform judges only the stacks whose providers the test provider serves", () => {
    // GIVEN
    const outdir = tempOutdir();
    const result = app(outdir, false, { validate: true });
    const other = new TerraformStack(result, "aws");
    other.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: "5.0.0" });
    other.addOverride("resource.aws_s3_bucket.state", { bucket: "state" });
    const terraform = fakeTerraform(JSON.stringify({ valid: true, diagnostics: [] }));
    // WHEN
    onPath(terraform.dir, () => result.synth());
    // THEN
    expect(terraform.validated()).toEqual(["okta-dev", "okta-prod"]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["aws", "okta-dev", "okta-prod"]);
  });

  test('validate: "builtin" never runs terraform, and a synth the built-in checks fail reports only their problems', () => {
    // GIVEN
    const terraform = fakeTerraform(UNSUPPORTED_ARGUMENT);
    const failing = app(tempOutdir(), false, { validate: true });
    typo(failing, "okta-dev");
    // WHEN
    onPath(terraform.dir, () => app(tempOutdir()).synth());
    const ranForBuiltin = terraform.validated();
    let error: OktaSynthError | undefined;
    try {
      onPath(terraform.dir, () => failing.synth());
    } catch (thrown) {
      error = thrown as OktaSynthError;
    }
    // THEN
    expect(ranForBuiltin).toEqual([]);
    // (Terraform judges beside the built-in checks; a verdict that came too late to count is not reported.)
    expect(error?.problems).toEqual([expect.stringMatching(/okta-dev\/cdk\.tf\.json: resource\.okta_group\.garden\.descriptoin \(okta_group\.garden\): unknown argument "descriptoin"/)]);
  });

  test("a synth whose constructs have problems stops Terraform's worker before terraform runs", () => {
    // GIVEN
    const terraform = fakeTerraform(UNSUPPORTED_ARGUMENT);
    const outdir = tempOutdir();
    // WHEN
    const synth = () => onPath(terraform.dir, () => app(outdir, true, { validate: true }).synth());
    // THEN
    expect(synth).toThrow(/login "nope" is not a valid Okta login/);
    expect(terraform.validated()).toEqual([]);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test("a terraform that gives no verdict is an error, not a problem of the stacks", () => {
    // GIVEN
    const outdir = tempOutdir();
    const terraform = fakeTerraform("not JSON");
    // WHEN
    let error: unknown;
    try {
      onPath(terraform.dir, () => app(outdir, false, { validate: true }).synth());
    } catch (thrown) {
      error = thrown;
    }
    // THEN
    expect(error).not.toBeInstanceOf(OktaSynthError);
    expect((error as Error).message).toMatch(
      /^okta-dev, okta-prod: terraform validate through the cdktf-okta test provider did not finish, so Terraform gave no verdict on these stacks \(not a problem in them\)\. Fix the terraform installation, or pass validate: "builtin" to OktaApp to validate with the built-in validator only\. It said:\nSyntaxError: Unexpected token/,
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
