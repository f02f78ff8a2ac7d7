import { App, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { OktaOrgStack, OktaOrgStackProps } from "../lib";
import { OktaTesting } from "../lib/testing";

/** A fresh org stack in its own app, as the tests' starting point. */
export function orgStack(id = "okta-dev", props: Partial<OktaOrgStackProps> = {}, app: App = Testing.app()): OktaOrgStack {
  return new OktaOrgStack(app, id, { orgName: "acme-dev", environment: "dev", ...props });
}

/** Every problem the synth would report. */
export function problems(scope: IConstruct): string[] {
  return OktaTesting.problems(scope);
}

/** The synthesized Terraform JSON of a stack (validations not run). */
export function synthJson(stack: OktaOrgStack): any {
  return OktaTesting.synth(stack);
}

/** The warnings of a construct and everything in it, after the validations that add warnings ran. */
export function warnings(scope: IConstruct): string[] {
  return OktaTesting.warnings(scope);
}
