/**
 * Parses Terraform JSON text as Terraform reads it. JSON.parse keeps only the last value of a
 * key that an object repeats; Terraform keeps them all: a repeated block key is one more block
 * (two "resource" keys declare the resources of both), a repeated argument is an error. So a
 * repeated key becomes a {@link RepeatedKey} holding every value in order, and the module checker
 * decides which of the two it is. Iterative, so that no nesting depth overflows the stack.
 */

/** The values of a key written more than once in one JSON object, in the order written. */
export class RepeatedKey extends Array<unknown> {}

/** True for the values of a repeated key. */
export function isRepeatedKey(value: unknown): value is RepeatedKey {
  return value instanceof RepeatedKey;
}

/** Parses JSON text, keeping repeated keys; throws JSON.parse's SyntaxError for text that is not JSON. */
export function parseTerraformJsonText(text: string): unknown {
  // JSON.parse checks the syntax and words the errors; the parser below then runs only on valid JSON.
  const parsed: unknown = JSON.parse(text);
  return hasRepeatedKey(text) ? parseKeepingRepeats(text) : parsed;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The index after the string literal that starts at `start` (a quote). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return quote + 1;
    }
    i = quote + 1;
  }
}

/** The value of the string literal text[start, end). */
function stringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf("\\") < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

/** The index of the next character that is not white space. */
function skipSpace(text: string, start: number): number {
  let i = start;
  while (isSpace(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** True when some object in the (valid) JSON text has a key twice. */
function hasRepeatedKey(text: string): boolean {
  // One set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys && text.charCodeAt(skipSpace(text, end)) === COLON) {
        const key = stringValue(text, i, end);
        if (keys.has(key)) {
          return true;
        }
        keys.add(key);
      }
      i = end;
    } else {
      if (code === OPEN_BRACE) {
        open.push(new Set());
      } else if (code === OPEN_BRACKET) {
        open.push(null);
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        open.pop();
      }
      i++;
    }
  }
  return false;
}

/** An object or array being filled, with the key its next value goes to. */
interface Open {
  readonly container: Record<string, unknown> | unknown[];
  key: string | undefined;
}

/** Sets an own property, as JSON.parse does, even for the key "__proto__". */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Parses valid JSON text, turning every repeated key into a {@link RepeatedKey}. */
function parseKeepingRepeats(text: string): unknown {
  const open: Open[] = [];
  let result: unknown;
  const put = (value: unknown): void => {
    const parent = open[open.length - 1];
    if (parent === undefined) {
      result = value;
    } else if (Array.isArray(parent.container)) {
      parent.container.push(value);
    } else {
      const object = parent.container;
      const key = parent.key!;
      if (!Object.prototype.hasOwnProperty.call(object, key)) {
        setOwn(object, key, value);
      } else if (isRepeatedKey(object[key])) {
        (object[key] as RepeatedKey).push(value);
      } else {
        setOwn(object, key, RepeatedKey.of(object[key], value));
      }
      parent.key = undefined;
    }
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === COMMA || code === COLON) {
      i++;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const container = code === OPEN_BRACE ? {} : [];
      put(container);
      open.push({ container, key: undefined });
      i++;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      open.pop();
      i++;
    } else if (code === QUOTE) {
      const end = stringEnd(text, i);
      const value = stringValue(text, i, end);
      const parent = open[open.length - 1];
      if (parent !== undefined && !Array.isArray(parent.container) && parent.key === undefined) {
        parent.key = value;
      } else {
        put(value);
      }
      i = end;
    } else {
      let end = i;
      while (end < text.length && !isSpace(text.charCodeAt(end)) && ![COMMA, CLOSE_BRACE, CLOSE_BRACKET].includes(text.charCodeAt(end))) {
        end++;
      }
      put(JSON.parse(text.slice(i, end)));
      i = end;
    }
  }
  return result;
}
