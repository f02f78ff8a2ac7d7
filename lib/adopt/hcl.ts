/**
 * Reads a Terraform configuration (HCL, through @cdktf/hcl2json) into an org snapshot: okta resources
 * that one of the library's constructs models become that construct's model, other okta types a
 * generated binding, and what cannot be converted is a remark with its file:line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROFILE_ATTRIBUTES } from "../constructs/user";
import { schemaDir } from "../util/schema-dir";
import { suggest } from "../util/suggest";
import { adoptMessages } from "../problems/sections/adopt";
import { Expr, ExprValue, GroupModel, OrgSnapshot, RawModel, Value, VariableModel, emptySnapshot, isExpr } from "./model";
import { oktaSchema } from "./writer";

const { parse } = require("@cdktf/hcl2json") as { parse: (file: string, text: string) => Promise<HclJson> };

type HclBody = Record<string, unknown>;
interface HclJson {
  resource?: Record<string, Record<string, HclBody[]>>;
  data?: Record<string, Record<string, HclBody[]>>;
  variable?: Record<string, HclBody[]>;
  locals?: HclBody[];
  provider?: Record<string, HclBody[]>;
  module?: Record<string, HclBody[]>;
  output?: Record<string, HclBody[]>;
  import?: HclBody[];
  moved?: HclBody[];
  terraform?: HclBody[];
}

/** What reading found: the snapshot, and the problems that stop the conversion whatever the options. */
export interface HclRead {
  readonly snapshot: OrgSnapshot;
  /** Files that cannot be read or parsed: nothing is converted then. */
  readonly fatal: string[];
  /** The files read, as shown in messages. */
  readonly files: string[];
}

/** The block starts and attribute lines of one file, to name file:line in remarks. */
class LineIndex {
  private readonly lines: string[];

  constructor(
    public readonly shown: string,
    text: string,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** The line of `keyword "label1" "label2" {`, 1-based. */
  public block(keyword: string, ...labels: string[]): number {
    return this.nthBlock(0, keyword, ...labels);
  }

  /** The line of the nth (0-based) `keyword "label1" "label2" {`. */
  public nthBlock(n: number, keyword: string, ...labels: string[]): number {
    const pattern = new RegExp(`^\\s*${keyword}${labels.map((l) => `\\s+"${escapeRegExp(l)}"`).join("")}\\s*\\{`);
    let seen = -1;
    const found = this.lines.findIndex((line) => pattern.test(line) && ++seen === n);
    return found + 1;
  }

  /** The nth block (0-based) of a keyword without labels (locals, import, moved). */
  public nth(keyword: string, n: number): number {
    const pattern = new RegExp(`^\\s*${keyword}\\s*\\{`);
    let seen = -1;
    const found = this.lines.findIndex((line) => pattern.test(line) && ++seen === n);
    return found + 1;
  }

  /** The line of `attribute =` at or after line `from` (the block's start). */
  public attribute(from: number, attribute: string): number {
    const pattern = new RegExp(`^\\s*"?${escapeRegExp(attribute)}"?\\s*=`);
    for (let i = Math.max(0, from - 1); i < this.lines.length; i++) if (pattern.test(this.lines[i])) return i + 1;
    return from;
  }

  public at(line: number): string {
    return line > 0 ? `${this.shown}:${line}` : this.shown;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A string from hcl2json, with "${...}" for expressions: as a Value, or the expression it cannot read. */
export function parseTemplate(text: string, inDependsOn = false): { value: Value } | { unsupported: string } {
  const parts: (string | Expr)[] = [];
  let literalText = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      literalText += "${";
      i += 3;
    } else if (text.startsWith("%%{", i)) {
      literalText += "%{";
      i += 3;
    } else if (text.startsWith("%{", i)) {
      return { unsupported: text };
    } else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) return { unsupported: text };
      const inner = text.slice(i + 2, end).trim();
      const expr = parseReference(inner, inDependsOn);
      if (!expr) return { unsupported: inner };
      if (literalText) parts.push(literalText);
      literalText = "";
      parts.push(expr);
      i = end + 1;
    } else {
      literalText += text[i++];
    }
  }
  if (literalText) parts.push(literalText);
  if (parts.length === 0) return { value: "" };
  if (parts.length === 1 && typeof parts[0] === "string") return { value: parts[0] };
  if (parts.length === 1) return { value: new ExprValue(parts[0] as Expr) };
  return { value: new ExprValue({ kind: "template", parts }) };
}

function closingBrace(text: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function parseReference(inner: string, inDependsOn: boolean): Expr | undefined {
  let m = /^var\.([A-Za-z_][\w-]*)$/.exec(inner);
  if (m) return { kind: "var", name: m[1] };
  m = /^local\.([A-Za-z_][\w-]*)$/.exec(inner);
  if (m) return { kind: "local", name: m[1] };
  m = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\.([a-z_][a-z0-9_]*)$/.exec(inner);
  if (m) return { kind: "ref", type: `${m[1] ?? ""}${m[2]}`, name: m[3], attribute: m[4] };
  m = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)$/.exec(inner);
  if (m && inDependsOn) return { kind: "ref", type: `${m[1] ?? ""}${m[2]}`, name: m[3], attribute: "" };
  return undefined;
}

const PROFILE_BY_ATTRIBUTE = new Map(Object.entries(PROFILE_ATTRIBUTES).map(([prop, attribute]) => [attribute, prop]));
const USER_ATTRIBUTES = new Set(["login", "email", "first_name", "last_name", "status", "custom_profile_attributes", "custom_profile_attributes_to_ignore", ...PROFILE_BY_ATTRIBUTE.keys()]);
const GROUP_ATTRIBUTES = new Set(["name", "description"]);
const RULE_ATTRIBUTES = new Set(["name", "expression_value", "expression_type", "group_assignments", "status", "users_excluded", "remove_assigned_users"]);
const SCHEMA_ATTRIBUTES: Record<string, string> = {
  index: "index", title: "title", type: "type", description: "description", required: "required", master: "master",
  master_override_priority: "masterOverridePriority", permissions: "permissions", scope: "scope", unique: "unique", enum: "enum",
  one_of: "oneOf", array_type: "arrayType", array_enum: "arrayEnum", array_one_of: "arrayOneOf", min_length: "minLength",
  max_length: "maxLength", pattern: "pattern", external_name: "externalName", external_namespace: "externalNamespace", user_type: "userType",
};
const BASE_SCHEMA_ATTRIBUTES = new Set(["index", "title", "type", "required", "master", "permissions", "pattern", "user_type"]);

/** One module's view: the prefix its resources get, and what its variables are. */
interface Scope {
  /** "" at the root, "network_" for module "network". */
  readonly prefix: string;
  /** "module.network." at the module, "" at the root. */
  readonly address: string;
  /** Inside a module: the values of its variables (input or default). */
  readonly inputs?: ReadonlyMap<string, Value>;
}

interface Block {
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly name: string;
  readonly body: HclBody;
  readonly lines: LineIndex;
  readonly line: number;
  readonly scope: Scope;
}

/** Reads the .tf files and directories given into one snapshot. */
export async function readHcl(inputs: readonly string[], cwd = process.cwd()): Promise<HclRead> {
  const snapshot = emptySnapshot();
  const fatal: string[] = [];
  const files: string[] = [];
  const blocks: Block[] = [];
  const imports: { to: string; id: string; where: string }[] = [];
  const seen = new Set<string>();

  const shownPath = (file: string) => path.relative(cwd, file) || file;

  const filesOf = (input: string): string[] => {
    const full = path.resolve(cwd, input);
    if (!fs.existsSync(full)) {
      fatal.push(adoptMessages.pathNotFound(input));
      return [];
    }
    if (!fs.statSync(full).isDirectory()) return [full];
    const tf = fs.readdirSync(full).filter((f) => f.endsWith(".tf")).sort().map((f) => path.join(full, f));
    if (tf.length === 0) fatal.push(adoptMessages.noTerraformFiles(input));
    return tf;
  };

  const readScope = async (fileList: string[], scope: Scope): Promise<void> => {
    for (const file of fileList) {
      if (seen.has(`${scope.address}${file}`)) continue;
      seen.add(`${scope.address}${file}`);
      const shown = shownPath(file);
      files.push(shown);
      const text = fs.readFileSync(file, "utf8");
      let json: HclJson;
      try {
        json = await parse(path.basename(file), text);
      } catch (error) {
        const detail = String((error as Error).message ?? error);
        const line = /:(\d+),\d+/.exec(detail)?.[1];
        const reason = detail.replace(/^parse config: \[?/, "").replace(/\]$/, "").replace(/^[^:]+:\d+,[\d-]+: /, "");
        fatal.push(adoptMessages.hclUnparsable(line ? `${shown}:${line}` : shown, reason));
        continue;
      }
      const lines = new LineIndex(shown, text);
      await readFile(json, lines, scope, path.dirname(file));
    }
  };

  const readFile = async (json: HclJson, lines: LineIndex, scope: Scope, dir: string): Promise<void> => {
    for (const [index, block] of (json.terraform ?? []).entries()) {
      const where = lines.at(lines.nth("terraform", index));
      if (block.backend || block.cloud) snapshot.notes.push({ origin: where, text: "the backend is the OktaOrgStack's now (local state, or `cloud` for a Terraform Cloud workspace): move the state there before the first plan." });
      if (block.required_providers) snapshot.notes.push({ origin: where, text: "required_providers: cdktf-okta pins okta/okta 6.12.0." });
    }
    for (const [name, list] of Object.entries(json.provider ?? {})) {
      for (const [n, body] of list.entries()) {
        const where = lines.at(lines.nthBlock(n, "provider", name));
        if (name !== "okta") snapshot.skipped.push({ origin: where, text: adoptMessages.otherProvider(where, name) });
        else if (typeof body.alias === "string") snapshot.skipped.push({ origin: where, text: adoptMessages.providerAlias(where, body.alias) });
        else if (scope.prefix === "") {
          for (const match of JSON.stringify(body).matchAll(/var\.([A-Za-z_][\w-]*)/g)) snapshot.providerVariables.add(match[1]);
          const settings = ["org_name", "base_url"].filter((k) => k in body).map((k) => `${k} = ${JSON.stringify(body[k])}`);
          const secrets = Object.keys(body).filter((k) => !["org_name", "base_url"].includes(k));
          snapshot.notes.push({
            origin: where,
            text:
              `the provider is the OktaOrgStack's: give its props orgName and baseUrl${settings.length ? ` (here ${settings.join(", ")})` : ""}.` +
              (secrets.length ? ` ${secrets.join(", ")} ${secrets.length === 1 ? "is" : "are"} not carried over: the provider reads credentials from OKTA_API_TOKEN, or OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES.` : ""),
          });
        }
      }
    }
    if (scope.prefix === "") {
      for (const [name, list] of Object.entries(json.variable ?? {})) {
        const body = list[0];
        const where = lines.at(lines.block("variable", name));
        const typeText = typeof body.type === "string" ? body.type.replace(/^\$\{(.*)\}$/, "$1") : undefined;
        const type: VariableModel["type"] = typeText === undefined ? undefined
          : typeText === "string" ? "string" : typeText === "number" ? "number" : typeText === "bool" ? "bool"
          : /^(list|set|tuple)/.test(typeText) ? "list" : /^(map|object)/.test(typeText) ? "map" : "any";
        snapshot.variables.push({
          name,
          type,
          default: body.default === undefined ? undefined : (plain(body.default) as Value),
          description: typeof body.description === "string" ? body.description : undefined,
          sensitive: body.sensitive === true ? true : undefined,
          origin: where,
        });
      }
      for (const [index, locals] of (json.locals ?? []).entries()) {
        const start = lines.nth("locals", index);
        for (const [name, raw] of Object.entries(locals)) {
          const where = lines.at(lines.attribute(start, name));
          const value = convertValue(raw, where, `local.${name}`, scope);
          if (value !== undefined) snapshot.locals.push({ name, value, origin: where });
        }
      }
    } else if (json.locals) {
      snapshot.skipped.push({ origin: lines.at(lines.nth("locals", 0)), text: `${lines.at(lines.nth("locals", 0))}: locals inside a module are not inlined; write them in the generated code.` });
    }
    for (const [name, list] of Object.entries(json.output ?? {})) {
      void list;
      const where = lines.at(lines.block("output", name));
      snapshot.skipped.push({ origin: where, text: adoptMessages.outputBlock(where, name) });
    }
    for (const [index, body] of (json.import ?? []).entries()) {
      const where = lines.at(lines.nth("import", index));
      const to = String(body.to ?? "").replace(/^\$\{(.*)\}$/, "$1");
      if (typeof body.id !== "string" || body.id.includes("${")) {
        snapshot.skipped.push({ origin: where, text: adoptMessages.unsupportedExpression(where, "id", String(body.id)) });
        continue;
      }
      imports.push({ to: `${scope.address}${to}`, id: body.id, where });
    }
    for (const [index, body] of (json.moved ?? []).entries()) {
      const strip = (v: unknown) => String(v ?? "").replace(/^\$\{(.*)\}$/, "$1");
      snapshot.moved.push({ from: strip(body.from), to: strip(body.to) });
      void index;
    }
    for (const kind of ["resource", "data"] as const) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const [name, list] of Object.entries(byName)) {
          const line = lines.block(kind, type, name);
          blocks.push({ kind, type: kind === "data" ? `data.${type}` : type, name, body: list[0], lines, line, scope });
        }
      }
    }
    for (const [name, list] of Object.entries(json.module ?? {})) {
      const body = list[0];
      const where = lines.at(lines.block("module", name));
      const source = String(body.source ?? "");
      if (!/^\.\.?\//.test(source)) {
        snapshot.skipped.push({ origin: where, text: adoptMessages.remoteModule(where, name, source) });
        continue;
      }
      const moduleDir = path.resolve(dir, source);
      const moduleFiles = fs.existsSync(moduleDir) ? fs.readdirSync(moduleDir).filter((f) => f.endsWith(".tf")).sort().map((f) => path.join(moduleDir, f)) : [];
      if (moduleFiles.length === 0) {
        fatal.push(adoptMessages.noTerraformFiles(path.relative(cwd, moduleDir) || moduleDir));
        continue;
      }
      // The module's variables: its inputs, else their defaults.
      const inputs = new Map<string, Value>();
      for (const file of moduleFiles) {
        const json2 = await parse(path.basename(file), fs.readFileSync(file, "utf8")).catch(() => ({}) as HclJson);
        for (const [variable, decl] of Object.entries(json2.variable ?? {})) {
          const given = body[variable];
          const value = given !== undefined ? convertValue(given, lines.at(lines.attribute(lines.block("module", name), variable)), variable, scope) : (decl[0].default as Value | undefined);
          if (value !== undefined) inputs.set(variable, value);
        }
      }
      snapshot.notes.push({ origin: where, text: `module ${JSON.stringify(name)} (${source}) is inlined: its objects are named ${name}_<name>, and moved blocks carry module.${name}.* over.` });
      await readScope(moduleFiles, { prefix: `${scope.prefix}${name}_`, address: `${scope.address}module.${name}.`, inputs });
    }
  };

  /** An HCL value as a snapshot Value, or undefined (with a remark) when it holds an expression the converter cannot read. */
  const convertValue = (raw: unknown, where: string, attribute: string, scope: Scope, inDependsOn = false): Value | undefined => {
    let failed = false;
    const walk = (v: unknown): Value => {
      if (typeof v === "string") {
        const parsed = parseTemplate(v, inDependsOn);
        if ("unsupported" in parsed) {
          failed = true;
          snapshot.skipped.push({ origin: where, text: adoptMessages.unsupportedExpression(where, attribute, parsed.unsupported) });
          return null;
        }
        return inScope(parsed.value, scope);
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v as Value;
    };
    const value = walk(raw);
    return failed ? undefined : value;
  };

  /** Inside a module: var.x becomes the module's input, and references to its blocks get the module's prefix. */
  const inScope = (value: Value, scope: Scope): Value => {
    if (scope.prefix === "" || !isExpr(value)) return value;
    const map = (expr: Expr): Expr | Value => {
      if (expr.kind === "var") return scope.inputs?.get(expr.name) ?? null;
      if (expr.kind === "ref") return { ...expr, name: `${scope.prefix}${expr.name}` };
      if (expr.kind === "template") {
        const parts = expr.parts.map((p) => (typeof p === "string" ? p : map(p)));
        if (parts.every((p) => typeof p === "string" || typeof p === "number" || typeof p === "boolean")) return parts.join("");
        return { kind: "template", parts: parts.map((p) => (typeof p === "string" || isExprLike(p) ? (p as string | Expr) : String(p))) };
      }
      return expr;
    };
    const mapped = map(value.expr);
    return isExprLike(mapped) ? new ExprValue(mapped as Expr) : (mapped as Value);
  };

  for (const input of inputs) await readScope(filesOf(input), { prefix: "", address: "" });
  if (fatal.length > 0) return { snapshot, fatal, files };

  const fileOrder = new Map(files.map((f, i) => [f, i]));
  blocks.sort((a, b) => (fileOrder.get(a.lines.shown) ?? 0) - (fileOrder.get(b.lines.shown) ?? 0) || a.line - b.line);
  for (const list of [snapshot.variables, snapshot.locals] as { origin: string }[][]) list.sort((a, b) => originOrder(a.origin, fileOrder) - originOrder(b.origin, fileOrder));
  dropProviderOnlyVariables(snapshot, blocks);
  convertBlocks(blocks, snapshot, convertValue);
  // Import blocks: the id goes on the object they adopt.
  for (const { to, id, where } of imports) {
    const target = findTarget(snapshot, to);
    if (!target) snapshot.skipped.push({ origin: where, text: `${where}: import block for ${to}, which the converted files do not define; add the object, or remove the import block.` });
    else target(id);
  }
  snapshot.skipped.sort((a, b) => originOrder(a.origin, fileOrder) - originOrder(b.origin, fileOrder));
  return { snapshot, fatal, files };
}

/** Sorts origins "file:line" by file, then line. */
function originOrder(origin: string, fileOrder: ReadonlyMap<string, number>): number {
  const match = /^(.*):(\d+)$/.exec(origin);
  return match ? (fileOrder.get(match[1]) ?? 0) * 1e6 + Number(match[2]) : 0;
}

/**
 * Variables that only configured the provider (org_name, base_url, api_token in the multi-org post)
 * are left out: OktaOrgStack takes the org's name and domain as props, and the provider reads its
 * credentials from its environment variables.
 */
function dropProviderOnlyVariables(snapshot: OrgSnapshot, blocks: readonly Block[]): void {
  const text = JSON.stringify([blocks.map((b) => b.body), snapshot.locals.map((l) => l.value)]);
  for (let i = snapshot.variables.length - 1; i >= 0; i--) {
    const v = snapshot.variables[i];
    if (text.includes(`var.${v.name}}`) || text.includes(`var.${v.name}"`)) continue;
    if (!snapshot.providerVariables.has(v.name)) continue;
    snapshot.notes.push({ origin: v.origin, text: `variable ${JSON.stringify(v.name)} only configured the provider and is left out (see the provider's note).` });
    snapshot.variables.splice(i, 1);
  }
}

function isExprLike(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && typeof (value as { kind?: unknown }).kind === "string" && ["var", "local", "ref", "template"].includes((value as { kind: string }).kind);
}

/** hcl2json's "${string}"-style values in a variable default, as data. */
function plain(value: unknown): unknown {
  return value;
}

type ConvertValue = (raw: unknown, where: string, attribute: string, scope: Scope, inDependsOn?: boolean) => Value | undefined;

/** Turns the resource and data blocks into models, deciding for each: one of our constructs, or a generated binding. */
function convertBlocks(blocks: readonly Block[], snapshot: OrgSnapshot, convertValue: ConvertValue): void {
  const resourceTypes = new Set<string>();
  const known = (type: string) => oktaSchema(type) !== undefined;
  const address = (b: Block) => `${b.type}.${b.name}`;
  const declaredIndexes = new Set<string>();
  for (const b of blocks) if (b.type === "okta_user_schema_property" && typeof b.body.index === "string") declaredIndexes.add(b.body.index);

  // First: which blocks are valid at all (known type, no repetition, default provider).
  const usable: Block[] = [];
  for (const b of blocks) {
    const where = b.lines.at(b.line);
    resourceTypes.add(b.type);
    if (!known(b.type)) {
      const kind = b.kind === "data" ? "data source" : "resource";
      const bare = b.type.replace(/^data\./, "");
      const candidates = Object.keys(allTypes(b.kind));
      snapshot.skipped.push({ origin: where, text: adoptMessages.unknownResourceType(where, kind, bare, suggest(bare, candidates)) });
      continue;
    }
    const repeated = (["count", "for_each"] as const).find((m) => m in b.body);
    if (repeated) {
      const at = b.lines.at(b.lines.attribute(b.line, repeated));
      snapshot.skipped.push({ origin: at, text: adoptMessages.repetition(at, `${b.scope.address}${address(b)}`, repeated, String(b.body[repeated]).replace(/^\$\{([\s\S]*)\}$/, "$1")) });
      continue;
    }
    if (typeof b.body.provider === "string" && b.body.provider !== "${okta}") {
      const at = b.lines.at(b.lines.attribute(b.line, "provider"));
      snapshot.skipped.push({ origin: at, text: adoptMessages.aliasedProviderUse(at, `${b.scope.address}${address(b)}`, b.body.provider.replace(/^\$\{(.*)\}$/, "$1")) });
      continue;
    }
    if ("lifecycle" in b.body) {
      const at = b.lines.at(b.lines.attribute(b.line, "lifecycle"));
      snapshot.skipped.push({ origin: at, text: adoptMessages.lifecycleBlock(at, `${b.scope.address}${address(b)}`) });
    }
    usable.push(b);
  }

  /** The block's attributes as Values (undefined when one of them cannot be read: remarks were added). */
  const valuesOf = (b: Block): Record<string, Value> | undefined => {
    const out: Record<string, Value> = {};
    let ok = true;
    for (const [attribute, raw] of Object.entries(b.body)) {
      if (attribute === "lifecycle" || attribute === "provider") continue;
      const where = b.lines.at(b.lines.attribute(b.line, attribute));
      const value = convertValue(raw, where, attribute, b.scope, attribute === "depends_on");
      if (value === undefined) ok = false;
      else out[attribute] = value;
    }
    return ok ? out : undefined;
  };

  const values = new Map<Block, Record<string, Value>>();
  for (const b of usable) {
    const v = valuesOf(b);
    if (v) values.set(b, v);
  }
  const named = (b: Block) => `${b.scope.prefix}${b.name}`;
  const refTo = (v: Value | undefined, type: string, attribute = "id"): string | undefined =>
    isExpr(v) && v.expr.kind === "ref" && v.expr.type === type && v.expr.attribute === attribute ? v.expr.name : undefined;
  const schemaDeps = (v: Value | undefined) =>
    (Array.isArray(v) ? (v as Value[]) : []).every((d) => isExpr(d) && d.expr.kind === "ref" && (d.expr.type === "okta_user_schema_property" || d.expr.type === "okta_user_base_schema_property"));
  const onlyKnown = (v: Record<string, Value>, allowed: ReadonlySet<string>) => Object.keys(v).every((k) => allowed.has(k) || (k === "depends_on" && schemaDeps(v[k])));

  // Decide: users, groups and rules that fit our constructs.
  const ours = new Map<Block, "user" | "group" | "rule" | "schema" | "base" | "memberships">();
  for (const [b, v] of values) {
    if (b.kind !== "resource") continue;
    if (b.type === "okta_user" && onlyKnown(v, USER_ATTRIBUTES) && customProfileOf(v) !== "bad") ours.set(b, "user");
    if (b.type === "okta_group" && onlyKnown(v, GROUP_ATTRIBUTES)) ours.set(b, "group");
    if (b.type === "okta_user_schema_property" && onlyKnown(v, new Set(Object.keys(SCHEMA_ATTRIBUTES)))) ours.set(b, "schema");
    if (b.type === "okta_user_base_schema_property" && onlyKnown(v, BASE_SCHEMA_ATTRIBUTES)) ours.set(b, "base");
  }
  const ourGroups = new Map([...ours].filter(([, k]) => k === "group").map(([b]) => [named(b), b]));
  const ourUsers = new Map([...ours].filter(([, k]) => k === "user").map(([b]) => [named(b), b]));
  const groupModels = new Map<string, GroupModel>();
  const membershipsOf = new Map<string, Block>();
  for (const [b, v] of values) {
    if (b.type === "okta_group_rule" && onlyKnown(v, RULE_ATTRIBUTES)) {
      const groups = Array.isArray(v.group_assignments) ? (v.group_assignments as Value[]) : [];
      const excluded = Array.isArray(v.users_excluded) ? (v.users_excluded as Value[]) : [];
      const typeOk = v.expression_type === undefined || v.expression_type === "urn:okta:expression:1.0";
      if (typeOk && groups.every((g) => ourGroups.has(refTo(g, "okta_group") ?? "")) && excluded.every((u) => ourUsers.has(refTo(u, "okta_user") ?? ""))) ours.set(b, "rule");
    }
    if (b.type === "okta_group_memberships") {
      const group = refTo(v.group_id, "okta_group");
      const users = Array.isArray(v.users) ? (v.users as Value[]) : undefined;
      const literalGroup = typeof v.group_id === "string" ? v.group_id : undefined;
      const fits =
        (v.track_all_users === undefined || v.track_all_users === false) &&
        Object.keys(v).every((k) => ["group_id", "users", "track_all_users"].includes(k)) &&
        users !== undefined &&
        users.every((u) => typeof u === "string" || ourUsers.has(refTo(u, "okta_user") ?? "")) &&
        ((group !== undefined && ourGroups.has(group) && !membershipsOf.has(group)) || literalGroup !== undefined);
      if (fits) {
        ours.set(b, "memberships");
        if (group !== undefined) membershipsOf.set(group, b);
      }
    }
  }

  // Custom attributes a user sets must be declared (OktaUser checks them).
  for (const [b, kind] of ours) {
    if (kind !== "user") continue;
    const profile = customProfileOf(values.get(b)!);
    if (profile === "bad" || profile === undefined) continue;
    for (const index of Object.keys(profile)) {
      if (!declaredIndexes.has(index)) {
        const where = b.lines.at(b.lines.attribute(b.line, "custom_profile_attributes"));
        snapshot.skipped.push({ origin: where, text: adoptMessages.undeclaredCustomAttribute(where, `${b.scope.address}okta_user.${b.name}`, index) });
      }
    }
  }

  const moveIfPrefixed = (b: Block, to: string) => {
    const from = `${b.scope.address}${b.type}.${b.name}`;
    if (from !== to) snapshot.moved.push({ from, to });
  };

  for (const b of usable) {
    const v = values.get(b);
    if (!v) continue;
    const kind = ours.get(b);
    const id = named(b);
    const origin = b.lines.at(b.line);
    if (kind === "user") {
      const profile: Record<string, Value> = {};
      for (const [attribute, value] of Object.entries(v)) {
        const prop = PROFILE_BY_ATTRIBUTE.get(attribute);
        if (prop) profile[prop] = value;
      }
      const custom = customProfileOf(v);
      const customProfile = custom && custom !== "bad" ? Object.fromEntries(Object.entries(custom).filter(([k]) => declaredIndexes.has(k))) : undefined;
      snapshot.users.push({
        id,
        login: v.login,
        email: v.email,
        firstName: v.first_name,
        lastName: v.last_name,
        status: typeof v.status === "string" ? v.status : undefined,
        profile,
        customProfile: customProfile && Object.keys(customProfile).length ? customProfile : undefined,
        customProfileAttributesToIgnore: Array.isArray(v.custom_profile_attributes_to_ignore) ? (v.custom_profile_attributes_to_ignore as string[]) : undefined,
        origin,
      });
      moveIfPrefixed(b, `okta_user.${id}`);
    } else if (kind === "group") {
      const model: GroupModel = { id, name: v.name, description: v.description, members: [], outsideMembers: [], origin };
      groupModels.set(id, model);
      snapshot.groups.push(model);
      moveIfPrefixed(b, `okta_group.${id}`);
    } else if (kind === "schema" || kind === "base") {
      const props: Record<string, Value> = {};
      const inOrder = Object.entries(v).sort(([a], [c]) => b.lines.attribute(b.line, a) - b.lines.attribute(b.line, c));
      for (const [attribute, value] of inOrder) {
        if (attribute === "depends_on") continue;
        props[SCHEMA_ATTRIBUTES[attribute] ?? attribute] = value;
      }
      snapshot.schemaProperties.push({ id, base: kind === "base", props, origin });
      moveIfPrefixed(b, `${b.type}.${id}`);
    }
  }
  for (const b of usable) {
    const v = values.get(b);
    const kind = ours.get(b);
    if (!v || !kind) continue;
    const origin = b.lines.at(b.line);
    if (kind === "rule") {
      const ids = (list: Value | undefined, type: string) => (Array.isArray(list) ? (list as Value[]).map((x) => `${refTo(x, type)}`) : undefined);
      snapshot.rules.push({
        id: named(b),
        name: v.name,
        expression: v.expression_value,
        groups: ids(v.group_assignments, "okta_group") ?? [],
        excludedUsers: ids(v.users_excluded, "okta_user"),
        status: typeof v.status === "string" ? v.status : undefined,
        removeAssignedUsers: typeof v.remove_assigned_users === "boolean" ? v.remove_assigned_users : undefined,
        origin,
      });
      moveIfPrefixed(b, `okta_group_rule.${named(b)}`);
    } else if (kind === "memberships") {
      const groupName = refTo(v.group_id, "okta_group");
      let model = groupName ? groupModels.get(groupName) : undefined;
      if (!model) {
        const name = named(b);
        const id = name.endsWith("_members") && name.length > 8 ? name.slice(0, -8) : name;
        model = { id, name: null, members: [], outsideMembers: [], existingOktaId: String(v.group_id), origin };
        snapshot.groups.push(model);
        groupModels.set(`existing:${id}`, model);
      }
      for (const u of v.users as Value[]) {
        if (typeof u === "string") model.outsideMembers.push(u);
        else model.members.push(refTo(u, "okta_user")!);
      }
      moveIfPrefixed(b, `okta_group_memberships.${model.id}_members`);
    }
  }
  for (const b of usable) {
    const v = values.get(b);
    if (!v || ours.has(b)) continue;
    const { depends_on: dependsOn, ...attributes } = v;
    const raw: RawModel = {
      type: b.type,
      name: named(b),
      attributes,
      dependsOn: Array.isArray(dependsOn) ? (dependsOn as Value[]).filter(isExpr).map((d) => d.expr) : undefined,
      origin: b.lines.at(b.line),
    };
    snapshot.raw.push(raw);
    if (b.kind === "resource") moveIfPrefixed(b, `${b.type}.${named(b)}`);
    if (["okta_user", "okta_group", "okta_group_memberships", "okta_group_rule", "okta_user_schema_property"].includes(b.type)) {
      snapshot.notes.push({ origin: raw.origin, text: `${b.type}.${b.name} is written with the generated binding: it uses arguments the cdktf-okta construct does not have.` });
    }
  }
  if ([...ours.values()].some((k) => k === "schema") && blocks.some((b) => Array.isArray(b.body.depends_on))) {
    snapshot.notes.push({ origin: snapshot.schemaProperties[0]?.origin ?? "", text: "depends_on between schema properties, and from users on them, is left out: the constructs write these dependencies themselves." });
  }
  void resourceTypes;
}

/** A user's custom_profile_attributes as an object; "bad" when it is not a JSON object literal. */
function customProfileOf(v: Record<string, Value>): Record<string, Value> | undefined | "bad" {
  const raw = v.custom_profile_attributes;
  if (raw === undefined) return undefined;
  if (typeof raw !== "string") return "bad";
  try {
    const parsed = JSON.parse(raw);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, Value>) : "bad";
  } catch {
    return "bad";
  }
}

let typeLists: { resource: Record<string, unknown>; data: Record<string, unknown> } | undefined;

function allTypes(kind: "resource" | "data"): Record<string, unknown> {
  if (!typeLists) {
    const resource: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    // oktaSchema only answers one type at a time; the names come from the same file.
    const json = JSON.parse(fs.readFileSync(path.join(schemaDir(), "okta.json"), "utf8"));
    const provider = json.provider_schemas["registry.terraform.io/okta/okta"];
    Object.assign(resource, provider.resource_schemas);
    Object.assign(data, provider.data_source_schemas);
    typeLists = { resource, data };
  }
  return typeLists[kind];
}

/** The setter of an import block's id on the model of its address, or undefined when no model has it. */
function findTarget(snapshot: OrgSnapshot, to: string): ((id: string) => void) | undefined {
  const moved = snapshot.moved.find((m) => m.from === to)?.to ?? to;
  const [type, name] = moved.split(".");
  const setter = <T extends { readonly importId?: string }>(list: T[], match: (item: T) => boolean, field: "importId" | "membershipsImportId" = "importId") => {
    const index = list.findIndex(match);
    return index < 0 ? undefined : (id: string) => (list[index] = { ...list[index], [field]: id });
  };
  if (type === "okta_user") return setter(snapshot.users, (u) => u.id === name);
  if (type === "okta_group") return setter(snapshot.groups, (g) => g.id === name);
  if (type === "okta_group_rule") return setter(snapshot.rules, (r) => r.id === name);
  if (type === "okta_user_schema_property") return setter(snapshot.schemaProperties, (p) => p.id === name);
  if (type === "okta_group_memberships") {
    const found = setter(snapshot.groups, (g) => `${g.id}_members` === name, "membershipsImportId");
    if (found) return found;
  }
  return setter(snapshot.raw, (r) => r.type === type && r.name === name);
}
