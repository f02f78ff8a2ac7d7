/**
 * One rule for every test file that needs the terraform CLI: with terraform on PATH its Terraform tests
 * run; without, they are skipped with a line that says so, and, where terraform must run
 * (CDKTF_OKTA_REQUIRE_TERRAFORM=1, which .ci/run sets when terraform is on PATH), a test fails instead.
 */
import { terraformOnPath } from "../lib/test-provider/harness";

/** What a file's Terraform tests run with. */
export interface TerraformGate {
  /** The terraform binary on PATH, if any. */
  readonly terraform: string | undefined;
  /** `describe`, or `describe.skip` without terraform. */
  readonly describe: jest.Describe;
  /** `test`, or `test.skip` without terraform. */
  readonly test: jest.It;
}

/**
 * The gate for a file's Terraform tests; call it once, at the top level of the file. `what` names them
 * in the skip line and in the failure, e.g. "the Terraform suite".
 */
export function terraformGate(what: string): TerraformGate {
  const terraform = terraformOnPath();
  if (!terraform) {
    const required = process.env.CDKTF_OKTA_REQUIRE_TERRAFORM === "1";
    console.log(`${what}: skipped, no terraform binary on PATH (install terraform 1.11 to run it)${required ? "; CDKTF_OKTA_REQUIRE_TERRAFORM=1, so this fails" : ""}.`);
    if (required) {
      test("terraform is on PATH (CDKTF_OKTA_REQUIRE_TERRAFORM=1)", () => {
        throw new Error(`CDKTF_OKTA_REQUIRE_TERRAFORM=1 but there is no terraform on PATH: ${what} cannot run.`);
      });
    }
  }
  return { terraform, describe: terraform ? describe : describe.skip, test: terraform ? test : test.skip };
}
