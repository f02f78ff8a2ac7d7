/**
 * An org snapshot: what `cdktf-okta convert` reads from HCL and `cdktf-okta export` reads from a live
 * org, in one shape, for the writer to turn into an org.ts module (and data files).
 *
 * Every value is literal data, except the expressions a snapshot keeps on purpose (a reference to
 * another object, a variable, a local, or a template mixing them with text), which are `Expr`s.
 */

/** A reference to something the generated module defines, or a template of text and references. */
export type Expr =
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "local"; readonly name: string }
  /** An attribute of a resource (or data source, `type` starting with "data."), e.g. okta_group.garden.id. */
  | { readonly kind: "ref"; readonly type: string; readonly name: string; readonly attribute: string }
  | { readonly kind: "template"; readonly parts: readonly (string | Expr)[] };

/** A value: JSON data, with expressions where the source had them. */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value } | ExprValue;

/** An expression inside a Value (a class, so that no plain data object is mistaken for one). */
export class ExprValue {
  constructor(public readonly expr: Expr) {}
}

export function isExpr(value: unknown): value is ExprValue {
  return value instanceof ExprValue;
}

/** Where something came from: `main.tf:12`, or an API URL. */
export type Origin = string;

export interface VariableModel {
  readonly name: string;
  readonly type?: "string" | "number" | "bool" | "list" | "map" | "any";
  readonly default?: Value;
  readonly description?: string;
  readonly sensitive?: boolean;
  readonly origin: Origin;
}

export interface LocalModel {
  readonly name: string;
  readonly value: Value;
  readonly origin: Origin;
}

/** An okta_user, as OktaUser props (camelCase profile fields, customProfile). */
export interface UserModel {
  /** The Terraform name: okta_user.<id>. */
  readonly id: string;
  readonly login: Value;
  readonly email: Value;
  readonly firstName: Value;
  readonly lastName: Value;
  readonly status?: string;
  /** Other OktaUser profile props, by prop name. */
  readonly profile: { readonly [prop: string]: Value };
  readonly customProfile?: { readonly [index: string]: Value };
  readonly customProfileAttributesToIgnore?: readonly string[];
  readonly importId?: string;
  readonly origin: Origin;
}

/** An okta_group, with the explicit members its okta_group_memberships.<id>_members holds. */
export interface GroupModel {
  readonly id: string;
  readonly name: Value;
  readonly description?: Value;
  readonly importId?: string;
  /** Ids of users of the snapshot. */
  readonly members: string[];
  /** Okta ids of members that the snapshot does not manage (OktaUser.fromUserId). */
  readonly outsideMembers: string[];
  /** Okta id of an existing okta_group_memberships to import (the group's id). */
  readonly membershipsImportId?: string;
  /** A group the snapshot only references by Okta id (OktaGroup.fromGroupId); it holds members. */
  readonly existingOktaId?: string;
  readonly origin: Origin;
}

export interface GroupRuleModel {
  readonly id: string;
  readonly name: Value;
  readonly expression: Value;
  /** Ids of groups of the snapshot. */
  readonly groups: readonly string[];
  /** Ids of users of the snapshot. */
  readonly excludedUsers?: readonly string[];
  readonly status?: string;
  readonly removeAssignedUsers?: boolean;
  readonly importId?: string;
  readonly origin: Origin;
}

/** An okta_user_schema_property (`base: false`) or okta_user_base_schema_property, as construct props. */
export interface SchemaPropertyModel {
  readonly id: string;
  readonly base: boolean;
  readonly props: { readonly [prop: string]: Value };
  readonly importId?: string;
  readonly origin: Origin;
}

/** Any other resource or data source: a generated binding. */
export interface RawModel {
  /** "okta_app_oauth", or "data.okta_group" for a data source. */
  readonly type: string;
  readonly name: string;
  /** Attributes and blocks, snake_case as in Terraform. */
  readonly attributes: { readonly [name: string]: Value };
  readonly dependsOn?: readonly Expr[];
  readonly importId?: string;
  readonly origin: Origin;
}

/** Something the reader could not convert, or converted with a remark, to list and to comment. */
export interface Remark {
  readonly origin: Origin;
  readonly text: string;
}

/** Everything both commands produce. */
export interface OrgSnapshot {
  readonly variables: VariableModel[];
  readonly locals: LocalModel[];
  readonly schemaProperties: SchemaPropertyModel[];
  readonly users: UserModel[];
  readonly groups: GroupModel[];
  readonly rules: GroupRuleModel[];
  readonly raw: RawModel[];
  /** Terraform moved blocks: where the source's addresses differ from the generated ones. */
  readonly moved: { from: string; to: string }[];
  /** What the generated code says in comments at its top (notes about what was converted how). */
  readonly notes: Remark[];
  /** What could not be converted: listed, and a comment in the code under --allow-partial. */
  readonly skipped: Remark[];
  /** Variables the provider block used (convert only). */
  readonly providerVariables: Set<string>;
}

export function emptySnapshot(): OrgSnapshot {
  return { variables: [], locals: [], schemaProperties: [], users: [], groups: [], rules: [], raw: [], moved: [], notes: [], skipped: [], providerVariables: new Set() };
}
