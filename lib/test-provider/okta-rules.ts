/**
 * What Okta refuses, refused the way the okta provider reports it (an error summary naming the
 * failed call, Okta's "Api validation failed" text as detail). Only the refusals the tests rely on
 * are simulated; docs: https://developer.okta.com/docs/reference/error-codes/ (E0000001, E0000007).
 */
import { OktaRefusal, SimulatedOrg, StoredObject } from "./org";

const GROUP_RULE_NAME_MAX_BYTES = 50;

function apiValidation(call: string, field: string, cause: string): OktaRefusal {
  return new OktaRefusal(
    `failed to ${call}`,
    `the API returned an error: Api validation failed: ${field}. Causes: errorSummary: ${field}: ${cause}`,
  );
}

function customProfile(user: StoredObject): Record<string, unknown> {
  const raw = user.custom_profile_attributes;
  if (typeof raw !== "string" || raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new OktaRefusal("failed to update user", `custom_profile_attributes is not JSON: ${raw.slice(0, 40)}`);
  }
}

/** Throws the refusal Okta would answer for writing `object` (type `type`, id `id` if it exists). */
export function checkOktaWrite(org: SimulatedOrg, type: string, id: string | undefined, object: StoredObject): void {
  const verb = id === undefined ? "create" : "update";
  if (type === "okta_user") {
    const login = String(object.login ?? "").toLowerCase();
    const taken = org.all("okta_user").some((other) => other.id !== id && String(other.login ?? "").toLowerCase() === login);
    if (taken) throw apiValidation(`${verb} user`, "login", "An object with this field already exists in the current organization");
    const profile = customProfile(object);
    for (const property of org.all("okta_user_schema_property")) {
      const index = String(property.index);
      const value = Object.hasOwn(profile, index) ? profile[index] : undefined;
      if (property.required === true && (value === undefined || value === null || value === "")) {
        throw apiValidation(`${verb} user`, index, "The field cannot be left blank");
      }
    }
  }
  if (type === "okta_group_rule" && Buffer.byteLength(String(object.name ?? ""), "utf8") > GROUP_RULE_NAME_MAX_BYTES) {
    throw apiValidation(`${verb} group rule`, "name", `size must be between 1 and ${GROUP_RULE_NAME_MAX_BYTES}`);
  }
  if (type === "okta_group_memberships") {
    for (const user of (object.users as string[] | null) ?? []) {
      if (!org.get("okta_user", user)) {
        throw new OktaRefusal("failed to add users to group", `the API returned an error: Not found: Resource not found: ${user} (User)`);
      }
    }
  }
}

/** Types whose writes go to Okta's user schema API, which keeps only one of two concurrent writes. */
export const SCHEMA_TYPES = new Set(["okta_user_schema_property", "okta_user_base_schema_property"]);

/**
 * The id Okta gives a new object, where it is not generated: a schema property is known by its index,
 * a group's memberships by the group's id. The provider gives every okta_group_memberships of one
 * group the group's id (resource_okta_group_memberships.go:110, 138); the simulated org keeps each
 * under its own key, so a group's second and later ones get "<group id>~2", "~3"... (`taken` says
 * which ids the org already holds).
 */
export function naturalId(type: string, object: StoredObject, taken: (id: string) => boolean = () => false): string | undefined {
  if (SCHEMA_TYPES.has(type)) return String(object.index);
  if (type === "okta_user_group_memberships") return String(object.user_id);
  if (type === "okta_group_memberships") {
    const groupId = String(object.group_id);
    let id = groupId;
    for (let n = 2; taken(id); n++) id = `${groupId}~${n}`;
    return id;
  }
  return undefined;
}

/** Values Okta fills in for computed attributes a configuration leaves out. */
export const OKTA_DEFAULTS: Record<string, Record<string, unknown>> = {
  okta_user: { raw_status: "ACTIVE" },
  okta_identity_source_import: { session_status: "COMPLETED" },
};
