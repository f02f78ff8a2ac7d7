import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformVariable } from "cdktf";
import { OktaGroup, OktaGroupRule, OktaIdentitySource, OktaIdentitySourceUser, OktaUser, OktaUserSchemaProperty, loadDirectory } from "../lib";
import { orgStack, synthJson } from "./util";

const INJECTED = '${file("/etc/passwd")}';

describe("values from props and data files are literal", () => {
  test("template sequences in user, group, rule and schema-property props are escaped so Terraform reads them literally", () => {
    // GIVEN
    const stack = orgStack();
    const group = new OktaGroup(stack, "garden", { name: "%{ if true }Garden%{ endif }", description: "$${already}" });
    new OktaUser(stack, "bird", {
      login: "bird@example.com", email: "bird@example.com", firstName: INJECTED, lastName: "R",
      customProfile: { nickname: "${path.cwd}" }, importId: '${uuid()}', groups: [group],
    });
    new OktaGroupRule(stack, "rule", { name: "${var.x}", expression: 'user.title == "${x}"', groups: [group] });
    new OktaUserSchemaProperty(stack, "nickname", { index: "nickname", title: "${title}", type: "string" });
    // WHEN
    const tf = synthJson(stack);
    // THEN
    expect(tf.resource.okta_user.bird.first_name).toBe('$${file("/etc/passwd")}');
    expect(tf.resource.okta_user.bird.custom_profile_attributes).toBe('{"nickname":"$${path.cwd}"}');
    expect(tf.import).toEqual([{ to: "okta_user.bird", id: "$${uuid()}" }]);
    expect(tf.resource.okta_group.garden).toEqual({ name: "%%{ if true }Garden%%{ endif }", description: "$$${already}" });
    expect(tf.resource.okta_group_rule.rule.name).toBe("$${var.x}");
    expect(tf.resource.okta_group_rule.rule.expression_value).toBe('user.title == "$${x}"');
    expect(tf.resource.okta_group_rule.rule.group_assignments).toEqual(["${okta_group.garden.id}"]);
    expect(tf.resource.okta_user_schema_property.nickname.title).toBe("$${title}");
  });

  test("cdktf tokens still become expressions, alone or inside a literal", () => {
    // GIVEN
    const stack = orgStack();
    const domain = new TerraformVariable(stack, "domain", { type: "string" });
    // WHEN
    new OktaUser(stack, "bird", { login: `bird@${domain.stringValue}`, email: `bird@${domain.stringValue}`, firstName: "${not} a token", lastName: domain.stringValue });
    // THEN
    const user = synthJson(stack).resource.okta_user.bird;
    expect(user.login).toBe("bird@${var.domain}");
    expect(user.last_name).toBe("${var.domain}");
    expect(user.first_name).toBe("$${not} a token");
  });

  test("values read from a CSV file are literal too", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-literal-"));
    fs.writeFileSync(path.join(dir, "users.csv"), `id,login,email,firstName,lastName\ne1,a@example.com,a@example.com,"${INJECTED.replace(/"/g, '""')}",L\n`);
    const stack = orgStack();
    // WHEN
    loadDirectory(stack, { users: path.join(dir, "users.csv") });
    // THEN
    expect(synthJson(stack).resource.okta_user.e1.first_name).toBe('$${file("/etc/passwd")}');
  });

  test("identity-source records are literal", () => {
    const stack = orgStack();
    const hr = new OktaIdentitySource(stack, "Hr", { identitySourceId: "0oa1" });
    new OktaIdentitySourceUser(stack, "u1", { source: hr, externalId: "U1", profile: { userName: "u1@example.com", email: "u1@example.com", firstName: INJECTED, lastName: "L" } });
    expect(synthJson(stack).resource.okta_identity_source_user.u1.profile.first_name).toBe('$${file("/etc/passwd")}');
  });
});
