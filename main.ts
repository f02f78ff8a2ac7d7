import { OktaApp, OktaOrgStack, OktaSynthError } from "./lib";
import { ENVIRONMENTS } from "./stacks/environments";
import { defineIdentity } from "./stacks/identity";

/**
 * One stack per Okta org. Terraform Cloud is off unless TFC_ORGANIZATION names the organization
 * whose workspaces run the stacks; without it each stack keeps local state.
 */
const tfcOrganization = process.env.TFC_ORGANIZATION;
const app = new OktaApp();
for (const env of ENVIRONMENTS) {
  const stack = new OktaOrgStack(app, env.stackId, {
    orgName: env.orgName,
    baseUrl: env.baseUrl,
    environment: env.name,
    production: env.production,
    cloud: tfcOrganization ? { organization: tfcOrganization, workspace: env.workspace } : undefined,
  });
  defineIdentity(stack, env);
}

try {
  app.synth();
} catch (error) {
  if (!(error instanceof OktaSynthError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
