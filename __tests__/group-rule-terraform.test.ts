/**
 * A group rule's depends_on on the custom attributes it reads, judged by the real terraform CLI
 * through the test provider (lib/test-provider). Runs when terraform is on PATH; skipped otherwise.
 */
import { Testing } from "cdktf";
import { OktaGroup, OktaGroupRule, OktaOrgStack, OktaUserSchemaProperty } from "../lib";
import { TerraformResult, TerraformSandbox } from "../lib/test-provider/harness";
import { terraformGate } from "./terraform-gate";

const describeTerraform = terraformGate("the group rule plans").describe;

/** Fails the test with terraform's own output when a command did not succeed. */
function succeeds(result: TerraformResult): void {
  if (result.status !== 0) throw new Error(`terraform ${result.args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

describeTerraform("a group rule that reads a custom attribute, through terraform", () => {
  test("validates, plans the depends_on, and is created after the attribute", async () => {
    // GIVEN a rule declared before the property it reads
    const stack = new OktaOrgStack(Testing.app(), "okta-dev", { orgName: "acme-dev", environment: "dev" });
    const contractors = new OktaGroup(stack, "contractors", { name: "Contractors" });
    new OktaGroupRule(stack, "contractor_rule", { name: "Contractors", expression: 'user.employment_type == "Contractor"', groups: [contractors] });
    new OktaUserSchemaProperty(stack, "employment_type", { index: "employment_type", title: "Employment type", type: "string" });
    const sandbox = await TerraformSandbox.create({ name: "okta-dev", files: { "cdk.tf.json": JSON.parse(Testing.synth(stack)) } });
    try {
      // WHEN
      succeeds(sandbox.terraform(["init", "-input=false"]));
      succeeds(sandbox.terraform(["validate"]));
      const { plan, result } = sandbox.planJson();
      succeeds(result);
      succeeds(sandbox.terraform(["apply", "plan.tfplan"]));

      // THEN
      const rule = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === "okta_group_rule.contractor_rule");
      expect(rule.depends_on).toEqual(["okta_user_schema_property.employment_type"]);
      const log = sandbox.org.read().log;
      const property = log.find((entry) => entry.type === "okta_user_schema_property" && entry.op === "create")!;
      const created = log.find((entry) => entry.type === "okta_group_rule" && entry.op === "create")!;
      expect(property.end).toBeLessThanOrEqual(created.start);
    } finally {
      await sandbox.stop();
    }
  });
});
