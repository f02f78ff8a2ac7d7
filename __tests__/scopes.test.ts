import * as fs from "node:fs";
import * as path from "node:path";
import { dataSourceScope, resourceScope } from "../lib/core/scopes";

const okta = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "okta.json"), "utf8")).provider_schemas["registry.terraform.io/okta/okta"];

/**
 * The scopes Okta documents: "Okta Admin Management" of https://developer.okta.com/docs/api/oauth2,
 * the factors, push-provider and UI-schema scopes of the "Implement OAuth for Okta" guide, and the
 * Identity Governance scopes of https://developer.okta.com/docs/api/iga/oauth2.
 */
const ADMIN_APIS = [
  "agentPools", "apiTokens", "appGrants", "apps", "authenticators", "authorizationServers", "behaviors", "brands", "captchas",
  "deviceAssurance", "devices", "domains", "emailDomains", "emailServers", "eventHooks", "features", "groups", "identitySources",
  "idps", "inlineHooks", "linkedObjects", "logStreams", "networkZones", "oauthIntegrations", "orgs", "policies",
  "principalRateLimits", "profileMappings", "rateLimits", "realms", "roles", "schemas", "sessions", "templates", "threatInsights",
  "trustedOrigins", "userTypes", "users", "factors", "pushProviders", "uischemas",
];
const DOCUMENTED = new Set([
  ...ADMIN_APIS.flatMap((api) => [`okta.${api}.manage`, `okta.${api}.read`]),
  "okta.logs.read",
  ...["accessCertifications", "accessRequests", "entitlements"].flatMap((api) => [`okta.governance.${api}.manage`, `okta.governance.${api}.read`]),
  "okta.accessRequests.catalog.read",
  ...["condition", "request"].flatMap((api) => [`okta.accessRequests.${api}.manage`, `okta.accessRequests.${api}.read`]),
]);

describe("OAuth scopes by type", () => {
  test("every resource type needs a manage scope and every data source a read scope, but the public org metadata", () => {
    // WHEN
    const resources = Object.keys(okta.resource_schemas).filter((type) => !resourceScope(type)?.endsWith(".manage"));
    const dataSources = Object.keys(okta.data_source_schemas).filter((type) => !dataSourceScope(type)?.endsWith(".read"));
    // THEN
    expect([resources, dataSources]).toEqual([[], ["okta_org_metadata"]]);
  });

  test("every scope is one Okta documents, but the security-events providers' own", () => {
    // WHEN
    const used = new Set([...Object.keys(okta.resource_schemas).map(resourceScope), ...Object.keys(okta.data_source_schemas).map(dataSourceScope)]);
    // THEN
    expect([...used].filter((scope) => scope !== undefined && !DOCUMENTED.has(scope)).sort()).toEqual([
      "okta.securityEventsProviders.manage",
      "okta.securityEventsProviders.read",
    ]);
  });

  test.each([
    ["okta_user", "okta.users.manage"],
    ["okta_group_memberships", "okta.groups.manage"],
    ["okta_user_schema_property", "okta.schemas.manage"],
    ["okta_identity_source_import", "okta.identitySources.manage"],
    ["okta_app_oauth", "okta.apps.manage"],
    ["okta_app_group_assignment", "okta.apps.manage"],
    ["okta_app_signon_policy_rule", "okta.policies.manage"],
    ["okta_app_oauth_api_scope", "okta.appGrants.manage"],
    ["okta_app_user_schema_property", "okta.schemas.manage"],
    ["okta_group_role", "okta.roles.manage"],
    ["okta_policy_device_assurance_ios", "okta.deviceAssurance.manage"],
    ["okta_auth_server_policy_rule", "okta.authorizationServers.manage"],
    ["okta_user_factor_question", "okta.users.manage"],
    ["okta_hook_key", "okta.inlineHooks.manage"],
    ["okta_campaign", "okta.governance.accessCertifications.manage"],
    ["okta_request_condition", "okta.accessRequests.condition.manage"],
  ])("resource %s needs %s", (type, scope) => {
    expect(resourceScope(type)).toBe(scope);
  });

  test.each([
    ["okta_user", "okta.users.read"],
    ["okta_groups", "okta.groups.read"],
    ["okta_identity_source_sessions", "okta.identitySources.read"],
    ["okta_apps", "okta.apps.read"],
    ["okta_default_policy", "okta.policies.read"],
    ["okta_catalog_entry_default", "okta.accessRequests.catalog.read"],
    ["okta_org_metadata", undefined],
  ])("data source %s needs %s", (type, scope) => {
    expect(dataSourceScope(type)).toBe(scope);
  });

  test("a type outside every family needs nothing, and so does a type of another provider", () => {
    expect([resourceScope("okta_widget"), dataSourceScope("okta_widget"), resourceScope("tfe_workspace")]).toEqual([undefined, undefined, undefined]);
  });
});
