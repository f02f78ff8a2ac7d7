/** The Okta orgs this repository manages: one stack, and one Terraform Cloud workspace, each. */
export interface Environment {
  /** Short name: "dev", "staging", "prod". */
  readonly name: string;
  /** The cdktf stack id, used as `cdktf deploy <stackId>`. */
  readonly stackId: string;
  /** The org's subdomain. */
  readonly orgName: string;
  /** The org's domain. */
  readonly baseUrl: string;
  /** Production orgs get prevent_destroy on everything and manual applies. */
  readonly production: boolean;
  /** The Terraform Cloud workspace that runs this stack. */
  readonly workspace: string;
  /** Create the test users (only in non-production orgs). */
  readonly testUsers: boolean;
}

export const ENVIRONMENTS: readonly Environment[] = [
  { name: "dev", stackId: "okta-dev", orgName: "acme-dev", baseUrl: "oktapreview.com", production: false, workspace: "okta-dev", testUsers: true },
  { name: "staging", stackId: "okta-staging", orgName: "acme-staging", baseUrl: "oktapreview.com", production: false, workspace: "okta-staging", testUsers: true },
  { name: "prod", stackId: "okta-prod", orgName: "acme", baseUrl: "okta.com", production: true, workspace: "okta-prod", testUsers: false },
];
