import { Testing, TerraformStack } from "cdktf";
import { notificationConfiguration, variable, workspace } from "@cdktf/provider-tfe";
import { OktaCloudWorkspaceOrg, OktaCloudWorkspacesStack, OktaCloudWorkspacesStackProps } from "../lib";
import { ENVIRONMENTS } from "../stacks/environments";

const DEV: OktaCloudWorkspaceOrg = { stackId: "okta-dev", workspace: "okta-dev", orgName: "acme-dev", baseUrl: "oktapreview.com" };
const PROD: OktaCloudWorkspaceOrg = { stackId: "okta-prod", workspace: "okta-prod", orgName: "acme", baseUrl: "okta.com", production: true };

function workspacesStack(props: Partial<OktaCloudWorkspacesStackProps> = {}): OktaCloudWorkspacesStack {
  return new OktaCloudWorkspacesStack(Testing.app(), "okta-workspaces", { organization: "example-org", orgs: [DEV, PROD], ...props });
}

function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** The tfe_variable resources of one workspace, by key. */
function variablesOf(json: any, workspaceAddress: string): Record<string, any> {
  return Object.fromEntries(
    Object.values<any>(json.resource.tfe_variable)
      .filter((v) => v.workspace_id === `\${tfe_workspace.${workspaceAddress}.id}`)
      .map((v) => [v.key, v]),
  );
}

describe("OktaCloudWorkspacesStack", () => {
  test("creates one CLI-driven workspace per org with remote execution", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    expect(Object.keys(json.resource.tfe_workspace)).toEqual(["okta_dev", "okta_prod"]);
    expect(json.resource.tfe_workspace.okta_dev).toEqual({
      name: "okta-dev",
      organization: "example-org",
      description: "Okta org acme-dev.oktapreview.com, managed by the cdktf stack okta-dev.",
      auto_apply: true,
      allow_destroy_plan: true,
      assessments_enabled: true,
    });
    expect(json.resource.tfe_workspace.okta_dev.vcs_repo).toBeUndefined();
    expect(json.resource.tfe_workspace_settings).toEqual({
      okta_dev_settings: { workspace_id: "${tfe_workspace.okta_dev.id}", execution_mode: "remote" },
      okta_prod_settings: { workspace_id: "${tfe_workspace.okta_prod.id}", execution_mode: "remote" },
    });
  });

  test("production workspaces apply only after a manual confirmation and refuse destroy plans", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    expect(json.resource.tfe_workspace.okta_prod).toMatchObject({ auto_apply: false, allow_destroy_plan: false, assessments_enabled: true });
    expect(json.resource.tfe_workspace.okta_dev).toMatchObject({ auto_apply: true, allow_destroy_plan: true });
  });

  test("health assessments can be turned off per org", () => {
    // WHEN
    const json = synthJson(workspacesStack({ orgs: [{ ...DEV, assessments: false }, PROD] }));
    // THEN
    expect(json.resource.tfe_workspace.okta_dev.assessments_enabled).toBe(false);
    expect(json.resource.tfe_workspace.okta_prod.assessments_enabled).toBe(true);
  });

  test("sets OKTA_ORG_NAME and OKTA_BASE_URL as plain environment variables", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    const dev = variablesOf(json, "okta_dev");
    expect(dev.OKTA_ORG_NAME).toEqual({ workspace_id: "${tfe_workspace.okta_dev.id}", category: "env", key: "OKTA_ORG_NAME", value: "acme-dev", sensitive: false });
    expect(dev.OKTA_BASE_URL).toMatchObject({ category: "env", value: "oktapreview.com", sensitive: false });
    expect(variablesOf(json, "okta_prod").OKTA_ORG_NAME).toMatchObject({ value: "acme" });
  });

  test("base URL defaults to okta.com", () => {
    // WHEN
    const json = synthJson(workspacesStack({ orgs: [{ stackId: "okta-prod", workspace: "okta-prod", orgName: "acme" }] }));
    // THEN
    expect(variablesOf(json, "okta_prod").OKTA_BASE_URL.value).toBe("okta.com");
  });

  test("OAuth credentials are sensitive environment variables fed from sensitive Terraform variables", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    const dev = variablesOf(json, "okta_dev");
    expect(Object.keys(dev).sort()).toEqual(["OKTA_API_CLIENT_ID", "OKTA_API_PRIVATE_KEY", "OKTA_API_PRIVATE_KEY_ID", "OKTA_API_SCOPES", "OKTA_BASE_URL", "OKTA_ORG_NAME"]);
    for (const [key, name] of [
      ["OKTA_API_CLIENT_ID", "okta_dev_client_id"],
      ["OKTA_API_PRIVATE_KEY", "okta_dev_private_key"],
      ["OKTA_API_PRIVATE_KEY_ID", "okta_dev_private_key_id"],
    ]) {
      expect(dev[key]).toMatchObject({ category: "env", sensitive: true, value: `\${var.${name}}` });
      expect(json.variable[name]).toMatchObject({ type: "string", sensitive: true });
    }
  });

  test("OAuth scopes come from a Terraform variable, or are written out when the org lists them", () => {
    // WHEN
    const json = synthJson(workspacesStack({ orgs: [DEV, { ...PROD, auth: { method: "oauth", scopes: ["okta.users.manage", "okta.groups.manage"] } }] }));
    // THEN
    expect(variablesOf(json, "okta_dev").OKTA_API_SCOPES).toMatchObject({ value: "${var.okta_dev_scopes}", sensitive: false });
    expect(json.variable.okta_dev_scopes.type).toBe("string");
    expect(variablesOf(json, "okta_prod").OKTA_API_SCOPES).toMatchObject({ value: "okta.users.manage,okta.groups.manage", sensitive: false });
    expect(json.variable.okta_prod_scopes).toBeUndefined();
  });

  test("an API-token org gets OKTA_API_TOKEN only, fed from a sensitive variable", () => {
    // WHEN
    const stack = workspacesStack({ orgs: [DEV, { ...PROD, auth: { method: "api-token" } }] });
    const json = synthJson(stack);
    // THEN
    const prod = variablesOf(json, "okta_prod");
    expect(Object.keys(prod).sort()).toEqual(["OKTA_API_TOKEN", "OKTA_BASE_URL", "OKTA_ORG_NAME"]);
    expect(prod.OKTA_API_TOKEN).toMatchObject({ category: "env", sensitive: true, value: "${var.okta_prod_api_token}" });
    expect(json.variable.okta_prod_api_token).toMatchObject({ sensitive: true });
    expect(stack.secretVariables.map((v) => v.friendlyUniqueId)).toEqual(["okta_dev_client_id", "okta_dev_private_key", "okta_dev_private_key_id", "okta_prod_api_token"]);
  });

  test("no variable value is a literal secret: every sensitive value is a variable reference, and variables have no defaults", () => {
    // WHEN
    const json = synthJson(workspacesStack({ driftNotification: { destinationType: "slack" } }));
    // THEN
    const sensitive = Object.values<any>(json.resource.tfe_variable).filter((v) => v.sensitive);
    expect(sensitive).toHaveLength(6);
    for (const v of sensitive) expect(v.value).toMatch(/^\$\{var\.[a-z_]+\}$/);
    for (const v of Object.values<any>(json.variable)) expect(v.default).toBeUndefined();
    expect(json.resource.tfe_notification_configuration.okta_dev_drift.url).toBe("${var.drift_notification_url}");
    expect(json.variable.drift_notification_url).toMatchObject({ sensitive: true });
  });

  test("the tfe provider gets the organization but no token (TFE_TOKEN comes from the environment)", () => {
    // WHEN
    const json = synthJson(workspacesStack({ hostname: "tfe.example.com" }));
    // THEN
    expect(json.provider.tfe).toEqual([{ organization: "example-org", hostname: "tfe.example.com" }]);
    expect(json.terraform.required_providers.tfe.source).toBe("hashicorp/tfe");
  });

  test("keeps state outside cdktf.out, like the org stacks", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.okta-workspaces.tfstate" } });
  });

  test("creates the project and puts the workspaces in it, or looks an existing one up", () => {
    // WHEN
    const created = synthJson(workspacesStack({ project: "okta" }));
    const existing = synthJson(workspacesStack({ project: "okta", createProject: false }));
    // THEN
    expect(created.resource.tfe_project.project).toEqual({ name: "okta", organization: "example-org" });
    expect(created.resource.tfe_workspace.okta_dev.project_id).toBe("${tfe_project.project.id}");
    expect(existing.resource.tfe_project).toBeUndefined();
    expect(existing.data.tfe_project.project).toEqual({ name: "okta", organization: "example-org" });
    expect(existing.resource.tfe_workspace.okta_prod.project_id).toBe("${data.tfe_project.project.id}");
  });

  test("no project and no notification unless configured", () => {
    // WHEN
    const json = synthJson(workspacesStack());
    // THEN
    expect(json.resource.tfe_project).toBeUndefined();
    expect(json.resource.tfe_workspace.okta_dev.project_id).toBeUndefined();
    expect(json.resource.tfe_notification_configuration).toBeUndefined();
    expect(json.variable.drift_notification_url).toBeUndefined();
  });

  test("a drift notification goes to every workspace with assessments, on drift and failed assessments", () => {
    // WHEN
    const json = synthJson(
      workspacesStack({
        orgs: [{ ...DEV, assessments: false }, PROD],
        driftNotification: { destinationType: "email", emailUserIds: ["ou-123"] },
      }),
    );
    // THEN
    expect(json.resource.tfe_notification_configuration).toEqual({
      okta_prod_drift: {
        name: "Okta drift",
        workspace_id: "${tfe_workspace.okta_prod.id}",
        destination_type: "email",
        enabled: true,
        triggers: ["assessment:drifted", "assessment:failed"],
        email_user_ids: ["ou-123"],
      },
    });
    expect(json.variable.drift_notification_url).toBeUndefined();
  });

  test("a webhook URL given as a value is used as is", () => {
    // WHEN
    const stack = workspacesStack({ driftNotification: { destinationType: "microsoft-teams", url: "${var.teams_url}", name: "Drift" } });
    // THEN
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(notificationConfiguration.NotificationConfiguration, {
      name: "Drift",
      destination_type: "microsoft-teams",
      url: "${var.teams_url}",
    });
    expect(JSON.parse(synthesized).variable.drift_notification_url).toBeUndefined();
  });

  test("workspace() returns an org's workspace for further settings", () => {
    // GIVEN
    const stack = workspacesStack();
    // WHEN
    stack.workspace("okta-prod").tagNames = ["okta"];
    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(workspace.Workspace, { name: "okta-prod", tag_names: ["okta"] });
    expect(() => stack.workspace("okta-test")).toThrow(
      'okta-workspaces: no workspace for stack "okta-test"; the stack has workspaces for "okta-dev", "okta-prod".',
    );
  });

  test("builds from ENVIRONMENTS: one workspace per org stack, auto-apply exactly for non-production", () => {
    // WHEN
    const stack = workspacesStack({ orgs: ENVIRONMENTS.map((env) => ({ ...env })) });
    const json = synthJson(stack);
    // THEN
    for (const env of ENVIRONMENTS) {
      const ws = Object.values<any>(json.resource.tfe_workspace).find((w) => w.name === env.workspace);
      expect(ws).toMatchObject({ auto_apply: !env.production, assessments_enabled: true });
    }
    expect(Testing.synth(stack)).toHaveResourceWithProperties(variable.Variable, { key: "OKTA_ORG_NAME", value: "acme-staging" });
  });

  describe("fails early", () => {
    test("on an empty organization", () => {
      expect(() => workspacesStack({ organization: " " })).toThrow("okta-workspaces: organization is empty; give it a value.");
    });

    test("without orgs", () => {
      expect(() => workspacesStack({ orgs: [] })).toThrow(
        'okta-workspaces: orgs is empty; give one entry per Okta org, e.g. { stackId: "okta-dev", workspace: "okta-dev", orgName: "acme-dev", baseUrl: "oktapreview.com" }.',
      );
    });

    test("on a workspace name Terraform Cloud rejects", () => {
      expect(() => workspacesStack({ orgs: [{ ...DEV, workspace: "okta dev" }] })).toThrow(
        'okta-workspaces: org "okta-dev" has workspace "okta dev"; Terraform Cloud workspace names use only letters, digits, "-" and "_" (at most 90). Use e.g. "okta-dev".',
      );
    });

    test("when two orgs share a workspace", () => {
      expect(() => workspacesStack({ orgs: [DEV, { ...PROD, workspace: "okta-dev" }] })).toThrow(
        'okta-workspaces: orgs "okta-dev" and "okta-prod" both have workspace "okta-dev"; give each org its own.',
      );
    });

    test("when two stack ids give the same resource names", () => {
      expect(() => workspacesStack({ orgs: [DEV, { ...PROD, stackId: "okta_dev" }] })).toThrow(
        'okta-workspaces: orgs "okta-dev" and "okta_dev" both have stackId "okta_dev" (stack ids name resources and variables, with "-" read as "_"); give each org its own.',
      );
    });

    test("on an email notification without recipients", () => {
      expect(() => workspacesStack({ driftNotification: { destinationType: "email" } })).toThrow(
        'okta-workspaces: driftNotification.destinationType is "email" but neither emailUserIds nor emailAddresses is set; list HCP Terraform organization membership ids ("ou-...") in emailUserIds (emailAddresses works on Terraform Enterprise only).',
      );
    });

    test("on a literal webhook URL, a secret", () => {
      expect(() => workspacesStack({ driftNotification: { destinationType: "slack", url: "https://hooks.slack.com/services/T0/B0/xyz" } })).toThrow(
        "okta-workspaces: driftNotification.url is a literal webhook URL, a secret that would be written to cdk.tf.json and state. Pass a sensitive TerraformVariable's stringValue instead, or leave url out to use var.drift_notification_url (TF_VAR_drift_notification_url).",
      );
    });

    test("on an unknown destination type", () => {
      expect(() => workspacesStack({ driftNotification: { destinationType: "pager" as any } })).toThrow(
        'okta-workspaces: driftNotification.destinationType is "pager"; allowed values are "slack", "microsoft-teams", "generic", "email".',
      );
    });
  });
});
