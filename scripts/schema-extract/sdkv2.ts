/**
 * terraform-plugin-sdk/v2 schemas (`*schema.Resource`, `map[string]*schema.Schema`) lowered the way
 * the SDK lowers them for Terraform (helper/schema/core_schema.go, v2.39.0): CoreConfigSchema with
 * the implicit optional+computed "id", the `timeouts` block, Required+DefaultFunc made optional when
 * the DefaultFunc yields a value, MinItems dropped on optional blocks, computed-only lists of
 * resources as attributes, TypeMap of a resource as map(string), a missing Elem as string.
 * Also reads ForceNew, CustomizeDiff replacements and literal defaults.
 */
import { Pos, Stmt, forEachExpr, formatPos } from "./ast";
import { DefaultLiteral, Replacement, TypeBehaviour } from "./behaviour";
import { EvalError, Interpreter } from "./interpreter";
import { CoreAttribute, CoreBlock, CoreNestedBlock, CtyType, JsonSchema, emptyBlock, impliedType, jsonBlock, plainAttribute } from "./schema-json";
import { ExtCall, ExtVal, FuncVal, MapVal, Opaque, SliceVal, StructVal, Tuple, Value, describe, isExtCall, structOf } from "./values";

export const SDK_SCHEMA = "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema";
const CUSTOMDIFF = "terraform-plugin-sdk/v2/helper/customdiff";

function isSdkStruct(v: Value, name: string): boolean {
  const s = structOf(v);
  return s !== undefined && s.type.pkg === SDK_SCHEMA && s.type.name === name;
}

/** Fails the extraction at a struct field's position. */
export function fail(s: StructVal | undefined, field: string, reason: string): never {
  const pos = s?.fieldPos.get(field) ?? s?.pos;
  throw new EvalError(pos, reason);
}

/** A constant bool field; absent is false. */
export function flag(s: StructVal, field: string): boolean {
  const v = s.get(field);
  if (v === undefined || v === false) return false;
  if (v === true) return true;
  return fail(s, field, `${field} is ${describe(v)}, not a constant bool`);
}

/** A constant string field; absent is "". */
export function text(s: StructVal, field: string): string {
  const v = s.get(field);
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  return fail(s, field, `${field} is ${describe(v)}, not a constant string`);
}

function count(s: StructVal, field: string): number {
  const v = s.get(field);
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  return fail(s, field, `${field} is ${describe(v)}, not a constant number`);
}

function valueType(s: StructVal, field: string): string | undefined {
  const v = s.get(field);
  if (v === undefined) return undefined;
  if (v instanceof ExtVal && v.pkg === SDK_SCHEMA) return v.name;
  return fail(s, field, `${field} is ${describe(v)}, not a schema.ValueType`);
}

/** The schema map of a *schema.Resource (its Schema, or what its SchemaFunc returns). */
function schemaMap(interp: Interpreter, r: StructVal): MapVal | undefined {
  const fn = r.get("SchemaFunc");
  const m = fn instanceof FuncVal ? interp.callFunc(fn) : r.get("Schema");
  if (m === undefined || m === null) return undefined;
  if (m instanceof MapVal) return m;
  return fail(r, "Schema", `Schema is ${describe(m)}, not a map literal the extractor can read`);
}

function entries(m: MapVal | undefined): [string, StructVal][] {
  if (!m) return [];
  return [...m.entries].map(([k, v]) => {
    const s = structOf(v);
    if (typeof k !== "string" || !s) throw new EvalError(m.pos.get(k), `schema entry ${String(k)} is ${describe(v)}`);
    return [k, s];
  });
}

export class SdkV2Lowering {
  constructor(private readonly interp: Interpreter) {}

  /** The `version` + `block` of a resource or data source. */
  resourceSchema(resource: Value): JsonSchema {
    const r = structOf(resource);
    if (!r || !isSdkStruct(r, "Resource")) throw new EvalError(undefined, `not a *schema.Resource: ${describe(resource)}`);
    return { version: count(r, "SchemaVersion"), block: jsonBlock(this.coreConfigSchema(r)) };
  }

  /** The provider block: the schema map alone (no id, no description). */
  providerSchema(schema: Value): JsonSchema {
    if (!(schema instanceof MapVal)) throw new EvalError(undefined, `provider Schema is ${describe(schema)}`);
    return { version: 0, block: jsonBlock(this.schemaMapBlock(schema)) };
  }

  private coreConfigSchema(r: StructVal): CoreBlock {
    const block = this.schemaMapBlock(schemaMap(this.interp, r));
    block.description = text(r, "Description");
    block.markdown = false;
    block.deprecated = text(r, "DeprecationMessage") !== "";
    if (!block.attributes.id) block.attributes.id = plainAttribute("string", { optional: true, computed: true });
    const timeouts = structOf(r.get("Timeouts"));
    if (timeouts && !block.attributes.timeouts && !block.blockTypes.timeouts) {
      const t = emptyBlock();
      for (const [field, name] of [["Create", "create"], ["Read", "read"], ["Update", "update"], ["Delete", "delete"], ["Default", "default"]]) {
        const v = timeouts.get(field);
        if (v !== undefined && v !== null) t.attributes[name] = plainAttribute("string", { optional: true });
      }
      block.blockTypes.timeouts = { nesting: "single", block: t, minItems: 0, maxItems: 0 };
    }
    return block;
  }

  private schemaMapBlock(m: MapVal | undefined): CoreBlock {
    const block = emptyBlock();
    for (const [name, s] of entries(m)) {
      const elem = s.get("Elem");
      const type = valueType(s, "Type");
      if (elem === undefined || elem === null) {
        block.attributes[name] = this.attribute(s);
        continue;
      }
      if (type === "TypeMap" && isSdkStruct(elem, "Resource")) {
        block.attributes[name] = this.attribute(s, "string");
        continue;
      }
      const mode = s.get("ConfigMode");
      const modeName = mode instanceof ExtVal ? mode.name : "SchemaConfigModeAuto";
      if (modeName === "SchemaConfigModeAttr") block.attributes[name] = this.attribute(s);
      else if (modeName === "SchemaConfigModeBlock") block.blockTypes[name] = this.nestedBlock(s, name);
      else if (flag(s, "Computed") && !flag(s, "Optional")) block.attributes[name] = this.attribute(s);
      else if (isSdkStruct(elem, "Resource")) block.blockTypes[name] = this.nestedBlock(s, name);
      else block.attributes[name] = this.attribute(s);
    }
    return block;
  }

  private attribute(s: StructVal, mapElem?: CtyType): CoreAttribute {
    let required = flag(s, "Required");
    let optional = flag(s, "Optional");
    if (required && this.defaultFuncGivesValue(s)) {
      required = false;
      optional = true;
    }
    const description = text(s, "Description");
    return {
      type: mapElem ? ["map", mapElem] : this.ctyType(s),
      description,
      markdown: false,
      required,
      optional,
      computed: flag(s, "Computed"),
      sensitive: flag(s, "Sensitive"),
      deprecated: text(s, "Deprecated") !== "",
      writeOnly: flag(s, "WriteOnly"),
    };
  }

  /** Whether `v, err := s.DefaultFunc()` gives err != nil or v != nil (environment variables unset). */
  private defaultFuncGivesValue(s: StructVal): boolean {
    const fn = s.get("DefaultFunc");
    if (fn === undefined || fn === null) return false;
    if (fn instanceof FuncVal) {
      const out = this.interp.callFunc(fn);
      const [v, err] = out instanceof Tuple ? out.values : [out, null];
      if (v instanceof Opaque || err instanceof Opaque) fail(s, "DefaultFunc", `DefaultFunc result depends on ${describe(v)}`);
      return (err !== null && err !== undefined) || (v !== null && v !== undefined);
    }
    if (isExtCall(fn, SDK_SCHEMA, "EnvDefaultFunc", "MultiEnvDefaultFunc")) {
      const dv = fn.args[1];
      return dv !== null && dv !== undefined;
    }
    return fail(s, "DefaultFunc", `DefaultFunc is ${describe(fn)}`);
  }

  private ctyType(s: StructVal): CtyType {
    return this.ctyOf(valueType(s, "Type"), s.get("Elem"), s);
  }

  private ctyOf(type: string | undefined, elem: Value, s: StructVal): CtyType {
    switch (type) {
      case "TypeString":
        return "string";
      case "TypeBool":
        return "bool";
      case "TypeInt":
      case "TypeFloat":
        return "number";
      case "TypeList":
      case "TypeSet":
      case "TypeMap": {
        let elemType: CtyType;
        if (elem instanceof ExtVal && elem.pkg === SDK_SCHEMA) elemType = this.ctyOf(elem.name, undefined, s);
        else if (isSdkStruct(elem, "Schema")) elemType = this.ctyType(structOf(elem)!);
        else if (isSdkStruct(elem, "Resource")) elemType = impliedType(this.schemaMapBlock(schemaMap(this.interp, structOf(elem)!)));
        else if (elem === undefined || elem === null) elemType = "string";
        else return fail(s, "Elem", `Elem is ${describe(elem)}`);
        return [type === "TypeList" ? "list" : type === "TypeSet" ? "set" : "map", elemType];
      }
      default:
        return fail(s, "Type", `schema Type ${type ?? "missing"}`);
    }
  }

  private nestedBlock(s: StructVal, name: string): CoreNestedBlock {
    const elem = structOf(s.get("Elem"))!;
    const block = this.schemaMapBlock(schemaMap(this.interp, elem));
    block.description = text(s, "Description");
    block.deprecated = text(s, "Deprecated") !== "";
    const type = valueType(s, "Type");
    const nesting = type === "TypeList" ? "list" : type === "TypeSet" ? "set" : type === "TypeMap" ? "map" : fail(s, "Type", `block ${name} of Type ${type}`);
    let minItems = count(s, "MinItems");
    let maxItems = count(s, "MaxItems");
    if (flag(s, "Required") && minItems === 0) minItems = 1;
    if (flag(s, "Optional") && minItems > 0) minItems = 0;
    if (flag(s, "Computed") && !flag(s, "Optional")) {
      minItems = 0;
      maxItems = 0;
    }
    return { nesting, block, minItems, maxItems };
  }

  // -------------------------------------------------------------------------------------------
  // Behaviour

  /** ForceNew attributes, CustomizeDiff replacements and literal defaults of a resource. */
  behaviour(resource: Value): TypeBehaviour {
    const r = structOf(resource)!;
    const out: TypeBehaviour = { replacements: [], defaults: [] };
    this.walk(schemaMap(this.interp, r), [], out);
    const cd = r.get("CustomizeDiff");
    if (cd !== undefined && cd !== null) this.customizeDiff(cd, r.fieldPos.get("CustomizeDiff"), out.replacements);
    return out;
  }

  private walk(m: MapVal | undefined, prefix: string[], out: TypeBehaviour): void {
    for (const [name, s] of entries(m)) {
      const path = [...prefix, name];
      const shared = this.sharedNote(m!, name, s);
      if (s.get("ForceNew") === true) {
        out.replacements.push({ path, source: formatPos(s.fieldPos.get("ForceNew")!), kind: "ForceNew", ...(shared ? { note: shared } : {}) });
      }
      const d = s.get("Default");
      if (d !== undefined && d !== null) {
        const literal = asLiteral(d);
        if (literal !== undefined) {
          const exprText = s.fieldText.get("Default");
          const notes = [shared, exprText !== undefined && !isLiteralText(exprText) ? this.constantNote(exprText, literal, s.fieldPos.get("Default")!.file) : undefined].filter(Boolean);
          out.defaults.push({ path, value: literal, source: formatPos(s.fieldPos.get("Default")!), ...(notes.length ? { note: notes.join("; ") } : {}) });
        }
      }
      const df = s.get("DefaultFunc");
      if (df instanceof FuncVal) {
        const res = this.interp.callFunc(df);
        const [v, err] = res instanceof Tuple ? res.values : [res, null];
        const literal = err === null || err === undefined ? asLiteral(v) : undefined;
        if (literal !== undefined) out.defaults.push({ path, value: literal, source: formatPos(s.fieldPos.get("DefaultFunc")!), note: "DefaultFunc returning a constant" });
      }
      const elem = s.get("Elem");
      if (isSdkStruct(elem, "Resource")) this.walk(schemaMap(this.interp, structOf(elem)!), path, out);
    }
  }

  /** For an entry that names a package-level schema variable (`"status": statusSchema`). */
  private sharedNote(m: MapVal, name: string, s: StructVal): string | undefined {
    const t = m.text.get(name);
    const at = m.pos.get(name);
    if (!t || !at || !s.pos || !/^[A-Za-z_][\w.]*$/.test(t) || !this.interp.constantPos(t, at.file)) return undefined;
    return `shared ${t} (${formatPos(s.pos)}) used at ${formatPos(at)}`;
  }

  private constantNote(exprText: string, value: DefaultLiteral, inFile: string): string {
    const at = this.interp.constantPos(exprText, inFile);
    return `Default: ${exprText}${at ? `; constant ${exprText.split(".").pop()} = ${JSON.stringify(value)} at ${formatPos(at)}` : ""}`;
  }

  private customizeDiff(v: Value, at: Pos | undefined, out: Replacement[]): void {
    if (v instanceof ExtCall && v.fn.pkg.endsWith(CUSTOMDIFF)) {
      if ((v.fn.name === "ForceNewIf" || v.fn.name === "ForceNewIfChange") && typeof v.args[0] === "string") {
        out.push({
          path: [v.args[0]],
          source: formatPos(v.pos),
          kind: "CustomizeDiff",
          note: `customdiff.${v.fn.name} on ${v.args[0]}: replacement only when the function given at ${formatPos(v.pos)} returns true; otherwise ${v.args[0]} updates in place`,
        });
        return;
      }
      for (const a of v.args) this.customizeDiff(a, v.pos, out);
      return;
    }
    if (v instanceof FuncVal && v.decl.body) {
      for (const found of forceNewCalls(v.decl.body)) {
        out.push({ path: [found.name], source: formatPos(found.pos), kind: "CustomizeDiff", note: `d.ForceNew("${found.name}") in CustomizeDiff (${at ? formatPos(at) : "?"}): replacement only on the condition that function checks` });
      }
    }
  }
}

function forceNewCalls(body: Stmt[]): { name: string; pos: Pos }[] {
  const found: { name: string; pos: Pos }[] = [];
  forEachExpr(body, (e) => {
    if (e.k === "call" && e.fn.k === "sel" && e.fn.name === "ForceNew" && e.args[0]?.k === "lit" && typeof e.args[0].value === "string") {
      found.push({ name: e.args[0].value, pos: e.pos });
    }
  });
  return found;
}



function isLiteralText(t: string): boolean {
  return /^(".*"|`[^`]*`|-?\d[\d_.]*|true|false)$/s.test(t.trim());
}

export function asLiteral(v: Value): DefaultLiteral | undefined {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof SliceVal) {
    const items = v.items.map(asLiteral);
    return items.every((x) => x !== undefined) ? (items as DefaultLiteral[]) : undefined;
  }
  return undefined;
}
