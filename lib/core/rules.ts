/**
 * Checks of one construct's own props; the directory runs them at synth and reports all at once. A user
 * or group loaded from a data file is named by its file, line and column (placeInOrgs), the org left for
 * the directory to fill in: a file loaded into several orgs reports a problem they share once.
 */
import type { IConstruct } from "constructs";
import { CustomPropertyEntry, RuleEntry, SchemaPropertyEntry, UserEntry } from "./entries";
import {
  BASE_INDEXES,
  BASE_SCHEMA_MASTERS,
  CustomProfileValue,
  OktaUserProps,
  RESERVED_INDEXES,
  SCHEMA_ARRAY_TYPES,
  SCHEMA_MASTERS,
  SCHEMA_PERMISSIONS,
  SCHEMA_SCOPES,
  SCHEMA_TYPES,
  SCHEMA_UNIQUENESS,
  SchemaOneOf,
} from "./model";
import { LIMITS, MAX_LOGIN_LENGTH, checkNotEmpty, RULE_STATUSES, USER_STATUSES, byteLength, isConcrete, isEmail, isLogin } from "./checks";
import { joinAnd, problem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { columnOf, formatOf, orgPath, placeInOrgs } from "./origins";

function checkEnum(problems: Problem[], path: string, field: string, value: string | undefined, allowed: readonly string[]): void {
  if (isConcrete(value) && !allowed.includes(value)) problems.push(problem.notInEnum(path, field, value, allowed));
}

function checkBytes(problems: Problem[], path: string, field: string, value: string, max: number): void {
  if (isConcrete(value) && byteLength(value) > max) problems.push(problem.tooLong(path, field, value, byteLength(value), max));
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

/** The props every user has a value for. */
const REQUIRED_USER_FIELDS: readonly string[] = ["login", "email", "firstName", "lastName"] satisfies (keyof OktaUserProps)[];

/**
 * Lengths, login and email syntax, names, status, and invisible characters in every text prop.
 * `customLoginPattern`: the org declares its own login pattern, so logins need not be email addresses
 * (only not empty). A value too long is reported as such, and its syntax only once it fits; a value
 * with an invisible character as such, and nothing else about it.
 */
export function validateUser(entry: UserEntry, customLoginPattern = false): Problem[] {
  return plainlyValid(entry.props, customLoginPattern) ? [] : userProblems(entry, customLoginPattern);
}

/** validateUser's checks, all of them (validateUser runs them when its quick check does not pass the user). @internal */
export function userProblems(entry: UserEntry, customLoginPattern = false): Problem[] {
  const p = entry.props;
  const problems: Problem[] = [];
  // Places are written out only for a problem: a construct path per field and user would cost more than the checks.
  const at = (field: string) => placeInOrgs(entry.construct, field);
  let blemished: Set<string> | undefined;
  for (const field of Object.keys(p)) {
    const value = (p as unknown as Record<string, unknown>)[field];
    if (typeof value !== "string" || !isConcrete(value)) continue;
    const invisible = invisibleCharacters(value, REQUIRED_USER_FIELDS.includes(field));
    if (invisible === undefined) continue;
    problems.push(problem.invisibleCharacters(at(field), field, value, invisible.found, invisible.fix));
    (blemished ??= new Set()).add(field);
  }
  const fits = (field: LimitedProfileField, value: string | undefined): value is string => {
    if (!isConcrete(value) || blemished?.has(field)) return false;
    const length = overLength(field, value);
    if (length === undefined) return true;
    problems.push(problem.profileTooLong(at(field), field, value, length, PROFILE_MAX_LENGTHS[field]));
    return false;
  };
  if (fits("login", p.login) && !(customLoginPattern ? p.login.trim() !== "" : isLogin(p.login))) {
    problems.push(problem.badLogin(at("login"), p.login));
  }
  if (fits("email", p.email) && !isEmail(p.email)) problems.push(problem.badEmail(at("email"), "email", p.email));
  if (fits("secondEmail", p.secondEmail) && !isEmail(p.secondEmail)) problems.push(problem.badEmail(at("secondEmail"), "secondEmail", p.secondEmail));
  if (fits("firstName", p.firstName) && p.firstName.trim() === "") problems.push(...checkNotEmpty(at("firstName"), "firstName", p.firstName));
  if (fits("lastName", p.lastName) && p.lastName.trim() === "") problems.push(...checkNotEmpty(at("lastName"), "lastName", p.lastName));
  fits("primaryPhone", p.primaryPhone);
  fits("mobilePhone", p.mobilePhone);
  if (!blemished?.has("status") && isConcrete(p.status) && !(USER_STATUSES as readonly string[]).includes(p.status)) checkEnum(problems, at("status"), "status", p.status, USER_STATUSES);
  return problems;
}

/** Where a token may hide: every cdktf token marker (string, list and map) holds this. */
const TOKEN_MARKER = "{TfToken[";

/** A text value without an invisible character and without a space at either end: {@link invisibleCharacters} finds nothing in it. */
function looksClean(value: string): boolean {
  return !SUSPECT.test(value) && value[0] !== " " && value[value.length - 1] !== " ";
}

/** An optional field that is absent, or a clean string at most `max` UTF-16 units long for which `ok` holds. */
function plainField(value: unknown, max: number, ok?: (value: string) => boolean): boolean {
  return value === undefined || (typeof value === "string" && value.length <= max && (ok === undefined || ok(value)));
}

/**
 * True only when validateUser would find nothing, decided without building a place or a message: the
 * common case, about three times faster at 100,000 users. Anything unusual (a token, a value near a
 * limit, a value that fails a check) answers false, and the full checks run. @internal
 */
export function plainlyValid(p: OktaUserProps, customLoginPattern: boolean): boolean {
  for (const field in p) {
    const value = (p as unknown as Record<string, unknown>)[field];
    if (typeof value === "string" && (value.includes(TOKEN_MARKER) || !looksClean(value))) return false;
  }
  const login = p.login as unknown;
  if (typeof login !== "string" || login.length > MAX_LOGIN_LENGTH || !(customLoginPattern ? login.trim() !== "" : isLogin(login))) return false;
  const filled = (value: string) => value.trim() !== "";
  return (
    ((p.email === login && !customLoginPattern) || plainField(p.email, PROFILE_MAX_LENGTHS.email, isEmail)) &&
    plainField(p.secondEmail, PROFILE_MAX_LENGTHS.secondEmail, isEmail) &&
    plainField(p.firstName, PROFILE_MAX_LENGTHS.firstName, filled) &&
    plainField(p.lastName, PROFILE_MAX_LENGTHS.lastName, filled) &&
    plainField(p.primaryPhone, PROFILE_MAX_LENGTHS.primaryPhone) &&
    plainField(p.mobilePhone, PROFILE_MAX_LENGTHS.mobilePhone) &&
    plainField(p.status, Infinity, (status) => (USER_STATUSES as readonly string[]).includes(status))
  );
}

/**
 * customProfile against the custom schema properties declared in the same org. Keys are looked up as
 * own keys: a property named like an Object.prototype member ("constructor") is required like any other.
 *
 * A user loaded from a file is told in the file's terms (its column, "fill the column"); what a CSV
 * file's header decides for every row (an undeclared column, a required property without a column, a
 * property declared after the file was read) is reported once for the file by the loader, not here.
 */
export function validateCustomProfile(entry: UserEntry, declared: ReadonlyMap<string, CustomPropertyEntry>): Problem[] {
  const problems: Problem[] = [];
  const user = entry.construct;
  const profile = entry.props.customProfile ?? {};
  const format = formatOf(user);
  const loaded = format !== undefined;
  const csv = format === "csv";
  for (const [key, value] of Object.entries(profile)) {
    const property = declared.get(key);
    const field = `custom.${key}`;
    if (!property) {
      if (!loaded) problems.push(problem.undeclaredCustomKey(user.node.path, key, [...declared.keys()]));
      else if (!csv) problems.push(problem.directoryUndeclared(placeInOrgs(user, field), field, [...declared.keys()], undefined));
      continue;
    }
    const invisible = invisibleIn(value);
    if (invisible !== undefined) {
      problems.push(problem.invisibleCharacters(placeInOrgs(user, field), `customProfile.${key}`, invisible.value, invisible.found, invisible.fix));
      continue;
    }
    const found = loaded ? checkLoadedValue(user, field, value, property, csv) : checkCustomValue(user.node.path, key, value, property);
    if (found) problems.push(found);
  }
  for (const property of declared.values()) {
    const index = property.props.index;
    if (!property.props.required || property.props.userType !== undefined || Object.hasOwn(profile, index)) continue;
    const field = `custom.${index}`;
    const column = columnOf(user, field);
    if (column === undefined) problems.push(problem.missingRequiredCustom(user.node.path, index, orgPath(property.construct)));
    else if (column.column !== undefined || !column.csv) {
      // A JSON or YAML file that writes custom attributes in customProfile objects is told to add one there.
      const written = column.column ?? (columnOf(user, "customProfile")?.column !== undefined ? `customProfile.${index}` : field);
      problems.push(problem.directoryMissingRequired(placeInOrgs(user, field), field, orgPath(property.construct), written, column.csv));
    }
  }
  return problems;
}

/** The first string of a custom value (or its items) with an invisible character, and what it has. */
function invisibleIn(value: CustomProfileValue): (Invisible & { value: string }) | undefined {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== "string" || !isConcrete(item)) continue;
    const invisible = invisibleCharacters(item);
    if (invisible !== undefined) return { ...invisible, value: item };
  }
  return undefined;
}

/**
 * A loaded user's custom value against its property, in the file's terms. CSV cells were converted to
 * the declared type as they were read, so only the allowed values are left to check; a JSON or YAML
 * value keeps the type it was written with.
 */
function checkLoadedValue(user: IConstruct, field: string, value: CustomProfileValue, property: CustomPropertyEntry, csv: boolean): Problem | undefined {
  const p = property.props;
  if (typeof value === "string" && !isConcrete(value)) return undefined;
  const items = p.type === "array" ? value : [value];
  const itemType = p.type === "array" ? (p.arrayType ?? "string") : p.type;
  if (!csv && (!Array.isArray(items) || !items.every((item) => fitsScalar(item, itemType)))) {
    return problem.directoryValueType(placeInOrgs(user, field), value, field, describeType(property), orgPath(property.construct));
  }
  const allowed = p.type === "array" ? allowedValues(p.arrayEnum, p.arrayOneOf) : allowedValues(p.enum, p.oneOf);
  const outside = allowed && (items as unknown[]).find((item) => !allowed.includes(String(item)));
  return outside !== undefined && allowed ? problem.directoryValueNotAllowed(placeInOrgs(user, field), outside, field, orgPath(property.construct), allowed) : undefined;
}

/** The declared type as messages write it: "integer", "array of string". */
export function describeType(property: CustomPropertyEntry): string {
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

function checkCustomValue(path: string, key: string, value: CustomProfileValue, property: CustomPropertyEntry): Problem | undefined {
  const p = property.props;
  if (typeof value === "string" && !isConcrete(value)) return undefined;
  if (p.type === "array") {
    const itemType = p.arrayType ?? "string";
    if (!Array.isArray(value) || !value.every((item) => fitsScalar(item, itemType))) {
      return problem.customValueType(path, key, value, describeType(property));
    }
    const allowed = allowedValues(p.arrayEnum, p.arrayOneOf);
    const outside = allowed && (value as unknown[]).find((item) => !allowed.includes(String(item)));
    return outside !== undefined && allowed ? problem.customValueNotAllowed(path, key, outside, allowed) : undefined;
  }
  if (!fitsScalar(value, p.type)) return problem.customValueType(path, key, value, describeType(property));
  const allowed = allowedValues(p.enum, p.oneOf);
  if (allowed && !allowed.includes(String(value))) return problem.customValueNotAllowed(path, key, value, allowed);
  return undefined;
}

/** Group name: not empty, at most 255 bytes; name and description without invisible characters. */
export function validateGroup(group: IConstruct, name: string, description?: string): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string) => placeInOrgs(group, field);
  for (const [field, value] of [["name", name], ["description", description]] as const) {
    const invisible = isConcrete(value) ? invisibleCharacters(value, field === "name") : undefined;
    if (invisible !== undefined) problems.push(problem.invisibleCharacters(at(field), field, value!, invisible.found, invisible.fix));
    else if (field === "name") {
      problems.push(...checkNotEmpty(at("name"), "name", name));
      checkBytes(problems, at("name"), "name", name, LIMITS.groupNameBytes);
    }
  }
  return problems;
}

/** Group rule limits: name length, number of groups and excluded users, status. */
export function validateRule(rule: RuleEntry): Problem[] {
  const problems: Problem[] = [];
  const path = rule.construct.node.path;
  const p = rule.props;
  problems.push(...checkNotEmpty(path, "name", p.name));
  checkBytes(problems, path, "name", p.name, LIMITS.ruleNameBytes);
  problems.push(...checkNotEmpty(path, "expression", p.expression));
  checkEnum(problems, path, "status", p.status, RULE_STATUSES);
  const groups = new Set(p.groups).size;
  if (groups === 0) problems.push(problem.ruleWithoutGroups(path));
  if (groups > LIMITS.ruleGroups) problems.push(problem.ruleTooManyGroups(path, groups, LIMITS.ruleGroups));
  const excluded = new Set(p.excludedUsers ?? []).size;
  if (excluded > LIMITS.ruleExcludedUsers) problems.push(problem.ruleTooManyExcluded(path, excluded, LIMITS.ruleExcludedUsers));
  return problems;
}

const INDEX = /^[A-Za-z][A-Za-z0-9_]*$/;

/** True for a valid, unreserved custom property index. */
export function isValidIndex(index: string): boolean {
  return INDEX.test(index) && !isReservedIndex(index);
}

function isReservedIndex(index: string): boolean {
  const lower = index.toLowerCase();
  return RESERVED_INDEXES.some((r) => r.toLowerCase() === lower);
}

/** Enums, index syntax, title, and the option combinations Okta rejects. */
export function validateSchemaProperty(property: SchemaPropertyEntry): Problem[] {
  const problems: Problem[] = [];
  const path = property.construct.node.path;
  const p = property.props;
  problems.push(...checkNotEmpty(path, "title", p.title));
  checkEnum(problems, path, "type", p.type, SCHEMA_TYPES);
  checkEnum(problems, path, "master", p.master, property.kind === "base" ? BASE_SCHEMA_MASTERS : SCHEMA_MASTERS);
  checkEnum(problems, path, "permissions", p.permissions, SCHEMA_PERMISSIONS);
  if (property.kind === "base") {
    const base = BASE_INDEXES;
    if (isConcrete(p.index) && !base.includes(p.index)) problems.push(problem.notBaseAttribute(path, p.index, base));
    return problems;
  }
  const c = property.props;
  if (isConcrete(c.index) && !isValidIndex(c.index)) {
    problems.push(INDEX.test(c.index) ? problem.reservedIndex(path, c.index) : problem.badIndex(path, c.index));
  }
  checkEnum(problems, path, "arrayType", c.arrayType, SCHEMA_ARRAY_TYPES);
  checkEnum(problems, path, "scope", c.scope, SCHEMA_SCOPES);
  checkEnum(problems, path, "unique", c.unique, SCHEMA_UNIQUENESS);
  const hasPriority = (c.masterOverridePriority?.length ?? 0) > 0;
  if (c.master === "OVERRIDE" && !hasPriority) problems.push(problem.overrideNeedsPriority(path));
  if (c.master !== "OVERRIDE" && hasPriority) problems.push(problem.priorityNeedsOverride(path, c.master));
  const hasEnum = c.enum !== undefined || c.oneOf !== undefined;
  if (hasEnum && c.unique === "UNIQUE_VALIDATED") problems.push(problem.enumWithUnique(path));
  if (hasEnum && c.type === "array") problems.push(problem.enumWithArray(path));
  if (c.type === "array" && c.arrayType === undefined) problems.push(problem.arrayWithoutArrayType(path));
  if (c.type !== "array" && c.arrayType !== undefined) problems.push(problem.arrayTypeWithoutArray(path, c.type));
  if (c.type !== "string" && (c.minLength !== undefined || c.maxLength !== undefined)) {
    problems.push(problem.lengthOnNonString(path, c.type));
  }
  if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength) {
    problems.push(problem.minAboveMax(path, c.minLength, c.maxLength));
  }
  const scalarType = c.type === "array" ? c.arrayType : c.type;
  const values = c.type === "array" ? allowedValues(c.arrayEnum, c.arrayOneOf) : allowedValues(c.enum, c.oneOf);
  const field = c.type === "array" ? (c.arrayEnum ? "arrayEnum" : "arrayOneOf") : c.enum ? "enum" : "oneOf";
  for (const value of values ?? []) {
    if (scalarType && !fitsEnumValue(value, scalarType)) problems.push(problem.enumValueType(path, field, value, scalarType));
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

/** What is invisible about a value, and how to fix it: "a trailing space", "remove it". */
export interface Invisible {
  readonly found: string;
  readonly fix: string;
}

/** Characters that show as nothing, or as a plain space, and what messages call them. */
const INVISIBLE_NAMES: Readonly<Record<string, string>> = {
  " ": "space",
  "\t": "tab",
  "\n": "line break",
  "\r": "carriage return",
  "\u00A0": "non-breaking space (U+00A0)",
  "\u00AD": "soft hyphen (U+00AD)",
  "\u2002": "en space (U+2002)",
  "\u2003": "em space (U+2003)",
  "\u2007": "figure space (U+2007)",
  "\u2009": "thin space (U+2009)",
  "\u200A": "hair space (U+200A)",
  "\u200B": "zero-width space (U+200B)",
  "\u200C": "zero-width non-joiner (U+200C)",
  "\u200D": "zero-width joiner (U+200D)",
  "\u2028": "line separator (U+2028)",
  "\u2029": "paragraph separator (U+2029)",
  "\u202F": "narrow non-breaking space (U+202F)",
  "\u2060": "word joiner (U+2060)",
  "\u3000": "ideographic space (U+3000)",
  "\uFEFF": "byte order mark (U+FEFF)",
};
/** At either end of a value: anything that shows as nothing or as a space (JavaScript's \s, zero-width characters, controls). */
const EDGE_INVISIBLE = /[\s\u00AD\u200B-\u200D\u2060\u0000-\u001F\u007F-\u009F]/u;
/** Inside a value, what is not a plain space, a line break or a joiner that some scripts need between letters. */
const INNER_ALLOWED = new Set([" ", "\n", "\r", "\u200C", "\u200D"]);
/** Any character but a plain space that {@link EDGE_INVISIBLE} matches: a value without one (and without a space at an end) is clean. */
const SUSPECT = /[\t\n\v\f\r\u00A0\u00AD\u1680\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF\u0000-\u001F\u007F-\u009F]/;
/** Inside a value these look like a plain space: the fix is to type one. */
const SPACE_LIKE = /[\s]/u;

/**
 * One whitespace policy for values in code and in files: a text value sent to Okta (or naming an
 * object) is rejected when it starts or ends with whitespace or an invisible character, or holds one
 * inside other than a plain space, a line break or a zero-width (non-)joiner. Nothing is trimmed:
 * a value reaches Okta exactly as written, and the message says which character it is. `required`:
 * the value may not be empty either.
 */
export function invisibleCharacters(value: string, required = false): Invisible | undefined {
  if (!SUSPECT.test(value) && value[0] !== " " && value[value.length - 1] !== " ") return undefined;
  const chars = [...value];
  if (chars.length === 0) return undefined;
  let start = 0;
  while (start < chars.length && EDGE_INVISIBLE.test(chars[start])) start++;
  if (start === chars.length) return { found: `nothing but ${counted(chars, "")}`, fix: required ? "give it a value" : "leave it empty or give it a value" };
  let end = chars.length;
  while (EDGE_INVISIBLE.test(chars[end - 1])) end--;
  const inner: number[] = [];
  for (let i = start; i < end; i++) if (!INNER_ALLOWED.has(chars[i]) && EDGE_INVISIBLE.test(chars[i])) inner.push(i);
  const found: string[] = [];
  if (start > 0) found.push(counted(chars.slice(0, start), "leading "));
  if (end < chars.length) found.push(counted(chars.slice(end), "trailing "));
  if (inner.length > 0) {
    const more = inner.length > 1 ? ` (and ${inner.length - 1} more inside)` : "";
    found.push(`${article(nameOf(chars[inner[0]]))} at character ${inner[0] + 1}${more}`);
  }
  if (found.length === 0) return undefined;
  const edges = chars.length - (end - start);
  const them = (n: number) => (n === 1 ? "it" : "them");
  const ones = (n: number) => (n === 1 ? "the one" : "the ones");
  const replace = inner.length > 0 && inner.every((i) => SPACE_LIKE.test(chars[i]));
  const [verb, tail] = replace ? ["replace", " with a plain space"] : ["remove", ""];
  const ends = start > 0 && end < chars.length ? "ends" : start > 0 ? "start" : "end";
  const fix =
    inner.length === 0 ? `remove ${them(edges)}`
    : edges === 0 ? `${verb} ${them(inner.length)}${tail}`
    : `remove ${ones(edges)} at the ${ends} and ${verb} ${ones(inner.length)} inside${tail}`;
  return { found: joinAnd(found), fix };
}

function nameOf(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  return INVISIBLE_NAMES[char] ?? (/\s/u.test(char) ? `space character (U+${hex})` : `control character (U+${hex})`);
}

/** "a leading space", "2 trailing spaces and a trailing tab": the characters of a run, by kind. */
function counted(chars: readonly string[], position: string): string {
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(nameOf(char), (counts.get(nameOf(char)) ?? 0) + 1);
  return joinAnd([...counts].map(([name, n]) => (n === 1 ? article(`${position}${name}`) : `${n} ${position}${plural(name)}`)));
}

function article(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}

/** "non-breaking space (U+00A0)" -> "non-breaking spaces (U+00A0)". */
function plural(name: string): string {
  const code = name.indexOf(" (");
  return code === -1 ? `${name}s` : `${name.slice(0, code)}s${name.slice(code)}`;
}

