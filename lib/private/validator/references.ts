/**
 * Finds the references (traversals such as `okta_user.bird.id` or `var.domain`) in Terraform
 * JSON strings. Not an HCL parser: a single-pass scanner that walks template interpolations
 * (`${...}`) and directives (`%{...}`), skips string literals (following their own nested
 * interpolations), function names, attribute accesses on non-references (`f(x).id`), numbers and
 * the symbols bound by `for` expressions, and reads every other identifier with the attribute,
 * index and splat steps that follow it.
 */

/** An index step (`[0]`, `["key"]`, `[count.index]`, legacy `.0`) in {@link Traversal.steps}. */
export const INDEX = "[]";
/** A splat step (`[*]` or `.*`) in {@link Traversal.steps}. */
export const SPLAT = "*";

/** A reference found in an expression. */
export interface Traversal {
  /** The first name: a resource type, "var", "data", "local", "module", "each"... */
  readonly root: string;
  /** The steps after the root: attribute names, {@link INDEX} or {@link SPLAT}. */
  readonly steps: readonly string[];
  /** The reference as written, e.g. `okta_user.bird[0].id`. */
  readonly text: string;
}

const NO_TRAVERSALS: readonly Traversal[] = Object.freeze([]);

/**
 * The references in a Terraform JSON string, or undefined when the string is a plain literal:
 * no `${` or `%{` other than the escapes `$${` and `%%{`.
 */
export function templateTraversals(text: string): readonly Traversal[] | undefined {
  if (text.indexOf("${") < 0 && text.indexOf("%{") < 0) {
    return undefined;
  }
  const scanner = new Scanner(text);
  scanner.template(0, false);
  if (!scanner.interpolated) {
    return undefined;
  }
  return scanner.found.length === 0 ? NO_TRAVERSALS : scanner.found;
}

/**
 * Parses a string that must be a single traversal and nothing else: a `depends_on` entry, an
 * import or moved address, a provider reference. Accepts the forms "okta_user.bird" (cdktf) and
 * "${okta_user.bird}" (hcl2json). Returns undefined when the string is anything else.
 */
export function parseTraversal(value: string): Traversal | undefined {
  let text = value.trim();
  if (text.startsWith("${") && text.endsWith("}")) {
    text = text.slice(2, -1).trim();
  }
  const scanner = new Scanner(text);
  if (!isIdentifierStart(text.charCodeAt(0))) {
    return undefined;
  }
  const traversal = scanner.traversal(0);
  return traversal && scanner.position === text.length ? traversal : undefined;
}

const DOLLAR = 0x24;
const PERCENT = 0x25;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const STAR = 0x2a;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isIdentifierStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** HCL identifiers continue with letters, digits, underscores and dashes. */
function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code) || code === 0x2d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** One scan over one string. */
class Scanner {
  /** Traversals found so far. */
  public readonly found: Traversal[] = [];
  /** True once an interpolation or directive was found. */
  public interpolated = false;
  /** Where {@link traversal} stopped. */
  public position = 0;
  /** Names bound by `for` expressions: `[for u in var.users : u.id]` binds `u`. */
  private bound: Set<string> | undefined;

  public constructor(private readonly text: string) {}

  /**
   * Scans template text from `start`: to the end of the string, or, inside an expression
   * (`quoted`), to the closing quote. Returns the index after it.
   */
  public template(start: number, quoted: boolean): number {
    const text = this.text;
    let i = start;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (quoted && code === BACKSLASH) {
        i += 2;
      } else if (quoted && code === QUOTE) {
        return i + 1;
      } else if ((code === DOLLAR || code === PERCENT) && text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === OPEN_BRACE) {
        i += 3;
      } else if ((code === DOLLAR || code === PERCENT) && text.charCodeAt(i + 1) === OPEN_BRACE) {
        this.interpolated = true;
        i = this.expression(i + 2, CLOSE_BRACE);
      } else {
        i++;
      }
    }
    return text.length;
  }

  /** Scans an expression up to the unbalanced `closer`; returns the index after it. */
  private expression(start: number, closer: number): number {
    const text = this.text;
    let depth = 0;
    let previous = 0;
    let i = start;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (isSpace(code)) {
        i++;
        continue;
      }
      if (code === QUOTE) {
        i = this.template(i + 1, true);
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET || code === OPEN_PAREN) {
        depth++;
        i++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === CLOSE_PAREN) {
        if (depth === 0 && code === closer) {
          return i + 1;
        }
        // A stray closer (unbalanced input) is skipped rather than counted below zero.
        depth = Math.max(0, depth - 1);
        i++;
      } else if (isDigit(code)) {
        i = this.skipWhile(i, (c) => isIdentifierPart(c) || c === DOT);
      } else if (isIdentifierStart(code)) {
        if (previous === DOT) {
          i = this.skipWhile(i, isIdentifierPart);
        } else {
          // References inside the traversal's index expressions are found first; keep source order.
          const at = this.found.length;
          const traversal = this.traversal(i);
          if (traversal && traversal.steps.length > 0 && !this.bound?.has(traversal.root)) {
            this.found.splice(at, 0, traversal);
          }
          i = this.position;
        }
      } else {
        i++;
      }
      previous = code;
    }
    return text.length;
  }

  /**
   * Reads the traversal that starts at `start` (an identifier) and sets {@link position} after it.
   * Returns undefined for a `for` binding and a provider-defined function name; a bare name (a
   * function name, keyword or object key in an expression) comes back without steps.
   */
  public traversal(start: number): Traversal | undefined {
    const text = this.text;
    let i = this.skipWhile(start, isIdentifierPart);
    const root = text.slice(start, i);
    if (root === "for") {
      this.position = this.bind(i);
      return undefined;
    }
    if (text.charCodeAt(i) === COLON && text.charCodeAt(i + 1) === COLON) {
      // A provider-defined function: provider::okta::name(...).
      this.position = this.skipWhile(i, (c) => isIdentifierPart(c) || c === COLON);
      return undefined;
    }
    const steps: string[] = [];
    for (;;) {
      const code = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (code === DOT && isIdentifierStart(next)) {
        const end = this.skipWhile(i + 1, isIdentifierPart);
        steps.push(text.slice(i + 1, end));
        i = end;
      } else if (code === DOT && next === STAR) {
        steps.push(SPLAT);
        i += 2;
      } else if (code === DOT && isDigit(next)) {
        steps.push(INDEX);
        i = this.skipWhile(i + 1, isDigit);
      } else if (code === OPEN_BRACKET) {
        const inner = this.skipWhile(i + 1, isSpace);
        if (text.charCodeAt(inner) === STAR) {
          steps.push(SPLAT);
          i = this.skipWhile(inner + 1, isSpace) + 1;
        } else {
          steps.push(INDEX);
          i = this.expression(i + 1, CLOSE_BRACKET);
        }
      } else {
        break;
      }
    }
    this.position = i;
    return { root, steps, text: text.slice(start, i) };
  }

  /** Records the names after `for` (`for k, v in ...`); returns the index after them. */
  private bind(start: number): number {
    let i = start;
    for (;;) {
      i = this.skipWhile(i, isSpace);
      if (!isIdentifierStart(this.text.charCodeAt(i))) {
        return i;
      }
      const end = this.skipWhile(i, isIdentifierPart);
      (this.bound ??= new Set()).add(this.text.slice(i, end));
      i = this.skipWhile(end, isSpace);
      if (this.text.charCodeAt(i) !== COMMA) {
        return i;
      }
      i++;
    }
  }

  private skipWhile(start: number, predicate: (code: number) => boolean): number {
    let i = start;
    while (i < this.text.length && predicate(this.text.charCodeAt(i))) {
      i++;
    }
    return i;
  }
}
