import * as fs from "node:fs";
import * as path from "node:path";
import { messages } from "./errors";

/** Provider arguments that are credentials, whatever the schema marks sensitive. */
const PROVIDER_CREDENTIALS = ["api_token", "access_token", "private_key", "private_key_id", "client_id"];

/** The package's schema/ directory (this file is lib/private or dist/lib/private). */
export function schemaDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "schema", "okta.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdktf-okta: schema/okta.json not found above ${__dirname}; reinstall the package.`);
    dir = parent;
  }
  return path.join(dir, "schema");
}

let sensitiveByType: Map<string, string[]> | undefined;

/** Attributes the provider schemas mark sensitive, by resource type. */
function sensitiveAttributes(): Map<string, string[]> {
  if (!sensitiveByType) {
    sensitiveByType = new Map();
    const dir = schemaDir();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      for (const provider of Object.values<any>(snapshot.provider_schemas ?? {})) {
        for (const [type, schema] of Object.entries<any>(provider.resource_schemas ?? {})) {
          const names = Object.entries<any>(schema.block.attributes ?? {})
            .filter(([, a]) => a.sensitive)
            .map(([name]) => name);
          if (names.length > 0) sensitiveByType.set(type, names);
        }
      }
    }
  }
  return sensitiveByType;
}

/** Every secret set in a synthesized stack: sensitive resource attributes and provider credentials. */
export function findSecrets(file: string, tf: any): string[] {
  const problems: string[] = [];
  const sensitive = sensitiveAttributes();
  for (const [type, resources] of Object.entries<any>(tf.resource ?? {})) {
    const names = sensitive.get(type);
    if (!names) continue;
    for (const [name, body] of Object.entries<any>(resources)) {
      for (const attribute of names) {
        if (body?.[attribute] !== undefined) problems.push(messages.secretInOutput(file, `${type}.${name}`, attribute));
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
  return problems;
}
