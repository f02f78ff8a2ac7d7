/**
 * terraform-plugin-framework schemas (resource, data source and provider `schema.Schema` values)
 * converted the way the framework converts them (internal/toproto6, v1.18.0): a MarkdownDescription
 * wins over a Description and makes description_kind "markdown", a DeprecationMessage makes
 * `deprecated`, blocks carry no item limits, nested attributes become nested_type. Also reads
 * RequiresReplace plan modifiers and static defaults.
 */
import { Pos, formatPos } from "./ast";
import { DefaultLiteral, TypeBehaviour } from "./behaviour";
import { EvalError } from "./interpreter";
import { CoreAttribute, CoreBlock, CoreNestedBlock, CtyType, JsonSchema, Nesting, emptyBlock, jsonBlock } from "./schema-json";
import { asLiteral, fail, flag, text } from "./sdkv2";
import { ExtCall, ExtVal, MapVal, SliceVal, StructVal, Value, describe, structOf } from "./values";

const FRAMEWORK = "github.com/hashicorp/terraform-plugin-framework/";
const SCHEMA_PACKAGES = ["resource/schema", "datasource/schema", "provider/schema"].map((p) => FRAMEWORK + p);

const PRIMITIVE_ATTRIBUTES: Record<string, CtyType> = {
  StringAttribute: "string",
  BoolAttribute: "bool",
  Int32Attribute: "number",
  Int64Attribute: "number",
  Float32Attribute: "number",
  Float64Attribute: "number",
  NumberAttribute: "number",
  DynamicAttribute: "dynamic",
};
const COLLECTION_ATTRIBUTES: Record<string, "list" | "set" | "map"> = { ListAttribute: "list", SetAttribute: "set", MapAttribute: "map" };
const NESTED_ATTRIBUTES: Record<string, Nesting> = { SingleNestedAttribute: "single", ListNestedAttribute: "list", SetNestedAttribute: "set", MapNestedAttribute: "map" };
const BLOCKS: Record<string, Nesting> = { SingleNestedBlock: "single", ListNestedBlock: "list", SetNestedBlock: "set" };
const PRIMITIVE_TYPES: Record<string, CtyType> = {
  StringType: "string",
  BoolType: "bool",
  Int32Type: "number",
  Int64Type: "number",
  Float32Type: "number",
  Float64Type: "number",
  NumberType: "number",
  DynamicType: "dynamic",
};
/** Custom types of terraform-plugin-framework-jsontypes / -timetypes / -nettypes: all strings. */
const STRING_CUSTOM_TYPES = /terraform-plugin-framework-(jsontypes|timetypes|nettypes)\//;

function schemaStruct(v: Value): StructVal | undefined {
  const s = structOf(v);
  return s && SCHEMA_PACKAGES.includes(s.type.pkg) ? s : undefined;
}

function described<T extends { description: string; markdown: boolean; deprecated: boolean }>(s: StructVal, target: T): T {
  const markdown = text(s, "MarkdownDescription");
  const plain = text(s, "Description");
  target.description = markdown || plain;
  target.markdown = markdown !== "";
  target.deprecated = text(s, "DeprecationMessage") !== "";
  return target;
}

function mapEntries(s: StructVal, field: string): [string, Value][] {
  const m = s.get(field);
  if (m === undefined || m === null) return [];
  if (!(m instanceof MapVal)) return fail(s, field, `${field} is ${describe(m)}`);
  return [...m.entries].map(([k, v]) => [String(k), v]);
}

/** The cty type of an attr.Type value (types.StringType, types.ListType{ElemType: ...}, ...). */
export function attrType(v: Value, where: StructVal, field: string): CtyType {
  if (v instanceof ExtVal && v.pkg.startsWith(FRAMEWORK) && v.name in PRIMITIVE_TYPES) return PRIMITIVE_TYPES[v.name];
  const s = structOf(v);
  if (s && s.type.pkg.startsWith(FRAMEWORK)) {
    if (s.type.name in PRIMITIVE_TYPES) return PRIMITIVE_TYPES[s.type.name];
    const collection = { ListType: "list", SetType: "set", MapType: "map" }[s.type.name] as "list" | "set" | "map" | undefined;
    if (collection) return [collection, attrType(s.get("ElemType"), s, "ElemType")];
    if (s.type.name === "ObjectType") return ["object", Object.fromEntries(mapEntries(s, "AttrTypes").map(([k, t]) => [k, attrType(t, s, "AttrTypes")]))];
  }
  if (s && STRING_CUSTOM_TYPES.test(s.type.pkg)) return "string";
  return fail(where, field, `${field} is ${describe(v)}, not a type the extractor knows`);
}

export class FrameworkConversion {
  /** The `version` + `block` of a framework schema.Schema value. */
  schema(v: Value): JsonSchema {
    const s = schemaStruct(v);
    if (!s || s.type.name !== "Schema") throw new EvalError(undefined, `not a framework schema.Schema: ${describe(v)}`);
    const version = s.get("Version");
    const block = this.block(s);
    return { version: typeof version === "number" ? version : 0, block: jsonBlock(block) };
  }

  private block(s: StructVal): CoreBlock {
    const block = described(s, emptyBlock());
    for (const [name, a] of mapEntries(s, "Attributes")) block.attributes[name] = this.attribute(name, a, s);
    for (const [name, b] of mapEntries(s, "Blocks")) block.blockTypes[name] = this.nestedBlock(name, b, s);
    return block;
  }

  private attribute(name: string, v: Value, parent: StructVal): CoreAttribute {
    const a = schemaStruct(v);
    if (!a) return fail(parent, "Attributes", `attribute ${name} is ${describe(v)}`);
    const kind = a.type.name;
    const out: CoreAttribute = described(a, {
      description: "",
      markdown: false,
      required: flag(a, "Required"),
      optional: flag(a, "Optional"),
      computed: flag(a, "Computed"),
      sensitive: flag(a, "Sensitive"),
      deprecated: false,
      writeOnly: flag(a, "WriteOnly"),
    });
    if (!out.required && !out.optional && !out.computed) fail(a, "Required", `attribute ${name} must have Required, Optional, or Computed set`);
    const custom = a.get("CustomType");
    if (custom !== undefined && custom !== null) out.type = attrType(custom, a, "CustomType");
    else if (kind in PRIMITIVE_ATTRIBUTES) out.type = PRIMITIVE_ATTRIBUTES[kind];
    else if (kind in COLLECTION_ATTRIBUTES) out.type = [COLLECTION_ATTRIBUTES[kind], attrType(a.get("ElementType"), a, "ElementType")];
    else if (kind === "ObjectAttribute") out.type = ["object", Object.fromEntries(mapEntries(a, "AttributeTypes").map(([k, t]) => [k, attrType(t, a, "AttributeTypes")]))];
    else if (kind in NESTED_ATTRIBUTES) {
      const holder = kind === "SingleNestedAttribute" ? a : structOf(a.get("NestedObject"));
      if (!holder) return fail(a, "NestedObject", `nested attribute ${name} without NestedObject`);
      const attributes: Record<string, CoreAttribute> = {};
      for (const [n, x] of mapEntries(holder, "Attributes")) attributes[n] = this.attribute(n, x, holder);
      out.nested = { nesting: NESTED_ATTRIBUTES[kind], attributes };
    } else return fail(parent, "Attributes", `attribute ${name} is a ${kind}, which the extractor does not know`);
    return out;
  }

  private nestedBlock(name: string, v: Value, parent: StructVal): CoreNestedBlock {
    const b = schemaStruct(v);
    if (!b || !(b.type.name in BLOCKS)) return fail(parent, "Blocks", `block ${name} is ${describe(v)}`);
    const holder = b.type.name === "SingleNestedBlock" ? b : structOf(b.get("NestedObject"));
    if (!holder) return fail(b, "NestedObject", `block ${name} without NestedObject`);
    const block = described(b, emptyBlock());
    for (const [n, a] of mapEntries(holder, "Attributes")) block.attributes[n] = this.attribute(n, a, holder);
    for (const [n, x] of mapEntries(holder, "Blocks")) block.blockTypes[n] = this.nestedBlock(n, x, holder);
    return { nesting: BLOCKS[b.type.name], block, minItems: 0, maxItems: 0 };
  }

  // -------------------------------------------------------------------------------------------
  // Behaviour

  /** RequiresReplace plan modifiers and static defaults of a resource schema. */
  behaviour(v: Value): TypeBehaviour {
    const out: TypeBehaviour = { replacements: [], defaults: [] };
    const s = schemaStruct(v);
    if (s) this.walk(s, [], out);
    return out;
  }

  private walk(holder: StructVal, prefix: string[], out: TypeBehaviour): void {
    for (const [name, v] of [...mapEntries(holder, "Attributes"), ...mapEntries(holder, "Blocks")]) {
      const s = schemaStruct(v);
      if (!s) continue;
      const path = [...prefix, name];
      const modifiers = s.get("PlanModifiers");
      if (modifiers instanceof SliceVal) {
        for (const m of modifiers.items) {
          if (!(m instanceof ExtCall) || !/planmodifier$/.test(m.fn.pkg)) continue;
          if (m.fn.name === "RequiresReplace") out.replacements.push({ path, source: formatPos(m.pos), kind: "RequiresReplace" });
          else if (m.fn.name === "RequiresReplaceIf" || m.fn.name === "RequiresReplaceIfConfigured") {
            const pkg = m.fn.pkg.split("/").pop();
            const note = m.fn.name === "RequiresReplaceIfConfigured" ? `${pkg}.RequiresReplaceIfConfigured: replacement only when the attribute is set in the configuration` : `${pkg}.RequiresReplaceIf: replacement only when its function returns true`;
            out.replacements.push({ path, source: formatPos(m.pos), kind: "RequiresReplaceIf", note });
          }
        }
      }
      const d = s.get("Default");
      if (d instanceof ExtCall && /default$/.test(d.fn.pkg) && /^Static/.test(d.fn.name)) {
        const literal: DefaultLiteral | undefined = asLiteral(d.args[0]);
        const at: Pos | undefined = s.fieldPos.get("Default");
        if (literal !== undefined && at) out.defaults.push({ path, value: literal, source: formatPos(at) });
      }
      const inner = s.type.name === "SingleNestedBlock" || s.type.name === "SingleNestedAttribute" ? s : structOf(s.get("NestedObject"));
      if (inner) this.walk(inner, path, out);
    }
  }
}
