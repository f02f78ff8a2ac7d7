import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const snapshot = JSON.parse(fs.readFileSync(path.join(ROOT, "schema", "okta.json"), "utf8"));
const okta = snapshot.provider_schemas["registry.terraform.io/okta/okta"];

const { resources: RESOURCES, data_sources: DATA_SOURCES } = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts", "covered-types.json"), "utf8"));

type Block = { attributes?: Record<string, any>; block_types?: Record<string, any> };

/** Every problem with a block's shape, with the path to it. */
function blockProblems(block: Block, where: string): string[] {
  const found: string[] = [];
  const attributes = Object.keys(block.attributes ?? {});
  const blocks = Object.keys(block.block_types ?? {});
  for (const name of attributes.filter((a) => blocks.includes(a))) found.push(`${where}.${name}: both attribute and block`);
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if ((a.type === undefined) === (a.nested_type === undefined)) found.push(`${where}.${name}: needs exactly one of type and nested_type`);
    if (a.type !== undefined && !isCtyType(a.type)) found.push(`${where}.${name}: invalid cty type ${JSON.stringify(a.type)}`);
    if (!a.required && !a.optional && !a.computed) found.push(`${where}.${name}: neither required, optional nor computed`);
    if (a.required && (a.optional || a.computed)) found.push(`${where}.${name}: required with optional/computed`);
  }
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    if (!["single", "list", "set", "map", "group"].includes(b.nesting_mode)) found.push(`${where}.${name}: nesting_mode ${b.nesting_mode}`);
    if (b.min_items !== undefined && b.max_items !== undefined && b.min_items > b.max_items) found.push(`${where}.${name}: min_items > max_items`);
    found.push(...blockProblems(b.block, `${where}.${name}`));
  }
  return found;
}

function isCtyType(type: unknown): boolean {
  if (typeof type === "string") return ["string", "number", "bool", "dynamic"].includes(type);
  if (!Array.isArray(type)) return false;
  const [kind, inner] = type;
  if (kind === "list" || kind === "set" || kind === "map") return type.length === 2 && isCtyType(inner);
  if (kind === "object") return typeof inner === "object" && Object.values(inner).every(isCtyType);
  if (kind === "tuple") return Array.isArray(inner) && inner.every(isCtyType);
  return false;
}

describe("provider schema snapshot", () => {
  test("is in the format `terraform providers schema -json` prints, pinned to 6.12.0", () => {
    expect(snapshot.format_version).toBe("1.0");
    expect(Object.keys(snapshot.provider_schemas)).toEqual(["registry.terraform.io/okta/okta"]);
    expect(snapshot.provider_versions).toEqual({ "registry.terraform.io/okta/okta": "6.12.0" });
  });

  test("has every resource and data source of okta/okta 6.12.0", () => {
    expect([Object.keys(okta.resource_schemas).length, Object.keys(okta.data_source_schemas).length]).toEqual([145, 99]);
    expect(okta.resource_schemas).toHaveProperty(["okta_app_oauth", "block", "attributes", "label", "required"], true);
    expect(okta.resource_schemas).toHaveProperty(["okta_policy_signon", "block", "attributes", "name", "required"], true);
  });

  test("covers the provider configuration, every resource and every data source the project uses", () => {
    expect(Object.keys(okta.provider.block.attributes)).toEqual(expect.arrayContaining(["org_name", "base_url", "api_token", "private_key", "scopes", "max_api_capacity"]));
    expect(Object.keys(okta.resource_schemas)).toEqual(expect.arrayContaining(RESOURCES));
    expect(Object.keys(okta.data_source_schemas)).toEqual(expect.arrayContaining(DATA_SOURCES));
  });

  test("every block is well formed: valid cty types, nesting modes, consistent required/optional/computed", () => {
    const found = [
      ...blockProblems(okta.provider.block, "provider"),
      ...Object.entries<any>(okta.resource_schemas).flatMap(([t, s]) => blockProblems(s.block, t)),
      ...Object.entries<any>(okta.data_source_schemas).flatMap(([t, s]) => blockProblems(s.block, `data.${t}`)),
    ];
    expect(found).toEqual([]);
  });

  test("keeps the facts the constructs rely on", () => {
    const user = okta.resource_schemas.okta_user.block.attributes;
    expect(user.login.required && user.email.required && user.first_name.required && user.last_name.required).toBe(true);
    expect(user.password.sensitive && user.recovery_answer.sensitive && user.old_password.sensitive).toBe(true);
    expect(okta.resource_schemas.okta_group_memberships.block.attributes.users.type).toEqual(["set", "string"]);
    expect(okta.resource_schemas.okta_identity_source_import.block.block_types.upsert_users.nesting_mode).toBe("single");
  });
});

describe("npm run schema:refresh", () => {
  test("turning a full provider schema into the snapshot keeps every type and reproduces it byte for byte", () => {
    // GIVEN `terraform providers schema -json`: no provider_versions, keys in the provider's order
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-refresh-"));
    const full = JSON.parse(JSON.stringify(snapshot));
    delete full.provider_versions;
    const provider = full.provider_schemas["registry.terraform.io/okta/okta"];
    provider.resource_schemas = Object.fromEntries(Object.entries(provider.resource_schemas).reverse());
    fs.writeFileSync(path.join(dir, "full.json"), JSON.stringify(full));
    // WHEN
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "snapshot-from-schema.js"), path.join(dir, "full.json"), path.join(dir, "okta.json"), "6.12.0"], { stdio: "pipe" });
    // THEN
    expect(fs.readFileSync(path.join(dir, "okta.json"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "schema", "okta.json"), "utf8"));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("refuses to run without a source or the registry, naming both", () => {
    // WHEN
    const run = () => execFileSync("bash", [path.join(ROOT, "scripts", "refresh-schema.sh")], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
    // THEN
    expect(run).toThrow("usage: npm run schema:refresh -- (--source <provider git dir or work tree> | --registry) [--tag v6.12.0]");
  });
});

describe("generated bindings", () => {
  const gen = path.join(ROOT, ".gen", "providers", "okta");

  test("exist for every resource and data source in the snapshot", () => {
    const folder = (type: string) => type.replace(/^okta_/, "").replace(/_/g, "-");
    const missing = [
      ...Object.keys(okta.resource_schemas).map(folder),
      ...Object.keys(okta.data_source_schemas).map((t) => `data-okta-${folder(t)}`),
      "provider",
    ].filter((dir) => !fs.existsSync(path.join(gen, dir, "index.ts")));
    expect(missing).toEqual([]);
  });

  test("are exactly what the snapshot generates (deterministic, not stale)", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-gen-"));
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "generate-bindings.js"), "--out", out], { cwd: ROOT, stdio: "pipe" });
    const list = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    const fresh = list(path.join(out, "providers"));
    expect(fresh).toEqual(list(path.join(ROOT, ".gen", "providers")));
    const differing = fresh.filter(
      (f) => !fs.readFileSync(path.join(out, "providers", f)).equals(fs.readFileSync(path.join(ROOT, ".gen", "providers", f))),
    );
    expect(differing).toEqual([]);
    fs.rmSync(out, { recursive: true, force: true });
  });

  test("the check fails when the snapshot changed after generation", () => {
    const stamp = path.join(gen, ".schema-sha256");
    const original = fs.readFileSync(stamp, "utf8");
    fs.writeFileSync(stamp, `0000  schema/okta.json\n`);
    try {
      expect(() => execFileSync(process.execPath, [path.join(ROOT, "scripts", "generate-bindings.js"), "--check"], { cwd: ROOT, stdio: "pipe" })).toThrow(
        /okta: \.gen\/providers\/okta was generated from another schema\/okta\.json; run `npm run gen`/,
      );
    } finally {
      fs.writeFileSync(stamp, original);
    }
  });
});
