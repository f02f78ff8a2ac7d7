import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { OktaDirectory } from "./directory";

/**
 * The Okta API each okta type calls, by family (the type name without "okta_"; the first match wins).
 * Okta names its OAuth scopes okta.<API>.<operation>: `read` for GET, `manage` for POST, PUT and
 * DELETE, and manage includes read. So a resource, which the provider creates, updates and deletes,
 * needs okta.<API>.manage, and a data source, which only reads, needs okta.<API>.read.
 *
 * - Admin Management APIs: @see https://developer.okta.com/docs/api/oauth2 ("Okta Admin Management");
 *   factors, push providers and UI schemas: @see https://developer.okta.com/docs/guides/implement-oauth-for-okta/scopes
 * - Identity Governance APIs (campaigns, reviews, entitlements, access requests): @see https://developer.okta.com/docs/api/iga/oauth2
 *
 * Where an API sits under another's path, its scope is that API's: user factors, risk, linked-object
 * values and security questions live under /api/v1/users (okta.users.*); group push mappings, app
 * tokens and app policy assignments under /api/v1/apps (okta.apps.*); hook keys are part of the
 * inline hooks API; trusted servers belong to an authorization server; the deprecated okta_email_sender
 * was replaced by email domains. okta_security_notification_emails and okta_profile_mapping also call
 * internal endpoints for which Okta documents no scope. okta.securityEventsProviders.* is not on
 * Okta's list: it is named from its API (/api/v1/security-events-providers) by the same rule.
 */
const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(admin_role_.*|resource_set|role_subscription|group_role|user_admin_roles|app_oauth_role_assignment|iam_assignees_user)$/, "roles"],
  [/^agent_pool_update$/, "agentPools"],
  [/^api_service_integration$/, "oauthIntegrations"],
  [/^api_token$/, "apiTokens"],
  [/^app_oauth_api_scope$/, "appGrants"],
  [/^(app_user_base_schema_property|app_user_schema_property|group_schema_property|user_schema_property|user_base_schema_property)$/, "schemas"],
  [/^(app_signon_policy|app_signon_policy_rules?|app_sign_on_policy_rule)$/, "policies"],
  [/^(apps?|app_.*|push_groups?)$/, "apps"],
  [/^(auth_server.*|authorization_servers_policies_rule|oauth_authorization_server|trusted_server)$/, "authorizationServers"],
  [/^authenticator.*$/, "authenticators"],
  [/^behaviors?$/, "behaviors"],
  [/^(brands?|themes?|email_customizations?|email_templates?|email_template_settings|customized_signin_page|preview_signin_page|default_signin_page)$/, "brands"],
  [/^(campaign|review)$/, "governance.accessCertifications"],
  [/^captcha.*$/, "captchas"],
  [/^(policy_device_assurance_.*|device_assurance_policy)$/, "deviceAssurance"],
  [/^device$/, "devices"],
  [/^domain(_certificate|_verification)?$/, "domains"],
  [/^(email_domain|email_domain_verification|email_sender|email_sender_verification)$/, "emailDomains"],
  [/^email_smtp_server$/, "emailServers"],
  [/^(end_user_my_requests|request_v2)$/, "accessRequests.request"],
  [/^catalog_entry_.*$/, "accessRequests.catalog"],
  [/^(request_condition|request_sequence|request_setting_organization|request_setting_resource)$/, "accessRequests.condition"],
  [/^(entitlement|entitlement_bundle|principal_entitlements)$/, "governance.entitlements"],
  [/^event_hook(_verification)?$/, "eventHooks"],
  [/^factor(_totp)?$/, "factors"],
  [/^features?$/, "features"],
  [/^(hook_key|inline_hook)$/, "inlineHooks"],
  [/^identity_source_.*$/, "identitySources"],
  [/^idp_.*$/, "idps"],
  [/^link_definition$/, "linkedObjects"],
  [/^log_stream$/, "logStreams"],
  [/^network_zone$/, "networkZones"],
  [/^(org_configuration|org_support|security_notification_emails)$/, "orgs"],
  [/^(default_policy|policy|policy_.*|entity_risk_policy.*|post_auth_session_policy.*|session_violation_policy.*)$/, "policies"],
  [/^principal_rate_limits$/, "principalRateLimits"],
  [/^(profile_mapping|user_profile_mapping_source)$/, "profileMappings"],
  [/^push_provider$/, "pushProviders"],
  [/^rate_limit.*$/, "rateLimits"],
  [/^realm(_assignment)?$/, "realms"],
  [/^security_events_provider$/, "securityEventsProviders"],
  [/^template_sms$/, "templates"],
  [/^threat_insight_settings$/, "threatInsights"],
  [/^trusted_origins?$/, "trustedOrigins"],
  [/^ui_schema$/, "uischemas"],
  [/^user_type$/, "userTypes"],
  [/^(everyone_group|groups?|group_memberships|group_owners?|group_rule|user_group_memberships)$/, "groups"],
  [/^(users?|user_factor_question|user_risk|user_security_questions|link_value)$/, "users"],
];

/** Data sources that need no scope: data okta_org_metadata reads /.well-known/okta-organization, which needs no token. */
const PUBLIC_DATA_SOURCES: ReadonlySet<string> = new Set(["okta_org_metadata"]);

function api(type: string): string | undefined {
  if (!type.startsWith("okta_")) return undefined;
  const family = type.slice("okta_".length);
  return FAMILIES.find(([pattern]) => pattern.test(family))?.[1];
}

/** The least-privilege OAuth scope an okta resource type needs (okta.<API>.manage), or undefined for a type outside every family. */
export function resourceScope(type: string): string | undefined {
  const name = api(type);
  return name === undefined ? undefined : `okta.${name}.manage`;
}

/** The OAuth scope an okta data source needs (okta.<API>.read), or undefined when it needs none or is outside every family. */
export function dataSourceScope(type: string): string | undefined {
  const name = PUBLIC_DATA_SOURCES.has(type) ? undefined : api(type);
  return name === undefined ? undefined : `okta.${name}.read`;
}

/** The scopes a stack's resources and data sources need, sorted; read scopes covered by manage are left out. */
export function requiredScopes(stack: TerraformStack): string[] {
  const scopes = new Set<string>();
  const directory = stack.node.tryFindChild("OktaDirectory");
  if (directory instanceof OktaDirectory) {
    if (directory.users.length > 0) scopes.add(resourceScope("okta_user")!);
    // An existing group without members renders nothing and needs nothing.
    if (directory.groups.some((g) => g.props !== undefined || g.members.size > 0)) scopes.add(resourceScope("okta_group")!);
  }
  for (const construct of stack.node.findAll()) {
    const scope =
      construct instanceof TerraformResource
        ? resourceScope(construct.terraformResourceType)
        : construct instanceof TerraformDataSource
          ? dataSourceScope(construct.terraformResourceType)
          : undefined;
    if (scope) scopes.add(scope);
  }
  return [...scopes].filter((s) => !(s.endsWith(".read") && scopes.has(s.replace(/\.read$/, ".manage")))).sort();
}
