/**
 * Variable type constraints ("list(string)", "object({login = string, groups = optional(list(string), [])})")
 * parsed into cty types, and the check that a variable's default converts to its type, with the
 * conversions Terraform makes (a numeric string to a number, "true" to a bool, a number to a string).
 */
import { BOOL_STRINGS, CtyType, isObject, NUMBER_STRING } from "./schema";

/** A parsed type constraint, or why the text is not one. */
export type ParsedType = { readonly type: CtyType; readonly error?: undefined } | { readonly type?: undefined; readonly error: string };

/** How deeply type constructors may nest; deeper is reported rather than parsed. */
const MAX_TYPE_NESTING = 1000;

const PRIMITIVES: Readonly<Record<string, CtyType>> = {
  string: { kind: "string", text: "string" },
  number: { kind: "number", text: "number" },
  bool: { kind: "bool", text: "bool" },
  any: { kind: "dynamic", text: "any" },
};

const ANY = PRIMITIVES.any;

/** Parses a type constraint as written in a variable's "type". */
export function parseTypeConstraint(text: string): ParsedType {
  if (text.includes("${")) {
    return { error: 'Terraform reads a type as written, so "${...}" around it is not allowed' };
  }
  const parser = new TypeParser(text);
  try {
    const type = parser.type(0);
    parser.space();
    if (parser.position < text.length) {
      return { error: `unexpected "${text.slice(parser.position, parser.position + 20)}" after the type ${type.text}` };
    }
    return { type };
  } catch (error) {
    if (error instanceof TypeSyntaxError) {
      return { error: error.message };
    }
    throw error;
  }
}

/**
 * Why `value` does not convert to `type`, with the keys and indexes that lead from the value to
 * where it fails ([] for the value itself), or undefined when it converts. Interpolations are
 * taken to convert.
 */
export function conversionFailure(value: unknown, type: CtyType): { readonly at: (string | number)[]; readonly reason: string } | undefined {
  const at: (string | number)[] = [];
  const reason = failure(value, type, at);
  return reason === undefined ? undefined : { at: at.reverse(), reason };
}

function failure(value: unknown, type: CtyType, at: (string | number)[]): string | undefined {
  if (value === null || type.kind === "dynamic" || (typeof value === "string" && value.includes("${"))) {
    return undefined;
  }
  switch (type.kind) {
    case "string":
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? undefined : "a string is required";
    case "number":
      return typeof value === "number" || (typeof value === "string" && NUMBER_STRING.test(value)) ? undefined : "a number is required";
    case "bool":
      return typeof value === "boolean" || (typeof value === "string" && BOOL_STRINGS.has(value)) ? undefined : "a bool is required";
    case "list":
    case "set":
      if (!Array.isArray(value)) {
        return `${type.kind} of ${type.element.text} required`;
      }
      return firstFailure(value.map((element, index) => [index, element] as const), type.element, at);
    case "map":
      if (!isObject(value)) {
        return `map of ${type.element.text} required`;
      }
      return firstFailure(Object.entries(value), type.element, at);
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) {
        return `a tuple of ${type.elements.length} elements is required`;
      }
      for (let index = 0; index < value.length; index++) {
        const reason = failure(value[index], type.elements[index], at);
        if (reason !== undefined) {
          at.push(index);
          return reason;
        }
      }
      return undefined;
    case "object":
      if (!isObject(value)) {
        return "an object is required";
      }
      for (const [name, attributeType] of type.attributes) {
        if (value[name] === undefined) {
          if (!type.optional.has(name)) {
            return `attribute "${name}" is required`;
          }
          continue;
        }
        const reason = failure(value[name], attributeType, at);
        if (reason !== undefined) {
          at.push(name);
          return reason;
        }
      }
      return undefined;
    default:
      return undefined;
  }
}

function firstFailure(entries: readonly (readonly [string | number, unknown])[], type: CtyType, at: (string | number)[]): string | undefined {
  for (const [key, element] of entries) {
    const reason = failure(element, type, at);
    if (reason !== undefined) {
      at.push(key);
      return reason;
    }
  }
  return undefined;
}

class TypeSyntaxError extends Error {}

/** A recursive-descent parser of type constraint text, nesting at most {@link MAX_TYPE_NESTING} deep. */
class TypeParser {
  public position = 0;

  public constructor(private readonly text: string) {}

  /** Reads one type. */
  public type(nesting: number): CtyType {
    if (nesting > MAX_TYPE_NESTING) {
      throw new TypeSyntaxError(`type constructors nest more than ${MAX_TYPE_NESTING} levels deep, more than the validator reads`);
    }
    this.space();
    const keyword = this.identifier();
    if (keyword === "") {
      throw new TypeSyntaxError(this.position >= this.text.length ? "a type is missing" : `"${this.text.slice(this.position, this.position + 20)}" is not a type`);
    }
    this.space();
    const call = this.text.charCodeAt(this.position) === 0x28;
    if (!call) {
      if (PRIMITIVES[keyword] !== undefined) {
        return PRIMITIVES[keyword];
      }
      // Terraform 0.11's bare "list" and "map" still mean list(any) and map(any).
      if (keyword === "list" || keyword === "map") {
        return { kind: keyword, element: ANY, text: `${keyword}(any)` };
      }
      throw new TypeSyntaxError(`the keyword "${keyword}" is not a type`);
    }
    this.position++;
    let type: CtyType;
    switch (keyword) {
      case "list":
      case "set":
      case "map": {
        const element = this.type(nesting + 1);
        type = { kind: keyword, element, text: `${keyword}(${element.text})` };
        break;
      }
      case "tuple":
        type = this.tuple(nesting);
        break;
      case "object":
        type = this.object(nesting);
        break;
      case "optional":
        throw new TypeSyntaxError(`optional(...) is allowed only for an attribute of an object type`);
      default:
        throw new TypeSyntaxError(`"${keyword}(...)" is not a type constructor`);
    }
    this.expect(0x29, ")");
    return type;
  }

  private tuple(nesting: number): CtyType {
    this.expect(0x5b, "[");
    const elements: CtyType[] = [];
    for (;;) {
      this.space();
      if (this.text.charCodeAt(this.position) === 0x5d) {
        this.position++;
        break;
      }
      elements.push(this.type(nesting + 1));
      this.space();
      if (this.text.charCodeAt(this.position) === 0x2c) {
        this.position++;
      } else if (this.text.charCodeAt(this.position) !== 0x5d) {
        throw new TypeSyntaxError(`"," or "]" is missing in a tuple type at "${this.text.slice(this.position, this.position + 20)}"`);
      }
    }
    return { kind: "tuple", elements, text: `tuple([${elements.map((element) => element.text).join(", ")}])` };
  }

  private object(nesting: number): CtyType {
    this.expect(0x7b, "{");
    const attributes = new Map<string, CtyType>();
    const optional = new Set<string>();
    for (;;) {
      this.space();
      if (this.text.charCodeAt(this.position) === 0x7d) {
        this.position++;
        break;
      }
      const quoted = this.text.charCodeAt(this.position) === 0x22;
      const name = quoted ? this.quoted() : this.identifier();
      if (name === "") {
        throw new TypeSyntaxError(`an attribute name is missing in an object type at "${this.text.slice(this.position, this.position + 20)}"`);
      }
      this.space();
      const separator = this.text.charCodeAt(this.position);
      if (separator !== 0x3d && separator !== 0x3a) {
        throw new TypeSyntaxError(`attribute "${name}" of an object type needs "=" and a type`);
      }
      this.position++;
      attributes.set(name, this.attributeType(nesting + 1, name, optional));
      this.space();
      if (this.text.charCodeAt(this.position) === 0x2c) {
        this.position++;
      }
    }
    const fields = [...attributes].map(([name, type]) => `${name}=${optional.has(name) ? `optional(${type.text})` : type.text}`);
    return { kind: "object", attributes, optional, text: `object({${fields.join(", ")}})` };
  }

  /** Reads the type of an object type's attribute, which may be optional(type) or optional(type, default). */
  private attributeType(nesting: number, name: string, optional: Set<string>): CtyType {
    this.space();
    const start = this.position;
    if (this.identifier() === "optional" && (this.space(), this.text.charCodeAt(this.position) === 0x28)) {
      this.position++;
      optional.add(name);
      const type = this.type(nesting + 1);
      this.space();
      if (this.text.charCodeAt(this.position) === 0x2c) {
        this.position++;
        this.skipExpression();
      }
      this.expect(0x29, ")");
      return type;
    }
    this.position = start;
    return this.type(nesting);
  }

  /** Skips an optional attribute's default value: everything up to the unbalanced ")". */
  private skipExpression(): void {
    let depth = 0;
    while (this.position < this.text.length) {
      const code = this.text.charCodeAt(this.position);
      if (code === 0x22) {
        this.quoted();
        continue;
      }
      if (code === 0x28 || code === 0x5b || code === 0x7b) {
        depth++;
      } else if (code === 0x29 || code === 0x5d || code === 0x7d) {
        if (depth === 0) {
          return;
        }
        depth--;
      }
      this.position++;
    }
  }

  private quoted(): string {
    const start = this.position;
    this.position++;
    while (this.position < this.text.length && this.text.charCodeAt(this.position) !== 0x22) {
      this.position += this.text.charCodeAt(this.position) === 0x5c ? 2 : 1;
    }
    this.position++;
    return this.text.slice(start + 1, this.position - 1);
  }

  private identifier(): string {
    const start = this.position;
    while (this.position < this.text.length && /[A-Za-z0-9_-]/.test(this.text[this.position]) && (this.position > start || /[A-Za-z_]/.test(this.text[this.position]))) {
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  private expect(code: number, what: string): void {
    this.space();
    if (this.text.charCodeAt(this.position) !== code) {
      throw new TypeSyntaxError(`"${what}" is missing ${this.position >= this.text.length ? "at the end" : `at "${this.text.slice(this.position, this.position + 20)}"`}`);
    }
    this.position++;
  }

  public space(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) {
      this.position++;
    }
  }
}
