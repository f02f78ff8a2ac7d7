import { OktaApp, OktaCloudWorkspacesStack, OktaOrgStack, refreshSummary } from "./lib";
import { Annotations } from "cdktf";
import { messages } from "./lib/problems/messages";
import { ENVIRONMENTS } from "./stacks/environments";
import { defineIdentity } from "./stacks/identity";

/**
 * One stack per Okta org. Terraform Cloud is off unless TFC_ORGANIZATION names the organization
 * whose workspaces run the stacks; without it each stack keeps local state.
 */
const tfcOrganization = process.env.TFC_ORGANIZATION;
const PLACEHOLDER_ORGANIZATION = "example-org";
// OktaApp validates every stack before it replaces cdktf.out (with terraform on PATH, Terraform judges too);
// a failed synth prints every problem once, by stack, and exits with status 1.
const app = new OktaApp();
const orgStacks = ENVIRONMENTS.map((env) => {
  const stack = new OktaOrgStack(app, env.stackId, {
    orgName: env.orgName,
    baseUrl: env.baseUrl,
    environment: env.name,
    production: env.production,
    cloud: tfcOrganization ? { organization: tfcOrganization, workspace: env.workspace } : undefined,
  });
  defineIdentity(stack, env);
  return stack;
});

// The Terraform Cloud workspaces the org stacks run in; deploy it first. "example-org" keeps an offline synth working.
const workspaces = new OktaCloudWorkspacesStack(app, "okta-workspaces", {
  organization: tfcOrganization || PLACEHOLDER_ORGANIZATION,
  orgs: ENVIRONMENTS.map((env, i) => ({
    stackId: env.stackId,
    workspace: env.workspace,
    orgName: env.orgName,
    baseUrl: env.baseUrl,
    production: env.production,
    auth: { method: "oauth", scopes: orgStacks[i].requiredScopes },
  })),
});
if (!tfcOrganization) Annotations.of(workspaces).addWarning(messages.placeholderCloudOrganization(workspaces.node.path, PLACEHOLDER_ORGANIZATION));

app.synth();
// A plan refreshes every resource against Okta's rate limits: say so when that takes a while.
for (const line of refreshSummary(app.finalOutdir)) console.log(line);
