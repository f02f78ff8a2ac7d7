/**
 * The schema model both SDKs lower to (Terraform's configschema), and its JSON form as
 * `terraform providers schema -json` prints it (terraform's internal/command/jsonprovider):
 * description_kind is always present ("plain" or "markdown"), false booleans, empty strings, zero
 * item counts and empty attribute / block maps are left out.
 */

/** A cty type in its JSON form: "string", ["list", "string"], ["object", {...}]. */
export type CtyType = "string" | "number" | "bool" | "dynamic" | ["list" | "set" | "map", CtyType] | ["object", Record<string, CtyType>] | ["tuple", CtyType[]];

export type Nesting = "single" | "group" | "list" | "set" | "map";

export interface CoreAttribute {
  type?: CtyType;
  nested?: { nesting: Nesting; attributes: Record<string, CoreAttribute> };
  description: string;
  markdown: boolean;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  deprecated: boolean;
  writeOnly: boolean;
}

export interface CoreNestedBlock {
  nesting: Nesting;
  block: CoreBlock;
  minItems: number;
  maxItems: number;
}

export interface CoreBlock {
  attributes: Record<string, CoreAttribute>;
  blockTypes: Record<string, CoreNestedBlock>;
  description: string;
  markdown: boolean;
  deprecated: boolean;
}

export function emptyBlock(): CoreBlock {
  return { attributes: {}, blockTypes: {}, description: "", markdown: false, deprecated: false };
}

export function plainAttribute(type: CtyType, flags: Partial<CoreAttribute>): CoreAttribute {
  return { type, description: "", markdown: false, required: false, optional: false, computed: false, sensitive: false, deprecated: false, writeOnly: false, ...flags };
}

/** The object type a block's values have (configschema.Block.ImpliedType). */
export function impliedType(block: CoreBlock): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = a.type ?? nestedImpliedType(a.nested!);
  for (const [name, b] of Object.entries(block.blockTypes)) {
    const inner = impliedType(b.block);
    attrs[name] = b.nesting === "single" || b.nesting === "group" ? inner : [b.nesting, inner];
  }
  return ["object", attrs];
}

function nestedImpliedType(nested: NonNullable<CoreAttribute["nested"]>): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(nested.attributes)) attrs[name] = a.type ?? nestedImpliedType(a.nested!);
  const obj: CtyType = ["object", attrs];
  return nested.nesting === "single" || nested.nesting === "group" ? obj : [nested.nesting, obj];
}

export interface JsonAttribute {
  type?: CtyType;
  nested_type?: { attributes?: Record<string, JsonAttribute>; nesting_mode: Nesting };
  description?: string;
  description_kind: "plain" | "markdown";
  deprecated?: true;
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
  write_only?: true;
}

export interface JsonBlockType {
  nesting_mode: Nesting;
  block: JsonBlock;
  min_items?: number;
  max_items?: number;
}

export interface JsonBlock {
  attributes?: Record<string, JsonAttribute>;
  block_types?: Record<string, JsonBlockType>;
  description?: string;
  description_kind: "plain" | "markdown";
  deprecated?: true;
}

export interface JsonSchema {
  version: number;
  block: JsonBlock;
}

function jsonAttribute(a: CoreAttribute): JsonAttribute {
  const out: JsonAttribute = { description_kind: a.markdown && a.description !== "" ? "markdown" : "plain" };
  if (a.type !== undefined) out.type = a.type;
  if (a.nested) {
    const attributes = Object.fromEntries(Object.entries(a.nested.attributes).map(([n, x]) => [n, jsonAttribute(x)]));
    out.nested_type = { nesting_mode: a.nested.nesting, ...(Object.keys(attributes).length > 0 ? { attributes } : {}) };
  }
  if (a.description) out.description = a.description;
  if (a.deprecated) out.deprecated = true;
  if (a.required) out.required = true;
  if (a.optional) out.optional = true;
  if (a.computed) out.computed = true;
  if (a.sensitive) out.sensitive = true;
  if (a.writeOnly) out.write_only = true;
  return out;
}

export function jsonBlock(b: CoreBlock): JsonBlock {
  const out: JsonBlock = { description_kind: b.markdown && b.description !== "" ? "markdown" : "plain" };
  const attrs = Object.entries(b.attributes);
  if (attrs.length > 0) out.attributes = Object.fromEntries(attrs.map(([n, a]) => [n, jsonAttribute(a)]));
  const blocks = Object.entries(b.blockTypes);
  if (blocks.length > 0) {
    out.block_types = Object.fromEntries(
      blocks.map(([n, nb]) => {
        const t: JsonBlockType = { nesting_mode: nb.nesting, block: jsonBlock(nb.block) };
        if (nb.minItems) t.min_items = nb.minItems;
        if (nb.maxItems) t.max_items = nb.maxItems;
        return [n, t];
      }),
    );
  }
  if (b.description) out.description = b.description;
  if (b.deprecated) out.deprecated = true;
  return out;
}

/** Values sorted by key at every level, as the committed snapshots are written. */
export function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])) as T;
  }
  return v;
}
