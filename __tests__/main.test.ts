import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SchemaValidator } from "../lib/validator/schema-validator";

const ROOT = path.resolve(__dirname, "..");
const FAKE_SECRETS = {
  OKTA_API_TOKEN: "00fakeApiToken1234567890",
  OKTA_API_CLIENT_ID: "0oafakeClientId123",
  OKTA_API_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----fakeKeyMaterial",
  OKTA_API_PRIVATE_KEY_ID: "fakeKeyId987",
  TFE_TOKEN: "fakeTfeToken.atlasv1.abc",
  TF_VAR_okta_prod_private_key: "fakeVarPrivateKey",
};

/** Runs the app's main job (the compiled main.js, as `cdktf synth` does) into a new directory. */
function synthMain(env: Record<string, string> = {}): string {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-main-")), "cdktf.out");
  execFileSync(process.execPath, [path.join(ROOT, "dist", "main.js")], {
    cwd: ROOT,
    env: { ...process.env, ...FAKE_SECRETS, ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  return outdir;
}

const stack = (outdir: string, id: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"));

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("the app's main job", () => {
  const outdir = synthMain();

  test("synthesizes one stack per environment plus the Terraform Cloud workspaces stack", () => {
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["okta-dev", "okta-prod", "okta-staging", "okta-workspaces"]);
  });

  test("each org stack has its own local state outside cdktf.out when Terraform Cloud is off", () => {
    for (const id of ["okta-dev", "okta-staging", "okta-prod"]) {
      expect(stack(outdir, id).terraform.backend).toEqual({ local: { path: `../../../terraform.${id}.tfstate` } });
      expect(stack(outdir, id).terraform.required_providers.okta).toEqual({ source: "okta/okta", version: "6.12.0" });
    }
  });

  test("prevent_destroy only in production; test users only outside production", () => {
    const text = (id: string) => fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8");
    expect(text("okta-prod")).toContain('"prevent_destroy": true');
    expect(text("okta-dev")).not.toContain("prevent_destroy");
    expect(text("okta-staging")).not.toContain("prevent_destroy");
    expect(stack(outdir, "okta-dev").resource.okta_user.test_engineer).toBeDefined();
    expect(stack(outdir, "okta-prod").resource.okta_user.test_engineer).toBeUndefined();
  });

  test("no credential from the environment appears anywhere in cdktf.out", () => {
    const leaks = allFiles(outdir).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      return Object.values(FAKE_SECRETS)
        .filter((secret) => text.includes(secret))
        .map((secret) => `${path.relative(outdir, file)}: ${secret}`);
    });
    expect(leaks).toEqual([]);
  });

  test("every stack validates against the provider schemas", () => {
    expect(SchemaValidator.fromSnapshots().validateDirectory(outdir)).toEqual([]);
  });

  test("TFC_ORGANIZATION switches every org stack to its Terraform Cloud workspace", () => {
    const cloud = synthMain({ TFC_ORGANIZATION: "acme" });
    for (const id of ["okta-dev", "okta-staging", "okta-prod"]) {
      expect(stack(cloud, id).terraform.cloud).toEqual({ organization: "acme", workspaces: { name: id } });
      expect(stack(cloud, id).terraform.backend).toBeUndefined();
    }
    expect(stack(cloud, "okta-workspaces").resource.tfe_workspace.okta_prod).toMatchObject({ organization: "acme", name: "okta-prod", auto_apply: false });
  });
});
