/**
 * Writes an org snapshot as code a person would write: `org.ts`, a module exporting
 * `defineOrg(stack: OktaOrgStack): void` with cdktf-okta constructs (and generated bindings for the
 * other okta types), plus `directory/users.csv` and `directory/groups.csv` loaded with loadDirectory
 * when the org has more users or groups than the threshold. Formatted with prettier.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as estree from "prettier/plugins/estree";
import * as typescript from "prettier/plugins/typescript";
import { format } from "prettier/standalone";
import { schemaDir } from "../util/schema-dir";
import { Expr, GroupModel, OrgSnapshot, Remark, UserModel, Value, isExpr } from "./model";

/** What the writer is told besides the snapshot. */
export interface WriteOptions {
  /** What the module was made from, for its first comment, e.g. "`cdktf-okta convert` from main.tf". */
  readonly madeFrom: string;
  /** Users and groups above this many go to directory/*.csv. @default 50 */
  readonly dataThreshold?: number;
}

/** The files to write, by path relative to the output directory. */
export type WrittenFiles = Map<string, string>;

/** The default of --data-threshold. */
export const DEFAULT_DATA_THRESHOLD = 50;

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private " +
    "protected public static yield any boolean constructor declare get module require number set string symbol type from of stack path " +
    "users groups user group undefined").split(" "),
);

/** camelCase of a Terraform name: "garden_members" -> "gardenMembers". */
export function camel(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p !== "");
  const joined = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join("");
  return joined === "" ? "resource" : /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function pascal(name: string): string {
  const c = camel(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** A JavaScript object key: bare when it can be. */
function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The binding namespace and class of a resource type or data source ("data.okta_group"). */
export function bindingOf(type: string): { namespace: string; className: string; dir: string } {
  const data = type.startsWith("data.");
  const bare = data ? type.slice(5) : type;
  const rest = bare.replace(/^okta_/, "");
  const dir = (data ? `data-okta-${rest}` : rest).replace(/_/g, "-");
  const namespace = camel(dir);
  return { namespace, className: pascal(dir), dir };
}

/** okta provider schema blocks, by type ("data.x" for data sources), for the binding's shapes. */
interface SchemaBlock {
  attributes?: Record<string, { type?: unknown }>;
  block_types?: Record<string, { nesting_mode: string; max_items?: number; block: SchemaBlock }>;
}

let schemaCache: { resources: Record<string, { block: SchemaBlock }>; data: Record<string, { block: SchemaBlock }> } | undefined;

/** The schema block of an okta type, or undefined when the provider has no such type. */
export function oktaSchema(type: string): SchemaBlock | undefined {
  if (!schemaCache) {
    const json = JSON.parse(fs.readFileSync(path.join(schemaDir(), "okta.json"), "utf8"));
    const provider = json.provider_schemas["registry.terraform.io/okta/okta"];
    schemaCache = { resources: provider.resource_schemas, data: provider.data_source_schemas };
  }
  return type.startsWith("data.") ? schemaCache.data[type.slice(5)]?.block : schemaCache.resources[type]?.block;
}

/** Names the module's constants, once each. */
class Names {
  private readonly used = new Set<string>(RESERVED);
  private readonly byKey = new Map<string, string>();

  public claim(kind: string, name: string, prefix: string): string {
    let candidate = camel(name);
    if (this.used.has(candidate)) candidate = camel(`${prefix}_${name}`);
    for (let i = 2; this.used.has(candidate); i++) candidate = `${camel(`${prefix}_${name}`)}${i}`;
    this.used.add(candidate);
    this.byKey.set(`${kind}:${name}`, candidate);
    return candidate;
  }

  public get(kind: string, name: string): string | undefined {
    return this.byKey.get(`${kind}:${name}`);
  }
}

const CSV_SPECIAL = /[",\r\n]/;

function csvCell(value: string): string {
  return CSV_SPECIAL.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(columns: string[], rows: Record<string, string>[]): string {
  return [columns.map(csvCell).join(","), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? "")).join(","))].join("\n") + "\n";
}

function hasExpr(value: Value | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (isExpr(value)) return true;
  if (Array.isArray(value)) return value.some(hasExpr);
  if (typeof value === "object") return Object.values(value as Record<string, Value>).some(hasExpr);
  return false;
}

function comment(remarks: readonly Remark[], heading: string): string[] {
  if (remarks.length === 0) return [];
  return [`// ${heading}`, ...remarks.flatMap((r) => (r.text.startsWith(r.origin) ? r.text : `${r.origin}: ${r.text}`).split("\n").map((line, i) => `//${i === 0 ? " - " : "   "}${line}`))];
}

/** Turns a snapshot into org.ts (and the data files), formatted. */
export async function writeOrg(snapshot: OrgSnapshot, options: WriteOptions): Promise<WrittenFiles> {
  const threshold = options.dataThreshold ?? DEFAULT_DATA_THRESHOLD;
  const names = new Names();
  const files: WrittenFiles = new Map();
  const fromCdktf = new Set<string>();
  const fromLibrary = new Set<string>(["OktaOrgStack"]);
  const namespaces = new Set<string>();
  const top: string[] = [];
  const body: string[] = [];

  const dataMode = snapshot.users.length > threshold || snapshot.groups.length > threshold;
  const csvUsers = new Set(dataMode ? snapshot.users.filter((u) => !userHasExpr(u)).map((u) => u.id) : []);
  const csvGroups = new Set(dataMode ? snapshot.groups.filter((g) => g.existingOktaId === undefined && !hasExpr(g.name) && !hasExpr(g.description ?? null)).map((g) => g.id) : []);

  const varType = new Map(snapshot.variables.map((v) => [v.name, v.type]));
  const used = referenced(snapshot);
  const declare = (address: string, ident: string) => (used.has(address) ? `const ${ident} = ` : "");
  const rawByAddress = new Map(snapshot.raw.map((r) => [`${r.type}.${r.name}`, r]));

  /** A reference, as TypeScript. */
  const refCode = (expr: Expr): string => {
    switch (expr.kind) {
      case "var": {
        const ident = names.get("var", expr.name)!;
        const type = varType.get(expr.name);
        if (type === "number") return `${ident}.numberValue`;
        if (type === "bool") return `${ident}.booleanValue`;
        if (type === "list") return `${ident}.listValue`;
        return `${ident}.stringValue`;
      }
      case "local":
        return names.get("local", expr.name)!;
      case "ref": {
        const ours = { okta_user: ["user", "userId"], okta_group: ["group", "groupId"], okta_group_rule: ["rule", "ruleId"] } as Record<string, [string, string]>;
        const mine = ours[expr.type];
        if (mine) {
          const target = mine[0] === "user" ? userRef(expr.name) : mine[0] === "group" ? groupRef(expr.name) : names.get("rule", expr.name)!;
          return expr.attribute === "id" ? `${target}.${mine[1]}` : `${target}.resource.${camel(expr.attribute)}`;
        }
        const raw = names.get("raw", `${expr.type}.${expr.name}`);
        if (raw) return expr.attribute === "id" ? `${raw}.id` : `${raw}.${camel(expr.attribute)}`;
        const schema = names.get("schema", expr.name);
        return `${schema}.resource.${camel(expr.attribute)}`;
      }
      case "template":
        return "`" + expr.parts.map((p) => (typeof p === "string" ? p.replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${") : `\${${refCode(p)}}`)).join("") + "`";
    }
  };

  /** A value as a TypeScript expression; `shape` is the okta schema of the object it belongs to, when known. */
  const valueCode = (value: Value, shape?: SchemaBlock | "map"): string => {
    if (isExpr(value)) return refCode(value.expr);
    if (value === null) return "undefined";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value !== "object") return String(value);
    if (Array.isArray(value)) return `[${value.map((v) => valueCode(v, shape)).join(", ")}]`;
    const entries = Object.entries(value as Record<string, Value>);
    if (shape === "map" || shape === undefined) return `{ ${entries.map(([k, v]) => `${key(k)}: ${valueCode(v)}`).join(", ")} }`;
    return `{ ${entries.map(([k, v]) => `${key(camel(k))}: ${bindingValue(v, shape, k)}`).join(", ")} }`;
  };

  /** The value of attribute or block `name` of `shape`, as the binding types it. */
  const bindingValue = (value: Value, shape: SchemaBlock, name: string): string => {
    const block = shape.block_types?.[name];
    if (block) {
      const list = Array.isArray(value) ? (value as Value[]) : [value];
      const single = block.nesting_mode === "single" || block.max_items === 1;
      return single ? valueCode(list[0] ?? {}, block.block) : `[${list.map((v) => valueCode(v, block.block)).join(", ")}]`;
    }
    const type = shape.attributes?.[name]?.type;
    const isMap = Array.isArray(type) && type[0] === "map";
    return valueCode(value, isMap ? "map" : undefined);
  };

  const userRef = (id: string): string => (csvUsers.has(id) ? `user(${JSON.stringify(id)})` : names.get("user", id)!);
  const groupRef = (id: string): string => (csvGroups.has(id) ? `group(${JSON.stringify(id)})` : names.get("group", id)!);

  const propsCode = (props: Record<string, Value | undefined>): string => {
    const entries = Object.entries(props).filter(([, v]) => v !== undefined) as [string, Value][];
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${valueCode(v, "map")}`).join(", ")} }`;
  };

  // Variables and locals.
  for (const variable of snapshot.variables) {
    const ident = names.claim("var", variable.name, "var");
    fromCdktf.add("TerraformVariable");
    const config: Record<string, Value | undefined> = {
      type: variable.type,
      default: variable.default,
      description: variable.description,
      sensitive: variable.sensitive,
    };
    body.push(`${declare(`var.${variable.name}`, ident)}new TerraformVariable(stack, ${JSON.stringify(variable.name)}, ${propsCode(config)});`);
  }
  for (const local of snapshot.locals) {
    const ident = names.claim("local", local.name, "local");
    (hasExpr(local.value) ? body : top).push(`const ${ident} = ${valueCode(local.value, "map")};`);
  }

  // Data sources first: the constructs may read them.
  const rawCode = (raw: OrgSnapshot["raw"][number]): void => {
    const { namespace, className } = bindingOf(raw.type);
    namespaces.add(namespace);
    const shape = oktaSchema(raw.type) ?? {};
    const ident = names.claim("raw", `${raw.type}.${raw.name}`, raw.type.replace(/^data\.okta_/, "data_").replace(/^okta_/, ""));
    const props = Object.entries(raw.attributes).map(([k, v]) => `${key(configName(raw.type, k))}: ${bindingValue(v, shape, k)}`);
    if (raw.dependsOn && raw.dependsOn.length > 0) props.push(`dependsOn: [${raw.dependsOn.map((d) => dependableCode(d)).join(", ")}]`);
    const declared = raw.importId !== undefined ? `const ${ident} = ` : declare(`${raw.type}.${raw.name}`, ident);
    body.push(`${declared}new ${namespace}.${className}(stack, ${JSON.stringify(raw.name)}, { ${props.join(", ")} });`);
    if (raw.importId !== undefined) body.push(`${ident}.importFrom(${JSON.stringify(raw.importId)});`);
  };
  const dependableCode = (expr: Expr): string => {
    if (expr.kind !== "ref") return refCode(expr);
    if (expr.type === "okta_user_schema_property" || expr.type === "okta_user_base_schema_property") return `${names.get("schema", expr.name)}.resource`;
    const raw = names.get("raw", `${expr.type}.${expr.name}`);
    return raw ?? `${refCode({ ...expr, attribute: "id" }).replace(/\.(userId|groupId|ruleId)$/, "")}.resource`;
  };
  for (const raw of snapshot.raw.filter((r) => r.type.startsWith("data."))) rawCode(raw);

  // Schema properties, in order (the stack chains them).
  for (const property of snapshot.schemaProperties) {
    const construct = property.base ? "OktaUserBaseSchemaProperty" : "OktaUserSchemaProperty";
    fromLibrary.add(construct);
    const ident = names.claim("schema", property.id, "property");
    const props = { ...property.props, importId: property.importId };
    body.push(`${declare(`${property.base ? "okta_user_base_schema_property" : "okta_user_schema_property"}.${property.id}`, ident)}new ${construct}(stack, ${JSON.stringify(property.id)}, ${propsCode(props)});`);
  }

  // Users and groups: in the data files, or in code.
  const userProps = (user: UserModel): Record<string, Value | undefined> => ({
    login: user.login,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    ...user.profile,
    status: user.status,
    customProfile: user.customProfile,
    customProfileAttributesToIgnore: user.customProfileAttributesToIgnore,
    importId: user.importId,
  });
  if (dataMode) {
    fromLibrary.add("loadDirectory");
    const memberOf = new Map<string, string[]>();
    for (const g of snapshot.groups) {
      if (!csvGroups.has(g.id)) continue;
      for (const m of g.members) if (csvUsers.has(m)) memberOf.set(m, [...(memberOf.get(m) ?? []), g.id]);
    }
    const profileColumns = new Set<string>();
    const customColumns = new Set<string>();
    let status = false;
    let imports = false;
    const rows = snapshot.users
      .filter((u) => csvUsers.has(u.id))
      .map((u) => {
        const row: Record<string, string> = { id: u.id, login: String(u.login), email: String(u.email), firstName: String(u.firstName), lastName: String(u.lastName) };
        for (const [prop, v] of Object.entries(u.profile)) {
          if (v === null) continue;
          profileColumns.add(prop);
          row[prop] = String(v);
        }
        for (const [index, v] of Object.entries(u.customProfile ?? {})) {
          if (v === null || (Array.isArray(v) && v.length === 0)) continue;
          customColumns.add(index);
          row[`custom.${index}`] = Array.isArray(v) ? v.map(String).join(";") : String(v);
        }
        if (u.status !== undefined) {
          status = true;
          row.status = u.status;
        }
        if (u.importId !== undefined) {
          imports = true;
          row.importId = u.importId;
        }
        row.groups = (memberOf.get(u.id) ?? []).join(";");
        return row;
      });
    const userColumns = [
      "id", "login", "email", "firstName", "lastName",
      ...(status ? ["status"] : []),
      ...[...profileColumns].sort(),
      ...[...customColumns].sort().map((c) => `custom.${c}`),
      "groups",
      ...(imports ? ["importId"] : []),
    ];
    const groupRows = snapshot.groups
      .filter((g) => csvGroups.has(g.id))
      .map((g) => ({ id: g.id, name: String(g.name), description: g.description === undefined || g.description === null ? "" : String(g.description), importId: g.importId ?? "" }));
    const groupColumns = ["id", "name", ...(groupRows.some((g) => g.description !== "") ? ["description"] : []), ...(groupRows.some((g) => g.importId !== "") ? ["importId"] : [])];
    files.set("directory/users.csv", csv(userColumns, rows));
    files.set("directory/groups.csv", csv(groupColumns, groupRows));
    body.push(
      `const directory = loadDirectory(stack, { users: path.join(__dirname, "directory", "users.csv"), groups: path.join(__dirname, "directory", "groups.csv") });`,
      `const user = (id: string): OktaUser => { const found = directory.users.get(id); if (!found) throw new Error(\`directory/users.csv has no user \${id}\`); return found; };`,
      `const group = (id: string): OktaGroup => { const found = directory.groups.get(id); if (!found) throw new Error(\`directory/groups.csv has no group \${id}\`); return found; };`,
    );
    fromLibrary.add("OktaUser").add("OktaGroup");
  }
  for (const user of snapshot.users.filter((u) => !csvUsers.has(u.id))) {
    fromLibrary.add("OktaUser");
    const ident = names.claim("user", user.id, "user");
    body.push(`${declare(`okta_user.${user.id}`, ident)}new OktaUser(stack, ${JSON.stringify(user.id)}, ${propsCode(userProps(user))});`);
  }
  const outside = new Map<string, string>();
  const outsideRef = (oktaId: string): string => {
    let ident = outside.get(oktaId);
    if (!ident) {
      fromLibrary.add("OktaUser");
      ident = names.claim("outside", oktaId, "existing_user");
      outside.set(oktaId, ident);
      body.push(`const ${ident} = OktaUser.fromUserId(stack, ${JSON.stringify(`existing_${oktaId}`)}, ${JSON.stringify(oktaId)});`);
    }
    return ident;
  };
  const membersOf = (g: GroupModel): string[] => [
    ...g.members.filter((m) => !(csvGroups.has(g.id) && csvUsers.has(m))).map(userRef),
    ...g.outsideMembers.map(outsideRef),
  ];
  for (const g of snapshot.groups) {
    if (csvGroups.has(g.id)) {
      for (const member of membersOf(g)) body.push(`${groupRef(g.id)}.addUser(${member});`);
      continue;
    }
    fromLibrary.add("OktaGroup");
    const ident = names.claim("group", g.id, "group");
    const members = membersOf(g);
    if (g.existingOktaId !== undefined) {
      body.push(`const ${ident} = OktaGroup.fromGroupId(stack, ${JSON.stringify(g.id)}, ${JSON.stringify(g.existingOktaId)});`);
      for (const member of members) body.push(`${ident}.addUser(${member});`);
      continue;
    }
    const props: Record<string, Value | undefined> = { name: g.name, description: g.description, importId: g.importId };
    const code = propsCode(props);
    body.push(`${declare(`okta_group.${g.id}`, ident)}new OktaGroup(stack, ${JSON.stringify(g.id)}, ${members.length ? `${code.slice(0, -1)}, members: [${members.join(", ")}] }` : code});`);
  }
  for (const rule of snapshot.rules) {
    fromLibrary.add("OktaGroupRule");
    const ident = names.claim("rule", rule.id, "rule");
    const parts = [
      `name: ${valueCode(rule.name)}`,
      `expression: ${valueCode(rule.expression)}`,
      `groups: [${rule.groups.map(groupRef).join(", ")}]`,
      ...(rule.excludedUsers && rule.excludedUsers.length ? [`excludedUsers: [${rule.excludedUsers.map(userRef).join(", ")}]`] : []),
      ...(rule.status !== undefined ? [`status: ${JSON.stringify(rule.status)}`] : []),
      ...(rule.removeAssignedUsers !== undefined ? [`removeAssignedUsers: ${rule.removeAssignedUsers}`] : []),
      ...(rule.importId !== undefined ? [`importId: ${JSON.stringify(rule.importId)}`] : []),
    ];
    body.push(`${declare(`okta_group_rule.${rule.id}`, ident)}new OktaGroupRule(stack, ${JSON.stringify(rule.id)}, { ${parts.join(", ")} });`);
  }
  for (const raw of snapshot.raw.filter((r) => !r.type.startsWith("data."))) rawCode(raw);
  void rawByAddress;

  // Memberships that already exist (export): imported with the group.
  const membershipImports = snapshot.groups.filter((g) => g.membershipsImportId !== undefined && (g.members.length > 0 || g.outsideMembers.length > 0));
  if (membershipImports.length > 0) {
    body.push(
      `// The explicit memberships already exist: the first plan imports them too.`,
      `stack.addOverride("import", [${membershipImports
        .map((g) => `{ to: ${JSON.stringify(`okta_group_memberships.${g.id}_members`)}, id: ${JSON.stringify(g.membershipsImportId)} }`)
        .join(", ")}]);`,
    );
  }
  if (snapshot.moved.length > 0) {
    body.push(
      `// Where the old configuration named an object differently: Terraform moves its state, nothing is replaced.`,
      `stack.addOverride("moved", [${snapshot.moved.map((m) => `{ from: ${JSON.stringify(m.from)}, to: ${JSON.stringify(m.to)} }`).join(", ")}]);`,
    );
  }

  // The lookup helpers only where the code uses them.
  const uses = (call: string) => body.some((line) => line.includes(`${call}("`));
  if (dataMode) {
    for (const [helper, call] of [["const user = ", "user"], ["const group = ", "group"]] as const) {
      const at = body.findIndex((line) => line.startsWith(helper));
      if (at >= 0 && !uses(call)) body.splice(at, 1);
    }
    const at = body.findIndex((line) => line.startsWith("const directory = "));
    if (!uses("user") && !uses("group")) body[at] = body[at].replace("const directory = ", "");
  }

  const header = [
    `// Generated by ${options.madeFrom}. Review it, then run \`cdktf plan\`: the first plan should only import or move.`,
    ...comment(snapshot.notes, "Notes:"),
    ...comment(snapshot.skipped, "Not converted (--allow-partial): add these by hand."),
  ];
  const imports = [
    ...(dataMode ? [`import * as path from "node:path";`] : []),
    ...(fromCdktf.size ? [`import { ${[...fromCdktf].sort().join(", ")} } from "cdktf";`] : []),
    `import { ${[...fromLibrary].sort().join(", ")} } from "cdktf-okta";`,
    ...(namespaces.size ? [`import { ${[...namespaces].sort().join(", ")} } from "cdktf-okta/providers/okta";`] : []),
  ];
  const source = [
    ...header,
    ...imports,
    "",
    ...top,
    "",
    `/** Defines this org's objects in \`stack\`. */`,
    `export function defineOrg(stack: OktaOrgStack): void {`,
    ...body,
    `}`,
  ].join("\n");
  files.set("org.ts", await format(source, { parser: "typescript", printWidth: 120, plugins: [estree, typescript] }));
  return files;
}

/** The addresses ("okta_user.bird", "var.domain", "local.x") the generated code refers to. */
function referenced(snapshot: OrgSnapshot): Set<string> {
  const found = new Set<string>();
  const visitExpr = (expr: Expr): void => {
    if (expr.kind === "var") found.add(`var.${expr.name}`);
    else if (expr.kind === "local") found.add(`local.${expr.name}`);
    else if (expr.kind === "ref") found.add(`${expr.type}.${expr.name}`);
    else for (const part of expr.parts) if (typeof part !== "string") visitExpr(part);
  };
  const visit = (value: Value | undefined): void => {
    if (value === undefined || value === null) return;
    if (isExpr(value)) visitExpr(value.expr);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object") Object.values(value as Record<string, Value>).forEach(visit);
  };
  for (const l of snapshot.locals) visit(l.value);
  for (const p of snapshot.schemaProperties) visit(p.props);
  for (const u of snapshot.users) [u.login, u.email, u.firstName, u.lastName, u.profile, u.customProfile ?? null].forEach(visit);
  for (const g of snapshot.groups) {
    [g.name, g.description ?? null].forEach(visit);
    for (const m of g.members) found.add(`okta_user.${m}`);
    if (g.existingOktaId !== undefined) found.add(`okta_group.${g.id}`);
  }
  for (const r of snapshot.rules) {
    [r.name, r.expression].forEach(visit);
    for (const g of r.groups) found.add(`okta_group.${g}`);
    for (const u of r.excludedUsers ?? []) found.add(`okta_user.${u}`);
  }
  for (const r of snapshot.raw) {
    visit(r.attributes);
    for (const d of r.dependsOn ?? []) visitExpr(d);
  }
  return found;
}

function userHasExpr(u: UserModel): boolean {
  return [u.login, u.email, u.firstName, u.lastName, ...Object.values(u.profile), ...Object.values(u.customProfile ?? {})].some(hasExpr);
}

const configNames = new Map<string, Set<string>>();

/** The binding's config property for a Terraform attribute: camelCase, or the binding's renamed spelling. */
function configName(type: string, attribute: string): string {
  const { dir, className } = bindingOf(type);
  let known = configNames.get(type);
  if (!known) {
    known = new Set<string>();
    const file = path.join(schemaDir(), "..", ".gen", "providers", "okta", dir, "index.ts");
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const start = text.indexOf(`export interface ${className}Config`);
    const end = text.indexOf("\n}", start);
    for (const match of text.slice(start, end).matchAll(/readonly (\w+)\??:/g)) known.add(match[1]);
    configNames.set(type, known);
  }
  const name = camel(attribute);
  return known.has(name) || !known.has(`${name}Attribute`) ? name : `${name}Attribute`;
}
