/**
 * A 30-person export as an HR system writes it (a byte order mark, CRLF line ends, accented names,
 * apostrophes, a quoted "Smith, Jr.", mixed-case emails, its own headers, a manager column nobody
 * needs, an import id column per org), loaded into three orgs of one app through a columns file; and,
 * with terraform on PATH, the production plan through the test provider: the objects whose ids the
 * export names are imported without a change, the rest created.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OktaApp, OktaOrgStack, OktaUserSchemaProperty, loadDirectory } from "../lib";
import { TerraformSandbox, planCounts, terraformOnPath } from "../lib/test-provider/harness";

const EXPORT = "__tests__/fixtures/directory-file/hr-export";
const ORGS = ["okta-dev", "okta-staging", "okta-prod"];

/** The app: three org stacks, each with the schema the export fills and the export itself. */
function synthesize(): { outdir: string; tf: Record<string, any> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-hr-"));
  const outdir = path.join(root, "cdktf.out");
  const app = new OktaApp({ outdir, validate: "builtin" });
  for (const id of ORGS) {
    const environment = id.slice("okta-".length);
    const production = environment === "prod";
    const stack = new OktaOrgStack(app, id, { orgName: `acme-${environment}`, environment, production, addressRecord: path.join(root, `${id}.addresses.json`) });
    new OktaUserSchemaProperty(stack, "legal", { index: "legal_entity", title: "Legal Entity", type: "string", required: true });
    new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance Level", type: "integer", enum: ["1", "2", "3"] });
    loadDirectory(stack, { users: `${EXPORT}/users.csv`, groups: `${EXPORT}/groups.csv`, columns: `${EXPORT}/users.columns.json` });
  }
  app.synth();
  const tf = Object.fromEntries(ORGS.map((id) => [id, JSON.parse(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"))]));
  return { outdir, tf };
}

/** Puts into the simulated org every object an import block of `tf` adopts, as the configuration describes it. */
function seedImports(sandbox: TerraformSandbox, tf: any): void {
  for (const { to, id } of tf.import ?? []) {
    const [type, name] = to.split(".");
    const { "//": _meta, depends_on: _d, lifecycle: _l, provider: _p, ...body } = tf.resource[type][name];
    sandbox.org.put(type, id, { ...body, id }, { op: "create", start: 0 });
  }
}

describe("an HR export loaded into three orgs", () => {
  test("the fixture is what HR systems write: a byte order mark and CRLF line ends", () => {
    const bytes = fs.readFileSync(`${EXPORT}/users.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split("\r\n")).toHaveLength(32);
  });

  test("every org gets the 30 people with their names as written, typed custom attributes and its own import ids", () => {
    // WHEN
    const { tf } = synthesize();
    // THEN
    for (const id of ORGS) {
      const users = tf[id].resource.okta_user;
      expect(Object.keys(users)).toHaveLength(30);
      expect(users.e1001).toMatchObject({
        login: "Ada.Lovelace@Acme.example",
        email: "Ada.Lovelace@Acme.example",
        first_name: "Ada",
        last_name: "Lovelace",
        department: "Engineering",
        custom_profile_attributes: '{"legal_entity":"Acme GmbH","clearance_level":3}',
        depends_on: ["okta_user_schema_property.legal", "okta_user_schema_property.clearance"],
      });
      expect(users.e1005).toMatchObject({ login: "Jose.Mueller@Acme.example", first_name: "José", last_name: "Müller" });
      expect(users.e1006).toMatchObject({ first_name: "Siobhán", last_name: "O'Brien" });
      expect(users.e1007).toMatchObject({ first_name: "John", last_name: "Smith, Jr.", custom_profile_attributes: '{"legal_entity":"Acme Inc.","clearance_level":1}' });
      expect(users.e1020).toMatchObject({ first_name: "Łukasz", last_name: "Żółć" });
      expect(Object.values<any>(users).filter((user) => "manager" in user || "manager_id" in user)).toEqual([]);
      expect(tf[id].resource.okta_group_memberships.engineering_members.users).toHaveLength(12);
      expect(tf[id].resource.okta_group_memberships.everyone_members.users).toHaveLength(30);
    }
    expect(tf["okta-dev"].import).toBeUndefined();
    expect(tf["okta-staging"].import).toEqual([
      { to: "okta_user.e1001", id: "00u1001stagACME" },
      { to: "okta_user.e1002", id: "00u1002stagACME" },
    ]);
    expect(tf["okta-prod"].import).toEqual([
      ...Array.from({ length: 10 }, (_, i) => ({ to: `okta_user.e${1001 + i}`, id: `00u${1001 + i}prodACME` })),
      { to: "okta_group.everyone", id: "00g0001prodACME" },
    ]);
    expect(tf["okta-prod"].resource.okta_user.e1001.lifecycle).toEqual({ prevent_destroy: true });
  });

  const withTerraform = terraformOnPath() ? test : test.skip;

  withTerraform("terraform plans okta-prod through the test provider: imports what the export names with no change, creates the rest", async () => {
    // GIVEN
    const { outdir, tf } = synthesize();
    const prod = tf["okta-prod"];
    const sandbox = await TerraformSandbox.create({ stackDir: path.join(outdir, "stacks", "okta-prod") });
    seedImports(sandbox, prod);
    try {
      const init = sandbox.terraform(["init", "-input=false"]);
      expect(init.stderr).toBe("");
      // WHEN
      const { plan, result } = sandbox.planJson();
      // THEN
      expect(result.stderr).toBe("");
      const changes: any[] = plan.resource_changes;
      const imported = changes.filter((change) => change.change.importing);
      expect(imported.map((change) => change.address).sort()).toEqual(prod.import.map((i: any) => i.to).sort());
      expect(imported.filter((change) => change.change.actions.join() !== "no-op")).toEqual([]);
      const created = changes.filter((change) => change.change.actions.join() === "create").map((change) => change.address);
      // 20 users, two groups, three memberships and the two schema properties
      expect(created).toHaveLength(20 + 2 + 3 + 2);
      expect(planCounts(plan)).toMatchObject({ add: 27, change: 0, destroy: 0, replace: 0, import: 11 });
    } finally {
      await sandbox.stop();
    }
  });
});
