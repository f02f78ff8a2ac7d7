/**
 * The bytes cdktf 0.21 writes for a stack (`json-stable-stringify` 1.3.0 with `{ space: 2 }`: keys
 * sorted, two-space indentation, an empty object or array written over two lines), streamed to the
 * file in chunks instead of built as one string: at 100,000 users that string is 30 MB, its rope
 * and flattening about a third of the synth's peak memory.
 */
import * as fs from "node:fs";

/** Characters gathered before they are written: big enough for few system calls, small next to the JSON. */
const CHUNK = 1 << 20;

/**
 * Writes `value` as json-stable-stringify(value, { space: 2 }) would, byte for byte, to `file`;
 * `plain` is true when the value is plain JSON, so that it holds exactly what parsing the file back
 * would give (but for the order of object keys): only plain objects and arrays, strings, finite
 * numbers (no -0), booleans and null; no undefined, no function, no toJSON. On an error (a cycle,
 * a BigInt) nothing is left at `file`, and the error is the one json-stable-stringify throws.
 */
export function writeStableJson(file: string, value: unknown, options: StableJsonOptions = {}): StableJsonWritten {
  const writer = new StableJsonWriter(fs.openSync(file, "w"), options.suspect);
  try {
    writer.write(value);
    writer.close();
  } catch (error) {
    writer.abandon(file);
    throw error;
  }
  return { plain: writer.plain, suspectStrings: writer.suspectStrings, depth: writer.depth };
}

/** Options of writeStableJson. */
export interface StableJsonOptions {
  /** Tried on every string value written (not on keys), while it is at hand: a check that needs no walk of its own. @default - none */
  readonly suspect?: (value: string) => boolean;
}

/** What writeStableJson wrote. */
export interface StableJsonWritten {
  /** The value is plain JSON (see writeStableJson). */
  readonly plain: boolean;
  /** Some string value was `suspect` (always false without one). */
  readonly suspectStrings: boolean;
  /** How deep the arrays and objects written nest (1 for an object of strings, 0 for a string). */
  readonly depth: number;
}

/** "\n" and two spaces per level, and the same after a comma, by level. */
const INDENTS: string[] = ["\n"];
const SEPARATORS: string[] = [",\n"];
function indentOf(level: number): string {
  for (let i = INDENTS.length; i <= level; i++) {
    INDENTS.push(`${INDENTS[i - 1]}  `);
    SEPARATORS.push(`,${INDENTS[i]}`);
  }
  return INDENTS[level];
}

/**
 * An object's keys in json-stable-stringify's order (Array.prototype.sort's: by UTF-16 code units, as
 * `<` compares strings); a small object's by insertion, several times faster than sort() for a handful.
 */
function sortedKeys(node: object): string[] {
  const keys = Object.keys(node);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What json-stable-stringify writes for a value: what toJSON gives, if the value has one. */
function resolved(value: unknown): unknown {
  return value && typeof (value as { toJSON?: unknown }).toJSON === "function" ? (value as { toJSON(): unknown }).toJSON() : value;
}

/** A value json-stable-stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

class StableJsonWriter {
  /** False once a value was written that JSON.parse would not give back as it is. */
  public plain = true;
  /** True once a string value was suspect. */
  public suspectStrings = false;
  /** The deepest nesting of arrays and objects written so far. */
  public depth = 0;
  private buffer = "";
  /** The objects being written, outermost first (json-stable-stringify's cycle check). */
  private readonly open = new Set<object>();
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly suspect?: (value: string) => boolean,
  ) {}

  /** Notes whether a string value is suspect (until one is). */
  private tried(value: string): void {
    if (this.suspect !== undefined && !this.suspectStrings && this.suspect(value)) this.suspectStrings = true;
  }

  public write(value: unknown): void {
    const node = this.resolve(value);
    // json-stable-stringify returns undefined for such a value, which fs.writeFileSync rejects.
    if (omitted(node)) throw new TypeError(`The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${typeof node}`);
    this.value(node, 0);
  }

  public close(): void {
    this.flush();
    this.closed = true;
    fs.closeSync(this.fd);
  }

  public abandon(file: string): void {
    if (!this.closed) fs.closeSync(this.fd);
    fs.rmSync(file, { force: true });
  }

  private emit(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.buffer.length > 0) fs.writeSync(this.fd, this.buffer);
    this.buffer = "";
  }

  /** The value to write for `value` (see resolved), noting what makes the output differ from the value. */
  private resolve(value: unknown): unknown {
    const node = resolved(value);
    if (node !== value || omitted(node)) this.plain = false;
    return node;
  }

  /** Emits a resolved value that is not omitted, at `level`. */
  private value(node: unknown, level: number): void {
    if (typeof node === "string") {
      this.tried(node);
      this.emit(JSON.stringify(node));
      return;
    }
    if (typeof node !== "object" || node === null) {
      if (typeof node === "number" && (!Number.isFinite(node) || (node === 0 && 1 / node < 0))) this.plain = false;
      this.emit(JSON.stringify(node) as string);
      return;
    }
    const inner = indentOf(level + 1);
    if (level + 1 > this.depth) this.depth = level + 1;
    if (Array.isArray(node)) {
      this.emit("[");
      for (let i = 0; i < node.length; i++) {
        this.emit(i === 0 ? inner : SEPARATORS[level + 1]);
        const item = this.resolve(node[i]);
        if (omitted(item)) this.emit("null");
        else this.value(item, level + 1);
      }
      this.emit(`${indentOf(level)}]`);
      return;
    }
    if (this.open.has(node)) throw new TypeError("Converting circular structure to JSON");
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) this.plain = false;
    this.open.add(node);
    const keys = sortedKeys(node);
    let before = `{${inner}`;
    let empty = true;
    for (const key of keys) {
      const member = this.resolve((node as Record<string, unknown>)[key]);
      if (omitted(member)) continue;
      // A string (most values) goes out with its key in one piece.
      if (typeof member === "string") {
        this.tried(member);
        this.emit(before + JSON.stringify(key) + ": " + JSON.stringify(member));
      }
      else {
        this.emit(before + JSON.stringify(key) + ": ");
        this.value(member, level + 1);
      }
      before = SEPARATORS[level + 1];
      empty = false;
    }
    if (empty) this.emit("{");
    this.emit(`${indentOf(level)}}`);
    this.open.delete(node);
  }
}
