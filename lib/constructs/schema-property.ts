import { Construct } from "constructs";
import { UserBaseSchemaProperty } from "../../.gen/providers/okta/user-base-schema-property";
import { UserSchemaProperty } from "../../.gen/providers/okta/user-schema-property";
import { OktaDirectory } from "../core/directory";
import { productionLifecycle } from "../core/production";
import { literalDeep } from "../util/literal";

/** Allowed values of a schema property's type. */
export const SCHEMA_TYPES = ["string", "boolean", "number", "integer", "array"] as const;
/** Allowed values of an array property's item type. */
export const SCHEMA_ARRAY_TYPES = ["string", "number", "integer", "boolean"] as const;
/** Who masters the property. */
export const SCHEMA_MASTERS = ["PROFILE_MASTER", "OKTA", "OVERRIDE"] as const;
/** Who may master a base property (no OVERRIDE: base properties have no priority list). */
export const BASE_SCHEMA_MASTERS = ["PROFILE_MASTER", "OKTA"] as const;
/** What end users may do with the property. */
export const SCHEMA_PERMISSIONS = ["READ_ONLY", "READ_WRITE", "HIDE"] as const;
/** Whether the property is in the user's self-service scope. */
export const SCHEMA_SCOPES = ["NONE", "SELF"] as const;
/** Whether Okta enforces unique values. */
export const SCHEMA_UNIQUENESS = ["UNIQUE_VALIDATED", "NOT_UNIQUE"] as const;

/** The type of a user schema property. */
export type SchemaPropertyType = (typeof SCHEMA_TYPES)[number];
/** The item type of an array property. */
export type SchemaArrayType = (typeof SCHEMA_ARRAY_TYPES)[number];
/** Who masters a property. */
export type SchemaMaster = (typeof SCHEMA_MASTERS)[number];
/** Who masters a base property. */
export type BaseSchemaMaster = (typeof BASE_SCHEMA_MASTERS)[number];
/** End-user permission on a property. */
export type SchemaPermission = (typeof SCHEMA_PERMISSIONS)[number];
/** Self-service scope of a property. */
export type SchemaScope = (typeof SCHEMA_SCOPES)[number];
/** Uniqueness of a property. */
export type SchemaUniqueness = (typeof SCHEMA_UNIQUENESS)[number];

/** One allowed value with a display title. */
export interface SchemaOneOf {
  /** The value. */
  readonly const: string;
  /** What the admin console shows for it. */
  readonly title: string;
}

/** One profile source in an OVERRIDE master priority list. */
export interface SchemaMasterPriority {
  /** The source type. @default "ORG_APP" */
  readonly type?: string;
  /** The app instance id (or "OKTA"). */
  readonly value: string;
}

/** Properties of an OktaUserSchemaProperty: every okta_user_schema_property option, typed. */
export interface OktaUserSchemaPropertyProps {
  /** The variable name: a letter first, then letters, digits and underscores; unique in the org. */
  readonly index: string;
  /** The display name; not empty. */
  readonly title: string;
  /** The value type. */
  readonly type: SchemaPropertyType;
  /** @default - no description */
  readonly description?: string;
  /** Whether every user must have a value; users in the same org are checked at synth. @default false */
  readonly required?: boolean;
  /** @default "PROFILE_MASTER" */
  readonly master?: SchemaMaster;
  /** Profile sources in priority order; only with master "OVERRIDE", and required then. @default - none */
  readonly masterOverridePriority?: SchemaMasterPriority[];
  /** @default "READ_ONLY" */
  readonly permissions?: SchemaPermission;
  /** @default "NONE" */
  readonly scope?: SchemaScope;
  /** At most 5 unique properties per user type. @default "NOT_UNIQUE" */
  readonly unique?: SchemaUniqueness;
  /** Allowed values (as strings, whatever the type). Not with type "array" or unique. @default - any value */
  readonly enum?: string[];
  /** Allowed values with display titles. Not with type "array" or unique. @default - any value */
  readonly oneOf?: SchemaOneOf[];
  /** Item type; required for, and only for, type "array". @default - none */
  readonly arrayType?: SchemaArrayType;
  /** Allowed item values of an array property. @default - any value */
  readonly arrayEnum?: string[];
  /** Allowed item values with titles, for an array property. @default - any value */
  readonly arrayOneOf?: SchemaOneOf[];
  /** Minimum length of a string value. @default - none */
  readonly minLength?: number;
  /** Maximum length of a string value. @default - none */
  readonly maxLength?: number;
  /** Regular expression a string value must match. @default - none */
  readonly pattern?: string;
  /** Name of the attribute in an external directory. @default - none */
  readonly externalName?: string;
  /** Namespace of externalName. @default - none */
  readonly externalNamespace?: string;
  /** Okta user type id the property belongs to. @default - the default user type */
  readonly userType?: string;
  /** Index of an existing property to import on the first deploy. @default - created (an existing one is adopted) */
  readonly importId?: string;
  /**
   * The construct id this property had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/**
 * A custom Okta user profile attribute (okta_user_schema_property).
 *
 * The schema API silently overwrites concurrent writes, so every schema property of an org
 * (custom and base) depends on the one declared before it: Terraform writes them one at a time.
 * Changing index, type, unique, arrayType, externalName or externalNamespace replaces the property
 * and loses its values.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/user_schema_property
 */
export class OktaUserSchemaProperty extends Construct {
  /** Okta's limit on unique properties per user type. */
  public static readonly MAX_UNIQUE = 5;
  /** Names Okta reserves for its own use (compared case-insensitively). */
  public static readonly RESERVED_INDEXES: readonly string[] = [
    "id", "profile", "status", "transitioningToStatus", "created", "activated", "statusChanged", "lastLogin",
    "lastUpdated", "passwordChanged", "type", "realm", "realmId", "password", "credentials", "_links",
    "_embedded", "class", "classLoader",
  ];

  /** The props this property was created with. */
  public readonly props: OktaUserSchemaPropertyProps;
  /** The generated okta_user_schema_property resource. */
  public readonly resource: UserSchemaProperty;

  constructor(scope: Construct, id: string, props: OktaUserSchemaPropertyProps) {
    super(scope, id);
    this.props = props;
    this.resource = new UserSchemaProperty(this, "Resource", literalDeep({
      index: props.index,
      title: props.title,
      type: props.type,
      description: props.description,
      required: props.required,
      master: props.master,
      masterOverridePriority: props.masterOverridePriority?.map((p) => ({ type: p.type, value: p.value })),
      permissions: props.permissions,
      scope: props.scope,
      unique: props.unique,
      enum: props.enum,
      oneOf: props.oneOf?.map((o) => ({ const: o.const, title: o.title })),
      arrayType: props.arrayType,
      arrayEnum: props.arrayEnum,
      arrayOneOf: props.arrayOneOf?.map((o) => ({ const: o.const, title: o.title })),
      minLength: props.minLength,
      maxLength: props.maxLength,
      pattern: props.pattern,
      externalName: props.externalName,
      externalNamespace: props.externalNamespace,
      userType: props.userType,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    OktaDirectory.of(this).addSchemaProperty(this);
  }
}

/** Properties of an OktaUserBaseSchemaProperty. */
export interface OktaUserBaseSchemaPropertyProps {
  /** The base attribute to adjust, e.g. "mobilePhone". */
  readonly index: string;
  /** The display name; not empty. */
  readonly title: string;
  /** The value type. @default "string" */
  readonly type?: SchemaPropertyType;
  /** @default false */
  readonly required?: boolean;
  /** @default "PROFILE_MASTER" */
  readonly master?: BaseSchemaMaster;
  /** @default "READ_ONLY" */
  readonly permissions?: SchemaPermission;
  /**
   * Regular expression values must match (login only). Declaring a login pattern also lifts the
   * email-style login check from this org's users.
   * @default - none
   */
  readonly pattern?: string;
  /** Okta user type id. @default - the default user type */
  readonly userType?: string;
}

/**
 * Adjusts one of Okta's base user profile attributes (okta_user_base_schema_property): whether it is
 * required, its permissions, its master, its title. Base attributes cannot be created or deleted.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/user_base_schema_property
 */
export class OktaUserBaseSchemaProperty extends Construct {
  /** The base attributes of an Okta user profile. */
  public static readonly BASE_INDEXES: readonly string[] = [
    "login", "firstName", "lastName", "middleName", "honorificPrefix", "honorificSuffix", "email", "title",
    "displayName", "nickName", "profileUrl", "secondEmail", "mobilePhone", "primaryPhone", "streetAddress",
    "city", "state", "zipCode", "countryCode", "postalAddress", "preferredLanguage", "locale", "timezone",
    "userType", "employeeNumber", "costCenter", "organization", "division", "department", "managerId",
    "manager",
  ];

  /** The props this adjustment was created with. */
  public readonly props: OktaUserBaseSchemaPropertyProps;
  /** The generated okta_user_base_schema_property resource. */
  public readonly resource: UserBaseSchemaProperty;

  constructor(scope: Construct, id: string, props: OktaUserBaseSchemaPropertyProps) {
    super(scope, id);
    this.props = props;
    this.resource = new UserBaseSchemaProperty(this, "Resource", literalDeep({
      index: props.index,
      title: props.title,
      type: props.type ?? "string",
      required: props.required,
      master: props.master,
      permissions: props.permissions,
      pattern: props.pattern,
      userType: props.userType,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    OktaDirectory.of(this).addSchemaProperty(this);
  }
}
