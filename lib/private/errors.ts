/**
 * Every message a cdktf-okta construct or tool reports, in one place.
 *
 * A message names where the problem is (construct path, or file and row), the value received, what is
 * allowed and how to fix it.
 */

/** Quote a received value for a message. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function oneOf(allowed: readonly string[]): string {
  return allowed.map((a) => show(a)).join(", ");
}

export const messages = {
  invalidAddress: (path: string, id: string) =>
    `${path}: construct id ${show(id)} is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes. Choose an id such as ${show(suggestAddress(id))}.`,
  duplicateAddress: (type: string, address: string, paths: string[]) =>
    `${paths.join(" and ")}: both would be ${type}.${address}. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.`,
  notInEnum: (path: string, field: string, value: unknown, allowed: readonly string[]) =>
    `${path}: ${field} is ${show(value)}; allowed values are ${oneOf(allowed)}.`,
  emptyString: (path: string, field: string) => `${path}: ${field} is empty; give it a value.`,
  tooLong: (path: string, field: string, value: string, bytes: number, max: number) =>
    `${path}: ${field} ${show(value)} is ${bytes} bytes long; Okta allows at most ${max} bytes. Shorten it.`,
  badLogin: (path: string, login: string) =>
    `${path}: login ${show(login)} is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).`,
  badEmail: (path: string, field: string, email: string) =>
    `${path}: ${field} ${show(email)} is not a valid email address; use the form "name@example.com".`,
  duplicateLogin: (login: string, paths: string[]) =>
    `${paths.join(" and ")}: both have login ${show(login)}; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.`,
  duplicateGroupName: (name: string, paths: string[]) =>
    `${paths.join(" and ")}: both are named ${show(name)}; Okta group names must be unique in an org. Rename one of them.`,
  badIndex: (path: string, index: string) =>
    `${path}: index ${show(index)} is not a valid Okta variable name; start with a letter and use only letters, digits and underscores, e.g. ${show(suggestIndex(index))}.`,
  notBaseAttribute: (path: string, index: string, base: readonly string[]) =>
    `${path}: index ${show(index)} is not one of Okta's base attributes (${oneOf(base)}); to add an attribute of your own use OktaUserSchemaProperty.`,
  reservedIndex: (path: string, index: string) =>
    `${path}: index ${show(index)} is reserved by Okta; choose another name, e.g. ${show(index + "_attr")}.`,
  duplicateIndex: (index: string, paths: string[]) =>
    `${paths.join(" and ")}: both declare the user schema property ${show(index)}; each index may be declared once per org. Remove one.`,
  tooManyUnique: (paths: string[], max: number) =>
    `${paths.join(", ")}: ${paths.length} user schema properties are unique: "UNIQUE_VALIDATED", Okta allows at most ${max} per user type. Make the others "NOT_UNIQUE".`,
  overrideNeedsPriority: (path: string) =>
    `${path}: master is "OVERRIDE" but masterOverridePriority is empty; list the profile sources in priority order, e.g. [{ type: "ORG_APP", value: "<app id>" }], or use master "PROFILE_MASTER".`,
  priorityNeedsOverride: (path: string, master: string | undefined) =>
    `${path}: masterOverridePriority is set but master is ${show(master ?? "PROFILE_MASTER")}; set master: "OVERRIDE" or remove masterOverridePriority.`,
  enumWithUnique: (path: string) =>
    `${path}: enum/oneOf cannot be combined with unique: "UNIQUE_VALIDATED"; remove one of them.`,
  enumWithArray: (path: string) =>
    `${path}: enum/oneOf cannot be combined with type "array"; use arrayEnum/arrayOneOf for the items of an array property.`,
  arrayTypeWithoutArray: (path: string, type: string) =>
    `${path}: arrayType is only allowed when type is "array", but type is ${show(type)}; remove arrayType or set type: "array".`,
  arrayWithoutArrayType: (path: string) =>
    `${path}: type is "array" but arrayType is missing; set arrayType to "string", "number", "integer" or "boolean".`,
  enumValueType: (path: string, field: string, value: unknown, type: string) =>
    `${path}: ${field} contains ${show(value)}, which is not a ${type}; every value must match the property's type.`,
  lengthOnNonString: (path: string, type: string) =>
    `${path}: minLength/maxLength only apply to string properties, but type is ${show(type)}; remove them.`,
  minAboveMax: (path: string, min: number, max: number) =>
    `${path}: minLength ${min} is greater than maxLength ${max}; swap them or fix one.`,
  undeclaredCustomKey: (path: string, key: string, declared: string[]) =>
    `${path}: customProfile key ${show(key)} is not a user schema property declared in this org (declared: ${declared.length ? declared.join(", ") : "none"}). Declare it with new OktaUserSchemaProperty(this, "...", { index: ${show(key)}, ... }) (an existing property is adopted), or remove the key.`,
  customValueType: (path: string, key: string, value: unknown, expected: string) =>
    `${path}: customProfile.${key} is ${show(value)}, which does not fit the declared type ${expected}; give a value of type ${expected}.`,
  customValueNotAllowed: (path: string, key: string, value: unknown, allowed: readonly unknown[]) =>
    `${path}: customProfile.${key} is ${show(value)}; the schema property allows only ${allowed.map((a) => show(a)).join(", ")}.`,
  missingRequiredCustom: (path: string, key: string, propertyPath: string) =>
    `${path}: customProfile has no ${show(key)}, which ${propertyPath} declares required: Okta rejects the user at apply time. Add customProfile.${key}.`,
  ruleTooManyGroups: (path: string, count: number, max: number) =>
    `${path}: the rule assigns ${count} groups; Okta allows at most ${max} per rule. Split it into several rules with the same expression.`,
  ruleTooManyExcluded: (path: string, count: number, max: number) =>
    `${path}: the rule excludes ${count} users; Okta allows at most ${max} per rule. Exclude a group of users in the expression instead (e.g. not isMemberOfAnyGroup(...)).`,
  ruleWithoutGroups: (path: string) => `${path}: groups is empty; a group rule must assign at least one group.`,
  ruleAndMembers: (groupPath: string, rulePaths: string[]) =>
    `${groupPath}: the group has explicit members and is also filled by group rule ${rulePaths.join(", ")}; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.`,
  crossOrg: (path: string, what: string, otherPath: string) =>
    `${path}: ${what} ${otherPath} belongs to another org's stack; a stack can only reference users and groups of its own org. Define it in this stack too, or import it with OktaUser.fromUserId / OktaGroup.fromGroupId.`,
  crossOrgToken: (what: string, ownPath: string, usedIn: string) =>
    `${ownPath}: its ${what} is used in stack ${usedIn}, which is another org; each org's stack can only reference its own users and groups.`,
  noProvider: (stackPath: string) =>
    `${stackPath}: this stack has Okta constructs but no okta provider. Use OktaOrgStack, or add new OktaProvider(stack, "okta", { orgName, baseUrl }) from cdktf-okta's bindings.`,
  secretInOutput: (file: string, address: string, attribute: string) =>
    `${file}: ${address} sets ${attribute}, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
} as const;

function suggestAddress(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function suggestIndex(index: string): string {
  const cleaned = index.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `attr_${cleaned}`;
}

/** Thrown when a synth fails; `problems` lists every problem found, across every stack. */
export class OktaSynthError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`cdktf-okta found ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written:\n  ${problems.join("\n  ")}`);
    this.name = "OktaSynthError";
  }
}
