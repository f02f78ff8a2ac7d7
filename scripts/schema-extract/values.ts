/**
 * The values the Go interpreter computes. Go strings, numbers and booleans are JS primitives, `nil`
 * is null, and an unset field of a struct is undefined (its zero value). Everything the interpreter
 * cannot compute (a call into terraform-plugin-sdk, an API client, a method on such a value) is kept
 * as an external call or an opaque value: harmless until something needs its contents.
 */
import type { FuncDecl, Pos } from "./ast";

/** A resolved Go type. `pkg` is an import path ("" for predeclared types). */
export type GoType =
  | { k: "named"; pkg: string; name: string }
  | { k: "ptr"; elem: GoType }
  | { k: "slice"; elem: GoType }
  | { k: "map"; key: GoType; val: GoType }
  | { k: "struct"; fields: { name: string; type: GoType; embedded: boolean }[] }
  | { k: "func" }
  | { k: "iface" }
  | { k: "chan" };

export function typeName(t: GoType): string {
  switch (t.k) {
    case "named":
      return t.pkg ? `${t.pkg}.${t.name}` : t.name;
    case "ptr":
      return `*${typeName(t.elem)}`;
    case "slice":
      return `[]${typeName(t.elem)}`;
    case "map":
      return `map[${typeName(t.key)}]${typeName(t.val)}`;
    case "struct":
      return "struct{...}";
    default:
      return t.k;
  }
}

/** A struct value (value semantics: copied when stored). */
export class StructVal {
  readonly fields = new Map<string, Value>();
  /** Where each field was last set (the `Field: value` element or the assignment). */
  readonly fieldPos = new Map<string, Pos>();
  /** Source text of each field's value expression. */
  readonly fieldText = new Map<string, string>();
  constructor(
    readonly type: GoType & { k: "named" },
    readonly pos: Pos | undefined,
  ) {}

  get(name: string): Value {
    return this.fields.get(name);
  }

  copy(): StructVal {
    const c = new StructVal(this.type, this.pos);
    for (const [k, v] of this.fields) c.fields.set(k, v instanceof StructVal ? v.copy() : v);
    for (const [k, v] of this.fieldPos) c.fieldPos.set(k, v);
    for (const [k, v] of this.fieldText) c.fieldText.set(k, v);
    return c;
  }
}

/** A pointer to a struct (reference semantics). */
export class Ptr {
  constructor(public target: StructVal) {}
}

/** A pointer to a variable that holds anything else (`&x` of a non-struct). */
export class VarPtr {
  constructor(readonly cell: { value: Value }) {}
}

export type MapKey = string | number | boolean;

export class MapVal {
  readonly entries = new Map<MapKey, Value>();
  /** Where each entry was written: the literal element or the assignment. */
  readonly pos = new Map<MapKey, Pos>();
  readonly text = new Map<MapKey, string>();
  constructor(readonly type: GoType | undefined) {}

  set(key: MapKey, value: Value, pos?: Pos, text?: string): void {
    this.entries.set(key, value);
    if (pos) this.pos.set(key, pos);
    else this.pos.delete(key);
    if (text !== undefined) this.text.set(key, text);
    else this.text.delete(key);
  }
}

export class SliceVal {
  constructor(
    readonly items: Value[],
    readonly type: GoType | undefined,
    /** Positions of the literal elements, when written as a literal. */
    readonly itemPos: (Pos | undefined)[] = [],
  ) {}
}

/** A multi-value function result. */
export class Tuple {
  constructor(readonly values: Value[]) {}
}

/** A member of a package the interpreter does not read (terraform-plugin-sdk, the Okta SDK, time...). */
export class ExtVal {
  constructor(
    readonly pkg: string,
    readonly name: string,
  ) {}
  get qualified(): string {
    return `${this.pkg}.${this.name}`;
  }
}

/** A call into a package the interpreter does not read, with its evaluated arguments. */
export class ExtCall {
  constructor(
    readonly fn: ExtVal,
    readonly args: Value[],
    readonly pos: Pos,
  ) {}
}

/** Anything else the interpreter cannot know (results of methods on external values...). */
export class Opaque {
  constructor(
    readonly what: string,
    readonly pos?: Pos,
  ) {}
}

/** A Go function: a declaration plus, for closures, the environment it captured. */
export class FuncVal {
  constructor(
    readonly decl: FuncDecl,
    readonly pkg: string,
    /** The interpreter's scope of the file the function is written in. */
    readonly file: unknown,
    readonly closure: unknown,
    readonly receiver?: Value,
  ) {}
}

/** A predeclared function (len, append, ...). */
export class Builtin {
  constructor(readonly name: string) {}
}

/** A type used as a value: conversions `string(x)`, `make(T)`. */
export class TypeVal {
  constructor(readonly type: GoType) {}
}

/** A reference to a package in scope (`utils`, `schema`). */
export class PkgRef {
  constructor(
    readonly path: string,
    readonly internal: boolean,
  ) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | StructVal
  | Ptr
  | VarPtr
  | MapVal
  | SliceVal
  | Tuple
  | ExtVal
  | ExtCall
  | Opaque
  | FuncVal
  | Builtin
  | TypeVal
  | PkgRef;

/** The struct behind a struct value or a pointer to one. */
export function structOf(v: Value): StructVal | undefined {
  if (v instanceof Ptr) return v.target;
  if (v instanceof StructVal) return v;
  return undefined;
}

/** True when the value is an external call to one of the given functions (`pkgSuffix.name`). */
export function isExtCall(v: Value, pkgSuffix: string, ...names: string[]): v is ExtCall {
  return v instanceof ExtCall && v.fn.pkg.endsWith(pkgSuffix) && names.includes(v.fn.name);
}

export function describe(v: Value): string {
  if (v === null) return "nil";
  if (v === undefined) return "zero value";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v !== "object") return String(v);
  if (v instanceof StructVal) return `${typeName(v.type)}{...}`;
  if (v instanceof Ptr) return `&${typeName(v.target.type)}{...}`;
  if (v instanceof ExtVal) return v.qualified;
  if (v instanceof ExtCall) return `${v.fn.qualified}(...)`;
  if (v instanceof Opaque) return `<${v.what}>`;
  if (v instanceof FuncVal) return `func ${v.decl.name}`;
  return v.constructor.name;
}
