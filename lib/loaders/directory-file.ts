import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { OktaGroup, OktaGroupProps } from "../constructs/group";
import { OktaOrgStack } from "../stacks/org-stack";
import { USER_STATUSES, isEmail, isLogin, isTerraformName } from "../core/checks";
import { ColumnNames, SourceRow, SourceTable, TableKind, locate, readTable } from "./directory-file-read";
import { OktaDirectory } from "../core/directory";
import { OktaSynthError, problem, show } from "../problems/messages";
import { Problem } from "../problems/problem";
import { warnOnce } from "../core/warnings";
import { FileLoad, ORGS_PLACEHOLDER, RowSubject, columnPlace, inOrgs, loadsOfFile, orgOf, orgPath, recordLoad, recordOrigin, rowPlace } from "../core/origins";
import { LimitedProfileField, PROFILE_MAX_LENGTHS, describeType, invisibleCharacters, overLength } from "../core/rules";
import { suggest } from "../util/suggest";
import { CustomPropertyEntry } from "../core/entries";
import { CustomProfileValue, OktaUser, OktaUserProfile, OktaUserProps, PROFILE_ATTRIBUTES, UserStatus } from "../constructs/user";

/**
 * Headers of a data file and the columns they fill, e.g. `{ "Employee ID": "id", "Work Email": ["login",
 * "email"], "Legal Entity": "custom.legal_entity", "Okta ID (prod)": "importId@okta-prod" }` (a header
 * may fill several columns).
 */
export interface DirectoryColumns {
  readonly [header: string]: string | readonly string[];
}

/** The files loadDirectory reads; each may be .csv, .json, .yaml or .yml, in UTF-8 (a byte order mark is allowed). */
export interface DirectoryFiles {
  /**
   * People, one per row (CSV) or entry (a JSON/YAML list of objects). Required columns: login, email,
   * firstName, lastName. Optional: id (recommended: without it the id, and so the Terraform address,
   * comes from the login, and a login change would replace the user), renamedFrom, status, importId, groups (group ids separated by ";", or a
   * JSON/YAML list), every OktaUser profile field by its prop name (department, costCenter, ...) and
   * custom attributes as `custom.<index>` columns (or a `customProfile` object in JSON/YAML).
   * A CSV cell of a custom attribute is converted to the type its OktaUserSchemaProperty declares
   * (integer, number, boolean; an array's items separated by ";"); JSON/YAML values keep their types.
   * An empty cell means "not set". `<column>@<org>` (e.g. `importId@okta-prod`) gives one org (stack id)
   * its own value of any column but id, login, renamedFrom, groups and customProfile.
   * @default - no users
   */
  readonly users?: string;
  /**
   * Groups, one per row or entry. Required columns: id, name. Optional: description, importId,
   * renamedFrom; `name`, `description` and `importId` may have a column per org (`importId@okta-prod`).
   * @default - no groups
   */
  readonly groups?: string;
  /**
   * The columns the files' headers (or JSON/YAML fields) fill, for files as an HR system exports them:
   * `{ "Employee ID": "id", "Work Email": "email" }`; a header of either file may be mapped. Or the path
   * of a JSON file holding `{ "columns": { ... }, "ignoreColumns": [ ... ] }`, e.g. next to the data.
   * @default - every header is the column it names
   */
  readonly columns?: DirectoryColumns | string;
  /**
   * Headers (or JSON/YAML fields) to leave out, e.g. `["Manager", "Cost Center"]`; any other column the
   * loader does not know is an error.
   * @default - none
   */
  readonly ignoreColumns?: string[];
}

/** What loadDirectory created, by id (the construct id, which is also the Terraform resource name). */
export interface LoadedDirectory {
  readonly users: Map<string, OktaUser>;
  readonly groups: Map<string, OktaGroup>;
}

/** The column of a users file holding the ids of the groups a user is an explicit member of. */
const GROUPS_COLUMN = "groups";
/** Users-file columns that are custom profile attributes start with this; the rest is the index. */
const CUSTOM_PREFIX = "custom.";
/** Separates group ids, and the items of a custom attribute array, in a CSV cell. */
const LIST_SEPARATOR = ";";
/** Separates a column from the org (stack id) it holds that org's own values for: `importId@okta-prod`. */
const ORG_SEPARATOR = "@";

const REQUIRED_USER_COLUMNS = ["login", "email", "firstName", "lastName"] as const;
const PROFILE_COLUMNS = Object.keys(PROFILE_ATTRIBUTES) as (keyof OktaUserProfile)[];
const USER_COLUMNS = ["id", ...REQUIRED_USER_COLUMNS, "status", "importId", "renamedFrom", GROUPS_COLUMN, ...PROFILE_COLUMNS, `${CUSTOM_PREFIX}<index>`];
const REQUIRED_GROUP_COLUMNS = ["id", "name"] as const;
const GROUP_COLUMNS = [...REQUIRED_GROUP_COLUMNS, "description", "importId", "renamedFrom"];
/** snake_case spellings (as in Terraform) of the camelCase columns, for "did you mean". */
const SNAKE_CASE: ReadonlyMap<string, string> = new Map([
  ["first_name", "firstName"],
  ["last_name", "lastName"],
  ["import_id", "importId"],
  ["renamed_from", "renamedFrom"],
  ["custom_profile", "customProfile"],
  ...Object.entries(PROFILE_ATTRIBUTES).map(([prop, attribute]): [string, string] => [attribute, prop]),
]);
/** At most this many problems are listed; the error says how many more there were. */
const MAX_LISTED_PROBLEMS = 200;
/**
 * Rejected wherever it names a field: no Okta attribute is called so (names start with a letter), and
 * the objects rows are read into would not keep it as data (an assignment sets their prototype).
 */
const PROTO_KEY = "__proto__";
/** Ids a construct cannot have: the constructs library keeps children in a plain object, where these are Object.prototype's. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A kind of file, and what its rows describe. */
interface DirectoryTableKind extends TableKind {
  readonly kind: RowSubject["kind"];
  /** Columns that identify a row, the same in every org: never `<column>@<org>`. */
  readonly shared: readonly string[];
  /** The user or group a row describes, by the id it will have, where the row says (messages name it). */
  subject(row: SourceRow): RowSubject | undefined;
}

const USERS_FILE: DirectoryTableKind = {
  name: "users",
  kind: "user",
  required: REQUIRED_USER_COLUMNS,
  columns: [...USER_COLUMNS, "customProfile"],
  shared: ["id", "login", "renamedFrom", GROUPS_COLUMN, "customProfile"],
  isColumn: isUserColumn,
  subject: (row) => {
    const id = cell(row, "id");
    const login = cell(row, "login");
    if (id !== undefined && id !== null && id !== "") return typeof id === "string" && isTerraformName(id) ? { kind: "user", id } : undefined;
    return typeof login === "string" && login !== "" ? { kind: "user", id: userIdFromLogin(login) } : undefined;
  },
};
const GROUPS_FILE: DirectoryTableKind = {
  name: "groups",
  kind: "group",
  required: REQUIRED_GROUP_COLUMNS,
  columns: GROUP_COLUMNS,
  shared: ["id", "renamedFrom"],
  isColumn: (c) => {
    const { field, org } = splitColumn(c);
    return org !== "" && GROUP_COLUMNS.includes(field);
  },
  subject: (row) => {
    const id = cell(row, "id");
    return typeof id === "string" && isTerraformName(id) ? { kind: "group", id } : undefined;
  },
};

/**
 * The construct id of a user whose row has no id: the login in lower case, with "@" written "_at_" and
 * every character other than a letter, digit, "_" or "-" written "_"; prefixed with "_" when it would
 * not start with a letter or "_". "Jane.Doe@example.com" becomes "jane_doe_at_example_com".
 */
export function userIdFromLogin(login: string): string {
  const id = login.toLowerCase().replace(/@/g, "_at_").replace(/[^a-z0-9_-]/g, "_");
  return /^[a-z_]/.test(id) ? id : `_${id}`;
}

/**
 * Loads users and groups from CSV, JSON or YAML files into OktaUser and OktaGroup constructs in
 * `scope`, with explicit memberships from the users file's groups column.
 *
 * Every file is checked before anything is created: encoding, missing or unknown columns (after the
 * column mapping), missing values, invisible characters at either end of a value (nothing is trimmed),
 * login, email and status syntax, the lengths Okta allows, custom attribute cells against the types the
 * org's OktaUserSchemaProperty constructs declare (declare them first: cells are converted as they are
 * read), duplicate ids, logins and group names, and memberships naming a group the groups file does
 * not define. All problems are thrown together as one OktaSynthError, each naming the file, line (as a
 * text editor counts: a CSV header is line 1), the row's user or group and org, and the column as the
 * file names it. The constructs run their own checks at synth as usual and name the file, line and
 * column a user or group came from; a file loaded into several orgs reports a problem they share once,
 * naming them all, and may not give every org the same import ids.
 */
export function loadDirectory(scope: Construct, files: DirectoryFiles): LoadedDirectory {
  const problems: Problem[] = [];
  const org = orgOf(scope);
  const names = columnMapping(files, problems);
  if (names === undefined) throw new OktaSynthError(problems);
  const declared = org === undefined ? new Map<string, CustomPropertyEntry>() : OktaDirectory.of(scope).customProperties();
  const groupsTable = files.groups === undefined ? undefined : readTable(files.groups, GROUPS_FILE, problems, org, names);
  const usersTable = files.users === undefined ? undefined : readTable(files.users, USERS_FILE, problems, org, names);
  const groupRows = groupsTable ? checkGroups(groupsTable, names, problems) : [];
  const knownGroups = new Set(groupRows.map((g) => g.id));
  const derivedIds: string[] = [];
  const users = usersTable ? checkUsers(usersTable, knownGroups, declared, names, problems, derivedIds) : undefined;
  names.checkUsed([groupsTable, usersTable].flatMap((table) => (table ? [table.file] : [])), problems);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(problem.directoryMoreProblems(problems.length - listed.length));
    throw new OktaSynthError(listed);
  }

  if (files.users !== undefined && derivedIds.length > 0) {
    warnOnce(scope, problem.directoryDerivedIds(files.users, derivedIds.length, derivedIds[0]));
  }
  const groups = new Map<string, OktaGroup>();
  if (groupsTable) {
    const load = recordFile(scope, groupsTable, "group", groupRows);
    for (const { id, props, line } of groupRows) {
      const group = new OktaGroup(scope, id, props);
      recordOrigin(group, load, line);
      groups.set(id, group);
    }
  }
  const loadedUsers = new Map<string, OktaUser>();
  if (usersTable && users) {
    const load = recordFile(scope, usersTable, "user", users.rows, users);
    for (const { id, props, groupIds, line } of users.rows) {
      // A sharded org's users go into their user shard stacks; groups stay in the org's stack.
      const userScope = scope instanceof OktaOrgStack ? scope.userScope(id) : scope;
      const user = new OktaUser(userScope, id, { ...props, groups: groupIds.map((groupId) => groups.get(groupId)!) });
      recordOrigin(user, load, line);
      loadedUsers.set(id, user);
    }
  }
  return { users: loadedUsers, groups };
}

interface GroupRow {
  readonly id: string;
  readonly line: number;
  readonly props: OktaGroupProps;
}

interface UserRow {
  readonly id: string;
  readonly line: number;
  readonly props: OktaUserProps;
  readonly groupIds: string[];
}

/** A column and the org it holds values for: `importId@okta-prod` is importId for okta-prod; `importId` for every org. */
function splitColumn(column: string): { field: string; org?: string } {
  const at = column.indexOf(ORG_SEPARATOR);
  return at <= 0 ? { field: column } : { field: column.slice(0, at), org: column.slice(at + 1) };
}

/** The per-org columns of a file for one org: field -> the column (`importId@okta-prod`) whose value wins. */
function overridesFor(table: SourceTable): Map<string, string> {
  const overrides = new Map<string, string>();
  if (table.org === undefined) return overrides;
  for (const column of table.columns.keys()) {
    const { field, org } = splitColumn(column);
    if (org === table.org) overrides.set(field, column);
  }
  return overrides;
}

/** The file's columns as this org reads them (field -> header as written), for messages at synth. */
function columnsFor(table: SourceTable, nested: ReadonlyMap<string, string>): Map<string, string> {
  const columns = new Map<string, string>(nested);
  for (const [column, written] of table.columns) if (splitColumn(column).org === undefined) columns.set(column, written);
  for (const [field, column] of overridesFor(table)) columns.set(field, table.columns.get(column)!);
  return columns;
}

/** Headers mapped to columns (the `columns` option or file) and headers left out (`ignoreColumns`). */
class ColumnMapping implements ColumnNames {
  private readonly seen = new Set<string>();

  constructor(
    /** Where the mapping was given, as messages name it. */
    private readonly source: string,
    public readonly columns: ReadonlyMap<string, readonly string[]>,
    public readonly ignored: ReadonlySet<string>,
  ) {}

  public fill(header: string): readonly string[] {
    this.seen.add(header);
    return this.ignored.has(header) ? [] : (this.columns.get(header) ?? [header]);
  }

  public maps(header: string): boolean {
    return this.columns.has(header);
  }

  /** Mapped or ignored headers that no file has: a typo, or a header the export no longer has. */
  public checkUsed(files: readonly string[], problems: Problem[]): void {
    if (files.length === 0) return;
    for (const [option, headers] of [["columns", [...this.columns.keys()]], ["ignoreColumns", [...this.ignored]]] as const) {
      for (const header of headers) {
        if (!this.seen.has(header)) problems.push(problem.directoryMappingUnused(this.source, option, header, files, suggest(header, this.seen)));
      }
    }
  }
}

/**
 * The column mapping of the options (or of the columns file they name), with its problems; undefined
 * when the columns file cannot be used (the data files would only repeat that as unknown columns).
 */
function columnMapping(files: DirectoryFiles, problems: Problem[]): ColumnMapping | undefined {
  let source = "loadDirectory";
  let columns: unknown = files.columns ?? {};
  let ignored: unknown = files.ignoreColumns ?? [];
  if (typeof files.columns === "string") {
    source = path.relative(process.cwd(), path.resolve(files.columns)) || files.columns;
    const fromFile = readColumnsFile(files.columns, source, problems);
    if (fromFile === undefined) return undefined;
    columns = fromFile.columns ?? {};
    ignored = [...(files.ignoreColumns ?? []), ...((fromFile.ignoreColumns as unknown[] | undefined) ?? [])];
  }
  const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
  const isColumns = (v: unknown) => (typeof v === "string" && v !== "") || (isStrings(v) && v.length > 0 && v.every((c) => c !== ""));
  const isMap = (value: unknown): value is Record<string, string | string[]> =>
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every(isColumns);
  if (!isMap(columns)) {
    problems.push(problem.directoryMappingFile(source, '"columns" must map each header to the name of a column (or a list of them), as text'));
    columns = {};
  }
  if (!isStrings(ignored)) {
    problems.push(problem.directoryMappingFile(source, '"ignoreColumns" must be a list of headers, as text'));
    ignored = [];
  }
  const mapped = new Map(Object.entries(columns as Record<string, string | string[]>).map(([header, to]): [string, readonly string[]] => [header, [to].flat()]));
  const left = new Set(ignored as string[]);
  for (const header of left) if (mapped.has(header)) problems.push(problem.directoryMappedAndIgnored(`${source}: ${show(header)}`));
  return new ColumnMapping(source, mapped, left);
}

/** A columns file: `{ "columns": { "<header>": "<column>" }, "ignoreColumns": ["<header>"] }`; undefined (with the problem) when it cannot be used. */
function readColumnsFile(file: string, shown: string, problems: Problem[]): { columns?: unknown; ignoreColumns?: unknown } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    problems.push(problem.directoryFileUnreadable(shown, (error as Error).message));
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    problems.push(problem.directoryMappingFile(shown, `not valid JSON (${(error as Error).message})`));
    return undefined;
  }
  const isObject = typeof data === "object" && data !== null && !Array.isArray(data);
  const extra = isObject ? Object.keys(data as object).filter((key) => key !== "columns" && key !== "ignoreColumns") : [];
  if (!isObject || extra.length > 0) {
    problems.push(problem.directoryMappingFile(shown, isObject ? `it has ${extra.map((key) => show(key)).join(", ")}, which a columns file does not` : "not a JSON object"));
    return undefined;
  }
  return data as { columns?: unknown; ignoreColumns?: unknown };
}

/** What the whole-file checks need to know about one org's load of a file. */
interface LoadFacts {
  readonly scope: IConstruct;
  /** Every column of the file (other orgs' too), with the header or field it came from. */
  readonly columns: ReadonlyMap<string, string>;
  /** CSV users files: the custom attributes the file has a column for, and the type their cells were converted to (undefined: not declared when read). */
  readonly customTypes: ReadonlyMap<string, string | undefined>;
  /** The columns some row gave a value: `importId` (the column for every org) and custom attributes (`custom.<index>`). */
  readonly valued: ReadonlySet<string>;
  /** How many users or groups the file made. */
  readonly rows: number;
}

const loadFacts = new WeakMap<FileLoad, LoadFacts>();

/** What loading a users file found beyond its rows. */
interface UsersRead {
  readonly rows: UserRow[];
  /** JSON/YAML: `custom.<index>` -> `customProfile.<index>` for attributes written in a customProfile object. */
  readonly nested: ReadonlyMap<string, string>;
  readonly customTypes: ReadonlyMap<string, string | undefined>;
}

/** Records one org's load of a file, for messages and for the whole-file checks that run at synth. */
function recordFile(scope: Construct, table: SourceTable, kind: RowSubject["kind"], rows: readonly { props: OktaUserProps | OktaGroupProps }[], users?: UsersRead): FileLoad {
  const load = recordLoad(scope, { file: table.file, format: table.format, kind, org: table.org, columns: columnsFor(table, users?.nested ?? new Map()) });
  if (table.org === undefined) return load;
  const valued = new Set<string>();
  if (table.rows.some((row) => cell(row, "importId") !== undefined)) valued.add("importId");
  for (const { props } of rows) for (const index of Object.keys((props as OktaUserProps).customProfile ?? {})) valued.add(`${CUSTOM_PREFIX}${index}`);
  loadFacts.set(load, { scope, columns: table.columns, customTypes: users?.customTypes ?? new Map(), valued, rows: rows.length });
  OktaDirectory.of(scope).addFileCheck(() => fileProblems(load));
  return load;
}

/**
 * The whole-file problems of one org's load: the same file loaded into several orgs reports a problem
 * they share once (every org's check renders it the same, naming them all).
 */
function fileProblems(load: FileLoad): Problem[] {
  const { scope } = loadFacts.get(load)!;
  const loads = loadsOfFile(load, scope).filter((other) => loadFacts.has(other));
  const orgs = unique(loads.map((other) => other.org!));
  const found = new Map(loads.map((other) => [other, neutralFileProblems(other, orgs)]));
  const holds = (other: FileLoad, shared: Problem) => found.get(other)!.some((theirs) => theirs.message === shared.message);
  return found.get(load)!.map((shared) => ({ ...shared, message: inOrgs(shared.message, unique(loads.filter((other) => holds(other, shared)).map((other) => other.org!))) }));
}

/** A load's whole-file problems, with the orgs left for inOrgs. `orgs`: every org the file feeds. */
function neutralFileProblems(load: FileLoad, orgs: readonly string[]): Problem[] {
  const facts = loadFacts.get(load)!;
  const at = (column?: string) => {
    const file = load.format === "csv" ? rowPlace(load.file, 1, undefined, ORGS_PLACEHOLDER) : `${load.file} (${ORGS_PLACEHOLDER})`;
    return column === undefined ? file : `${file}, ${columnPlace(load.format, column)}`;
  };
  const problems: Problem[] = [];
  const shared = facts.columns.get("importId");
  if (orgs.length > 1 && shared !== undefined && facts.valued.has("importId")) {
    problems.push(problem.directorySharedImportId(at(shared), orgs.length, shared, shared !== "importId", orgs[orgs.length - 1]));
  }
  const appOrgs = orgStacks(facts.scope);
  for (const [column, written] of facts.columns) {
    const { org } = splitColumn(column);
    if (org !== undefined && !appOrgs.includes(org)) problems.push(problem.directoryUnknownOrg(at(written), org, suggest(org, appOrgs), appOrgs, written));
  }
  if (load.kind !== "user" || load.format !== "csv") return problems;
  const declared = OktaDirectory.of(facts.scope).customProperties();
  for (const [field, typeWhenRead] of facts.customTypes) {
    const property = declared.get(field.slice(CUSTOM_PREFIX.length));
    const written = load.columns.get(field)!;
    if (!facts.valued.has(field)) continue;
    if (property === undefined) problems.push(problem.directoryUndeclared(at(written), field, [...declared.keys()], written));
    else if (typeWhenRead === undefined && property.props.type !== "string") {
      problems.push(problem.directoryDeclaredAfterLoad(at(written), field, describeType(property), orgPath(property.construct)));
    }
  }
  for (const property of declared.values()) {
    const field = `${CUSTOM_PREFIX}${property.props.index}`;
    if (property.props.required && property.props.userType === undefined && !load.columns.has(field) && facts.rows > 0) {
      problems.push(problem.directoryRequiredWithoutColumn(at(), field, orgPath(property.construct), facts.rows));
    }
  }
  return problems;
}

/** The ids of the app's org stacks: what the part after "@" of a per-org column may name. */
function orgStacks(scope: IConstruct): string[] {
  const ids: string[] = [];
  const visit = (construct: IConstruct) => {
    for (const child of construct.node.children) {
      if (!TerraformStack.isStack(child)) visit(child);
      else if (child instanceof OktaOrgStack || OktaDirectory.tryOf(child) !== undefined) ids.push(child.node.id);
    }
  };
  visit(scope.node.root);
  return ids;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Records the line of the first row that used each key; reports later ones. */
class FirstUse {
  private readonly lines = new Map<string, number>();

  /** The line of the row that used the key before, if any. */
  public claim(key: string, line: number): number | undefined {
    const first = this.lines.get(key);
    if (first === undefined) this.lines.set(key, line);
    return first;
  }
}

/**
 * Reads one row's values for the org being loaded (a `<column>@<org>` cell with a value wins over the
 * column for every org), adding a problem (with file, line, user or group, org and column) for each bad one.
 */
class RowReader {
  private readonly subject: RowSubject | undefined;

  constructor(
    private readonly table: SourceTable,
    private readonly row: SourceRow,
    private readonly problems: Problem[],
    kind: DirectoryTableKind,
    private readonly overrides: ReadonlyMap<string, string>,
  ) {
    this.subject = kind.subject(row);
  }

  /** The column a field's value comes from in this org. */
  private columnOf(field: string): string {
    const override = this.overrides.get(field);
    return override !== undefined && isSet(cell(this.row, override)) ? override : field;
  }

  /** The field's value in this org. */
  public value(field: string): unknown {
    return cell(this.row, this.columnOf(field));
  }

  /** Where the field's value is: its column as the file names it. */
  public where(field?: string): string {
    if (field === undefined) return locate(this.table, this.row.line, undefined, this.subject);
    const column = this.columnOf(field);
    return locate(this.table, this.row.line, this.table.columns.get(column) ?? column, this.subject);
  }

  public problem(found: Problem): void {
    this.problems.push(found);
  }

  /** A string value without invisible characters at its ends, or undefined when absent (an empty CSV cell is absent) or bad. */
  public text(field: string, required = false): string | undefined {
    const value = this.value(field);
    if (!isSet(value)) {
      if (required) this.problem(problem.directoryMissingValue(this.where(field)));
      return undefined;
    }
    if (typeof value !== "string") {
      this.problem(problem.directoryNotText(this.where(field), value));
      return undefined;
    }
    return this.clean(field, value, required) ? value : undefined;
  }

  /** Whether a text has no invisible characters; adds the problem when it has. */
  public clean(field: string, value: string, required = false): boolean {
    const invisible = invisibleCharacters(value, required);
    if (invisible !== undefined) this.problem(problem.directoryInvisible(this.where(field), value, invisible.found, invisible.fix));
    return invisible === undefined;
  }

  /** Whether a value fits Okta's maximum length for the field; adds the problem when it does not. */
  public fits(field: LimitedProfileField, value: string | undefined): value is string {
    if (value === undefined) return false;
    const length = overLength(field, value);
    if (length !== undefined) this.problem(problem.directoryTooLong(this.where(field), value, length, PROFILE_MAX_LENGTHS[field]));
    return length === undefined;
  }
}

/** The row's value in a column, looked up as an own key ("constructor" is no column of any row). */
function cell(row: SourceRow, column: string): unknown {
  return Object.hasOwn(row.values, column) ? row.values[column] : undefined;
}

/** A value that is there: an empty CSV cell, a JSON null or "" is not set. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

function isProtoKey(column: string): boolean {
  return column === PROTO_KEY || column === `${CUSTOM_PREFIX}${PROTO_KEY}`;
}

/**
 * Columns the header (CSV) or each entry (JSON/YAML) must have, and columns nobody knows: "did you
 * mean" looks at the known columns and the mapping's headers, and the known columns are listed once.
 */
function checkColumns(table: SourceTable, kind: DirectoryTableKind, candidates: readonly string[], names: ColumnMapping, problems: Problem[]): void {
  const noun = table.format === "csv" ? "column" : "field";
  const headers = [...names.columns.keys(), ...names.ignored];
  let unexplained = false;
  const check = (where: string, column: string, written: string) => {
    if (isProtoKey(column)) {
      problems.push(problem.directoryProtoKey(where));
      return;
    }
    const { field, org } = splitColumn(column);
    if (kind.isColumn(column, table.format)) {
      if (org !== undefined && kind.shared.includes(field)) problems.push(problem.directoryNotPerOrg(where, field, perOrgColumns(kind)));
      return;
    }
    if (names.maps(written)) {
      problems.push(problem.directoryMappingTarget(where, column, kind.name, SNAKE_CASE.get(column) ?? customSpelling(column) ?? suggest(column, candidates)));
      return;
    }
    const suggestion = SNAKE_CASE.get(column) ?? customSpelling(column) ?? suggest(column, [...candidates, ...headers]);
    if (suggestion === undefined) unexplained = true;
    const suggested = suggestion === undefined || candidates.includes(suggestion) ? undefined : (names.columns.get(suggestion) ?? "ignored");
    problems.push(problem.directoryUnknownColumn(where, noun, written, suggestion, suggested));
  };
  if (table.format === "csv") {
    const overrides = overridesFor(table);
    const missing = kind.required.filter((column) => !table.columns.has(column) && !overrides.has(column));
    if (missing.length > 0) problems.push(problem.directoryMissingColumns(locate(table, 1), missing));
    for (const [column, written] of table.columns) check(locate(table, 1, written), column, written);
  } else {
    for (const row of table.rows) {
      const subject = kind.subject(row);
      for (const column of Object.keys(row.values)) {
        const written = table.columns.get(column) ?? column;
        check(locate(table, row.line, written, subject), column, written);
      }
    }
  }
  if (unexplained) problems.push(problem.directoryKnownColumns(table.file, kind.name, noun, candidates));
}

/** The columns of a kind of file that may have a column per org, as messages list them. */
function perOrgColumns(kind: DirectoryTableKind): string {
  const columns = kind.columns.filter((column) => !kind.shared.includes(column));
  return `${columns.slice(0, 3).map((column) => show(column)).join(", ")}${columns.length > 3 ? " and the other profile columns" : ""}`;
}

/** "custom_legal_entity" and "custom-legal_entity" mean custom.legal_entity. */
function customSpelling(column: string): string | undefined {
  const match = /^custom[_-]([A-Za-z][A-Za-z0-9_]*)$/.exec(column);
  return match ? `${CUSTOM_PREFIX}${match[1]}` : undefined;
}

/** Whether a row must have a value in the column: a CSV file missing the column was reported once. */
function requiredIn(table: SourceTable, overrides: ReadonlyMap<string, string>): (column: string) => boolean {
  return (column) => table.format !== "csv" || table.columns.has(column) || overrides.has(column);
}

function checkGroups(table: SourceTable, names: ColumnMapping, problems: Problem[]): GroupRow[] {
  checkColumns(table, GROUPS_FILE, GROUP_COLUMNS, names, problems);
  const overrides = overridesFor(table);
  const required = requiredIn(table, overrides);
  const ids = new FirstUse();
  const groupNames = new FirstUse();
  const out: GroupRow[] = [];
  for (const row of table.rows) {
    const r = new RowReader(table, row, problems, GROUPS_FILE, overrides);
    const id = r.text("id", required("id"));
    const name = r.text("name", required("name"));
    const description = r.text("description");
    const importId = r.text("importId");
    const renamedFrom = r.text("renamedFrom");
    if (renamedFrom !== undefined && !isTerraformName(renamedFrom)) r.problem(problem.directoryBadId(r.where("renamedFrom"), renamedFrom));
    if (id !== undefined) {
      if (!isTerraformName(id)) r.problem(problem.directoryBadId(r.where("id"), id));
      else if (PROTOTYPE_NAMES.has(id)) r.problem(problem.directoryPrototypeId(r.where("id"), id));
      const first = ids.claim(id, row.line);
      if (first !== undefined) r.problem(problem.directoryDuplicate(r.where("id"), id, first, "group ids become Terraform addresses (okta_group.<id>)"));
    }
    if (name !== undefined) {
      const first = groupNames.claim(name.toLowerCase(), row.line);
      if (first !== undefined) r.problem(problem.directoryDuplicate(r.where("name"), name, first, "Okta group names are unique in an org (case-insensitive)"));
    }
    if (id !== undefined && name !== undefined) out.push({ id, line: row.line, props: definedOnly({ name, description, importId, renamedFrom }) });
  }
  return out;
}

function isUserColumn(column: string, format: SourceTable["format"]): boolean {
  const { field, org } = splitColumn(column);
  if (org === "") return false;
  if (field.startsWith(CUSTOM_PREFIX)) return field.length > CUSTOM_PREFIX.length;
  return USER_COLUMNS.includes(field) || (format !== "csv" && field === "customProfile");
}

/** The custom attributes (`custom.<index>`) among columns, each once, whether for every org or for this one. */
function customFields(columns: Iterable<string>, org: string | undefined): string[] {
  const fields = new Set<string>();
  for (const column of columns) {
    const split = splitColumn(column);
    if (split.field.startsWith(CUSTOM_PREFIX) && !isProtoKey(split.field) && (split.org === undefined || split.org === org)) fields.add(split.field);
  }
  return [...fields];
}

function checkUsers(
  table: SourceTable,
  knownGroups: ReadonlySet<string>,
  declared: ReadonlyMap<string, CustomPropertyEntry>,
  names: ColumnMapping,
  problems: Problem[],
  derivedIds: string[],
): UsersRead {
  const candidates = table.format === "csv" ? USER_COLUMNS : [...USER_COLUMNS, "customProfile"];
  checkColumns(table, USERS_FILE, candidates, names, problems);
  const overrides = overridesFor(table);
  const required = requiredIn(table, overrides);
  const csvCustom = table.format === "csv" ? customFields(table.columns.keys(), table.org) : [];
  const customTypes = new Map(csvCustom.map((field) => [field, declared.get(field.slice(CUSTOM_PREFIX.length))?.props.type]));
  const profileColumns = PROFILE_COLUMNS.filter((c) => table.format !== "csv" || table.columns.has(c) || overrides.has(c));
  const nested = new Map<string, string>();
  const ids = new FirstUse();
  const logins = new FirstUse();
  const out: UserRow[] = [];
  for (const row of table.rows) {
    const r = new RowReader(table, row, problems, USERS_FILE, overrides);
    const before = problems.length;
    const login = r.text("login", required("login"));
    const email = r.text("email", required("email"));
    const firstName = r.text("firstName", required("firstName"));
    const lastName = r.text("lastName", required("lastName"));
    const status = r.text("status");
    const importId = r.text("importId");
    const renamedFrom = r.text("renamedFrom");
    if (renamedFrom !== undefined && !isTerraformName(renamedFrom)) r.problem(problem.directoryBadId(r.where("renamedFrom"), renamedFrom));
    if (r.fits("login", login) && !isLogin(login)) r.problem(problem.directoryBadLogin(r.where("login"), login));
    if (r.fits("email", email) && !isEmail(email)) r.problem(problem.directoryBadEmail(r.where("email"), email));
    r.fits("firstName", firstName);
    r.fits("lastName", lastName);
    if (status !== undefined && !(USER_STATUSES as readonly string[]).includes(status)) {
      r.problem(problem.directoryNotInEnum(r.where("status"), status, USER_STATUSES));
    }

    const profile: { -readonly [K in keyof OktaUserProfile]: string } = {};
    for (const column of profileColumns) {
      const value = r.text(column);
      if (value !== undefined) profile[column] = value;
    }
    if (r.fits("secondEmail", profile.secondEmail) && !isEmail(profile.secondEmail)) {
      r.problem(problem.directoryBadEmail(r.where("secondEmail"), profile.secondEmail));
    }
    r.fits("primaryPhone", profile.primaryPhone);
    r.fits("mobilePhone", profile.mobilePhone);
    const fields = table.format === "csv" ? csvCustom : customFields(Object.keys(row.values), table.org);
    const customProfile = readCustomProfile(r, row, fields, table.format === "csv" ? declared : undefined, nested);

    const id = readId(r, login, ids, row.line);
    if (id !== undefined && r.text("id") === undefined) derivedIds.push(id);
    if (login !== undefined) {
      const first = logins.claim(login.toLowerCase(), row.line);
      if (first !== undefined) r.problem(problem.directoryDuplicate(r.where("login"), login, first, "Okta logins are unique in an org (case-insensitive)"));
    }
    const groupIds = readGroupIds(r, knownGroups);

    if (problems.length > before || id === undefined) continue;
    if (login === undefined || email === undefined || firstName === undefined || lastName === undefined) continue;
    out.push({
      id,
      line: row.line,
      groupIds,
      props: {
        login,
        email,
        firstName,
        lastName,
        ...profile,
        ...(status === undefined ? {} : { status: status as UserStatus }),
        ...(importId === undefined ? {} : { importId }),
        ...(renamedFrom === undefined ? {} : { renamedFrom }),
        ...(customProfile === undefined ? {} : { customProfile }),
      },
    });
  }
  return { rows: out, nested, customTypes };
}

/** The id column, or the id derived from the login; checked for syntax and uniqueness in the file. */
function readId(r: RowReader, login: string | undefined, ids: FirstUse, line: number): string | undefined {
  const given = r.text("id");
  if (given !== undefined && (!isTerraformName(given) || PROTOTYPE_NAMES.has(given))) {
    r.problem(isTerraformName(given) ? problem.directoryPrototypeId(r.where("id"), given) : problem.directoryBadId(r.where("id"), given));
    return undefined;
  }
  const id = given ?? (login === undefined ? undefined : userIdFromLogin(login));
  if (id === undefined) return undefined;
  const first = ids.claim(id, line);
  if (first !== undefined) {
    r.problem(
      given !== undefined
        ? problem.directoryDuplicate(r.where("id"), id, first, "user ids become Terraform addresses (okta_user.<id>)")
        : problem.directoryDuplicateDerivedId(r.where("login"), id, first),
    );
  }
  return id;
}

/**
 * Custom attributes from `custom.<index>` columns and (JSON/YAML) a customProfile object; `__proto__`
 * was reported with the columns. CSV cells (`declared` given) are converted to the type the org's
 * schema property declares; JSON and YAML values keep theirs. `nested` collects the customProfile keys
 * seen, for messages at synth.
 */
function readCustomProfile(
  r: RowReader,
  row: SourceRow,
  fields: readonly string[],
  declared: ReadonlyMap<string, CustomPropertyEntry> | undefined,
  nested: Map<string, string>,
): Record<string, CustomProfileValue> | undefined {
  const entries: [string, CustomProfileValue][] = [];
  const add = (index: string, field: string, value: unknown) => {
    if (!isSet(value)) return;
    if (declared !== undefined) {
      const converted = r.text(field) === undefined ? undefined : convertCell(r, field, value as string, declared.get(index));
      if (converted !== undefined) entries.push([index, converted]);
      return;
    }
    if (!isCustomValue(value)) {
      r.problem(problem.directoryBadCustomValue(r.where(field), value));
      return;
    }
    const texts = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");
    if (texts.every((text) => r.clean(field, text))) entries.push([index, value]);
  };
  for (const field of fields) add(field.slice(CUSTOM_PREFIX.length), field, r.value(field));
  const object = cell(row, "customProfile");
  if (object !== undefined && object !== null) {
    if (typeof object !== "object" || Array.isArray(object)) {
      r.problem(problem.directoryNotAnObject(r.where("customProfile"), object));
    } else {
      for (const [index, value] of Object.entries(object)) {
        const field = `customProfile.${index}`;
        if (index === PROTO_KEY) r.problem(problem.directoryProtoKey(r.where(field)));
        else {
          if (!nested.has(`${CUSTOM_PREFIX}${index}`)) nested.set(`${CUSTOM_PREFIX}${index}`, field);
          add(index, field, value);
        }
      }
    }
  }
  // Object.fromEntries defines own keys, whatever their names: nothing is lost or inherited.
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/**
 * A CSV cell as the value of the type its schema property declares (text when none is declared yet):
 * integer, number and boolean scalars, or an array whose items are separated by ";" (spaces around a
 * ";" are allowed). Adds the problem and returns undefined when the cell does not convert.
 */
function convertCell(r: RowReader, field: string, text: string, property: CustomPropertyEntry | undefined): CustomProfileValue | undefined {
  if (property === undefined) return text;
  const { type, arrayType } = property.props;
  if (type !== "array") {
    const value = convertScalar(text, type);
    if (value === undefined) r.problem(problem.directoryValueType(r.where(field), text, field, type, property.construct.node.path));
    return value;
  }
  const items: (string | number | boolean)[] = [];
  for (const item of text.split(LIST_SEPARATOR).map((part) => part.replace(/^ +| +$/g, ""))) {
    const value = convertScalar(item, arrayType ?? "string");
    if (value === undefined) {
      r.problem(problem.directoryItemType(r.where(field), item, text, field, describeType(property), property.construct.node.path));
      return undefined;
    }
    items.push(value);
  }
  return items as CustomProfileValue;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text as a value of a scalar schema type: "3" as 3, "TRUE" as true; undefined when it is none. */
function convertScalar(text: string, type: string): string | number | boolean | undefined {
  switch (type) {
    case "integer":
      return INTEGER.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
    case "number":
      return NUMBER.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case "boolean": {
      const lower = text.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : undefined;
    }
    default:
      return text;
  }
}

function isCustomValue(value: unknown): value is CustomProfileValue {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
  if (!Array.isArray(value)) return scalar(value);
  return value.length === 0 || (value.every(scalar) && value.every((v) => typeof v === typeof value[0]));
}

/** Group ids from the groups column: ";"-separated text (spaces around a ";" allowed), or a JSON/YAML list of strings. */
function readGroupIds(r: RowReader, knownGroups: ReadonlySet<string>): string[] {
  const value = r.value(GROUPS_COLUMN);
  if (value === undefined || value === null) return [];
  if (typeof value === "string" && !r.clean(GROUPS_COLUMN, value)) return [];
  const listed = typeof value === "string" ? value.split(LIST_SEPARATOR).map((part) => part.replace(/^ +| +$/g, "")) : value;
  if (!Array.isArray(listed) || !listed.every((id) => typeof id === "string")) {
    r.problem(problem.directoryBadGroups(r.where(GROUPS_COLUMN), value));
    return [];
  }
  const ids: string[] = [];
  for (const id of listed as string[]) {
    if (id === "" || ids.includes(id) || (typeof value !== "string" && !r.clean(GROUPS_COLUMN, id))) continue;
    ids.push(id);
    if (!knownGroups.has(id)) r.problem(problem.directoryUnknownGroup(r.where(GROUPS_COLUMN), id, suggest(id, knownGroups)));
  }
  return ids;
}

/** The object without its undefined values (props stay minimal, as if written by hand). */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
