import * as fs from "node:fs";
import * as path from "node:path";
import { isReference } from "../util/addresses";
import { problem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { schemaDir } from "../util/schema-dir";

/** Provider arguments that are credentials, whatever the schema marks sensitive (okta's, and the usual names of others'). */
const PROVIDER_CREDENTIALS = [
  "api_token", "access_token", "private_key", "private_key_id", "client_id", "client_secret", "token", "password",
  "secret_key", "access_key", "api_key", "credentials", "sas_token",
];

/** Backend and cloud-block arguments that are credentials. */
const BACKEND_CREDENTIALS = [
  "token", "access_key", "secret_key", "session_token", "client_secret", "client_certificate_password", "sas_token",
  "credentials", "access_token", "password", "conn_str", "ca_file_pem", "private_key", "encryption_key", "kms_encryption_key",
];

/** Webhook URLs, with or without a scheme: posting to one needs nothing but the URL. */
const WEBHOOK_URL = /(?:^|[^\w.-])((?:https?:\/\/)?(?:hooks\.slack\.com\/(?:services|workflows|triggers)\/|[\w-]+\.webhook\.office\.com\/|outlook\.office(?:365)?\.com\/webhook\/|discord(?:app)?\.com\/api\/webhooks\/|[\w.-]+\.logic\.azure\.com[:\w]*\/workflows\/))/i;

/** Environment variables whose values are credentials: pasted anywhere in the output, they are a leak. */
const CREDENTIAL_ENV = /^(OKTA_API_TOKEN|OKTA_ACCESS_TOKEN|OKTA_API_PRIVATE_KEY|OKTA_API_PRIVATE_KEY_ID|OKTA_API_CLIENT_ID|OKTA_CLIENT_SECRET|TFE_TOKEN|TF_TOKEN_\w+|TF_VAR_\w+)$/;
const MIN_CREDENTIAL_LENGTH = 8;


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

/** True when an attribute path ("password", "password_hash.value") of a resource type holds a secret. */
export function isSensitiveAttribute(type: string, attributePath: string): boolean {
  return (sensitivePaths().get(type) ?? []).some((p) => attributePath === p.join(".") || attributePath.startsWith(`${p.join(".")}.`) || attributePath.startsWith(`${p.join(".")}[`));
}

function sensitiveIn(block: any, prefix: string[]): string[][] {
  const own = Object.entries<any>(block.attributes ?? {})
    .filter(([, a]) => a.sensitive)
    .map(([name]) => [...prefix, name]);
  const nested = Object.entries<any>(block.block_types ?? {}).flatMap(([name, b]) => sensitiveIn(b.block, [...prefix, name]));
  return [...own, ...nested];
}

/** True when a literal value is set at the path; blocks may be an object or a list of objects. */
function isSet(value: unknown, path: readonly string[], from = 0): boolean {
  if (value === undefined || value === null) return false;
  if (from === path.length) return !isReference(value);
  if (Array.isArray(value)) return value.some((item) => isSet(item, path, from));
  return typeof value === "object" && isSet((value as Record<string, unknown>)[path[from]], path, from + 1);
}

/** Options of findSecrets. */
export interface FindSecretsOptions {
  /**
   * Every string in the JSON was tried with a {@link pastedSecretSuspect} (its writer did, as it wrote
   * it) and none is suspect: the search for pasted secrets can be skipped. @default false
   */
  readonly noSuspectStrings?: boolean;
}

/**
 * Every secret set in a synthesized stack: sensitive (or credential) resource arguments, okta provider
 * credentials, and defaults of sensitive variables.
 */
export function findSecrets(file: string, tf: any, options: FindSecretsOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const sensitive = sensitivePaths();
  for (const [type, resources] of Object.entries<any>(tf.resource ?? {})) {
    const paths = sensitive.get(type);
    if (!paths) continue;
    // By key, not by entry: no pair for each of 100,000 users.
    for (const name of Object.keys(resources ?? {})) {
      const body = resources[name];
      for (const attribute of paths) {
        // A tfe_variable declared non-sensitive (OKTA_ORG_NAME, OKTA_BASE_URL) holds public configuration.
        if (type === "tfe_variable" && attribute[0] === "value" && body?.sensitive === false) continue;
        if (isSet(body, attribute)) problems.push(problem.secretInOutput(file, `${type}.${name}`, attribute.join(".")));
      }
    }
  }
  for (const [name, configs] of Object.entries<any>(tf.provider ?? {})) {
    for (const config of [configs].flat()) {
      for (const attribute of PROVIDER_CREDENTIALS) {
        if (isSet(config, [attribute])) problems.push(problem.secretInOutput(file, `provider.${name}`, attribute));
      }
    }
  }
  for (const [kind, configs] of Object.entries<any>({ ...(tf.terraform?.backend ?? {}), ...(tf.terraform?.cloud ? { cloud: tf.terraform.cloud } : {}) })) {
    for (const config of [configs].flat()) {
      for (const attribute of BACKEND_CREDENTIALS) {
        if (isSet(config, [attribute])) problems.push(problem.secretInOutput(file, kind === "cloud" ? "terraform.cloud" : `terraform.backend.${kind}`, attribute));
      }
    }
  }
  const sensitiveVariables = new Set<string>();
  for (const [name, variable] of Object.entries<any>(tf.variable ?? {})) {
    if (variable?.sensitive === true) sensitiveVariables.add(name);
    if (variable?.sensitive === true && variable.default !== undefined) {
      problems.push(problem.secretInOutput(file, `var.${name}`, "default"));
    }
  }
  for (const [name, output] of Object.entries<any>(tf.output ?? {})) {
    const refersToSecret = [...JSON.stringify(output?.value ?? null).matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)].some((m) => sensitiveVariables.has(m[1]));
    if (refersToSecret && output?.sensitive !== true) problems.push(problem.secretInOutput(file, `output.${name}`, "value"));
  }
  if (!options.noSuspectStrings) problems.push(...pastedSecrets(file, tf));
  return problems;
}

/** The values of the credential environment variables now set (long enough to be told apart), by name. */
function credentialValues(): (readonly [string, string])[] {
  return Object.entries(process.env)
    .filter(([name, value]) => CREDENTIAL_ENV.test(name) && value !== undefined && value.length >= MIN_CREDENTIAL_LENGTH)
    .map(([name, value]) => [name, value!] as const);
}

/**
 * Whether a string may be a pasted secret (a webhook URL, or the value of one of `credentials`, by
 * default the credential environment variables now set): false rules it out. Every webhook URL has a slash, so most strings are ruled out
 * without WEBHOOK_URL.
 */
export function pastedSecretSuspect(credentials = credentialValues()): (value: string) => boolean {
  return (value) => (value.includes("/") && WEBHOOK_URL.test(value)) || credentials.some(([, secret]) => value.includes(secret));
}

/** Webhook URLs and the values of credential environment variables, wherever they appear in the JSON. */
function pastedSecrets(file: string, tf: unknown): Problem[] {
  const credentials = credentialValues();
  const suspect = pastedSecretSuspect(credentials);
  // A first pass only asks whether there is anything to report; the second, which knows where each value is, runs only then.
  if (!holdsString(tf, suspect)) return [];
  const problems: Problem[] = [];
  // The path to the value, as keys and indexes; written out ("resource.okta_user.bird.login", "a[0]") only for a finding.
  const at: (string | number)[] = [];
  const where = () => at.reduce<string>((path, part) => (typeof part === "number" ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  const visit = (value: unknown) => {
    if (typeof value === "string") {
      if (WEBHOOK_URL.test(value)) problems.push(problem.webhookInOutput(file, where()));
      for (const [name, secret] of credentials) if (value.includes(secret)) problems.push(problem.environmentSecretInOutput(file, where(), name));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        visit(value[i]);
        at.pop();
      }
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        if (key === "//") continue;
        at.push(key);
        visit((value as Record<string, unknown>)[key]);
        at.pop();
      }
    }
  };
  visit(tf);
  return problems;
}

/** Whether any string in the JSON (but under "//", cdktf's metadata) is `suspect`. */
function holdsString(value: unknown, suspect: (value: string) => boolean): boolean {
  if (typeof value === "string") return suspect(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsString(value[i], suspect)) return true;
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) if (key !== "//" && holdsString((value as Record<string, unknown>)[key], suspect)) return true;
  }
  return false;
}
