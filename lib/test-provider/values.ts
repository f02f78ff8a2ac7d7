/**
 * Terraform values as the test provider handles them: plain JSON-like data plus UNKNOWN, shaped by
 * the schemas that `terraform providers schema -json` prints, and their msgpack wire format.
 *
 * Wire format facts from hashicorp/terraform docs/plugin-protocol/object-wire-format.md: objects are
 * msgpack maps keyed by attribute name, lists and sets are arrays, an unknown value is the msgpack
 * extension type 0 (cty writes it as fixext1 with a zero byte), and an unknown value carrying
 * refinements uses extension type 12.
 */
import { ExtensionCodec, decode, encode } from "@msgpack/msgpack";

/** A value Terraform does not know yet ("known after apply"). */
export const UNKNOWN: unique symbol = Symbol("unknown");

export type Value = null | string | number | boolean | typeof UNKNOWN | Value[] | { [key: string]: Value };

/** A block as the schema JSON writes it. */
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaNestedBlock>;
  readonly [other: string]: unknown;
}

export interface SchemaAttribute {
  readonly type?: unknown;
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly [other: string]: unknown;
}

export interface SchemaNestedBlock {
  readonly nesting_mode: string;
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

const codec = new ExtensionCodec();
codec.register({
  type: 0,
  encode: (input: unknown) => (input === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

/** A DynamicValue's content (msgpack, or JSON when Terraform sends JSON). */
export function fromDynamic(dynamic: { msgpack?: Uint8Array; json?: Uint8Array } | null | undefined): Value {
  if (!dynamic) return null;
  if (dynamic.msgpack && dynamic.msgpack.length > 0) return decode(dynamic.msgpack, { extensionCodec: codec }) as Value;
  if (dynamic.json && dynamic.json.length > 0) return JSON.parse(Buffer.from(dynamic.json).toString("utf8")) as Value;
  return null;
}

/** A DynamicValue holding `value` as msgpack. */
export function toDynamic(value: Value): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encode(value, { extensionCodec: codec, ignoreUndefined: true })) };
}

function isObject(value: Value | undefined): value is { [key: string]: Value } {
  return value !== null && value !== undefined && value !== UNKNOWN && typeof value === "object" && !Array.isArray(value);
}

/** A value of a cty type (as JSON: "string", ["list", T], ["object", {...}], ...) with every object attribute present. */
export function conformType(type: unknown, value: Value | undefined): Value {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN || !Array.isArray(type)) return value;
  const [kind, inner] = type as [string, unknown];
  if ((kind === "list" || kind === "set") && Array.isArray(value)) return value.map((v) => conformType(inner, v));
  if (kind === "map" && isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conformType(inner, v)]));
  if (kind === "object" && isObject(value)) {
    return Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([k, t]) => [k, conformType(t, value[k])]));
  }
  if (kind === "tuple" && Array.isArray(value)) return value.map((v, i) => conformType((inner as unknown[])[i], v));
  return value;
}

function conformAttribute(attribute: SchemaAttribute, value: Value | undefined): Value {
  if (!attribute.nested_type) return conformType(attribute.type, value);
  if (value === undefined || value === null || value === UNKNOWN) return value ?? null;
  const one = (v: Value) => conformObject(attribute.nested_type!.attributes, v);
  switch (attribute.nested_type.nesting_mode) {
    case "single":
      return one(value);
    case "map":
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, one(v)])) : value;
    default:
      return Array.isArray(value) ? value.map(one) : value;
  }
}

function conformObject(attributes: Record<string, SchemaAttribute>, value: Value): Value {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, conformAttribute(a, value[name])]));
}

/** An object value of a block: every attribute and nested block present, absent ones null or empty. */
export function conformBlock(block: SchemaBlock, value: Value | undefined): Value {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) return value;
  const out: { [key: string]: Value } = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) out[name] = conformAttribute(attribute, value[name]);
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    const one = (item: Value) => conformBlock(nested.block, item);
    switch (nested.nesting_mode) {
      case "single":
        out[name] = v === undefined ? null : one(v);
        break;
      case "group":
        out[name] = one(v ?? {});
        break;
      case "map":
        out[name] = isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, item]) => [k, one(item)])) : v === UNKNOWN ? v : {};
        break;
      default:
        out[name] = Array.isArray(v) ? v.map(one) : v === UNKNOWN ? v : [];
    }
  }
  return out;
}

/** On create: every computed attribute the configuration leaves null becomes unknown, in nested blocks too. */
export function unknownComputed(block: SchemaBlock, planned: Value, config: Value): Value {
  if (!isObject(planned)) return planned;
  const cfg = isObject(config) ? config : {};
  const out: { [key: string]: Value } = { ...planned };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.computed && (cfg[name] === null || cfg[name] === undefined)) out[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const p = out[name];
    const c = cfg[name];
    if (Array.isArray(p)) out[name] = p.map((item, i) => unknownComputed(nested.block, item, Array.isArray(c) ? c[i] : null));
    else if (isObject(p) && (nested.nesting_mode === "single" || nested.nesting_mode === "group")) out[name] = unknownComputed(nested.block, p, c ?? null);
  }
  return out;
}

/** Replaces every UNKNOWN left after apply with what `known` returns for its attribute name (null by default). */
export function resolveUnknowns(value: Value, known: (name: string) => Value = () => null, name = ""): Value {
  if (value === UNKNOWN) return known(name);
  if (Array.isArray(value)) return value.map((v) => resolveUnknowns(v, known, name));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveUnknowns(v, known, k)]));
  return value;
}

/** True when two values are the same; sets compare in order, as Terraform sends them sorted. */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || a === UNKNOWN || b === UNKNOWN) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue((a as any)[k], (b as any)[k]));
  }
  return false;
}

/** A plain-JSON copy (UNKNOWN cannot be stored: it becomes null). */
export function toJson(value: Value): unknown {
  return resolveUnknowns(value);
}
