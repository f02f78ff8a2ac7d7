/**
 * The org model: what an Okta org holds, as the constructs take it (users, groups, group rules, user
 * schema properties), and the Okta vocabulary their checks know. Constructs build on these types;
 * the directory and its checks read them without knowing any construct.
 */
import { IConstruct } from "constructs";
import { RULE_STATUSES, USER_STATUSES } from "./checks";

/** The statuses Okta documents for a user. */
export type UserStatus = (typeof USER_STATUSES)[number];

/** A value of a custom profile attribute, as declared by an OktaUserSchemaProperty. */
export type CustomProfileValue = string | number | boolean | string[] | number[] | boolean[];

/** A user that other constructs can reference: one this stack defines, or one that already exists. */
export interface IOktaUser extends IConstruct {
  /** The Okta id of the user, as a Terraform reference (e.g. for another resource's user_id). */
  readonly userId: string;
}

/** Okta user profile fields other than the required ones, as okta_user writes them. */
export interface OktaUserProfile {
  /** City of the user's address. @default - not set */
  readonly city?: string;
  /** Cost center. @default - not set */
  readonly costCenter?: string;
  /** Country of the user's address, as an ISO 3166-1 alpha-2 code. @default - not set */
  readonly countryCode?: string;
  /** Department. @default - not set */
  readonly department?: string;
  /** Name shown to others. @default - not set */
  readonly displayName?: string;
  /** Division. @default - not set */
  readonly division?: string;
  /** Employee number. @default - not set */
  readonly employeeNumber?: string;
  /** Honorific prefix, e.g. "Dr.". @default - not set */
  readonly honorificPrefix?: string;
  /** Honorific suffix, e.g. "PhD". @default - not set */
  readonly honorificSuffix?: string;
  /** Locale, e.g. "en_US". @default - not set */
  readonly locale?: string;
  /** Display name of the manager. @default - not set */
  readonly manager?: string;
  /** Okta id or employee id of the manager. @default - not set */
  readonly managerId?: string;
  /** Middle name. @default - not set */
  readonly middleName?: string;
  /** Mobile phone number. @default - not set */
  readonly mobilePhone?: string;
  /** Casual name. @default - not set */
  readonly nickName?: string;
  /** Organization. @default - not set */
  readonly organization?: string;
  /** Mailing address. @default - not set */
  readonly postalAddress?: string;
  /** Preferred language. @default - not set */
  readonly preferredLanguage?: string;
  /** Primary phone number. @default - not set */
  readonly primaryPhone?: string;
  /** URL of the user's online profile. @default - not set */
  readonly profileUrl?: string;
  /** Id of the realm the user belongs to. @default - the org's default realm */
  readonly realmId?: string;
  /** Secondary email address. @default - not set */
  readonly secondEmail?: string;
  /** State or region of the user's address. @default - not set */
  readonly state?: string;
  /** Street of the user's address. @default - not set */
  readonly streetAddress?: string;
  /** Time zone, e.g. "America/Los_Angeles". @default - not set */
  readonly timezone?: string;
  /** Job title. @default - not set */
  readonly title?: string;
  /** Free-text user type profile field (not the Okta user type). @default - not set */
  readonly userType?: string;
  /** Postal code of the user's address. @default - not set */
  readonly zipCode?: string;
}

/** The okta_user attribute each OktaUserProfile field writes. */
export const PROFILE_ATTRIBUTES: { readonly [K in keyof Required<OktaUserProfile>]: string } = {
  city: "city",
  costCenter: "cost_center",
  countryCode: "country_code",
  department: "department",
  displayName: "display_name",
  division: "division",
  employeeNumber: "employee_number",
  honorificPrefix: "honorific_prefix",
  honorificSuffix: "honorific_suffix",
  locale: "locale",
  manager: "manager",
  managerId: "manager_id",
  middleName: "middle_name",
  mobilePhone: "mobile_phone",
  nickName: "nick_name",
  organization: "organization",
  postalAddress: "postal_address",
  preferredLanguage: "preferred_language",
  primaryPhone: "primary_phone",
  profileUrl: "profile_url",
  realmId: "realm_id",
  secondEmail: "second_email",
  state: "state",
  streetAddress: "street_address",
  timezone: "timezone",
  title: "title",
  userType: "user_type",
  zipCode: "zip_code",
};


/**
 * Properties of an OktaUser.
 *
 * There is deliberately no password, recovery answer or credential here: users set their password
 * through Okta's activation flow, and secrets never enter synthesized Terraform.
 */
export interface OktaUserProps extends OktaUserProfile {
  /** The user's login, unique in the org; Okta's default login pattern is an email address. */
  readonly login: string;
  /** Primary email address. */
  readonly email: string;
  /** Given name. */
  readonly firstName: string;
  /** Family name. */
  readonly lastName: string;
  /** @default "ACTIVE" (the provider's default) */
  readonly status?: UserStatus;
  /**
   * Custom profile attributes, keyed by the index of an OktaUserSchemaProperty declared in the same
   * org; checked against the property's type and allowed values at synth.
   * @default - no custom attributes
   */
  readonly customProfile?: { readonly [index: string]: CustomProfileValue };
  /**
   * Custom attributes that other systems write and Terraform must leave alone (the provider would
   * otherwise clear custom attributes missing from customProfile).
   * @default - none
   */
  readonly customProfileAttributesToIgnore?: string[];
  /** Groups the user is an explicit member of; the same as calling addToGroup for each. @default - none */
  readonly groups?: IOktaGroup[];
  /**
   * Okta id of an existing user to adopt: the first deploy imports it (a Terraform import block)
   * instead of creating a new user.
   * @default - a new user is created
   */
  readonly importId?: string;
  /**
   * The construct id this user had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/** A group that other constructs can reference: one this stack defines, or one that already exists. */
export interface IOktaGroup extends IConstruct {
  /** The Okta id of the group, as a Terraform reference. */
  readonly groupId: string;
  /** Makes a user an explicit member (okta_group_memberships); the same as user.addToGroup(group). */
  addUser(user: IOktaUser): void;
  /** The explicit members added so far (a copy). */
  readonly members: IOktaUser[];
}

/** Properties of an OktaGroup. */
export interface OktaGroupProps {
  /** The group's name, unique in the org, at most 255 bytes. */
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** Explicit members; the same as calling addUser for each. @default - none */
  readonly members?: IOktaUser[];
  /**
   * Okta id of an existing group to adopt: the first deploy imports it instead of creating a new one.
   * @default - a new group is created
   */
  readonly importId?: string;
  /**
   * The construct id this group (and its memberships) had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/** The statuses of a group rule. */
export type GroupRuleStatus = (typeof RULE_STATUSES)[number];

/** Properties of an OktaGroupRule. */
export interface OktaGroupRuleProps {
  /** The rule's name, unique in the org, at most 50 bytes. */
  readonly name: string;
  /**
   * The Okta Expression Language condition, e.g. `user.department == "Engineering"`.
   * @see https://developer.okta.com/docs/reference/okta-expression-language/
   */
  readonly expression: string;
  /** The groups the rule assigns matching users to (at most 100). */
  readonly groups: IOktaGroup[];
  /** Users the rule never assigns (at most 100). @default - none */
  readonly excludedUsers?: IOktaUser[];
  /** @default "ACTIVE" */
  readonly status?: GroupRuleStatus;
  /** Remove the users the rule assigned when the rule is deleted or deactivated. @default false */
  readonly removeAssignedUsers?: boolean;
  /** Okta id of an existing rule to adopt: the first deploy imports it. @default - a new rule is created */
  readonly importId?: string;
  /**
   * The construct id this rule had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

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

/** Okta's limit on unique properties per user type. */
export const MAX_UNIQUE_PROPERTIES = 5;

/** Names Okta reserves for its own use in custom properties (compared case-insensitively). */
export const RESERVED_INDEXES: readonly string[] = [
  "id", "profile", "status", "transitioningToStatus", "created", "activated", "statusChanged", "lastLogin",
  "lastUpdated", "passwordChanged", "type", "realm", "realmId", "password", "credentials", "_links",
  "_embedded", "class", "classLoader",
];

/** The base attributes of an Okta user profile. */
export const BASE_INDEXES: readonly string[] = [
  "login", "firstName", "lastName", "middleName", "honorificPrefix", "honorificSuffix", "email", "title",
  "displayName", "nickName", "profileUrl", "secondEmail", "mobilePhone", "primaryPhone", "streetAddress",
  "city", "state", "zipCode", "countryCode", "postalAddress", "preferredLanguage", "locale", "timezone",
  "userType", "employeeNumber", "costCenter", "organization", "division", "department", "managerId",
  "manager",
];
