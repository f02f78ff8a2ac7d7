/** The test provider's building blocks, without terraform: values on the wire, schemas, the org file. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { schemaDir } from "../lib/util/schema-dir";
import { loadProviders } from "../lib/test-provider/provider";
import { SimulatedOrg } from "../lib/test-provider/org";
import { checkOktaWrite } from "../lib/test-provider/okta-rules";
import { UNKNOWN, Value, conformBlock, fromDynamic, toDynamic, unknownComputed } from "../lib/test-provider/values";

describe("values on the wire", () => {
  test("an unknown value travels as msgpack extension type 0 and comes back as UNKNOWN", () => {
    // GIVEN
    const value: Value = { id: UNKNOWN, name: "The Garden", users: ["00u1", UNKNOWN] };
    // WHEN
    const wire = toDynamic(value);
    // THEN
    expect(wire.msgpack.includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(fromDynamic(wire)).toEqual(value);
  });

  test("an object gets every attribute and nested block of its schema, absent ones null or empty", () => {
    // GIVEN
    const block = {
      attributes: { id: { type: "string", computed: true }, name: { type: "string", required: true }, tags: { type: ["object", { a: "string", b: "number" }], optional: true } },
      block_types: { profile: { nesting_mode: "single", block: { attributes: { email: { type: "string" } } } }, rules: { nesting_mode: "list", block: {} } },
    };
    // THEN
    expect(conformBlock(block, { name: "G", tags: { a: "x" } })).toEqual({ id: null, name: "G", tags: { a: "x", b: null }, profile: null, rules: [] });
  });

  test("on create, computed attributes the configuration leaves null are unknown", () => {
    const block = { attributes: { id: { type: "string", computed: true, optional: true }, status: { type: "string", computed: true, optional: true }, name: { type: "string" } } };
    expect(unknownComputed(block, { id: null, status: "ACTIVE", name: "G" }, { id: null, status: "ACTIVE", name: "G" })).toEqual({ id: UNKNOWN, status: "ACTIVE", name: "G" });
  });
});

/** True when `path` names an attribute or block of `block`, through nested blocks. */
function inSchema(block: any, path: string[]): boolean {
  const [head, ...rest] = path;
  if (block === undefined) return false;
  if (rest.length === 0) return block.attributes?.[head] !== undefined || block.block_types?.[head] !== undefined;
  return inSchema(block.block_types?.[head]?.block, rest);
}

describe("provider data", () => {
  test("serves okta/okta, hashicorp/time and hashicorp/tfe, each with replacement data from its source", () => {
    const providers = loadProviders(schemaDir());
    expect(providers.map((p) => p.address)).toEqual(["registry.terraform.io/okta/okta", "registry.terraform.io/hashicorp/tfe", "registry.terraform.io/hashicorp/time"]);
    const okta = providers[0];
    expect(okta.replacements.okta_user_schema_property.map((r) => r.path.join("."))).toEqual(["array_type", "external_name", "external_namespace", "unique", "index", "type"]);
    for (const provider of providers) {
      for (const [type, entries] of Object.entries(provider.replacements)) {
        for (const entry of entries) {
          expect(entry.source).toMatch(/^[\w/.-]+\.go:\d+$/);
          expect({ [`${type}.${entry.path.join(".")}`]: inSchema(provider.schemas.resource_schemas?.[type]?.block, entry.path) }).toEqual({ [`${type}.${entry.path.join(".")}`]: true });
        }
      }
    }
  });
});

describe("the simulated org", () => {
  const org = () => SimulatedOrg.open(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-org-")), "org.json"));

  test("gives Okta-like ids", () => {
    expect(SimulatedOrg.newId("okta_user")).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(SimulatedOrg.newId("okta_group")).toMatch(/^00g[A-Za-z0-9]{17}$/);
  });

  test("refuses a second user whose login differs only in case", () => {
    const o = org();
    o.put("okta_user", "00u1", { id: "00u1", login: "Bird@Example.com" }, { op: "create", start: 0 });
    expect(() => checkOktaWrite(o, "okta_user", undefined, { login: "bird@example.com" })).toThrow(
      "failed to create user: the API returned an error: Api validation failed: login. Causes: errorSummary: login: An object with this field already exists in the current organization",
    );
    expect(() => checkOktaWrite(o, "okta_user", "00u1", { login: "bird@example.com" })).not.toThrow();
  });
});
