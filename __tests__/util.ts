import { App, Testing } from "cdktf";
import { OktaOrgStack, OktaOrgStackProps } from "../lib";
import { collectProblems } from "../lib/private/problems";

/** A fresh org stack in its own app, as the tests' starting point. */
export function orgStack(id = "okta-dev", props: Partial<OktaOrgStackProps> = {}, app: App = Testing.app()): OktaOrgStack {
  return new OktaOrgStack(app, id, { orgName: "acme-dev", environment: "dev", ...props });
}

/** Every problem the synth would report. */
export function problems(stack: OktaOrgStack): string[] {
  return collectProblems(stack);
}

/** The synthesized Terraform JSON of a stack (validations not run). */
export function synthJson(stack: OktaOrgStack): any {
  return JSON.parse(Testing.synth(stack));
}
