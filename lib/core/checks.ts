/** Syntax checks and allowed values shared by the constructs and the directory-file loader. */
import { Token } from "cdktf";
import { problem } from "../problems/messages";
import { Problem } from "../problems/problem";

/** Values Okta documents for okta_user.status. */
export const USER_STATUSES = ["ACTIVE", "STAGED", "SUSPENDED", "DEPROVISIONED"] as const;
/** Values Okta documents for okta_group_rule.status. */
export const RULE_STATUSES = ["ACTIVE", "INACTIVE"] as const;

/** Okta's limits on group names and group rules. */
export const LIMITS = {
  groupNameBytes: 255,
  ruleNameBytes: 50,
  ruleGroups: 100,
  ruleExcludedUsers: 100,
} as const;

/** Okta rejects logins longer than this. */
export const MAX_LOGIN_LENGTH = 100;

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const EMAIL = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})+$`);

/** True for an address of the form local@domain.tld, the form Okta's default login pattern requires. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** True for a login Okta's default (email-style) login pattern accepts. */
export function isLogin(value: string): boolean {
  return value.length <= MAX_LOGIN_LENGTH && isEmail(value);
}

/** A Terraform resource name: a letter or underscore first, then letters, digits, underscores, dashes. */
export function isTerraformName(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value);
}

/** True when a value is a concrete string (not a token that resolves only at synth or apply time). */
export function isConcrete(value: string | undefined): value is string {
  // Every token marker (string, list, map) holds "{TfToken[": most values are ruled out without Token's regular expression.
  return value !== undefined && (typeof value !== "string" || value.includes("{TfToken[") ? !Token.isUnresolved(value) : true);
}

/** UTF-8 length, which is what Okta's byte limits count. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** A problem when a concrete value is empty or blank. */
export function checkNotEmpty(path: string, field: string, value: string | undefined): Problem[] {
  return isConcrete(value) && value.trim() === "" ? [problem.emptyString(path, field)] : [];
}
