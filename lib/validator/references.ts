/**
 * Finds the references (traversals such as `okta_user.bird.id` or `var.domain`) and the function
 * calls in Terraform JSON strings, and the template mistakes Terraform rejects: an interpolation
 * that is never closed or is empty, an `%{ if }` or `%{ for }` without its end. Not an HCL parser:
 * a single-pass scanner that walks template interpolations (`${...}`) and directives (`%{...}`),
 * skips string literals (following their own nested interpolations), attribute accesses on
 * non-references (`f(x).id`), numbers and the symbols bound by `for` expressions, and reads every
 * other identifier with the attribute, index and splat steps that follow it.
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

/** A template mistake Terraform rejects; `text` is the part of the string it is about. */
export type TemplateError =
  | { readonly kind: "unclosed"; readonly text: string }
  | { readonly kind: "empty"; readonly text: string }
  | { readonly kind: "unclosedDirective"; readonly keyword: "if" | "for" }
  | { readonly kind: "strayDirective"; readonly keyword: "else" | "endif" | "endfor" }
  | { readonly kind: "tooDeep"; readonly limit: number };

/** What a Terraform JSON string holds when it is a template. */
export interface TemplateScan {
  readonly traversals: readonly Traversal[];
  /** The functions called, as written: `upper`, `core::upper`, `provider::time::rfc3339_parse`. */
  readonly functions: readonly string[];
  /** The first mistake found, if any. */
  readonly error: TemplateError | undefined;
}

/** How deeply string literals and index expressions may nest inside one another; deeper is reported. */
export const MAX_EXPRESSION_NESTING = 1000;

/**
 * Scans a Terraform JSON string, or returns undefined when it is a plain literal: no `${` or
 * `%{` other than the escapes `$${` and `%%{`.
 */
export function scanTemplate(text: string): TemplateScan | undefined {
  if (text.indexOf("${") < 0 && text.indexOf("%{") < 0) {
    return undefined;
  }
  const scanner = new Scanner(text);
  scanner.template(0, false);
  if (!scanner.interpolated) {
    return undefined;
  }
  return { traversals: scanner.found, functions: scanner.functions, error: scanner.error };
}

/**
 * The expression inside a string that is one interpolation and nothing else ("${okta_user.bird}"
 * gives "okta_user.bird"), or undefined for any other string.
 */
export function interpolatedExpression(value: string): string | undefined {
  const text = value.trim();
  if (!text.startsWith("${") || !text.endsWith("}")) {
    return undefined;
  }
  const scanner = new Scanner(text);
  const end = scanner.template(0, false);
  // One interpolation: the scan of the first "${" ends at the closing brace of the whole string.
  return scanner.error === undefined && end === text.length && scanner.firstInterpolationEnd === text.length ? text.slice(2, -1).trim() : undefined;
}

/**
 * Parses a string that must be a single traversal and nothing else: a `depends_on` entry, an
 * import or moved address, a provider reference, written as cdktf writes them ("okta_user.bird").
 * Returns undefined when the string is anything else, "${okta_user.bird}" included: Terraform
 * does not evaluate these strings, so an interpolation there is an error (see
 * {@link interpolatedExpression}).
 */
export function parseTraversal(value: string): Traversal | undefined {
  const text = value.trim();
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
const TILDE = 0x7e;

/** Words of the expression and template syntax that are followed by "(" without being functions. */
const KEYWORDS = new Set(["if", "for", "in", "else", "endif", "endfor"]);

function isIdentifierStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** HCL identifiers continue with letters, digits, underscores and dashes. */
function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code) || code === 0x2d;
}

/** True for attribute-name steps (not an index or splat, not missing). */
export function isName(step: string | undefined): step is string {
  return step !== undefined && step !== INDEX && step !== SPLAT;
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
  /** Every function call, in source order. */
  public readonly functions: string[] = [];
  /** True once an interpolation or directive was found. */
  public interpolated = false;
  /** Where the first interpolation or directive ends. */
  public firstInterpolationEnd = -1;
  /** The first template mistake found. */
  public error: TemplateError | undefined;
  /** Where {@link traversal} stopped. */
  public position = 0;
  /** Names bound by `for` expressions: `[for u in var.users : u.id]` binds `u`. */
  private bound: Set<string> | undefined;
  /** How many templates and index expressions enclose the current position. */
  private nesting = 0;
  /** Whether the last expression scanned ended at its closer (rather than at the end of the text). */
  private closed = false;

  public constructor(private readonly text: string) {}

  /**
   * Scans template text from `start`: to the end of the string, or, inside an expression
   * (`quoted`), to the closing quote. Returns the index after it.
   */
  public template(start: number, quoted: boolean): number {
    if (!this.enter()) {
      return this.text.length;
    }
    const text = this.text;
    // Open %{ if } and %{ for } directives of this template, innermost last.
    const directives: ("if" | "for")[] = [];
    let i = start;
    let end = -1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (quoted && code === BACKSLASH) {
        i += 2;
      } else if (quoted && code === QUOTE) {
        end = i + 1;
        break;
      } else if ((code === DOLLAR || code === PERCENT) && text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === OPEN_BRACE) {
        i += 3;
      } else if ((code === DOLLAR || code === PERCENT) && text.charCodeAt(i + 1) === OPEN_BRACE) {
        this.interpolated = true;
        const body = this.skipWhile(i + 2, (c) => isSpace(c) || c === TILDE);
        if (code === DOLLAR && text.charCodeAt(body) === CLOSE_BRACE) {
          this.fail({ kind: "empty", text: text.slice(i, body + 1) });
        }
        if (code === PERCENT) {
          this.directive(text.slice(body, this.skipWhile(body, isIdentifierPart)), directives);
        }
        const after = this.expression(i + 2, CLOSE_BRACE);
        if (!this.closed) {
          this.fail({ kind: "unclosed", text: text.slice(i) });
        }
        if (!quoted && this.nesting === 1 && this.firstInterpolationEnd < 0) {
          this.firstInterpolationEnd = after;
        }
        i = after;
      } else {
        i++;
      }
    }
    if (quoted && end < 0) {
      this.fail({ kind: "unclosed", text: text.slice(start - 1) });
    }
    if (directives.length > 0) {
      this.fail({ kind: "unclosedDirective", keyword: directives[directives.length - 1] });
    }
    this.nesting--;
    return end < 0 ? text.length : end;
  }

  /** Follows the %{ if } / %{ for } structure of a template through one directive's keyword. */
  private directive(keyword: string, open: ("if" | "for")[]): void {
    switch (keyword) {
      case "if":
      case "for":
        open.push(keyword);
        break;
      case "else":
        if (open[open.length - 1] !== "if") {
          this.fail({ kind: "strayDirective", keyword: "else" });
        }
        break;
      case "endif":
      case "endfor":
        if (open[open.length - 1] !== keyword.slice(3)) {
          this.fail({ kind: "strayDirective", keyword: keyword as "endif" | "endfor" });
        } else {
          open.pop();
        }
        break;
    }
  }

  /** Enters one more level of nesting; false (and an error) past {@link MAX_EXPRESSION_NESTING}. */
  private enter(): boolean {
    if (this.nesting >= MAX_EXPRESSION_NESTING) {
      this.fail({ kind: "tooDeep", limit: MAX_EXPRESSION_NESTING });
      return false;
    }
    this.nesting++;
    return true;
  }

  private fail(error: TemplateError): void {
    this.error ??= error;
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
          this.closed = true;
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
          const written = text.slice(i, this.position);
          const name = traversal === undefined ? (written.includes("::") ? written : undefined) : traversal.steps.length === 0 ? traversal.root : undefined;
          if (name !== undefined && !KEYWORDS.has(name) && text.charCodeAt(this.skipWhile(this.position, isSpace)) === OPEN_PAREN) {
            this.functions.push(name);
          }
          i = this.position;
        }
      } else {
        i++;
      }
      previous = code;
    }
    this.closed = false;
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
          if (!this.enter()) {
            i = text.length;
            break;
          }
          i = this.expression(i + 1, CLOSE_BRACKET);
          this.nesting--;
        }
      } else {
        break;
      }
    }
    this.position = i;
    // `resource.okta_user.bird.id` is Terraform's long form of `okta_user.bird.id`.
    if (root === "resource" && isName(steps[0]) && isName(steps[1])) {
      return { root: steps[0], steps: steps.slice(1), text: text.slice(start, i) };
    }
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
