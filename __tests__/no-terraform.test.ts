import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  OktaApp,
  OktaCloudWorkspacesStack,
  OktaGroup,
  OktaGroupRule,
  OktaIdentitySource,
  OktaIdentitySourceImport,
  OktaOrgStack,
  OktaUser,
  OktaUserBaseSchemaProperty,
  OktaUserSchemaProperty,
  SchemaValidator,
  formatValidationProblems,
} from "../lib";

/** Every feature whose cdktf counterpart (CloudBackend, importFrom, moveFromId, DataResource) runs `terraform version`. */
function everything(app: OktaApp): void {
  const stack = new OktaOrgStack(app, "okta-prod", {
    orgName: "acme",
    environment: "prod",
    production: true,
    cloud: { organization: "acme", workspace: "okta-prod" },
  });
  new OktaUserSchemaProperty(stack, "dob", { index: "date_of_birth", title: "Date of Birth", type: "string", importId: "date_of_birth", renamedFrom: "dob_old" });
  new OktaUserBaseSchemaProperty(stack, "phone", { index: "mobilePhone", title: "Mobile" });
  const group = new OktaGroup(stack, "garden", { name: "The Garden", importId: "00g1", renamedFrom: "garden_old" });
  const user = new OktaUser(stack, "bird", {
    login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R", groups: [group], importId: "00u1", renamedFrom: "bird_old",
  });
  user.resource.addOverride("title", "Hummingbird");
  new OktaGroupRule(stack, "rule", { name: "R", expression: "true", groups: [group], importId: "0pr1", renamedFrom: "rule_old" });
  const hr = new OktaIdentitySource(stack, "Hr", { identitySourceId: "0oa1" });
  const users = Array.from({ length: 201 }, (_, i) => ({
    externalId: `U${i}`,
    profile: { userName: `u${i}@example.com`, email: `u${i}@example.com`, firstName: "U", lastName: `${i}` },
  }));
  new OktaIdentitySourceImport(stack, "sync", { source: hr, upsertUsers: users, revision: "1", waves: true });
  new OktaCloudWorkspacesStack(app, "okta-workspaces", {
    organization: "acme",
    orgs: [{ stackId: "okta-prod", workspace: "okta-prod", orgName: "acme", baseUrl: "okta.com", production: true }],
  });
}

describe("synth without a terraform binary", () => {
  const originalPath = process.env.PATH;
  // Only node's own directory: no terraform, whatever this machine has installed.
  beforeAll(() => (process.env.PATH = path.dirname(process.execPath)));
  afterAll(() => (process.env.PATH = originalPath));

  test("every construct validates, synthesizes and passes the schema validator with no terraform on PATH", () => {
    // GIVEN
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-no-tf-")), "cdktf.out");
    const validator = SchemaValidator.fromSnapshots();
    const app = new OktaApp({ outdir, outputChecks: [({ outdir: dir }) => validator.validateDirectory(dir).map((p) => formatValidationProblems([p]))] });
    everything(app);
    // WHEN
    const found = app.validateAll();
    app.synth();
    // THEN
    expect(found).toEqual([]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["okta-prod", "okta-workspaces"]);
  });
});
