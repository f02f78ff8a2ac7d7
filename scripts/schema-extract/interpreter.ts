/**
 * A small interpreter for the part of Go that builds provider schemas: composite literals, package
 * variables and constants (with iota), functions, methods and closures, maps, slices, struct values
 * with value semantics, `if`/`for`/`range`/`switch`, and the predeclared functions. It runs the
 * provider's own code (utils.BuildSchema, BuildAppSchema, buildFactorSchemaProviders, a framework
 * resource's Schema method...) instead of pattern-matching it, so helper merges, shared variables and
 * loops come out as the provider computes them.
 *
 * Packages of the provider's module are read from source. Everything else (terraform-plugin-sdk,
 * terraform-plugin-framework, the Okta SDKs, time) stays symbolic: `schema.TypeString` is an ExtVal
 * and `stringplanmodifier.RequiresReplace()` an ExtCall with its arguments and position. A few
 * standard library functions on known strings are computed (fmt.Sprintf, strings.*, sort.Strings).
 */
import { Element, Expr, FileDecls, FuncDecl, Pos, Stmt, TypeExpr, ValueSpec, exprString, fileDeclarations, formatPos } from "./ast";
import { parseGoFile } from "./go-parser";
import { SourceTree } from "./source";
import {
  Builtin, ExtCall, ExtVal, FuncVal, GoType, MapKey, MapVal, Opaque, PkgRef, Ptr, SliceVal, StructVal, Tuple, TypeVal, Value, VarPtr,
  describe, structOf, typeName,
} from "./values";

/** A failure to evaluate, with the position of the Go code that could not be run. */
export class EvalError extends Error {
  constructor(
    readonly pos: Pos | undefined,
    readonly reason: string,
  ) {
    super(pos ? `${formatPos(pos)}: ${reason}` : reason);
  }
}

const PREDECLARED_TYPES = new Set([
  "string", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
  "float32", "float64", "complex64", "complex128", "byte", "rune", "error", "any",
]);
const NUMERIC = new Set([...PREDECLARED_TYPES].filter((t) => /^(u?int|float|complex|byte|rune)/.test(t)));
const BUILTINS = new Set(["len", "cap", "append", "make", "new", "delete", "panic", "copy", "min", "max", "print", "println", "clear"]);
const MAX_DEPTH = 200;
const MAX_LOOP = 100000;

type Completion = undefined | { k: "return"; values: Value[] } | { k: "break" } | { k: "continue" };

interface Cell {
  value: Value;
}

/** A lexical scope. The root scope of a function knows the file it is written in (for imports). */
class Env {
  private readonly vars = new Map<string, Cell>();
  constructor(
    readonly parent: Env | undefined,
    readonly file: FileScope,
  ) {}

  lookup(name: string): Cell | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the scope chain starts at this scope
    for (let e: Env | undefined = this; e; e = e.parent) {
      const c = e.vars.get(name);
      if (c) return c;
    }
    return undefined;
  }

  define(name: string, value: Value): void {
    if (name !== "_") this.vars.set(name, { value });
  }
}

interface Global {
  readonly kind: "var" | "const";
  readonly file: FileScope;
  readonly spec: ValueSpec;
  readonly index: number;
  readonly iota: number;
  readonly pos: Pos;
  state: "new" | "busy" | "done";
  value: Value;
}

/** One file of a package, with its imports. */
export class FileScope {
  readonly imports = new Map<string, string>();
  constructor(
    readonly pkg: Package,
    readonly decls: FileDecls,
  ) {}
}

interface Declared<T> {
  readonly decl: T;
  readonly file: FileScope;
}

/** A package of the provider's module, read from source. */
export class Package {
  readonly files: FileScope[] = [];
  readonly funcs = new Map<string, Declared<FuncDecl>>();
  readonly methods = new Map<string, Map<string, Declared<FuncDecl>>>();
  readonly globals = new Map<string, Global>();
  readonly types = new Map<string, Declared<TypeExpr>>();
  name = "";
  constructor(
    readonly path: string,
    readonly dir: string,
  ) {}

  /** The declaration of a package-level function, e.g. to find it for a registration list. */
  func(name: string): Declared<FuncDecl> | undefined {
    return this.funcs.get(name);
  }

  method(typeName: string, name: string): Declared<FuncDecl> | undefined {
    return this.methods.get(typeName)?.get(name);
  }
}

function receiverTypeName(t: TypeExpr): string | undefined {
  if (t.k === "ptr") return receiverTypeName(t.elem);
  return t.k === "tname" ? t.name : undefined;
}

/** The name a package has in a file that imports it without an alias, guessed from its path. */
function defaultImportName(importPath: string): string {
  const parts = importPath.split("/");
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, "").replace(/^go-/, "").replace(/-go$/, "");
  return last.replace(/[^A-Za-z0-9_]/g, "");
}

export class Interpreter {
  private readonly packages = new Map<string, Package>();
  private readonly underlyingCache = new Map<string, GoType>();
  private depth = 0;
  /** Things the interpreter assumed that a reader may want to check. */
  readonly notes = new Set<string>();

  constructor(
    readonly tree: SourceTree,
    readonly modulePath: string,
  ) {}

  isInternal(importPath: string): boolean {
    return importPath === this.modulePath || importPath.startsWith(`${this.modulePath}/`);
  }

  /** Loads (once) the package at an import path of the module. */
  package(importPath: string): Package {
    const known = this.packages.get(importPath);
    if (known) return known;
    const dir = importPath === this.modulePath ? "" : importPath.slice(this.modulePath.length + 1);
    const prefix = dir ? `${dir}/` : "";
    const paths = this.tree.files.filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("/") && f.endsWith(".go") && !f.endsWith("_test.go"));
    if (paths.length === 0) throw new EvalError(undefined, `package ${importPath} has no Go files in ${this.tree.revision}`);
    const pkg = new Package(importPath, dir);
    this.packages.set(importPath, pkg);
    for (const [p, text] of this.tree.readAll(paths)) {
      const decls = fileDeclarations(parseGoFile(p, text));
      pkg.name = decls.packageName;
      const scope = new FileScope(pkg, decls);
      pkg.files.push(scope);
      for (const f of decls.funcs) {
        if (f.receiver) {
          const tn = receiverTypeName(f.receiver.type);
          if (!tn) continue;
          if (!pkg.methods.has(tn)) pkg.methods.set(tn, new Map());
          pkg.methods.get(tn)!.set(f.name, { decl: f, file: scope });
        } else if (f.name !== "init" && f.name !== "_") pkg.funcs.set(f.name, { decl: f, file: scope });
      }
      for (const spec of decls.vars) {
        spec.names.forEach((n, index) => pkg.globals.set(n, { kind: "var", file: scope, spec, index, iota: 0, pos: spec.namePos[index], state: "new", value: undefined }));
      }
      for (const group of decls.constGroups) {
        let previous: ValueSpec | undefined;
        group.forEach((spec, iota) => {
          const effective: ValueSpec = spec.values.length > 0 ? spec : { ...spec, type: previous?.type, values: previous?.values ?? [] };
          if (spec.values.length > 0) previous = spec;
          spec.names.forEach((n, index) => pkg.globals.set(n, { kind: "const", file: scope, spec: effective, index, iota, pos: spec.namePos[index], state: "new", value: undefined }));
        });
      }
      for (const t of decls.types) pkg.types.set(t.name, { decl: t.type, file: scope });
    }
    for (const scope of pkg.files) {
      for (const imp of scope.decls.imports) {
        const alias = imp.alias ?? (this.isInternal(imp.path) ? this.packageName(imp.path) : defaultImportName(imp.path));
        scope.imports.set(alias, imp.path);
      }
    }
    return pkg;
  }

  private packageName(importPath: string): string {
    const known = this.packages.get(importPath);
    if (known && known.name) return known.name;
    const dir = importPath.slice(this.modulePath.length + 1);
    const first = this.tree.files.find((f) => f.startsWith(`${dir}/`) && !f.slice(dir.length + 1).includes("/") && f.endsWith(".go") && !f.endsWith("_test.go"));
    const m = first ? /^\s*package\s+(\w+)/m.exec(this.tree.read(first)) : null;
    return m ? m[1] : defaultImportName(importPath);
  }

  // ---------------------------------------------------------------------------------------------
  // Entry points

  /** Calls a method found on a value's type (following embedded fields), or fails. */
  callMethod(receiver: Value, name: string, args: Value[], at?: Pos): Value {
    const m = this.findMethod(receiver, name);
    if (!m) throw new EvalError(at, `${describe(receiver)} has no method ${name}`);
    return this.invoke(m, args, false, at ?? m.decl.pos);
  }

  /** Calls a function value (a closure such as a DefaultFunc, or a SchemaFunc). */
  callFunc(fn: FuncVal, args: Value[] = []): Value {
    return this.invoke(fn, args, false, fn.decl.pos);
  }

  /** Where the package-level constant or variable `Name` / `pkg.Name` named in a file is declared. */
  constantPos(exprText: string, inFile: string): Pos | undefined {
    const scope = [...this.packages.values()].flatMap((p) => p.files).find((f) => f.decls.path === inFile);
    if (!scope) return undefined;
    const parts = exprText.split(".");
    if (parts.length === 1) return scope.pkg.globals.get(parts[0])?.pos;
    const path = scope.imports.get(parts[0]);
    if (parts.length !== 2 || !path || !this.isInternal(path)) return undefined;
    return this.package(path).globals.get(parts[1])?.pos;
  }

  /** Evaluates an expression of a package-level function's body in that function's file. */
  evalIn(file: FileScope, e: Expr): Value {
    return this.eval(e, new Env(undefined, file));
  }

  /** The value of a package-level variable or constant. */
  global(importPath: string, name: string): Value {
    const g = this.package(importPath).globals.get(name);
    if (!g) throw new EvalError(undefined, `${importPath} has no variable or constant ${name}`);
    return this.globalValue(g);
  }

  /** A new struct value of a named type, for the request/response arguments of framework methods. */
  newStruct(pkg: string, name: string, fields: Record<string, Value> = {}): StructVal {
    const s = new StructVal({ k: "named", pkg, name }, undefined);
    for (const [k, v] of Object.entries(fields)) s.fields.set(k, v);
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Types

  resolveType(t: TypeExpr, file: FileScope): GoType {
    switch (t.k) {
      case "tname": {
        if (t.pkg !== undefined) {
          const path = file.imports.get(t.pkg);
          if (!path) throw new EvalError(undefined, `${file.decls.path}: unknown package ${t.pkg} in type ${t.pkg}.${t.name}`);
          return { k: "named", pkg: path, name: t.name };
        }
        if (PREDECLARED_TYPES.has(t.name)) return { k: "named", pkg: "", name: t.name };
        return { k: "named", pkg: file.pkg.path, name: t.name };
      }
      case "ptr":
        return { k: "ptr", elem: this.resolveType(t.elem, file) };
      case "slice":
      case "array":
        return { k: "slice", elem: this.resolveType(t.elem, file) };
      case "map":
        return { k: "map", key: this.resolveType(t.key, file), val: this.resolveType(t.val, file) };
      case "struct":
        return {
          k: "struct",
          fields: t.fields.flatMap((f): { name: string; type: GoType; embedded: boolean }[] =>
            f.embedded ? [{ name: embeddedName(f.type), type: this.resolveType(f.type, file), embedded: true }] : f.names.map((n) => ({ name: n, type: this.resolveType(f.type, file), embedded: false })),
          ),
        };
      default:
        return { k: t.k };
    }
  }

  /** The underlying type of a named type declared in the module; other types unchanged. */
  underlying(t: GoType): GoType {
    if (t.k !== "named" || !t.pkg || !this.isInternal(t.pkg)) return t;
    const key = `${t.pkg}.${t.name}`;
    const cached = this.underlyingCache.get(key);
    if (cached) return cached;
    const decl = this.package(t.pkg).types.get(t.name);
    if (!decl) throw new EvalError(undefined, `unknown type ${key}`);
    const resolved = this.underlying(this.resolveType(decl.decl, decl.file));
    this.underlyingCache.set(key, resolved);
    return resolved;
  }

  private zero(t: GoType | undefined): Value {
    if (!t) return undefined;
    if (t.k === "named") {
      if (t.pkg === "") {
        if (t.name === "string") return "";
        if (t.name === "bool") return false;
        if (NUMERIC.has(t.name)) return 0;
        return null;
      }
      if (this.isInternal(t.pkg)) {
        const u = this.underlying(t);
        if (u.k === "struct") return new StructVal(t, undefined);
        return this.zero(u);
      }
      return new StructVal(t, undefined);
    }
    return null;
  }

  private structFields(t: GoType): { name: string; type: GoType; embedded: boolean }[] | undefined {
    if (t.k !== "named" || !this.isInternal(t.pkg)) return undefined;
    const u = this.underlying(t);
    return u.k === "struct" ? u.fields : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  private globalValue(g: Global): Value {
    if (g.state === "done") return g.value;
    if (g.state === "busy") throw new EvalError(g.pos, "initialization cycle");
    g.state = "busy";
    try {
      const env = new Env(undefined, g.file);
      if (g.kind === "const") env.define("iota", g.iota);
      const type = g.spec.type ? this.resolveType(g.spec.type, g.file) : undefined;
      if (g.spec.values.length === 0) g.value = this.zero(type);
      else if (g.spec.values.length === g.spec.names.length) g.value = this.store(this.eval(g.spec.values[g.index], env, type));
      else {
        const all = this.eval(g.spec.values[0], env);
        if (!(all instanceof Tuple)) throw new EvalError(g.pos, `${g.spec.names.length} names for one value`);
        g.value = this.store(all.values[g.index]);
      }
      g.state = "done";
      return g.value;
    } catch (e) {
      g.state = "new";
      throw e;
    }
  }

  private resolveName(name: string, env: Env, pos: Pos): Value {
    const cell = env.lookup(name);
    if (cell) return cell.value;
    const file = env.file;
    const pkg = file.pkg;
    const g = pkg.globals.get(name);
    if (g) return this.globalValue(g);
    const f = pkg.funcs.get(name);
    if (f) return new FuncVal(f.decl, pkg.path, f.file, undefined);
    if (pkg.types.has(name)) return new TypeVal({ k: "named", pkg: pkg.path, name });
    const imported = file.imports.get(name);
    if (imported) return new PkgRef(imported, this.isInternal(imported));
    if (BUILTINS.has(name)) return new Builtin(name);
    if (PREDECLARED_TYPES.has(name)) return new TypeVal({ k: "named", pkg: "", name });
    throw new EvalError(pos, `undefined: ${name}`);
  }

  private member(ref: PkgRef, name: string, pos: Pos): Value {
    if (!ref.internal) return new ExtVal(ref.path, name);
    const pkg = this.package(ref.path);
    const g = pkg.globals.get(name);
    if (g) return this.globalValue(g);
    const f = pkg.funcs.get(name);
    if (f) return new FuncVal(f.decl, pkg.path, f.file, undefined);
    if (pkg.types.has(name)) return new TypeVal({ k: "named", pkg: pkg.path, name });
    throw new EvalError(pos, `undefined: ${pkg.name}.${name}`);
  }

  /** A method of the value's named type, or one promoted from an embedded field. */
  findMethod(v: Value, name: string): FuncVal | undefined {
    const s = structOf(v);
    const type = s ? s.type : v instanceof MapVal || v instanceof SliceVal ? v.type : undefined;
    if (!type || type.k !== "named" || !this.isInternal(type.pkg)) return undefined;
    const m = this.package(type.pkg).method(type.name, name);
    if (m) return new FuncVal(m.decl, type.pkg, m.file, undefined, v);
    if (!s) return undefined;
    for (const f of this.structFields(type) ?? []) {
      if (!f.embedded) continue;
      const inner = s.fields.get(f.name) ?? this.zero(f.type.k === "ptr" ? f.type.elem : f.type);
      const found = this.findMethod(inner, name);
      if (found) return found;
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  private invoke(fn: FuncVal, args: Value[], spread: boolean, at: Pos): Value {
    const decl = fn.decl;
    if (!decl.body) return new Opaque(`result of ${decl.name} (no body)`, at);
    if (this.depth >= MAX_DEPTH) throw new EvalError(at, `call depth over ${MAX_DEPTH} (recursion?)`);
    const file = fn.file as FileScope;
    const env = new Env(fn.closure as Env | undefined, file);
    if (decl.receiver && decl.receiver.names[0]) env.define(decl.receiver.names[0], decl.receiver.type.k === "ptr" ? fn.receiver : this.store(fn.receiver));
    let i = 0;
    decl.params.forEach((p, pi) => {
      const names = p.names.length > 0 ? p.names : ["_"];
      for (const n of names) {
        if (p.variadic && pi === decl.params.length - 1) {
          env.define(n, spread ? args[i] : new SliceVal(args.slice(i).map((a) => this.store(a)), undefined));
          i = args.length;
        } else env.define(n, this.store(args[i++]));
      }
    });
    const named = decl.results.flatMap((r) => r.names.map((n) => ({ n, t: this.resolveType(r.type, file) })));
    for (const r of named) env.define(r.n, this.zero(r.t));
    this.depth++;
    try {
      const c = this.execBlock(decl.body, env);
      if (c && c.k === "return") {
        const values = c.values.length === 0 && named.length > 0 ? named.map((r) => env.lookup(r.n)?.value) : c.values;
        return values.length === 1 ? values[0] : values.length === 0 ? undefined : new Tuple(values);
      }
      return undefined;
    } finally {
      this.depth--;
    }
  }

  private call(e: Expr & { k: "call" }, env: Env): Value {
    if (e.typeArg && e.fn.k === "ident") {
      const t = this.resolveType(e.typeArg, env.file);
      if (e.fn.name === "new") {
        const z = this.zero(t);
        return z instanceof StructVal ? new Ptr(z) : new VarPtr({ value: z });
      }
      const u = this.underlying(t);
      if (u.k === "map") return new MapVal(t);
      if (u.k === "slice") {
        const n = e.args[0] ? this.eval(e.args[0], env) : 0;
        return new SliceVal(typeof n === "number" ? Array.from({ length: n }, () => this.zero(u.elem)) : [], t);
      }
      return new Opaque(`make(${typeName(t)})`, e.pos);
    }
    const fn = e.fn.k === "sel" ? this.selector(e.fn, env, true) : this.eval(e.fn, env);
    let args = e.args.map((a) => this.eval(a, env));
    if (args.length === 1 && args[0] instanceof Tuple) args = args[0].values;
    if (fn instanceof FuncVal) return this.invoke(fn, args, e.spread, e.pos);
    if (fn instanceof Builtin) return this.builtin(fn.name, args, e);
    if (fn instanceof TypeVal) return this.store(args[0]);
    if (fn instanceof ExtVal) return stdlib(fn, args, e.spread) ?? new ExtCall(fn, args, e.pos);
    return new Opaque(`call of ${describe(fn)}`, e.pos);
  }

  private builtin(name: string, args: Value[], e: Expr & { k: "call" }): Value {
    switch (name) {
      case "len": {
        const v = args[0];
        if (typeof v === "string") return v.length;
        if (v instanceof SliceVal) return v.items.length;
        if (v instanceof MapVal) return v.entries.size;
        if (v === null || v === undefined) return 0;
        return new Opaque("len", e.pos);
      }
      case "append": {
        const base = args[0] instanceof SliceVal ? args[0] : new SliceVal([], undefined);
        let extra: Value[] = args.slice(1);
        if (e.spread) {
          const last = args[args.length - 1];
          extra = [...args.slice(1, -1), ...(last instanceof SliceVal ? last.items : typeof last === "string" ? [...last] : [])];
        }
        return new SliceVal([...base.items, ...extra.map((x) => this.store(x))], base.type);
      }
      case "delete": {
        const m = args[0];
        if (m instanceof MapVal) {
          const k = mapKey(args[1], e.pos);
          m.entries.delete(k);
          m.pos.delete(k);
          m.text.delete(k);
        }
        return undefined;
      }
      case "panic":
        throw new EvalError(e.pos, `panic(${describe(args[0])})`);
      case "min":
      case "max": {
        const nums = args.filter((a): a is number => typeof a === "number");
        return nums.length === args.length ? (name === "min" ? Math.min(...nums) : Math.max(...nums)) : new Opaque(name, e.pos);
      }
      case "cap":
        return args[0] instanceof SliceVal ? args[0].items.length : 0;
      case "copy":
      case "clear":
      case "print":
      case "println":
        return new Opaque(name, e.pos);
      default:
        return new Opaque(`${name}(...)`, e.pos);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  private execBlock(body: Stmt[], env: Env): Completion {
    for (const s of body) {
      const c = this.exec(s, env);
      if (c) return c;
    }
    return undefined;
  }

  private condition(e: Expr, env: Env): boolean {
    const v = this.eval(e, env);
    if (typeof v === "boolean") return v;
    if (v === undefined) {
      this.notes.add(`${formatPos(e.pos)}: condition on an unset value taken as false`);
      return false;
    }
    throw new EvalError(e.pos, `condition ${exprString(e)} is known only when the provider runs`);
  }

  private exec(s: Stmt, env: Env): Completion {
    switch (s.k) {
      case "expr":
        this.eval(s.x, env);
        return undefined;
      case "incdec": {
        const v = this.eval(s.x, env);
        this.assignTo(s.x, typeof v === "number" ? v + (s.op === "++" ? 1 : -1) : new Opaque("incdec"), env, s.pos);
        return undefined;
      }
      case "define": {
        const values = this.multi(s.values, s.names.length, env, s.pos);
        s.names.forEach((n, i) => env.define(n, this.store(values[i])));
        return undefined;
      }
      case "var":
      case "const":
        for (const spec of s.specs) {
          const type = spec.type ? this.resolveType(spec.type, env.file) : undefined;
          const values = spec.values.length > 0 ? this.multi(spec.values, spec.names.length, env, spec.pos, type) : spec.names.map(() => this.zero(type));
          spec.names.forEach((n, i) => env.define(n, this.store(values[i])));
        }
        return undefined;
      case "typedecl":
        return undefined;
      case "assign": {
        if (s.op === "=") {
          const values = this.multi(s.rhs, s.lhs.length, env, s.pos);
          s.lhs.forEach((l, i) => this.assignTo(l, values[i], env, s.pos, s.rhs.length === s.lhs.length ? s.rhs[i] : undefined));
        } else {
          const op = s.op.slice(0, -1);
          const v = this.binary(op, this.eval(s.lhs[0], env), this.eval(s.rhs[0], env), s.pos);
          this.assignTo(s.lhs[0], v, env, s.pos);
        }
        return undefined;
      }
      case "block":
        return this.execBlock(s.body, new Env(env, env.file));
      case "if": {
        const scope = new Env(env, env.file);
        if (s.init) this.exec(s.init, scope);
        if (this.condition(s.cond, scope)) return this.execBlock(s.then, new Env(scope, env.file));
        return s.else ? this.exec(s.else, scope) : undefined;
      }
      case "for": {
        const scope = new Env(env, env.file);
        if (s.init) this.exec(s.init, scope);
        for (let n = 0; ; n++) {
          if (n > MAX_LOOP) throw new EvalError(s.pos, "loop runs too long");
          if (s.cond && !this.condition(s.cond, scope)) break;
          const c = this.execBlock(s.body, new Env(scope, env.file));
          if (c?.k === "break") break;
          if (c?.k === "return") return c;
          if (s.post) this.exec(s.post, scope);
        }
        return undefined;
      }
      case "range":
        return this.range(s, env);
      case "switch": {
        const scope = new Env(env, env.file);
        if (s.init) this.exec(s.init, scope);
        const tag = s.tag ? this.eval(s.tag, scope) : true;
        let chosen = s.cases.find((c) => c.exprs?.some((x) => {
          const eq = equal(tag, this.eval(x, scope));
          if (typeof eq !== "boolean") throw new EvalError(x.pos, `switch on ${s.tag ? exprString(s.tag) : "true"} is known only when the provider runs`);
          return eq;
        }));
        chosen ??= s.cases.find((c) => c.exprs === undefined);
        if (!chosen) return undefined;
        const c = this.execBlock(chosen.body, new Env(scope, env.file));
        return c?.k === "break" ? undefined : c;
      }
      case "return": {
        let values = s.values.map((v) => this.eval(v, env));
        if (values.length === 1 && values[0] instanceof Tuple) values = values[0].values;
        return { k: "return", values };
      }
      case "branch":
        if (s.word === "goto") throw new EvalError(s.pos, "goto is not supported");
        return { k: s.word };
      case "ignored":
        return undefined;
      case "unsupported":
        throw new EvalError(s.pos, `${s.what} is not supported by the schema interpreter`);
    }
  }

  private range(s: Stmt & { k: "range" }, env: Env): Completion {
    const x = this.eval(s.x, env);
    let pairs: [Value, Value][];
    if (x instanceof SliceVal) pairs = x.items.map((v, i) => [i, v]);
    else if (x instanceof MapVal) pairs = [...x.entries];
    else if (typeof x === "string") pairs = [...x].map((ch, i) => [i, ch.codePointAt(0)!]);
    else if (typeof x === "number") pairs = Array.from({ length: x }, (_, i) => [i, undefined]);
    else if (x === null || x === undefined) pairs = [];
    else throw new EvalError(s.pos, `range over ${exprString(s.x)} is known only when the provider runs`);
    for (const [k, v] of pairs) {
      const scope = new Env(env, env.file);
      const vals = [k, v];
      s.lhs.forEach((l, i) => {
        if (s.define) {
          if (l.k === "ident") scope.define(l.name, this.store(vals[i]));
        } else this.assignTo(l, vals[i], scope, s.pos);
      });
      const c = this.execBlock(s.body, scope);
      if (c?.k === "break") break;
      if (c?.k === "return") return c;
    }
    return undefined;
  }

  /** Values for n targets: n expressions, or one expression yielding a tuple or a comma-ok pair. */
  private multi(exprs: Expr[], n: number, env: Env, pos: Pos, type?: GoType): Value[] {
    if (exprs.length === n) return exprs.map((x) => this.eval(x, env, type));
    if (exprs.length === 1 && n === 2) {
      const x = exprs[0];
      if (x.k === "index") {
        const m = this.eval(x.x, env);
        if (m instanceof MapVal) {
          const k = mapKey(this.eval(x.index, env), x.pos);
          return [m.entries.has(k) ? m.entries.get(k) : this.zero(mapValType(this, m)), m.entries.has(k)];
        }
        return [new Opaque("index", x.pos), new Opaque("ok", x.pos)];
      }
      if (x.k === "assert") {
        const v = this.eval(x.x, env);
        return [v, v !== null && v !== undefined && !(v instanceof Opaque)];
      }
    }
    if (exprs.length === 1) {
      const v = this.eval(exprs[0], env);
      if (v instanceof Tuple && v.values.length === n) return v.values;
      return Array.from({ length: n }, () => new Opaque("result", pos));
    }
    throw new EvalError(pos, `${exprs.length} values for ${n} targets`);
  }

  private assignTo(target: Expr, value: Value, env: Env, pos: Pos, source?: Expr): void {
    const stored = this.store(value);
    switch (target.k) {
      case "ident": {
        if (target.name === "_") return;
        const cell = env.lookup(target.name);
        if (cell) {
          cell.value = stored;
          return;
        }
        const g = env.file.pkg.globals.get(target.name);
        if (g) {
          this.globalValue(g);
          g.value = stored;
          return;
        }
        throw new EvalError(pos, `assignment to undefined ${target.name}`);
      }
      case "sel": {
        const base = this.eval(target.x, env);
        const s = structOf(base);
        if (!s) {
          if (base instanceof Opaque || base instanceof ExtCall || base instanceof ExtVal) return;
          throw new EvalError(pos, `assignment to field ${target.name} of ${describe(base)}`);
        }
        s.fields.set(target.name, stored);
        s.fieldPos.set(target.name, pos);
        if (source) s.fieldText.set(target.name, exprText(source));
        return;
      }
      case "index": {
        const base = this.eval(target.x, env);
        const k = this.eval(target.index, env);
        if (base instanceof MapVal) base.set(mapKey(k, pos), stored, pos, source ? exprText(source) : undefined);
        else if (base instanceof SliceVal && typeof k === "number") base.items[k] = stored;
        else if (!(base instanceof Opaque || base instanceof ExtCall)) throw new EvalError(pos, `index assignment on ${describe(base)}`);
        return;
      }
      case "unary":
        if (target.op === "*") {
          const p = this.eval(target.x, env);
          if (p instanceof VarPtr) p.cell.value = stored;
          else if (p instanceof Ptr && stored instanceof StructVal) p.target = stored;
          return;
        }
        throw new EvalError(pos, "unsupported assignment target");
      case "paren":
        return this.assignTo(target.x, value, env, pos, source);
      default:
        throw new EvalError(pos, "unsupported assignment target");
    }
  }

  /** Struct values are copied whenever they are stored (Go value semantics). */
  private store(v: Value): Value {
    return v instanceof StructVal ? v.copy() : v;
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  eval(e: Expr, env: Env, expected?: GoType): Value {
    switch (e.k) {
      case "lit":
        return e.value;
      case "ident":
        return this.resolveName(e.name, env, e.pos);
      case "paren":
        return this.eval(e.x, env, expected);
      case "composite":
        return this.composite(e, env, expected);
      case "funclit":
        return new FuncVal(e.decl, env.file.pkg.path, env.file, env);
      case "conv":
        return this.store(this.eval(e.arg, env));
      case "type":
        return new TypeVal(this.resolveType(e.type, env.file));
      case "sel":
        return this.selector(e, env, false);
      case "index": {
        const x = this.eval(e.x, env);
        const i = this.eval(e.index, env);
        if (x instanceof MapVal) {
          const k = mapKey(i, e.pos);
          return x.entries.has(k) ? x.entries.get(k) : this.zero(mapValType(this, x));
        }
        if (x instanceof SliceVal && typeof i === "number") {
          if (i < 0 || i >= x.items.length) throw new EvalError(e.pos, `index ${i} out of range`);
          return x.items[i];
        }
        if (typeof x === "string" && typeof i === "number") return x.charCodeAt(i);
        if (x instanceof FuncVal || x instanceof TypeVal) return x;
        return new Opaque(`${describe(x)}[...]`, e.pos);
      }
      case "slice": {
        const x = this.eval(e.x, env);
        const lo = e.lo ? this.eval(e.lo, env) : 0;
        const hi = e.hi ? this.eval(e.hi, env) : undefined;
        if (typeof lo !== "number" || (hi !== undefined && typeof hi !== "number")) return new Opaque("slice", e.pos);
        if (typeof x === "string") return x.slice(lo, hi as number | undefined);
        if (x instanceof SliceVal) return new SliceVal(x.items.slice(lo, hi as number | undefined), x.type);
        return new Opaque("slice", e.pos);
      }
      case "assert":
        return this.eval(e.x, env);
      case "call":
        return this.call(e, env);
      case "unary":
        return this.unary(e, env);
      case "binary": {
        if (e.op === "&&" || e.op === "||") {
          const l = this.eval(e.l, env);
          if (typeof l !== "boolean") return new Opaque(e.op, e.pos);
          if (e.op === "&&" ? !l : l) return l;
          const r = this.eval(e.r, env);
          return typeof r === "boolean" ? r : new Opaque(e.op, e.pos);
        }
        return this.binary(e.op, this.eval(e.l, env), this.eval(e.r, env), e.pos);
      }
    }
  }

  private unary(e: Expr & { k: "unary" }, env: Env): Value {
    if (e.op === "&") {
      if (e.x.k === "composite") {
        const v = this.eval(e.x, env);
        return v instanceof StructVal ? new Ptr(v) : v;
      }
      if (e.x.k === "ident") {
        const cell = env.lookup(e.x.name);
        if (cell) return cell.value instanceof StructVal ? new Ptr(cell.value) : new VarPtr(cell);
      }
      const v = this.eval(e.x, env);
      return v instanceof StructVal ? new Ptr(v) : new VarPtr({ value: v });
    }
    const v = this.eval(e.x, env);
    switch (e.op) {
      case "*":
        if (v instanceof Ptr) return v.target;
        if (v instanceof VarPtr) return v.cell.value;
        return new Opaque(`*${describe(v)}`, e.pos);
      case "!":
        return typeof v === "boolean" ? !v : new Opaque("!", e.pos);
      case "-":
        return typeof v === "number" ? -v : new Opaque("-", e.pos);
      case "+":
        return v;
      case "^":
        return typeof v === "number" ? ~v : new Opaque("^", e.pos);
      default:
        return new Opaque(e.op, e.pos);
    }
  }

  private binary(op: string, l: Value, r: Value, pos: Pos): Value {
    if (op === "==" || op === "!=") {
      const eq = equal(l, r);
      if (typeof eq !== "boolean") return new Opaque(op, pos);
      return op === "==" ? eq : !eq;
    }
    if (typeof l === "string" && typeof r === "string") {
      switch (op) {
        case "+":
          return l + r;
        case "<":
          return l < r;
        case "<=":
          return l <= r;
        case ">":
          return l > r;
        case ">=":
          return l >= r;
      }
    }
    if (typeof l === "number" && typeof r === "number") {
      switch (op) {
        case "+":
          return l + r;
        case "-":
          return l - r;
        case "*":
          return l * r;
        case "/":
          return Number.isInteger(l) && Number.isInteger(r) ? Math.trunc(l / r) : l / r;
        case "%":
          return l % r;
        case "<":
          return l < r;
        case "<=":
          return l <= r;
        case ">":
          return l > r;
        case ">=":
          return l >= r;
        case "<<":
          return l * 2 ** r;
        case ">>":
          return Math.floor(l / 2 ** r);
        case "&":
          return l & r;
        case "|":
          return l | r;
        case "^":
          return l ^ r;
        case "&^":
          return l & ~r;
      }
    }
    return new Opaque(`${describe(l)} ${op} ${describe(r)}`, pos);
  }

  private selector(e: Expr & { k: "sel" }, env: Env, forCall: boolean): Value {
    const base = this.eval(e.x, env);
    if (base instanceof PkgRef) return this.member(base, e.name, e.pos);
    const s = structOf(base);
    if (s) {
      if (s.fields.has(e.name)) return s.fields.get(e.name);
      const m = this.findMethod(base, e.name);
      if (m) return m;
      const fields = this.structFields(s.type);
      if (fields) {
        const f = fields.find((x) => x.name === e.name);
        if (f) return this.zero(f.type);
        for (const emb of fields.filter((x) => x.embedded)) {
          const inner = s.fields.get(emb.name);
          const innerStruct = structOf(inner);
          if (innerStruct && innerStruct.fields.has(e.name)) return innerStruct.fields.get(e.name);
        }
        if (forCall) return new Opaque(`${describe(base)}.${e.name}`, e.pos);
        throw new EvalError(e.pos, `${typeName(s.type)} has no field or method ${e.name}`);
      }
      return forCall ? new Opaque(`${describe(base)}.${e.name}`, e.pos) : undefined;
    }
    if (base instanceof MapVal || base instanceof SliceVal) {
      const m = this.findMethod(base, e.name);
      if (m) return m;
    }
    if (base instanceof TypeVal) return new Opaque(`method expression ${typeName(base.type)}.${e.name}`, e.pos);
    return new Opaque(`${describe(base)}.${e.name}`, e.pos);
  }

  private composite(e: Expr & { k: "composite" }, env: Env, expected?: GoType): Value {
    const type = e.type ? this.resolveType(e.type, env.file) : expected;
    if (!type) throw new EvalError(e.pos, "composite literal of unknown type");
    return this.build(type, e.elems, env, e.pos);
  }

  private build(type: GoType, elems: Element[], env: Env, pos: Pos): Value {
    if (type.k === "ptr") {
      const inner = this.build(type.elem, elems, env, pos);
      return inner instanceof StructVal ? new Ptr(inner) : inner;
    }
    const u = this.underlying(type);
    if (u.k === "map") {
      const m = new MapVal(type);
      for (const el of elems) {
        if (!el.key) throw new EvalError(el.pos, "map literal element without a key");
        const k = mapKey(this.eval(el.key, env, u.key), el.pos);
        m.set(k, this.store(this.eval(el.value, env, u.val)), el.pos, el.text);
      }
      return m;
    }
    if (u.k === "slice") {
      return new SliceVal(
        elems.map((el) => this.store(this.eval(el.value, env, u.elem))),
        type,
        elems.map((el) => el.pos),
      );
    }
    if (type.k === "named") {
      const s = new StructVal(type, pos);
      const fields = u.k === "struct" ? u.fields : undefined;
      elems.forEach((el, i) => {
        let name: string;
        if (el.key) {
          if (el.key.k !== "ident") throw new EvalError(el.pos, "struct literal key is not a field name");
          name = el.key.name;
        } else name = fields?.[i]?.name ?? `#${i}`;
        const fieldType = fields?.find((f) => f.name === name)?.type;
        s.fields.set(name, this.store(this.eval(el.value, env, fieldType)));
        s.fieldPos.set(name, el.pos);
        s.fieldText.set(name, el.text);
      });
      return s;
    }
    throw new EvalError(pos, `composite literal of type ${typeName(type)}`);
  }
}

function embeddedName(t: TypeExpr): string {
  if (t.k === "ptr") return embeddedName(t.elem);
  return t.k === "tname" ? t.name : "?";
}

function mapValType(interp: Interpreter, m: MapVal): GoType | undefined {
  if (!m.type) return undefined;
  const u = interp.underlying(m.type);
  return u.k === "map" ? u.val : undefined;
}

function mapKey(v: Value, pos: Pos): MapKey {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof ExtVal) return v.qualified;
  throw new EvalError(pos, `map key ${describe(v)} is known only when the provider runs`);
}

function exprText(e: Expr): string {
  if (e.k === "ident") return e.name;
  if (e.k === "sel") return `${exprText(e.x)}.${e.name}`;
  if (e.k === "lit") return JSON.stringify(e.value);
  return e.k;
}

/** Go equality where it can be known; undefined where a value is only known at run time. */
export function equal(a: Value, b: Value): boolean | undefined {
  const nilish = (v: Value): boolean => v === null || v === undefined;
  if (nilish(a) && nilish(b)) return true;
  if (a instanceof Opaque || b instanceof Opaque || a instanceof ExtCall || b instanceof ExtCall) return undefined;
  if (a === undefined || b === undefined) {
    // an unset field is its type's zero value
    const other = a === undefined ? b : a;
    return other === "" || other === 0 || other === false || other === null;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  if (a instanceof ExtVal && b instanceof ExtVal) return a.qualified === b.qualified;
  if (a instanceof Ptr && b instanceof Ptr) return a.target === b.target;
  return a === b;
}

/** The few standard-library functions that matter for schema text, on known arguments. */
function stdlib(fn: ExtVal, args: Value[], spread: boolean): Value | undefined {
  const strs = (n: number): string[] | undefined => (args.length >= n && args.slice(0, n).every((a) => typeof a === "string") ? (args.slice(0, n) as string[]) : undefined);
  const key = `${fn.pkg}.${fn.name}`;
  switch (key) {
    case "fmt.Sprintf": {
      if (typeof args[0] !== "string") return undefined;
      const rest = spread && args[1] instanceof SliceVal ? args[1].items : args.slice(1);
      return sprintf(args[0], rest);
    }
    case "fmt.Sprint":
      return args.every((a) => typeof a === "string" || typeof a === "number" || typeof a === "boolean") ? args.map(String).join("") : undefined;
    case "strings.Join": {
      const list = args[0];
      if (list instanceof SliceVal && list.items.every((x) => typeof x === "string") && typeof args[1] === "string") return list.items.join(args[1]);
      return undefined;
    }
    case "strings.ToLower":
      return strs(1)?.[0].toLowerCase();
    case "strings.ToUpper":
      return strs(1)?.[0].toUpperCase();
    case "strings.TrimSpace":
      return strs(1)?.[0].trim();
    case "strings.TrimPrefix": {
      const s = strs(2);
      return s ? (s[0].startsWith(s[1]) ? s[0].slice(s[1].length) : s[0]) : undefined;
    }
    case "strings.TrimSuffix": {
      const s = strs(2);
      return s ? (s[1] && s[0].endsWith(s[1]) ? s[0].slice(0, -s[1].length) : s[0]) : undefined;
    }
    case "strings.ReplaceAll": {
      const s = strs(3);
      return s ? s[0].split(s[1]).join(s[2]) : undefined;
    }
    case "strings.Replace": {
      const s = strs(3);
      if (!s || typeof args[3] !== "number") return undefined;
      let out = s[0];
      let n = args[3];
      if (n < 0) return out.split(s[1]).join(s[2]);
      let at = 0;
      while (n-- > 0) {
        const i = out.indexOf(s[1], at);
        if (i < 0) break;
        out = out.slice(0, i) + s[2] + out.slice(i + s[1].length);
        at = i + s[2].length;
      }
      return out;
    }
    case "strings.HasPrefix": {
      const s = strs(2);
      return s ? s[0].startsWith(s[1]) : undefined;
    }
    case "strings.HasSuffix": {
      const s = strs(2);
      return s ? s[0].endsWith(s[1]) : undefined;
    }
    case "strings.Contains": {
      const s = strs(2);
      return s ? s[0].includes(s[1]) : undefined;
    }
    case "strings.Split": {
      const s = strs(2);
      return s ? new SliceVal(s[0].split(s[1]), { k: "slice", elem: { k: "named", pkg: "", name: "string" } }) : undefined;
    }
    case "strings.Repeat":
      return typeof args[0] === "string" && typeof args[1] === "number" ? args[0].repeat(args[1]) : undefined;
    case "strconv.Itoa":
    case "strconv.FormatInt":
      return typeof args[0] === "number" ? args[0].toString(typeof args[1] === "number" ? args[1] : 10) : undefined;
    case "strconv.Quote":
      return typeof args[0] === "string" ? JSON.stringify(args[0]) : undefined;
    case "sort.Strings":
    case "slices.Sort":
      if (args[0] instanceof SliceVal) {
        args[0].items.sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
        return null;
      }
      return undefined;
    case "slices.Contains":
      return args[0] instanceof SliceVal ? args[0].items.some((x) => equal(x, args[1]) === true) : undefined;
    case "maps.Copy":
      if (args[0] instanceof MapVal && args[1] instanceof MapVal) {
        for (const [k, v] of args[1].entries) args[0].set(k, v, args[1].pos.get(k), args[1].text.get(k));
        return null;
      }
      return undefined;
    default:
      return undefined;
  }
}

function sprintf(format: string, args: Value[]): string | undefined {
  let i = 0;
  let failed = false;
  const show = (v: Value, verb: string): string => {
    if (typeof v === "string") return verb === "q" ? JSON.stringify(v) : v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v instanceof SliceVal && v.items.every((x) => typeof x === "string" || typeof x === "number")) {
      return verb === "q" ? `[${v.items.map((x) => JSON.stringify(x)).join(" ")}]` : `[${v.items.join(" ")}]`;
    }
    failed = true;
    return "";
  };
  const out = format.replace(/%([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])/g, (_m, _flags, verb: string) => {
    if (verb === "%") return "%";
    return show(args[i++], verb);
  });
  return failed ? undefined : out;
}

