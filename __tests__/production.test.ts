import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { Group } from "../.gen/providers/okta/group";
import { OktaApp, OktaGroup, OktaIdentitySource, OktaIdentitySourceImport, OktaOrgStack, OktaUser } from "../lib";
import { problems, synthJson, warnings } from "./util";

/** A production org in an OktaApp writing to a fresh project directory. */
function prodApp(dir: string, define: (stack: OktaOrgStack) => void): { app: OktaApp; stack: OktaOrgStack } {
  const app = new OktaApp({ outdir: path.join(dir, "cdktf.out"), validate: "builtin" });
  const stack = new OktaOrgStack(app, "okta-prod", { orgName: "acme", environment: "prod", production: true, cloud: { organization: "acme", workspace: "okta-prod" } });
  define(stack);
  return { app, stack };
}

const user = (stack: OktaOrgStack, id: string, extra: object = {}) =>
  new OktaUser(stack, id, { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "F", lastName: "L", ...extra });

function project(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-prod-"));
}

describe("a production org never loses an object silently", () => {
  test("a synth records the addresses the org manages, import jobs aside", () => {
    // GIVEN
    const dir = project();
    const { app } = prodApp(dir, (stack) => {
      const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
      user(stack, "bird", { groups: [garden] });
    });
    // WHEN
    app.synth();
    // THEN
    const record = JSON.parse(fs.readFileSync(path.join(dir, "okta-addresses", "okta-prod.json"), "utf8"));
    expect(record.addresses).toEqual(["okta_group.garden", "okta_group_memberships.garden_members", "okta_user.bird"]);
  });

  test("fails when a recorded address leaves the code, and names the ways out", () => {
    // GIVEN
    const dir = project();
    prodApp(dir, (stack) => void [user(stack, "bird"), user(stack, "e1003")]).app.synth();
    // WHEN e1003 is deleted from the code
    const { app } = prodApp(dir, (stack) => void user(stack, "bird"));
    // THEN
    expect(() => app.synth()).toThrow(
      "cdktf-okta found 1 problem; nothing was written:\n" +
        `  okta-prod: okta_user.e1003 is in this production org's record (${path.relative(process.cwd(), path.join(dir, "okta-addresses", "okta-prod.json"))}) but no longer in the code, so the next apply would destroy it in Okta. If it was renamed, give the new construct renamedFrom; to stop managing it and keep it in Okta, call retire("okta_user.e1003", { destroy: false }); to delete it from Okta, retire("okta_user.e1003", { destroy: true }).`,
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, "okta-addresses", "okta-prod.json"), "utf8")).addresses).toEqual(["okta_user.bird", "okta_user.e1003"]);
  });

  test("accepts a rename with renamedFrom, and a retirement, which writes a removed block", () => {
    // GIVEN
    const dir = project();
    prodApp(dir, (stack) => void [user(stack, "bird"), user(stack, "e1003")]).app.synth();
    // WHEN
    const { app, stack } = prodApp(dir, (s) => void user(s, "hummingbird", { renamedFrom: "bird" }));
    stack.retire("okta_user.e1003", { destroy: false });
    app.synth();
    // THEN
    const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "okta-prod", "cdk.tf.json"), "utf8"));
    expect(tf.removed).toEqual([{ from: "okta_user.e1003", lifecycle: { destroy: false } }]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "okta-addresses", "okta-prod.json"), "utf8")).addresses).toEqual(["okta_user.hummingbird"]);
  });

  test("fails when retire() names an address the code still defines", () => {
    const stack = new OktaOrgStack(Testing.app(), "okta-prod", { orgName: "acme", environment: "prod", production: true });
    user(stack, "bird");
    stack.retire("okta_user.bird", { destroy: true });
    expect(problems(stack)).toContain('okta-prod: retire("okta_user.bird") names an address the code still defines. Remove the construct, or the retire() call.');
  });
});

describe("production protection cannot be switched off by an override", () => {
  test("fails on prevent_destroy false through the escape hatch, and on a removed block with destroy = true", () => {
    // GIVEN
    const stack = new OktaOrgStack(Testing.app(), "okta-prod", { orgName: "acme", environment: "prod", production: true });
    const bird = user(stack, "bird");
    // WHEN
    bird.resource.addOverride("lifecycle.prevent_destroy", false);
    stack.addOverride("removed", [{ from: "okta_group.legacy", lifecycle: { destroy: true } }]);
    // THEN
    expect(problems(stack)).toEqual([
      "okta-prod/bird/Resource: addOverride(\"lifecycle.prevent_destroy\", false) in a production org would let Terraform destroy the object. Production objects keep prevent_destroy; to delete one, retire its address with retire(address, { destroy: true }) on the stack.",
      'okta-prod: a removed block for "okta_group.legacy" with destroy = true, written with addOverride, in a production org would let Terraform destroy the object. Production objects keep prevent_destroy; to delete one, retire its address with retire(address, { destroy: true }) on the stack.',
    ]);
  });

  test("memberships and raw generated okta resources get prevent_destroy; identity-source import jobs do not", () => {
    // GIVEN
    const stack = new OktaOrgStack(Testing.app(), "okta-prod", { orgName: "acme", environment: "prod", production: true });
    const garden = new OktaGroup(stack, "garden", { name: "The Garden" });
    user(stack, "bird", { groups: [garden] });
    new Group(stack, "raw", { name: "Raw" });
    const hr = new OktaIdentitySource(stack, "Hr", { identitySourceId: "0oa1" });
    new OktaIdentitySourceImport(stack, "sync", { source: hr, deleteUsers: ["U1", "U2"] });
    // WHEN
    const tf = synthJson(stack);
    // THEN
    expect(tf.resource.okta_group_memberships.garden_members.lifecycle).toEqual({ prevent_destroy: true });
    expect(tf.resource.okta_group.raw.lifecycle).toEqual({ prevent_destroy: true });
    expect(tf.resource.okta_identity_source_import.sync.lifecycle).toBeUndefined();
  });

  test("an identity-source job that deletes records warns in production", () => {
    const stack = new OktaOrgStack(Testing.app(), "okta-prod", { orgName: "acme", environment: "prod", production: true });
    const hr = new OktaIdentitySource(stack, "Hr", { identitySourceId: "0oa1" });
    const job = new OktaIdentitySourceImport(stack, "sync", { source: hr, deleteUsers: ["U1", "U2"], deleteGroups: ["G1"] });
    expect(warnings(job)).toEqual([
      "okta-prod/sync: this identity-source import deletes 2 users, 1 group in a production org. Check the lists before applying; Okta deletes what the job names.",
    ]);
  });
});
