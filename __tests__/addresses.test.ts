import { Testing } from "cdktf";
import { OktaUser } from "../lib";
import { orgStack, synthJson } from "./util";

describe("address-taking meta-arguments", () => {
  test("are bare addresses wherever they come from, escape hatch included", () => {
    // GIVEN
    const stack = orgStack();
    const user = new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R" });
    // WHEN: a user writes cdktf references where Terraform wants addresses
    user.resource.addOverride("lifecycle.ignore_changes", ["${title}", "department"]);
    user.resource.addOverride("lifecycle.replace_triggered_by", ["${terraform_data.rev}"]);
    stack.addOverride("moved", [{ from: "${okta_user.old}", to: "${okta_user.bird}" }]);
    stack.addOverride("import", [{ to: "${okta_user.bird}", id: "00u1" }]);
    stack.addOverride("output.login", { value: "${okta_user.bird.login}", depends_on: ["${okta_user.bird}"] });
    // THEN
    const tf = synthJson(stack);
    expect(tf.resource.okta_user.bird.lifecycle).toEqual({ ignore_changes: ["title", "department"], replace_triggered_by: ["terraform_data.rev"] });
    expect(tf.moved).toEqual([{ from: "okta_user.old", to: "okta_user.bird" }]);
    expect(tf.import).toEqual([{ to: "okta_user.bird", id: "00u1" }]);
    expect(tf.output.login).toEqual({ value: "${okta_user.bird.login}", depends_on: ["okta_user.bird"] });
  });

  test("leave values that are not one whole reference alone", () => {
    const stack = orgStack("okta-dev", {}, Testing.app());
    stack.addOverride("moved", [{ from: "okta_user.a", to: "x-${okta_user.b}" }]);
    expect(synthJson(stack).moved).toEqual([{ from: "okta_user.a", to: "x-${okta_user.b}" }]);
  });
});
