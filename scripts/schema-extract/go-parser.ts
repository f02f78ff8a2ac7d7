/**
 * Go source parsing with @lezer/go, plus the few helpers the interpreter needs to walk its trees.
 *
 * @lezer/go 1.0.1 inserts no automatic semicolon after `true`, `false` and `nil` at the end of a line
 * (its context tracker does not count those specialized tokens as statement ends), so
 * `found := false` followed by a newline parses with an error node. The parser used here wraps the
 * package's context tracker and also counts those tokens; their term ids are found by probing rather
 * than hard-coded.
 */
import { parser as baseParser } from "@lezer/go";

export type Tree = ReturnType<typeof baseParser.parse>;
export type SyntaxNode = Tree["topNode"];

interface Tracker {
  start: unknown;
  shift(context: unknown, term: number, stack: unknown, input: unknown): unknown;
}
type TrackerClass = new (spec: Tracker) => unknown;

const originalTracker = (baseParser as unknown as { context: Tracker }).context;
const Tracker = (originalTracker as unknown as { constructor: TrackerClass }).constructor;

/** The terms shifted while parsing a one-statement function whose right-hand side is `value`. */
function shiftedTerms(value: string): Set<number> {
  const seen = new Set<number>();
  const probe = new Tracker({
    start: false,
    shift: (context, term, stack, input) => {
      seen.add(term);
      return originalTracker.shift(context, term, stack, input);
    },
  });
  baseParser.configure({ contextTracker: probe as never }).parse(`package p\nfunc f() {\n\tx := ${value}\n}\n`);
  return seen;
}

function statementEndingKeywords(): Set<number> {
  const plain = shiftedTerms("y");
  const found = new Set<number>();
  for (const keyword of ["true", "false", "nil"]) {
    for (const term of shiftedTerms(keyword)) if (!plain.has(term)) found.add(term);
  }
  return found;
}

const keywordTerms = statementEndingKeywords();

const goParser = baseParser.configure({
  contextTracker: new Tracker({
    start: false,
    shift: (context, term, stack, input) => (keywordTerms.has(term) ? true : originalTracker.shift(context, term, stack, input)),
  }) as never,
});

/** A parsed Go file: its repository path, text and syntax tree. */
export interface GoFile {
  readonly path: string;
  readonly text: string;
  readonly root: SyntaxNode;
  /** 1-based line of a character offset. */
  line(offset: number): number;
}

/** Parses one Go file; fails on the first syntax error, naming file and line. */
export function parseGoFile(path: string, text: string): GoFile {
  const tree = goParser.parse(text);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const line = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let error: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (error === undefined && n.type.isError) error = n.from;
      return error === undefined;
    },
  });
  if (error !== undefined) throw new Error(`${path}:${line(error)}: Go syntax the parser cannot read`);
  return { path, text, root: tree.topNode, line };
}

const SKIPPED = new Set(["LineComment", "BlockComment"]);

/** The children of a node, without comments. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!SKIPPED.has(c.name)) out.push(c);
  return out;
}

/** The source text of a node. */
export function textOf(file: GoFile, node: SyntaxNode): string {
  return file.text.slice(node.from, node.to);
}

/** The first child with one of the given names. */
export function child(node: SyntaxNode, ...names: string[]): SyntaxNode | undefined {
  return kids(node).find((c) => names.includes(c.name));
}

/** The value of a Go string literal ("interpreted" or `raw`). */
export function goString(literal: string): string {
  if (literal.startsWith("`")) return literal.slice(1, -1).replace(/\r/g, "");
  const body = literal.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[++i];
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "'": "'", "\\": "\\", a: "\x07", b: "\b", f: "\f", v: "\v" };
    if (next in simple) out += simple[next];
    else if (next === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === "u" || next === "U") {
      const len = next === "u" ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + len), 16));
      i += len;
    } else if (/[0-7]/.test(next)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error(`unknown escape \\${next} in ${literal}`);
  }
  return out;
}
