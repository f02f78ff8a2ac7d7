import * as fs from "node:fs";
import * as path from "node:path";
import { messages } from "../problems/messages";

/** The package's schema/ directory (found above this file: lib/private under ts-jest, dist/lib/private compiled or installed). */
export function schemaDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "schema", "okta.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(messages.schemaNotFound(__dirname));
    dir = parent;
  }
  return path.join(dir, "schema");
}
