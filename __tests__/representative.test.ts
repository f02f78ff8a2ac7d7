/** Terraform's verdict on a huge stack by a representative sample of its users, groups and memberships. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SAMPLE_ABOVE, representativeStack } from "../lib/analysis/representative";
import { validateWithTerraform } from "../lib/test-provider/terraform-validate";
import { terraformGate } from "./terraform-gate";

/** A stack of `users` users in `users / 10` groups, each group's members in one okta_group_memberships. */
function bigStack(users: number): any {
  const user: Record<string, unknown> = {};
  const group: Record<string, unknown> = {};
  const memberships: Record<string, unknown> = {};
  const groups = Math.ceil(users / 10);
  for (let g = 0; g < groups; g++) {
    group[`g${g}`] = { name: `Group ${g}` };
    memberships[`g${g}_members`] = { group_id: `\${okta_group.g${g}.id}`, users: [] as string[], track_all_users: false };
  }
  for (let i = 0; i < users; i++) {
    user[`u${i}`] = { login: `u${i}@example.com`, email: `u${i}@example.com`, first_name: "F", last_name: "L" };
    (memberships[`g${i % groups}_members`] as { users: string[] }).users.push(`\${okta_user.u${i}.id}`);
  }
  return {
    terraform: { required_providers: { okta: { source: "okta/okta", version: "6.12.0" } } },
    provider: { okta: [{ org_name: "acme", base_url: "okta.com" }] },
    resource: { okta_user: user, okta_group: group, okta_group_memberships: memberships },
  };
}

describe("representativeStack", () => {
  test("leaves a stack of at most SAMPLE_ABOVE users, groups and memberships as it is", () => {
    const tf = bigStack(Math.floor(SAMPLE_ABOVE / 1.3));
    expect(representativeStack(tf)).toBe(tf);
  });

  test("keeps one resource of each shape, everything the rest of the stack refers to, and memberships that refer only to kept resources", () => {
    // GIVEN 10,000 users of one shape, and one user with a different one, and a rule that refers to a user
    const tf = bigStack(10_000);
    tf.resource.okta_user.u77.title = "Odd one";
    tf.resource.okta_group_rule = { r: { name: "R", expression_value: "true", group_assignments: ["${okta_group.g9.id}"], users_excluded: ["${okta_user.u5000.id}"] } };
    tf.import = [{ to: "okta_user.u3", id: "00u3" }, { to: "okta_user.u0", id: "00u0" }];
    // WHEN
    const sampled = representativeStack(tf);
    // THEN
    expect(Object.keys(sampled.resource.okta_user).sort()).toEqual(["u0", "u5000", "u77"]);
    expect(Object.keys(sampled.resource.okta_group).sort()).toEqual(["g0", "g9"]);
    expect(sampled.resource.okta_group_memberships).toEqual({
      g0_members: { group_id: "${okta_group.g0.id}", users: ["${okta_user.u0.id}", "${okta_user.u5000.id}"], track_all_users: false },
    });
    expect(sampled.resource.okta_group_rule).toBe(tf.resource.okta_group_rule);
    expect(sampled.import).toEqual([{ to: "okta_user.u0", id: "00u0" }]);
    expect(Object.keys(tf.resource.okta_user)).toHaveLength(10_000);
  });
});

const describeTerraform = terraformGate("the representative verdict").describe;

describeTerraform("terraform's verdict on a representative sample", () => {
  test("accepts a valid 10,000-user stack and still finds a mistake in a single user, naming the original file", async () => {
    // GIVEN
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "representative-")), "okta-prod");
    fs.mkdirSync(dir);
    const tf = bigStack(10_000);
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(tf));
    // WHEN / THEN
    const started = Date.now();
    expect((await validateWithTerraform([dir], { transform: representativeStack })).problems).toEqual([]);
    const seconds = (Date.now() - started) / 1000;
    tf.resource.okta_user.u4321.tittle = "Engineer";
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(tf));
    const { problems } = await validateWithTerraform([dir], { transform: representativeStack });
    expect(problems.map((p) => [p.file, p.path, p.message])).toEqual([
      [path.join(dir, "cdk.tf.json"), "resource.okta_user.u4321", 'Extraneous JSON object property: No argument or block type is named "tittle". Did you mean "title"?'],
    ]);
    console.log(`terraform validate of a 10,000-user stack by its representative sample: ${seconds.toFixed(1)} s`);
  }, 60_000);
});
