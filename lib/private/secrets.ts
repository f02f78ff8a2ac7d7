import * as fs from "node:fs";
import * as path from "node:path";
import { messages } from "./errors";
import { schemaDir } from "./schema-dir";

/** Provider arguments that are credentials, whatever the schema marks sensitive. */
const PROVIDER_CREDENTIALS = ["api_token", "access_token", "private_key", "private_key_id", "client_id"];


/** okta_user arguments that carry a credential although the schema does not mark them sensitive. */
const USER_CREDENTIALS = ["password_hash", "old_password", "recovery_answer", "password"];

let sensitiveByType: Map<string, string[][]> | undefined;

/** Paths (attribute names through nested blocks) the provider schemas mark sensitive, by resource type. */
function sensitivePaths(): Map<string, string[][]> {
  if (!sensitiveByType) {
    sensitiveByType = new Map([["okta_user", USER_CREDENTIALS.map((name) => [name])]]);
    const dir = schemaDir();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      for (const provider of Object.values<any>(snapshot.provider_schemas ?? {})) {
        for (const [type, schema] of Object.entries<any>(provider.resource_schemas ?? {})) {
          const all = [...(sensitiveByType.get(type) ?? []), ...sensitiveIn(schema.block, [])];
          const paths = [...new Map(all.map((p) => [p.join("."), p])).values()];
          if (paths.length > 0) sensitiveByType.set(type, paths);
        }
      }
    }
  }
  return sensitiveByType;
}

function sensitiveIn(block: any, prefix: string[]): string[][] {
  const own = Object.entries<any>(block.attributes ?? {})
    .filter(([, a]) => a.sensitive)
    .map(([name]) => [...prefix, name]);
  const nested = Object.entries<any>(block.block_types ?? {}).flatMap(([name, b]) => sensitiveIn(b.block, [...prefix, name]));
  return [...own, ...nested];
}

/** A value that only refers to something else ("${var.okta_dev_private_key}"): the secret stays outside the JSON. */
function isReference(value: unknown): boolean {
  return typeof value === "string" && /^\$\{[^${}]+\}$/.test(value);
}

/** True when a literal value is set at the path; blocks may be an object or a list of objects. */
function isSet(value: unknown, path: string[]): boolean {
  if (value === undefined || value === null) return false;
  if (path.length === 0) return !isReference(value);
  if (Array.isArray(value)) return value.some((item) => isSet(item, path));
  return typeof value === "object" && isSet((value as Record<string, unknown>)[path[0]], path.slice(1));
}

/**
 * Every secret set in a synthesized stack: sensitive (or credential) resource arguments, okta provider
 * credentials, and defaults of sensitive variables.
 */
export function findSecrets(file: string, tf: any): string[] {
  const problems: string[] = [];
  const sensitive = sensitivePaths();
  for (const [type, resources] of Object.entries<any>(tf.resource ?? {})) {
    const paths = sensitive.get(type);
    if (!paths) continue;
    for (const [name, body] of Object.entries<any>(resources)) {
      for (const attribute of paths) {
        // A tfe_variable declared non-sensitive (OKTA_ORG_NAME, OKTA_BASE_URL) holds public configuration.
        if (type === "tfe_variable" && attribute[0] === "value" && body?.sensitive === false) continue;
        if (isSet(body, attribute)) problems.push(messages.secretInOutput(file, `${type}.${name}`, attribute.join(".")));
      }
    }
  }
  for (const [name, configs] of Object.entries<any>(tf.provider ?? {})) {
    if (name !== "okta") continue;
    for (const config of [configs].flat()) {
      for (const attribute of PROVIDER_CREDENTIALS) {
        if (config?.[attribute] !== undefined) problems.push(messages.secretInOutput(file, `provider.${name}`, attribute));
      }
    }
  }
  for (const [name, variable] of Object.entries<any>(tf.variable ?? {})) {
    if (variable?.sensitive === true && variable.default !== undefined) {
      problems.push(messages.secretInOutput(file, `var.${name}`, "default"));
    }
  }
  return problems;
}
