/**
 * What the Okta constructs push into their org's directory (OktaDirectory): one entry per user, group,
 * rule and schema property, holding the props the construct was created with. The directory renders
 * and checks entries and never imports a construct; a construct keeps its props to itself and its entry.
 */
import { TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import type { IOktaGroup, IOktaUser, OktaGroupProps, OktaGroupRuleProps, OktaUserBaseSchemaPropertyProps, OktaUserProps, OktaUserSchemaPropertyProps } from "./model";

/** A user of the org (an OktaUser). */
export interface UserEntry {
  readonly construct: IOktaUser;
  /** The Terraform resource name: okta_user.<address>. */
  readonly address: string;
  readonly props: OktaUserProps;
  /** True once the escape hatch was used: the generated okta_user renders the user then. */
  readonly hasResource: boolean;
  /** The okta_user attributes, without meta-arguments. */
  renderAttributes(): Record<string, unknown>;
}

/** A group of the org: one it defines (OktaGroup) or one that only exists in Okta (fromGroupId). */
export interface GroupEntry {
  readonly construct: IOktaGroup;
  /** The Terraform resource name of its okta_group, and of its okta_group_memberships minus "_members". */
  readonly address: string;
  /** The props of a defined group; undefined for one that only exists in Okta. */
  readonly props?: OktaGroupProps;
  /** True once the escape hatch was used. */
  readonly hasResource: boolean;
  /** The expression other resources of this stack use for the group's Okta id. */
  readonly idExpression: string;
  /** Its explicit members, rendered as one okta_group_memberships. */
  readonly members: ReadonlySet<IOktaUser>;
  /** The okta_group attributes, or undefined for a group that only exists in Okta. */
  renderAttributes(): Record<string, unknown> | undefined;
}

/** A group rule of the org (an OktaGroupRule, rendered by its generated resource). */
export interface RuleEntry {
  readonly construct: IConstruct;
  readonly props: OktaGroupRuleProps;
}

/** A custom user schema property (OktaUserSchemaProperty). */
export interface CustomPropertyEntry {
  readonly kind: "custom";
  readonly construct: IConstruct;
  readonly props: OktaUserSchemaPropertyProps;
  /** Its generated okta_user_schema_property. */
  readonly resource: TerraformResource;
}

/** An adjusted base user schema property (OktaUserBaseSchemaProperty). */
export interface BasePropertyEntry {
  readonly kind: "base";
  readonly construct: IConstruct;
  readonly props: OktaUserBaseSchemaPropertyProps;
  /** Its generated okta_user_base_schema_property. */
  readonly resource: TerraformResource;
}

/** Either schema property: both write the org's user schema, one at a time. */
export type SchemaPropertyEntry = CustomPropertyEntry | BasePropertyEntry;

/** The Terraform resource type of a schema property's entry. */
export function schemaPropertyType(entry: SchemaPropertyEntry): string {
  return entry.kind === "custom" ? "okta_user_schema_property" : "okta_user_base_schema_property";
}
