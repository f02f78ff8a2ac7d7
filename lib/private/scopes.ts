import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { OktaDirectory } from "./directory";

/** The least-privilege OAuth scope each okta resource type needs (manage includes read). */
export const RESOURCE_SCOPES: Readonly<Record<string, string>> = {
  okta_user: "okta.users.manage",
  okta_group: "okta.groups.manage",
  okta_group_memberships: "okta.groups.manage",
  okta_user_group_memberships: "okta.groups.manage",
  okta_group_rule: "okta.groups.manage",
  okta_user_schema_property: "okta.schemas.manage",
  okta_user_base_schema_property: "okta.schemas.manage",
  okta_identity_source_import: "okta.identitySources.manage",
  okta_identity_source_user: "okta.identitySources.manage",
  okta_identity_source_group: "okta.identitySources.manage",
  okta_identity_source_group_membership: "okta.identitySources.manage",
};

/** The OAuth scope each okta data source needs. */
export const DATA_SOURCE_SCOPES: Readonly<Record<string, string>> = {
  okta_user: "okta.users.read",
  okta_users: "okta.users.read",
  okta_group: "okta.groups.read",
  okta_groups: "okta.groups.read",
  okta_identity_source_users: "okta.identitySources.read",
  okta_identity_source_groups: "okta.identitySources.read",
  okta_identity_source_group_memberships: "okta.identitySources.read",
  okta_identity_source_sessions: "okta.identitySources.read",
};

/** The scopes a stack's resources and data sources need, sorted; read scopes covered by manage are left out. */
export function requiredScopes(stack: TerraformStack): string[] {
  const scopes = new Set<string>();
  const directory = stack.node.tryFindChild("OktaDirectory");
  if (directory instanceof OktaDirectory) {
    if (directory.users.length > 0) scopes.add(RESOURCE_SCOPES.okta_user);
    // An existing group without members renders nothing and needs nothing.
    if (directory.groups.some((g) => g._renderAttributes() !== undefined || g._memberSet.size > 0)) scopes.add(RESOURCE_SCOPES.okta_group);
  }
  for (const construct of stack.node.findAll()) {
    if (construct instanceof TerraformResource) {
      const scope = RESOURCE_SCOPES[construct.terraformResourceType];
      if (scope) scopes.add(scope);
    } else if (construct instanceof TerraformDataSource) {
      const scope = DATA_SOURCE_SCOPES[construct.terraformResourceType];
      if (scope) scopes.add(scope);
    }
  }
  return [...scopes].filter((s) => !(s.endsWith(".read") && scopes.has(s.replace(/\.read$/, ".manage")))).sort();
}
