/**
 * A small Go syntax tree built from @lezer/go's parse tree: only what the interpreter evaluates.
 *
 * @lezer/go ranks selectors, index expressions, calls and type assertions BELOW the binary and unary
 * operators, so `"a" + fmt.Sprintf(x)` arrives as `("a" + fmt).Sprintf(x)` and `!d.HasChange(k)` as
 * `(!d).HasChange(k)`. Go binds those postfix forms tightest; the conversion below rotates them back
 * onto the right-most operand (`postfix(l op r)` becomes `l op postfix(r)`).
 */
import { GoFile, SyntaxNode, child, goString, kids, textOf } from "./go-parser";

/** Where something is written: repository path and 1-based line. */
export interface Pos {
  readonly file: string;
  readonly line: number;
}

export function formatPos(pos: Pos): string {
  return `${pos.file}:${pos.line}`;
}

export type TypeExpr =
  | { k: "tname"; pkg?: string; name: string; args?: TypeExpr[] }
  | { k: "ptr"; elem: TypeExpr }
  | { k: "slice"; elem: TypeExpr }
  | { k: "array"; elem: TypeExpr }
  | { k: "map"; key: TypeExpr; val: TypeExpr }
  | { k: "struct"; fields: FieldDecl[] }
  | { k: "func" }
  | { k: "iface" }
  | { k: "chan" };

export interface FieldDecl {
  readonly names: string[];
  readonly type: TypeExpr;
  readonly embedded: boolean;
}

export interface Element {
  readonly key?: Expr;
  readonly value: Expr;
  readonly pos: Pos;
  /** The value's source text (for notes: `statusSchema`, `StatusActive`). */
  readonly text: string;
}

export type Expr = (
  | { k: "lit"; value: string | number | boolean | null }
  | { k: "ident"; name: string }
  | { k: "composite"; type?: TypeExpr; elems: Element[] }
  | { k: "funclit"; decl: FuncDecl }
  | { k: "conv"; type: TypeExpr; arg: Expr }
  | { k: "sel"; x: Expr; name: string }
  | { k: "index"; x: Expr; index: Expr }
  | { k: "slice"; x: Expr; lo?: Expr; hi?: Expr }
  | { k: "assert"; x: Expr; type: TypeExpr }
  | { k: "call"; fn: Expr; args: Expr[]; spread: boolean; typeArg?: TypeExpr }
  | { k: "unary"; op: string; x: Expr }
  | { k: "binary"; op: string; l: Expr; r: Expr }
  | { k: "paren"; x: Expr }
  | { k: "type"; type: TypeExpr }
) & { pos: Pos };

export interface Param {
  readonly names: string[];
  readonly type: TypeExpr;
  readonly variadic: boolean;
}

export interface FuncDecl {
  readonly name: string;
  readonly receiver?: Param;
  readonly params: Param[];
  readonly results: Param[];
  readonly body?: Stmt[];
  readonly pos: Pos;
}

export interface ValueSpec {
  readonly names: string[];
  readonly type?: TypeExpr;
  readonly values: Expr[];
  readonly pos: Pos;
  /** Position of each name. */
  readonly namePos: Pos[];
}

export interface TypeSpec {
  readonly name: string;
  readonly type: TypeExpr;
  readonly alias: boolean;
}

export interface SwitchCase {
  readonly exprs?: Expr[];
  readonly body: Stmt[];
}

export type Stmt = (
  | { k: "expr"; x: Expr }
  | { k: "incdec"; x: Expr; op: string }
  | { k: "assign"; lhs: Expr[]; op: string; rhs: Expr[] }
  | { k: "define"; names: string[]; values: Expr[] }
  | { k: "var"; specs: ValueSpec[] }
  | { k: "const"; specs: ValueSpec[] }
  | { k: "typedecl"; specs: TypeSpec[] }
  | { k: "block"; body: Stmt[] }
  | { k: "if"; init?: Stmt; cond: Expr; then: Stmt[]; else?: Stmt }
  | { k: "for"; init?: Stmt; cond?: Expr; post?: Stmt; body: Stmt[] }
  | { k: "range"; lhs: Expr[]; define: boolean; x: Expr; body: Stmt[] }
  | { k: "switch"; init?: Stmt; tag?: Expr; cases: SwitchCase[] }
  | { k: "return"; values: Expr[] }
  | { k: "branch"; word: "break" | "continue" | "goto" }
  | { k: "ignored"; what: string }
  | { k: "unsupported"; what: string }
) & { pos: Pos };

/** One file's declarations. */
export interface FileDecls {
  readonly path: string;
  readonly packageName: string;
  readonly imports: { alias?: string; path: string }[];
  readonly funcs: FuncDecl[];
  readonly vars: ValueSpec[];
  /** Const groups: iota restarts per group and empty specs repeat the previous expression list. */
  readonly constGroups: ValueSpec[][];
  readonly types: TypeSpec[];
}

const EXPR_NODES = new Set([
  "Number", "String", "Bool", "Nil", "Rune", "VariableName", "TypedLiteral", "ParenthesizedExpr", "FunctionLiteral",
  "Conversion", "SelectorExpr", "IndexExpr", "SliceExpr", "TypeAssertion", "CallExpr", "UnaryExp", "BinaryExp", "LiteralValue",
]);
const TYPE_NODES = new Set([
  "TypeName", "QualifiedType", "PointerType", "SliceType", "ArrayType", "MapType", "StructType", "FunctionType",
  "InterfaceType", "ChannelType", "ParenthesizedType", "ParameterizedType",
]);
const STMT_NODES = new Set([
  "ExprStatement", "IncDecStatement", "Assignment", "VarDecl", "ConstDecl", "TypeDecl", "Block", "LabeledStatement",
  "IfStatement", "SwitchStatement", "TypeSwitchStatement", "ForStatement", "GoStatement", "SelectStatement",
  "ReturnStatement", "GotoStatement", "FallthroughStatement", "DeferStatement", "SendStatement",
]);

/** Converts one parsed file. */
export class AstBuilder {
  constructor(private readonly file: GoFile) {}

  private pos(node: SyntaxNode): Pos {
    return { file: this.file.path, line: this.file.line(node.from) };
  }

  private text(node: SyntaxNode): string {
    return textOf(this.file, node);
  }

  private fail(node: SyntaxNode, what: string): never {
    throw new Error(`${formatPos(this.pos(node))}: ${what}: ${this.text(node).slice(0, 80)}`);
  }

  declarations(): FileDecls {
    const out: FileDecls = { path: this.file.path, packageName: "", imports: [], funcs: [], vars: [], constGroups: [], types: [] };
    let packageName = "";
    for (const node of kids(this.file.root)) {
      switch (node.name) {
        case "PackageClause":
          packageName = this.text(child(node, "DefName")!);
          break;
        case "ImportDecl":
          for (const spec of this.specs(node, "ImportSpec")) {
            const alias = child(spec, "DefName");
            const dot = kids(spec).some((k) => k.name === ".");
            out.imports.push({ alias: alias ? this.text(alias) : dot ? "." : undefined, path: goString(this.text(child(spec, "String")!)) });
          }
          break;
        case "FunctionDecl":
        case "MethodDecl":
          out.funcs.push(this.funcDecl(node));
          break;
        case "VarDecl":
          out.vars.push(...this.specs(node, "VarSpec").map((s) => this.valueSpec(s)));
          break;
        case "ConstDecl":
          out.constGroups.push(this.specs(node, "ConstSpec").map((s) => this.valueSpec(s)));
          break;
        case "TypeDecl":
          out.types.push(...this.specs(node, "TypeSpec").map((s) => this.typeSpec(s)));
          break;
        default:
          break;
      }
    }
    return { ...out, packageName };
  }

  private specs(decl: SyntaxNode, name: string): SyntaxNode[] {
    const list = child(decl, "SpecList");
    return kids(list ?? decl).filter((k) => k.name === name);
  }

  private valueSpec(spec: SyntaxNode): ValueSpec {
    const names: string[] = [];
    const namePos: Pos[] = [];
    let type: TypeExpr | undefined;
    const values: Expr[] = [];
    let afterEq = false;
    for (const k of kids(spec)) {
      if (k.name === "=") afterEq = true;
      else if (k.name === "DefName") {
        names.push(this.text(k));
        namePos.push(this.pos(k));
      } else if (k.name === ",") continue;
      else if (afterEq) values.push(this.expr(k));
      else if (TYPE_NODES.has(k.name)) type = this.type(k);
    }
    return { names, type, values, pos: this.pos(spec), namePos };
  }

  private typeSpec(spec: SyntaxNode): TypeSpec {
    const parts = kids(spec);
    const name = this.text(parts[0]);
    const alias = parts.some((p) => p.name === "=");
    const typeNode = parts.filter((p) => TYPE_NODES.has(p.name)).pop();
    if (!typeNode) this.fail(spec, "type declaration without a type");
    return { name, alias, type: this.type(typeNode) };
  }

  funcDecl(node: SyntaxNode): FuncDecl {
    const parts = kids(node);
    let receiver: Param | undefined;
    let name = "";
    let paramLists: SyntaxNode[] = [];
    let resultType: SyntaxNode | undefined;
    let body: SyntaxNode | undefined;
    for (const p of parts) {
      if (p.name === "Parameters") paramLists.push(p);
      else if (p.name === "DefName" || p.name === "FieldName") name = this.text(p);
      else if (p.name === "Block") body = p;
      else if (TYPE_NODES.has(p.name)) resultType = p;
    }
    if (node.name === "MethodDecl") {
      receiver = this.params(paramLists[0])[0];
      paramLists = paramLists.slice(1);
    }
    const params = paramLists[0] ? this.params(paramLists[0]) : [];
    const results = paramLists[1] ? this.params(paramLists[1]) : resultType ? [{ names: [], type: this.type(resultType), variadic: false }] : [];
    return { name, receiver, params, results, body: body ? this.block(body) : undefined, pos: this.pos(node) };
  }

  private params(list: SyntaxNode): Param[] {
    const out: Param[] = [];
    for (const p of kids(list).filter((k) => k.name === "Parameter")) {
      const names = kids(p).filter((k) => k.name === "DefName").map((k) => this.text(k));
      const typeNode = kids(p).find((k) => TYPE_NODES.has(k.name));
      const variadic = kids(p).some((k) => k.name === "...");
      out.push({ names, type: typeNode ? this.type(typeNode) : { k: "iface" }, variadic });
    }
    // `func(a, b string)` parses as one Parameter; `func(a string, b int)` as two. Unnamed lists stay as is.
    return out;
  }

  type(node: SyntaxNode): TypeExpr {
    switch (node.name) {
      case "TypeName":
        return { k: "tname", name: this.text(node) };
      case "QualifiedType": {
        const parts = kids(node);
        return { k: "tname", pkg: this.text(parts[0]), name: this.text(parts[parts.length - 1]) };
      }
      case "ParameterizedType": {
        const base = this.type(kids(node)[0]);
        const args = kids(child(node, "TypeArgs")!).filter((k) => TYPE_NODES.has(k.name)).map((k) => this.type(k));
        return base.k === "tname" ? { ...base, args } : base;
      }
      case "PointerType":
        return { k: "ptr", elem: this.type(kids(node).find((k) => TYPE_NODES.has(k.name))!) };
      case "SliceType":
        return { k: "slice", elem: this.type(kids(node).find((k) => TYPE_NODES.has(k.name))!) };
      case "ArrayType":
        return { k: "array", elem: this.type(kids(node).filter((k) => TYPE_NODES.has(k.name)).pop()!) };
      case "MapType": {
        const types = kids(node).filter((k) => TYPE_NODES.has(k.name));
        return { k: "map", key: this.type(types[0]), val: this.type(types[1]) };
      }
      case "StructType":
        return { k: "struct", fields: kids(child(node, "StructBody")!).filter((k) => k.name === "FieldDecl").map((f) => this.fieldDecl(f)) };
      case "ParenthesizedType":
        return this.type(kids(node).find((k) => TYPE_NODES.has(k.name))!);
      case "FunctionType":
        return { k: "func" };
      case "InterfaceType":
        return { k: "iface" };
      case "ChannelType":
        return { k: "chan" };
      default:
        return this.fail(node, `unexpected type node ${node.name}`);
    }
  }

  private fieldDecl(node: SyntaxNode): FieldDecl {
    const names = kids(node).filter((k) => k.name === "FieldName").map((k) => this.text(k));
    const typeNode = kids(node).find((k) => TYPE_NODES.has(k.name))!;
    return { names, type: this.type(typeNode), embedded: names.length === 0 };
  }

  block(node: SyntaxNode): Stmt[] {
    return kids(node).filter((k) => STMT_NODES.has(k.name)).map((k) => this.stmt(k));
  }

  private simple(nodes: SyntaxNode[]): Stmt | undefined {
    const n = nodes.find((k) => STMT_NODES.has(k.name));
    return n ? this.stmt(n) : undefined;
  }

  stmt(node: SyntaxNode): Stmt {
    const pos = this.pos(node);
    const parts = kids(node);
    switch (node.name) {
      case "ExprStatement":
        return { k: "expr", x: this.expr(parts[0]), pos };
      case "IncDecStatement":
        return { k: "incdec", x: this.expr(parts[0]), op: this.text(parts[1]), pos };
      case "Assignment": {
        const opIndex = parts.findIndex((p) => p.name === "=" || p.name === "UpdateOp");
        const lhs = parts.slice(0, opIndex).filter((p) => p.name !== ",").map((p) => this.expr(p));
        const rhs = parts.slice(opIndex + 1).filter((p) => p.name !== ",").map((p) => this.expr(p));
        return { k: "assign", lhs, op: this.text(parts[opIndex]), rhs, pos };
      }
      case "VarDecl": {
        if (parts.some((p) => p.name === ":=")) {
          const opIndex = parts.findIndex((p) => p.name === ":=");
          const names = parts.slice(0, opIndex).filter((p) => p.name === "DefName").map((p) => this.text(p));
          const values = parts.slice(opIndex + 1).filter((p) => p.name !== ",").map((p) => this.expr(p));
          return { k: "define", names, values, pos };
        }
        return { k: "var", specs: this.specs(node, "VarSpec").map((s) => this.valueSpec(s)), pos };
      }
      case "ConstDecl":
        return { k: "const", specs: this.specs(node, "ConstSpec").map((s) => this.valueSpec(s)), pos };
      case "TypeDecl":
        return { k: "typedecl", specs: this.specs(node, "TypeSpec").map((s) => this.typeSpec(s)), pos };
      case "Block":
        return { k: "block", body: this.block(node), pos };
      case "LabeledStatement": {
        const inner = parts.find((p) => STMT_NODES.has(p.name));
        return inner ? this.stmt(inner) : { k: "ignored", what: "label", pos };
      }
      case "IfStatement": {
        const semi = parts.findIndex((p) => p.name === ";");
        const init = semi >= 0 ? this.simple(parts.slice(1, semi)) : undefined;
        const rest = parts.slice(semi >= 0 ? semi + 1 : 1);
        const condNode = rest.find((p) => EXPR_NODES.has(p.name))!;
        const blocks = rest.filter((p) => p.name === "Block" || p.name === "IfStatement");
        const then = this.block(blocks[0]);
        const elseNode = blocks[1];
        const elseStmt = elseNode ? (elseNode.name === "Block" ? { k: "block" as const, body: this.block(elseNode), pos: this.pos(elseNode) } : this.stmt(elseNode)) : undefined;
        return { k: "if", init, cond: this.expr(condNode), then, else: elseStmt, pos };
      }
      case "ForStatement": {
        const body = this.block(parts.find((p) => p.name === "Block")!);
        const range = parts.find((p) => p.name === "RangeClause");
        if (range) {
          const rp = kids(range);
          const define = rp.some((p) => p.name === ":=");
          const rangeKw = rp.findIndex((p) => p.name === "range");
          const lhs = rp
            .slice(0, rangeKw)
            .filter((p) => p.name !== "," && p.name !== ":=" && p.name !== "=")
            .map((p): Expr => (p.name === "DefName" ? { k: "ident", name: this.text(p), pos: this.pos(p) } : this.expr(p)));
          return { k: "range", lhs, define, x: this.expr(rp[rangeKw + 1]), body, pos };
        }
        const clause = parts.find((p) => p.name === "ForClause");
        if (clause) {
          const cp = kids(clause);
          const semis = cp.map((p, i) => (p.name === ";" ? i : -1)).filter((i) => i >= 0);
          const init = this.simple(cp.slice(0, semis[0]));
          const condNode = cp.slice(semis[0] + 1, semis[1]).find((p) => EXPR_NODES.has(p.name));
          const post = this.simple(cp.slice(semis[1] + 1));
          return { k: "for", init, cond: condNode ? this.expr(condNode) : undefined, post, body, pos };
        }
        const condNode = parts.find((p) => EXPR_NODES.has(p.name));
        return { k: "for", cond: condNode ? this.expr(condNode) : undefined, body, pos };
      }
      case "SwitchStatement": {
        const semi = parts.findIndex((p) => p.name === ";");
        const init = semi >= 0 ? this.simple(parts.slice(1, semi)) : undefined;
        const rest = parts.slice(semi >= 0 ? semi + 1 : 1);
        const tagNode = rest.find((p) => EXPR_NODES.has(p.name));
        const cases: SwitchCase[] = [];
        let current: { exprs?: Expr[]; body: Stmt[] } | undefined;
        for (const p of kids(rest.find((r) => r.name === "SwitchBlock")!)) {
          if (p.name === "Case") {
            const isDefault = kids(p).some((c) => c.name === "default");
            current = { exprs: isDefault ? undefined : kids(p).filter((c) => EXPR_NODES.has(c.name)).map((c) => this.expr(c)), body: [] };
            cases.push(current);
          } else if (STMT_NODES.has(p.name) && current) current.body.push(this.stmt(p));
        }
        return { k: "switch", init, tag: tagNode ? this.expr(tagNode) : undefined, cases, pos };
      }
      case "ReturnStatement":
        return { k: "return", values: parts.slice(1).filter((p) => p.name !== ",").map((p) => this.expr(p)), pos };
      case "GotoStatement": {
        const word = this.text(parts[0]) as "break" | "continue" | "goto";
        return { k: "branch", word, pos };
      }
      case "DeferStatement":
      case "GoStatement":
        return { k: "ignored", what: node.name, pos };
      default:
        return { k: "unsupported", what: node.name, pos };
    }
  }

  expr(node: SyntaxNode): Expr {
    return this.rotate(this.rawExpr(node));
  }

  /** Puts a postfix form back onto the right-most operand of a binary or unary expression it wrongly wraps. */
  private rotate(e: Expr): Expr {
    const operandOf = (x: Expr): Expr | undefined => (x.k === "sel" || x.k === "index" || x.k === "slice" || x.k === "assert" ? x.x : x.k === "call" ? x.fn : undefined);
    const operand = operandOf(e);
    if (!operand) return e;
    const withOperand = (x: Expr): Expr => this.rotate(e.k === "call" ? { ...e, fn: x } : ({ ...e, x } as Expr));
    if (operand.k === "binary") return { ...operand, r: withOperand(operand.r) };
    if (operand.k === "unary") return { ...operand, x: withOperand(operand.x) };
    return e;
  }

  private rawExpr(node: SyntaxNode): Expr {
    const pos = this.pos(node);
    const parts = kids(node);
    switch (node.name) {
      case "Number": {
        const t = this.text(node).replace(/_/g, "");
        const value = /^0[0-7]+$/.test(t) ? parseInt(t, 8) : Number(t);
        return { k: "lit", value, pos };
      }
      case "String":
        return { k: "lit", value: goString(this.text(node)), pos };
      case "Rune":
        return { k: "lit", value: goString(`"${this.text(node).slice(1, -1)}"`).codePointAt(0) ?? 0, pos };
      case "Bool":
        return { k: "lit", value: this.text(node) === "true", pos };
      case "Nil":
        return { k: "lit", value: null, pos };
      case "VariableName":
        return { k: "ident", name: this.text(node), pos };
      case "ParenthesizedExpr":
        return { k: "paren", x: this.expr(parts.find((p) => EXPR_NODES.has(p.name))!), pos };
      case "TypedLiteral": {
        const typeNode = parts.find((p) => TYPE_NODES.has(p.name))!;
        return { k: "composite", type: this.type(typeNode), elems: this.elements(parts.find((p) => p.name === "LiteralValue")!), pos };
      }
      case "LiteralValue":
        return { k: "composite", elems: this.elements(node), pos };
      case "FunctionLiteral":
        return { k: "funclit", decl: this.funcDecl(node), pos };
      case "Conversion": {
        const typeNode = parts.find((p) => TYPE_NODES.has(p.name))!;
        const arg = parts.find((p) => EXPR_NODES.has(p.name))!;
        return { k: "conv", type: this.type(typeNode), arg: this.expr(arg), pos };
      }
      case "SelectorExpr":
        return { k: "sel", x: this.expr(parts[0]), name: this.text(parts[parts.length - 1]), pos };
      case "IndexExpr":
        return { k: "index", x: this.expr(parts[0]), index: this.expr(parts.slice(1).find((p) => EXPR_NODES.has(p.name))!), pos };
      case "SliceExpr": {
        const colon = parts.findIndex((p) => p.name === ":");
        const lo = parts.slice(1, colon).find((p) => EXPR_NODES.has(p.name));
        const hi = parts.slice(colon + 1).find((p) => EXPR_NODES.has(p.name));
        return { k: "slice", x: this.expr(parts[0]), lo: lo ? this.expr(lo) : undefined, hi: hi ? this.expr(hi) : undefined, pos };
      }
      case "TypeAssertion":
        return { k: "assert", x: this.expr(parts[0]), type: this.type(parts.find((p, i) => i > 0 && TYPE_NODES.has(p.name))!), pos };
      case "CallExpr": {
        const callee = parts[0];
        const argsNode = parts.find((p) => p.name === "Arguments")!;
        const argParts = kids(argsNode);
        const spread = argParts.some((p) => p.name === "...");
        if (callee.name === "make" || callee.name === "new") {
          const typeNode = argParts.find((p) => TYPE_NODES.has(p.name))!;
          const args = argParts.filter((p) => EXPR_NODES.has(p.name)).map((p) => this.expr(p));
          return { k: "call", fn: { k: "ident", name: callee.name, pos }, args, spread, typeArg: this.type(typeNode), pos };
        }
        const fn = callee.name === "ParameterizedExpr" ? this.expr(kids(callee)[0]) : this.expr(callee);
        const args = argParts.filter((p) => EXPR_NODES.has(p.name) || TYPE_NODES.has(p.name)).map((p): Expr => (EXPR_NODES.has(p.name) ? this.expr(p) : { k: "type", type: this.type(p), pos: this.pos(p) }));
        return { k: "call", fn, args, spread, pos };
      }
      case "UnaryExp":
        return { k: "unary", op: this.text(parts[0]), x: this.expr(parts[1]), pos };
      case "BinaryExp":
        return { k: "binary", op: this.text(parts[1]), l: this.expr(parts[0]), r: this.expr(parts[2]), pos };
      default:
        if (TYPE_NODES.has(node.name)) return { k: "type", type: this.type(node), pos };
        return this.fail(node, `unexpected expression node ${node.name}`);
    }
  }

  private elements(literal: SyntaxNode): Element[] {
    return kids(literal)
      .filter((k) => k.name === "Element")
      .map((el) => {
        const parts = kids(el);
        const keyNode = parts.find((p) => p.name === "Key");
        const valueNode = parts[parts.length - 1];
        const key = keyNode ? this.expr(kids(keyNode)[0]) : undefined;
        return { key, value: this.expr(valueNode), pos: this.pos(el), text: this.text(valueNode) };
      });
  }
}

/** Converts a parsed Go file into its declarations. */
export function fileDeclarations(file: GoFile): FileDecls {
  return new AstBuilder(file).declarations();
}

/** Every expression in statements (depth first, including function literal bodies). */
export function forEachExpr(stmts: readonly Stmt[], visit: (e: Expr) => void): void {
  const expr = (e: Expr | undefined): void => {
    if (!e) return;
    visit(e);
    switch (e.k) {
      case "composite":
        for (const el of e.elems) {
          expr(el.key);
          expr(el.value);
        }
        break;
      case "funclit":
        if (e.decl.body) body(e.decl.body);
        break;
      case "conv":
        expr(e.arg);
        break;
      case "sel":
      case "assert":
      case "paren":
      case "unary":
        expr(e.x);
        break;
      case "index":
        expr(e.x);
        expr(e.index);
        break;
      case "slice":
        expr(e.x);
        expr(e.lo);
        expr(e.hi);
        break;
      case "call":
        expr(e.fn);
        e.args.forEach(expr);
        break;
      case "binary":
        expr(e.l);
        expr(e.r);
        break;
      default:
        break;
    }
  };
  const stmt = (s: Stmt | undefined): void => {
    if (!s) return;
    switch (s.k) {
      case "expr":
      case "incdec":
        expr(s.x);
        break;
      case "assign":
        s.lhs.forEach(expr);
        s.rhs.forEach(expr);
        break;
      case "define":
        s.values.forEach(expr);
        break;
      case "var":
      case "const":
        for (const spec of s.specs) spec.values.forEach(expr);
        break;
      case "block":
        body(s.body);
        break;
      case "if":
        stmt(s.init);
        expr(s.cond);
        body(s.then);
        stmt(s.else);
        break;
      case "for":
        stmt(s.init);
        expr(s.cond);
        stmt(s.post);
        body(s.body);
        break;
      case "range":
        expr(s.x);
        body(s.body);
        break;
      case "switch":
        stmt(s.init);
        expr(s.tag);
        for (const c of s.cases) {
          c.exprs?.forEach(expr);
          body(c.body);
        }
        break;
      case "return":
        s.values.forEach(expr);
        break;
      default:
        break;
    }
  };
  const body = (list: readonly Stmt[]): void => list.forEach(stmt);
  body(stmts);
}

/** Go-like text of an expression, for messages (`os.Getenv("X") != ""`). */
export function exprString(e: Expr): string {
  switch (e.k) {
    case "lit":
      return e.value === null ? "nil" : JSON.stringify(e.value);
    case "ident":
      return e.name;
    case "sel":
      return `${exprString(e.x)}.${e.name}`;
    case "call":
      return `${exprString(e.fn)}(${e.args.map(exprString).join(", ")}${e.spread ? "..." : ""})`;
    case "index":
      return `${exprString(e.x)}[${exprString(e.index)}]`;
    case "unary":
      return `${e.op}${exprString(e.x)}`;
    case "binary":
      return `${exprString(e.l)} ${e.op} ${exprString(e.r)}`;
    case "paren":
      return `(${exprString(e.x)})`;
    case "assert":
      return `${exprString(e.x)}.(...)`;
    case "composite":
      return "{...}";
    case "funclit":
      return "func(...) {...}";
    default:
      return "...";
  }
}
