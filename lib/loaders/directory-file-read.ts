/** Reads a directory file (CSV, JSON or YAML) into rows that remember where they came from. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { YAMLParseError, YAMLSeq, parseDocument } from "yaml";
import { SHOWN_LENGTH, problem, show } from "../problems/messages";
import { Problem } from "../problems/problem";
import { RowSubject, columnPlace, rowPlace } from "../core/origins";
import { invisibleCharacters } from "../core/rules";

/** One record of a directory file: a CSV row, or an entry of a JSON/YAML list. */
export interface SourceRow {
  /** The line the record starts on, as a text editor counts (a CSV header is line 1). */
  readonly line: number;
  /** Values by column (CSV: strings as written, empty cells left out) or field (JSON/YAML: as parsed), mapped headers under the column they fill. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** How a file's headers (CSV) or fields (JSON/YAML) name the columns they fill. */
export interface ColumnNames {
  /** The columns a header fills: the header itself unless mapped; none for a header left out. */
  fill(header: string): readonly string[];
  /** Whether a mapping names the header (then the file is of the kind it was asked to be). */
  maps(header: string): boolean;
}

/** Every header fills the column it names. */
const AS_WRITTEN: ColumnNames = { fill: (header) => [header], maps: () => false };

/** A parsed directory file. */
export interface SourceTable {
  /** The file as messages show it: relative to the working directory. */
  readonly file: string;
  /** The org (stack id) the file is loaded into, for messages; undefined outside a stack. */
  readonly org?: string;
  /** CSV files have one header for every row; JSON and YAML entries each have their own fields. */
  readonly format: "csv" | "json" | "yaml";
  /** CSV: the columns each header fills (none where a header is left out). */
  readonly header: readonly (readonly string[])[];
  /** The header (CSV) or field (JSON/YAML) each column's values came from, as the file writes it. */
  readonly columns: ReadonlyMap<string, string>;
  readonly rows: readonly SourceRow[];
}

/** What a file is read as: which columns make it that kind of file. */
export interface TableKind {
  /** "users" or "groups", as messages name the file. */
  readonly name: string;
  /** The columns every file of this kind has, as messages list them. */
  readonly required: readonly string[];
  /** Every column (CSV) or field (JSON/YAML) of this kind of file. */
  readonly columns: readonly string[];
  /** Whether a column or field belongs to this kind of file. */
  isColumn(column: string, format: SourceTable["format"]): boolean;
}

/**
 * Where a problem is: `users.csv line 7 (user e1006, org okta-dev), column "email"`, or in JSON and YAML
 * `users.yaml line 12 (user e1006, org okta-dev), field "email"` (the line the entry starts on).
 */
export function locate(table: Pick<SourceTable, "file" | "format" | "org">, line: number, column?: string, subject?: RowSubject): string {
  const at = rowPlace(table.file, line, subject, table.org);
  return column === undefined ? at : `${at}, ${columnPlace(table.format, column)}`;
}

/**
 * Reads and parses a file as UTF-8 (a byte order mark is dropped, in every format); on failure adds the
 * problem and returns undefined. A file none of whose columns belong to `kind` (a wrong path, or a link
 * to another file) is reported without showing any of its content. `org` (the stack id) is named in
 * messages about its lines; `names` maps the file's headers to the columns they fill.
 */
export function readTable(file: string, kind: TableKind, problems: Problem[], org?: string, names: ColumnNames = AS_WRITTEN): SourceTable | undefined {
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  const extension = path.extname(file).toLowerCase();
  const format = extension === ".csv" ? "csv" : extension === ".json" ? "json" : extension === ".yaml" || extension === ".yml" ? "yaml" : undefined;
  if (format === undefined) {
    problems.push(problem.directoryFileExtension(shown, extension));
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    problems.push(problem.directoryFileUnreadable(shown, (error as Error).message));
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = position(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, bad)));
    problems.push(problem.directoryNotUtf8(`${rowPlace(shown, line, undefined, org)}, column ${column}`, bytes[bad], format === "csv"));
    return undefined;
  }
  try {
    const table = { file: shown, org };
    return format === "csv" ? readCsv(table, kind, text, problems, names) : readList({ ...table, format }, kind, text, problems, names);
  } catch (error) {
    problems.push(problem.directoryFileSyntax(shown, syntaxReason(error, text)));
    return undefined;
  }
}

/**
 * The parser's reason without the file's content, which may be anything (a path pointing at the wrong
 * file): a YAML error's position instead of its excerpt of the line, and text another parser quotes
 * (csv-parse quotes the whole field) cut like every value in these messages.
 */
function syntaxReason(error: unknown, text: string): string {
  if (error instanceof YAMLParseError) {
    const { line, column } = position(text.slice(0, error.pos[0]));
    return `${error.message} at line ${line}, column ${column}`;
  }
  return (error as Error).message.replace(/"([^"]*)"/g, (quoted, inner: string) => (quoted.length <= SHOWN_LENGTH ? quoted : show(inner)));
}

/** The 1-based line and column just after `before`, the text that precedes a position. */
function position(before: string): { line: number; column: number } {
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let at = before.indexOf("\n"); at !== -1; at = before.indexOf("\n", at + 1)) line++;
  return { line, column: before.length - lineStart + 1 };
}

/**
 * The offset of the first byte that starts no valid UTF-8 sequence, as the WHATWG decoder (TextDecoder)
 * judges it: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at];
    if (lead < 0x80) {
      at++;
      continue;
    }
    // Trailing bytes after the lead, and the range of the first one (the later ones are 0x80-0xBF).
    const [trailing, low, high] =
      lead >= 0xc2 && lead <= 0xdf ? [1, 0x80, 0xbf]
      : lead === 0xe0 ? [2, 0xa0, 0xbf]
      : lead === 0xed ? [2, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [2, 0x80, 0xbf]
      : lead === 0xf0 ? [3, 0x90, 0xbf]
      : lead >= 0xf1 && lead <= 0xf3 ? [3, 0x80, 0xbf]
      : lead === 0xf4 ? [3, 0x80, 0x8f]
      : [0, 0, 0];
    if (trailing === 0 || !(bytes[at + 1] >= low && bytes[at + 1] <= high)) return at;
    for (let k = 2; k <= trailing; k++) if (!(bytes[at + k] >= 0x80 && bytes[at + k] <= 0xbf)) return at;
    at += trailing + 1;
  }
  return at;
}

/**
 * csv-parse yields plain arrays here (no `columns`, `skip_empty_lines` or `info`): naming and skipping
 * in this loop is twice as fast at 100,000 rows, and counting the newlines inside quoted cells gives
 * each record the line it starts on. Cells are kept as written: the loader rejects invisible characters
 * at either end instead of trimming them away.
 */
function readCsv(source: { file: string; org?: string }, kind: TableKind, text: string, problems: Problem[], names: ColumnNames): SourceTable | undefined {
  const table = { ...source, format: "csv" as const };
  const file = source.file;
  const records: string[][] = parseCsv(text, { relax_column_count: true });
  const written = records[0] ?? [];
  // A header with invisible characters at its ends is reported below and read without them, so that it
  // is not also an unknown column, and its column not also missing.
  const bare = written.map((header) => (invisibleCharacters(header) === undefined ? header : header.trim()));
  const header = bare.map((name) => names.fill(name));
  if (written.length > 0 && !bare.some((name, j) => names.maps(name) || header[j].some((column) => belongs(kind, column, "csv")))) {
    problems.push(problem.directoryNotThatKind(file, kind.name, "csv", kind.required));
    return undefined;
  }
  const columns = new Map<string, string>();
  written.forEach((raw, j) => {
    const invisible = invisibleCharacters(raw);
    if (invisible !== undefined) problems.push(problem.directoryInvisible(locate(table, 1, raw), raw, invisible.found, invisible.fix));
    for (const column of header[j]) {
      const first = columns.get(column);
      if (first === undefined) columns.set(column, bare[j]);
      else problems.push(first === bare[j] ? problem.directoryDuplicateColumn(locate(table, 1, raw)) : problem.directoryFilledTwice(locate(table, 1, raw), column, first));
    }
  });
  const rows: SourceRow[] = [];
  let line = 1 + newlines(written);
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    const start = ++line;
    line += newlines(record);
    if (record.length === 1 && record[0].trim() === "") continue;
    if (record.length !== header.length) {
      problems.push(problem.directoryFieldCount(locate(table, start), record.length, header.length));
      continue;
    }
    const values: Record<string, string> = {};
    for (let j = 0; j < record.length; j++) {
      if (record[j] === "") continue;
      for (const column of header[j]) values[column] = record[j];
    }
    rows.push({ line: start, values });
  }
  return { ...table, header, columns, rows };
}

/** Line breaks inside a record's (quoted) cells. */
function newlines(record: readonly string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let at = cell.indexOf("\n"); at !== -1; at = cell.indexOf("\n", at + 1)) count++;
  }
  return count;
}

function readList(table: { file: string; org?: string; format: "json" | "yaml" }, kind: TableKind, text: string, problems: Problem[], names: ColumnNames): SourceTable | undefined {
  const { file, format } = table;
  const { data, starts } = format === "json" ? readJson(text) : readYaml(text);
  if (!Array.isArray(data)) {
    problems.push(problem.directoryNotAList(file));
    return undefined;
  }
  const isEntry = (entry: unknown): entry is Record<string, unknown> => typeof entry === "object" && entry !== null && !Array.isArray(entry);
  const fits = (field: string) => names.maps(field) || names.fill(field).some((column) => belongs(kind, column, format));
  if (data.length > 0 && !data.some((entry) => isEntry(entry) && Object.keys(entry).some(fits))) {
    problems.push(problem.directoryNotThatKind(file, kind.name, format, kind.required));
    return undefined;
  }
  const lines = linesOf(text, starts);
  const columns = new Map<string, string>();
  const rows: SourceRow[] = [];
  data.forEach((entry: unknown, index) => {
    if (!isEntry(entry)) {
      problems.push(problem.directoryEntryNotObject(locate(table, lines[index]), entry));
      return;
    }
    const renamed: [string, unknown][] = [];
    const filled = new Map<string, string>();
    for (const [field, value] of Object.entries(entry)) {
      for (const column of names.fill(field)) {
        const first = filled.get(column);
        if (first !== undefined) {
          problems.push(problem.directoryFilledTwice(locate(table, lines[index], field), column, first));
          continue;
        }
        filled.set(column, field);
        if (!columns.has(column)) columns.set(column, field);
        renamed.push([column, value]);
      }
    }
    // Object.fromEntries defines own keys, "__proto__" too: the loader reports that one as a field.
    rows.push({ line: lines[index], values: Object.fromEntries(renamed) });
  });
  return { ...table, header: [], columns, rows };
}

/** A parsed JSON or YAML file, with the offset each entry of a top-level list starts at. */
interface ParsedList {
  readonly data: unknown;
  readonly starts: readonly number[];
}

/** JSON.parse for the values; one scan of the (then valid) text for where each top-level entry starts. */
function readJson(text: string): ParsedList {
  const data: unknown = JSON.parse(text);
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectEntry = false;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (inString) {
      if (c === BACKSLASH) at++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === SPACE || c === NEWLINE || c === RETURN || c === TAB) continue;
    if (expectEntry && depth === 1 && c !== CLOSE_BRACKET) starts.push(at);
    expectEntry = false;
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) expectEntry = ++depth === 1 && c === OPEN_BRACKET;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
    else if (c === COMMA && depth === 1) expectEntry = true;
  }
  return { data, starts };
}

const [BACKSLASH, QUOTE, SPACE, NEWLINE, RETURN, TAB, COMMA] = ["\\", '"', " ", "\n", "\r", "\t", ","].map((c) => c.charCodeAt(0));
const [OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE] = ["[", "]", "{", "}"].map((c) => c.charCodeAt(0));

/** The YAML document's value, as yaml's parse() gives it (its warnings emitted, its first error thrown), and where each entry starts. */
function readYaml(text: string): ParsedList {
  const doc = parseDocument(text, { prettyErrors: false });
  for (const warning of doc.warnings) process.emitWarning(warning);
  if (doc.errors.length > 0) throw doc.errors[0];
  const starts = doc.contents instanceof YAMLSeq ? doc.contents.items.map((item) => item?.range[0] ?? 0) : [];
  return { data: doc.toJS(), starts };
}

/** The 1-based line of each offset (in ascending order), counting newlines once through the text. */
function linesOf(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (let next = text.indexOf("\n", at); next !== -1 && next < offset; next = text.indexOf("\n", next + 1)) {
      line++;
      at = next + 1;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Whether a column is one of the kind's, or the same but for case and separators ("First Name",
 * "first_name"): then the file is that kind of file with a misspelt column, reported as such.
 */
function belongs(kind: TableKind, column: string, format: SourceTable["format"]): boolean {
  if (kind.isColumn(column, format)) return true;
  const loose = (name: string) => name.toLowerCase().replace(/[\s_.-]/g, "");
  const wanted = loose(column);
  return kind.columns.some((known) => loose(known) === wanted);
}
