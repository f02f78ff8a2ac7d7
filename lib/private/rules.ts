/**
 * Checks of one construct's own props; the directory runs them at synth and reports all at once. A user
 * or group loaded from a data file is named by its file and line (placeOf).
 */
import type { GroupBase } from "./group-base";
import type { OktaGroupRule } from "../group-rule";
import {
  BASE_SCHEMA_MASTERS,
  OktaUserBaseSchemaProperty,
  OktaUserSchemaProperty,
  SCHEMA_ARRAY_TYPES,
  SCHEMA_MASTERS,
  SCHEMA_PERMISSIONS,
  SCHEMA_SCOPES,
  SCHEMA_TYPES,
  SCHEMA_UNIQUENESS,
  SchemaOneOf,
} from "../schema-property";
import type { CustomProfileValue, OktaUser, OktaUserProps } from "../user";
import { LIMITS, MAX_LOGIN_LENGTH, checkNotEmpty, RULE_STATUSES, USER_STATUSES, byteLength, isConcrete, isEmail, isLogin } from "./checks";
import { messages } from "./errors";
import { placeOf } from "./origins";

function checkEnum(problems: string[], path: string, field: string, value: string | undefined, allowed: readonly string[]): void {
  if (isConcrete(value) && !allowed.includes(value)) problems.push(messages.notInEnum(path, field, value, allowed));
}

function checkBytes(problems: string[], path: string, field: string, value: string, max: number): void {
  if (isConcrete(value) && byteLength(value) > max) problems.push(messages.tooLong(path, field, value, byteLength(value), max));
}

/**
 * The profile fields whose maximum length Okta documents, in characters; the other base attributes
 * document none (the login's minimum of 5 is left to its pattern: Okta lifts it for the pattern ".+").
 * @see https://developer.okta.com/docs/reference/api/schemas/#user-profile-base-subschema
 */
export const PROFILE_MAX_LENGTHS = {
  login: MAX_LOGIN_LENGTH,
  email: 100,
  secondEmail: 100,
  firstName: 50,
  lastName: 50,
  primaryPhone: 100,
  mobilePhone: 100,
} as const satisfies { readonly [K in keyof OktaUserProps]?: number };

/** A profile field with a documented maximum length. */
export type LimitedProfileField = keyof typeof PROFILE_MAX_LENGTHS;

/**
 * The length of a value longer than Okta allows in the field, or undefined when it fits. Characters
 * are counted as JSON Schema's maxLength counts them: code points (an emoji is one).
 */
export function overLength(field: LimitedProfileField, value: string): number | undefined {
  const max = PROFILE_MAX_LENGTHS[field];
  if (value.length <= max) return undefined;
  let length = 0;
  for (const _ of value) length++;
  return length > max ? length : undefined;
}

/**
 * Lengths, login and email syntax, names, status. `customLoginPattern`: the org declares its own login
 * pattern, so logins need not be email addresses (only not empty). A value too long is reported as
 * such, and its syntax only once it fits.
 */
export function validateUser(user: OktaUser, customLoginPattern = false): string[] {
  const problems: string[] = [];
  const path = placeOf(user);
  const p = user.props;
  const fits = (field: LimitedProfileField, value: string | undefined): value is string => {
    if (!isConcrete(value)) return false;
    const length = overLength(field, value);
    if (length === undefined) return true;
    problems.push(messages.profileTooLong(path, field, value, length, PROFILE_MAX_LENGTHS[field]));
    return false;
  };
  if (fits("login", p.login) && !(customLoginPattern ? p.login.trim() !== "" : isLogin(p.login))) {
    problems.push(messages.badLogin(path, p.login));
  }
  if (fits("email", p.email) && !isEmail(p.email)) problems.push(messages.badEmail(path, "email", p.email));
  if (fits("secondEmail", p.secondEmail) && !isEmail(p.secondEmail)) problems.push(messages.badEmail(path, "secondEmail", p.secondEmail));
  if (fits("firstName", p.firstName)) problems.push(...checkNotEmpty(path, "firstName", p.firstName));
  if (fits("lastName", p.lastName)) problems.push(...checkNotEmpty(path, "lastName", p.lastName));
  fits("primaryPhone", p.primaryPhone);
  fits("mobilePhone", p.mobilePhone);
  checkEnum(problems, path, "status", p.status, USER_STATUSES);
  return problems;
}

/**
 * customProfile against the custom schema properties declared in the same org. Keys are looked up as
 * own keys: a property named like an Object.prototype member ("constructor") is required like any other.
 */
export function validateCustomProfile(user: OktaUser, declared: Map<string, OktaUserSchemaProperty>): string[] {
  const problems: string[] = [];
  const path = placeOf(user);
  const profile = user.props.customProfile ?? {};
  for (const [key, value] of Object.entries(profile)) {
    const property = declared.get(key);
    if (!property) {
      problems.push(messages.undeclaredCustomKey(path, key, [...declared.keys()]));
      continue;
    }
    const problem = checkCustomValue(path, key, value, property);
    if (problem) problems.push(problem);
  }
  for (const property of declared.values()) {
    if (property.props.required && property.props.userType === undefined && !Object.hasOwn(profile, property.props.index)) {
      problems.push(messages.missingRequiredCustom(path, property.props.index, property.node.path));
    }
  }
  return problems;
}

function describeType(property: OktaUserSchemaProperty): string {
  const p = property.props;
  return p.type === "array" ? `array of ${p.arrayType ?? "string"}` : p.type;
}

function fitsScalar(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    default:
      return false;
  }
}

function allowedValues(values?: string[], oneOf?: SchemaOneOf[]): string[] | undefined {
  if (values) return values;
  return oneOf?.map((o) => o.const);
}

function checkCustomValue(path: string, key: string, value: CustomProfileValue, property: OktaUserSchemaProperty): string | undefined {
  const p = property.props;
  if (typeof value === "string" && !isConcrete(value)) return undefined;
  if (p.type === "array") {
    const itemType = p.arrayType ?? "string";
    if (!Array.isArray(value) || !value.every((item) => fitsScalar(item, itemType))) {
      return messages.customValueType(path, key, value, describeType(property));
    }
    const allowed = allowedValues(p.arrayEnum, p.arrayOneOf);
    const outside = allowed && (value as unknown[]).find((item) => !allowed.includes(String(item)));
    return outside !== undefined && allowed ? messages.customValueNotAllowed(path, key, outside, allowed) : undefined;
  }
  if (!fitsScalar(value, p.type)) return messages.customValueType(path, key, value, describeType(property));
  const allowed = allowedValues(p.enum, p.oneOf);
  if (allowed && !allowed.includes(String(value))) return messages.customValueNotAllowed(path, key, value, allowed);
  return undefined;
}

/** Group name: not empty, at most 255 bytes. */
export function validateGroup(group: GroupBase, name: string): string[] {
  const problems: string[] = [];
  const path = placeOf(group);
  problems.push(...checkNotEmpty(path, "name", name));
  checkBytes(problems, path, "name", name, LIMITS.groupNameBytes);
  return problems;
}

/** Group rule limits: name length, number of groups and excluded users, status. */
export function validateRule(rule: OktaGroupRule): string[] {
  const problems: string[] = [];
  const path = rule.node.path;
  const p = rule.props;
  problems.push(...checkNotEmpty(path, "name", p.name));
  checkBytes(problems, path, "name", p.name, LIMITS.ruleNameBytes);
  problems.push(...checkNotEmpty(path, "expression", p.expression));
  checkEnum(problems, path, "status", p.status, RULE_STATUSES);
  const groups = new Set(p.groups).size;
  if (groups === 0) problems.push(messages.ruleWithoutGroups(path));
  if (groups > LIMITS.ruleGroups) problems.push(messages.ruleTooManyGroups(path, groups, LIMITS.ruleGroups));
  const excluded = new Set(p.excludedUsers ?? []).size;
  if (excluded > LIMITS.ruleExcludedUsers) problems.push(messages.ruleTooManyExcluded(path, excluded, LIMITS.ruleExcludedUsers));
  return problems;
}

const INDEX = /^[A-Za-z][A-Za-z0-9_]*$/;

/** True for a valid, unreserved custom property index. */
export function isValidIndex(index: string): boolean {
  return INDEX.test(index) && !isReservedIndex(index);
}

function isReservedIndex(index: string): boolean {
  const lower = index.toLowerCase();
  return OktaUserSchemaProperty.RESERVED_INDEXES.some((r) => r.toLowerCase() === lower);
}

/** Enums, index syntax, title, and the option combinations Okta rejects. */
export function validateSchemaProperty(property: OktaUserSchemaProperty | OktaUserBaseSchemaProperty): string[] {
  const problems: string[] = [];
  const path = property.node.path;
  const p = property.props;
  problems.push(...checkNotEmpty(path, "title", p.title));
  checkEnum(problems, path, "type", p.type, SCHEMA_TYPES);
  checkEnum(problems, path, "master", p.master, property instanceof OktaUserBaseSchemaProperty ? BASE_SCHEMA_MASTERS : SCHEMA_MASTERS);
  checkEnum(problems, path, "permissions", p.permissions, SCHEMA_PERMISSIONS);
  if (property instanceof OktaUserBaseSchemaProperty) {
    const base = OktaUserBaseSchemaProperty.BASE_INDEXES;
    if (isConcrete(p.index) && !base.includes(p.index)) problems.push(messages.notBaseAttribute(path, p.index, base));
    return problems;
  }
  const c = (property as OktaUserSchemaProperty).props;
  if (isConcrete(c.index) && !isValidIndex(c.index)) {
    problems.push(INDEX.test(c.index) ? messages.reservedIndex(path, c.index) : messages.badIndex(path, c.index));
  }
  checkEnum(problems, path, "arrayType", c.arrayType, SCHEMA_ARRAY_TYPES);
  checkEnum(problems, path, "scope", c.scope, SCHEMA_SCOPES);
  checkEnum(problems, path, "unique", c.unique, SCHEMA_UNIQUENESS);
  const hasPriority = (c.masterOverridePriority?.length ?? 0) > 0;
  if (c.master === "OVERRIDE" && !hasPriority) problems.push(messages.overrideNeedsPriority(path));
  if (c.master !== "OVERRIDE" && hasPriority) problems.push(messages.priorityNeedsOverride(path, c.master));
  const hasEnum = c.enum !== undefined || c.oneOf !== undefined;
  if (hasEnum && c.unique === "UNIQUE_VALIDATED") problems.push(messages.enumWithUnique(path));
  if (hasEnum && c.type === "array") problems.push(messages.enumWithArray(path));
  if (c.type === "array" && c.arrayType === undefined) problems.push(messages.arrayWithoutArrayType(path));
  if (c.type !== "array" && c.arrayType !== undefined) problems.push(messages.arrayTypeWithoutArray(path, c.type));
  if (c.type !== "string" && (c.minLength !== undefined || c.maxLength !== undefined)) {
    problems.push(messages.lengthOnNonString(path, c.type));
  }
  if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength) {
    problems.push(messages.minAboveMax(path, c.minLength, c.maxLength));
  }
  const scalarType = c.type === "array" ? c.arrayType : c.type;
  const values = c.type === "array" ? allowedValues(c.arrayEnum, c.arrayOneOf) : allowedValues(c.enum, c.oneOf);
  const field = c.type === "array" ? (c.arrayEnum ? "arrayEnum" : "arrayOneOf") : c.enum ? "enum" : "oneOf";
  for (const value of values ?? []) {
    if (scalarType && !fitsEnumValue(value, scalarType)) problems.push(messages.enumValueType(path, field, value, scalarType));
  }
  return problems;
}

/** Enum values are strings in Terraform; they must still read as the property's type. */
function fitsEnumValue(value: string, type: string): boolean {
  switch (type) {
    case "boolean":
      return value === "true" || value === "false";
    case "number":
      return value.trim() !== "" && Number.isFinite(Number(value));
    case "integer":
      return /^-?\d+$/.test(value);
    default:
      return true;
  }
}
