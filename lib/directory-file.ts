import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { OktaGroup, OktaGroupProps } from "./group";
import { USER_STATUSES, isEmail, isLogin, isTerraformName } from "./private/checks";
import { SourceRow, SourceTable, TableKind, locate, readTable } from "./private/directory-file-read";
import { OktaSynthError, messages } from "./private/errors";
import { RowSubject, orgOf, recordOrigin } from "./private/origins";
import { LimitedProfileField, PROFILE_MAX_LENGTHS, overLength } from "./private/rules";
import { suggest } from "./private/validator/suggest";
import { CustomProfileValue, OktaUser, OktaUserProfile, OktaUserProps, PROFILE_ATTRIBUTES, UserStatus } from "./user";

/** The files loadDirectory reads; each may be .csv, .json, .yaml or .yml, in UTF-8 (a byte order mark is allowed). */
export interface DirectoryFiles {
  /**
   * People, one per row (CSV) or entry (a JSON/YAML list of objects). Required columns: login, email,
   * firstName, lastName. Optional: id (recommended: without it the id, and so the Terraform address,
   * comes from the login, and a login change would replace the user), renamedFrom, status, importId, groups (group ids separated by ";", or a
   * JSON/YAML list), every OktaUser profile field by its prop name (department, costCenter, ...) and
   * custom attributes as `custom.<index>` columns (or a `customProfile` object in JSON/YAML).
   * CSV values are strings and an empty cell means "not set"; JSON/YAML values keep their types.
   * @default - no users
   */
  readonly users?: string;
  /** Groups, one per row or entry. Required columns: id, name. Optional: description, importId, renamedFrom. @default - no groups */
  readonly groups?: string;
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
/** Separates group ids in a CSV groups cell. */
const GROUP_SEPARATOR = ";";

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
  /** The user or group a row describes, by the id it will have, where the row says (messages name it). */
  subject(row: SourceRow): RowSubject | undefined;
}

const USERS_FILE: DirectoryTableKind = {
  name: "users",
  required: REQUIRED_USER_COLUMNS,
  columns: [...USER_COLUMNS, "customProfile"],
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
  required: REQUIRED_GROUP_COLUMNS,
  columns: GROUP_COLUMNS,
  isColumn: (c) => GROUP_COLUMNS.includes(c),
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
 * Every file is checked before anything is created: encoding, missing or unknown columns, missing values,
 * login, email and status syntax, the lengths Okta allows, duplicate ids, logins and group names, and
 * memberships naming a group the groups file does not define. All problems are thrown together as one OktaSynthError, each naming the
 * file, line (as a text editor counts: a CSV header is line 1), the row's user or group and org, and the
 * column. The constructs run their own checks at synth as usual (e.g. custom attributes against the
 * org's declared schema properties), and name the file and line a user or group came from.
 */
export function loadDirectory(scope: Construct, files: DirectoryFiles): LoadedDirectory {
  const problems: string[] = [];
  const org = orgOf(scope);
  const groupsTable = files.groups === undefined ? undefined : readTable(files.groups, GROUPS_FILE, problems, org);
  const usersTable = files.users === undefined ? undefined : readTable(files.users, USERS_FILE, problems, org);
  const groupRows = groupsTable ? checkGroups(groupsTable, problems) : [];
  const knownGroups = new Set(groupRows.map((g) => g.id));
  const derivedIds: string[] = [];
  const userRows = usersTable ? checkUsers(usersTable, knownGroups, problems, derivedIds) : [];
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(messages.directoryMoreProblems(problems.length - listed.length));
    throw new OktaSynthError(listed);
  }

  if (files.users !== undefined && derivedIds.length > 0) {
    Annotations.of(scope).addWarning(messages.directoryDerivedIds(files.users, derivedIds.length, derivedIds[0]));
  }
  const groups = new Map<string, OktaGroup>();
  for (const { id, props, line } of groupRows) {
    const group = new OktaGroup(scope, id, props);
    recordOrigin(group, groupsTable!.file, line, "group");
    groups.set(id, group);
  }
  const users = new Map<string, OktaUser>();
  for (const { id, props, groupIds, line } of userRows) {
    const user = new OktaUser(scope, id, { ...props, groups: groupIds.map((groupId) => groups.get(groupId)!) });
    recordOrigin(user, usersTable!.file, line, "user");
    users.set(id, user);
  }
  return { users, groups };
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

/** Reads one row's values, adding a problem (with file, line, user or group, org and column) for each bad one. */
class RowReader {
  private readonly subject: RowSubject | undefined;

  constructor(
    private readonly table: SourceTable,
    private readonly row: SourceRow,
    private readonly problems: string[],
    kind: DirectoryTableKind,
  ) {
    this.subject = kind.subject(row);
  }

  public where(column?: string): string {
    return locate(this.table, this.row.line, column, this.subject);
  }

  public problem(message: string): void {
    this.problems.push(message);
  }

  /** A string value, or undefined when absent (an empty CSV cell is absent). */
  public text(column: string, required = false): string | undefined {
    const value = cell(this.row, column);
    if (value === undefined || value === null || value === "") {
      if (required) this.problem(messages.directoryMissingValue(this.where(column)));
      return undefined;
    }
    if (typeof value !== "string") {
      this.problem(messages.directoryNotText(this.where(column), value));
      return undefined;
    }
    return value;
  }

  /** Whether a value fits Okta's maximum length for the field; adds the problem when it does not. */
  public fits(field: LimitedProfileField, value: string | undefined): value is string {
    if (value === undefined) return false;
    const length = overLength(field, value);
    if (length !== undefined) this.problem(messages.directoryTooLong(this.where(field), value, length, PROFILE_MAX_LENGTHS[field]));
    return length === undefined;
  }
}

/** The row's value in a column, looked up as an own key ("constructor" is no column of any row). */
function cell(row: SourceRow, column: string): unknown {
  return Object.hasOwn(row.values, column) ? row.values[column] : undefined;
}

function isProtoKey(column: string): boolean {
  return column === PROTO_KEY || column === `${CUSTOM_PREFIX}${PROTO_KEY}`;
}

/** Columns the header (CSV) or each entry (JSON/YAML) must have, and columns nobody knows. */
function checkColumns(table: SourceTable, kind: DirectoryTableKind, isKnown: (column: string) => boolean, candidates: readonly string[], problems: string[]): void {
  const noun = table.format === "csv" ? "column" : "field";
  const check = (where: string, column: string) => {
    if (isProtoKey(column)) problems.push(messages.directoryProtoKey(where));
    else if (!isKnown(column)) {
      problems.push(messages.directoryUnknownColumn(where, noun, SNAKE_CASE.get(column) ?? suggest(column, candidates), candidates));
    }
  };
  if (table.format === "csv") {
    const missing = kind.required.filter((column) => !table.header.includes(column));
    if (missing.length > 0) problems.push(messages.directoryMissingColumns(locate(table, 1), missing));
    for (const column of table.header) check(locate(table, 1, column), column);
    return;
  }
  for (const row of table.rows) {
    const subject = kind.subject(row);
    for (const column of Object.keys(row.values)) check(locate(table, row.line, column, subject), column);
  }
}

/** Whether a row must have a value in the column: a CSV file missing the column was reported once. */
function requiredIn(table: SourceTable): (column: string) => boolean {
  return (column) => table.format !== "csv" || table.header.includes(column);
}

function checkGroups(table: SourceTable, problems: string[]): GroupRow[] {
  checkColumns(table, GROUPS_FILE, (c) => GROUP_COLUMNS.includes(c), GROUP_COLUMNS, problems);
  const required = requiredIn(table);
  const ids = new FirstUse();
  const names = new FirstUse();
  const out: GroupRow[] = [];
  for (const row of table.rows) {
    const r = new RowReader(table, row, problems, GROUPS_FILE);
    const id = r.text("id", required("id"));
    const name = r.text("name", required("name"));
    const description = r.text("description");
    const importId = r.text("importId");
    const renamedFrom = r.text("renamedFrom");
    if (renamedFrom !== undefined && !isTerraformName(renamedFrom)) r.problem(messages.directoryBadId(r.where("renamedFrom"), renamedFrom));
    if (id !== undefined) {
      if (!isTerraformName(id)) r.problem(messages.directoryBadId(r.where("id"), id));
      else if (PROTOTYPE_NAMES.has(id)) r.problem(messages.directoryPrototypeId(r.where("id"), id));
      const first = ids.claim(id, row.line);
      if (first !== undefined) r.problem(messages.directoryDuplicate(r.where("id"), id, first, "group ids become Terraform addresses (okta_group.<id>)"));
    }
    if (name !== undefined) {
      const first = names.claim(name.toLowerCase(), row.line);
      if (first !== undefined) r.problem(messages.directoryDuplicate(r.where("name"), name, first, "Okta group names are unique in an org (case-insensitive)"));
    }
    if (id !== undefined && name !== undefined) out.push({ id, line: row.line, props: definedOnly({ name, description, importId, renamedFrom }) });
  }
  return out;
}

function isUserColumn(column: string, format: SourceTable["format"]): boolean {
  if (column.startsWith(CUSTOM_PREFIX)) return column.length > CUSTOM_PREFIX.length;
  return USER_COLUMNS.includes(column) || (format !== "csv" && column === "customProfile");
}

function checkUsers(table: SourceTable, knownGroups: ReadonlySet<string>, problems: string[], derivedIds: string[]): UserRow[] {
  const candidates = table.format === "csv" ? USER_COLUMNS : [...USER_COLUMNS, "customProfile"];
  checkColumns(table, USERS_FILE, (c) => isUserColumn(c, table.format), candidates, problems);
  const required = requiredIn(table);
  const customColumns = table.header.filter((c) => c.startsWith(CUSTOM_PREFIX) && !isProtoKey(c));
  const profileColumns = PROFILE_COLUMNS.filter((c) => table.format !== "csv" || table.header.includes(c));
  const ids = new FirstUse();
  const logins = new FirstUse();
  const out: UserRow[] = [];
  for (const row of table.rows) {
    const r = new RowReader(table, row, problems, USERS_FILE);
    const before = problems.length;
    const login = r.text("login", required("login"));
    const email = r.text("email", required("email"));
    const firstName = r.text("firstName", required("firstName"));
    const lastName = r.text("lastName", required("lastName"));
    const status = r.text("status");
    const importId = r.text("importId");
    const renamedFrom = r.text("renamedFrom");
    if (renamedFrom !== undefined && !isTerraformName(renamedFrom)) r.problem(messages.directoryBadId(r.where("renamedFrom"), renamedFrom));
    if (r.fits("login", login) && !isLogin(login)) r.problem(messages.directoryBadLogin(r.where("login"), login));
    if (r.fits("email", email) && !isEmail(email)) r.problem(messages.directoryBadEmail(r.where("email"), email));
    r.fits("firstName", firstName);
    r.fits("lastName", lastName);
    if (status !== undefined && !(USER_STATUSES as readonly string[]).includes(status)) {
      r.problem(messages.directoryNotInEnum(r.where("status"), status, USER_STATUSES));
    }

    const profile: { -readonly [K in keyof OktaUserProfile]: string } = {};
    for (const column of profileColumns) {
      const value = r.text(column);
      if (value !== undefined) profile[column] = value;
    }
    if (r.fits("secondEmail", profile.secondEmail) && !isEmail(profile.secondEmail)) {
      r.problem(messages.directoryBadEmail(r.where("secondEmail"), profile.secondEmail));
    }
    r.fits("primaryPhone", profile.primaryPhone);
    r.fits("mobilePhone", profile.mobilePhone);
    const customProfile = readCustomProfile(r, row, customColumns, table.format);

    const id = readId(r, login, ids, row.line);
    if (id !== undefined && r.text("id") === undefined) derivedIds.push(id);
    if (login !== undefined) {
      const first = logins.claim(login.toLowerCase(), row.line);
      if (first !== undefined) r.problem(messages.directoryDuplicate(r.where("login"), login, first, "Okta logins are unique in an org (case-insensitive)"));
    }
    const groupIds = readGroupIds(r, row, knownGroups);

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
  return out;
}

/** The id column, or the id derived from the login; checked for syntax and uniqueness in the file. */
function readId(r: RowReader, login: string | undefined, ids: FirstUse, line: number): string | undefined {
  const given = r.text("id");
  if (given !== undefined && (!isTerraformName(given) || PROTOTYPE_NAMES.has(given))) {
    r.problem(isTerraformName(given) ? messages.directoryPrototypeId(r.where("id"), given) : messages.directoryBadId(r.where("id"), given));
    return undefined;
  }
  const id = given ?? (login === undefined ? undefined : userIdFromLogin(login));
  if (id === undefined) return undefined;
  const first = ids.claim(id, line);
  if (first !== undefined) {
    r.problem(
      given !== undefined
        ? messages.directoryDuplicate(r.where("id"), id, first, "user ids become Terraform addresses (okta_user.<id>)")
        : messages.directoryDuplicateDerivedId(r.where("login"), id, first),
    );
  }
  return id;
}

/** Custom attributes from `custom.<index>` columns and (JSON/YAML) a customProfile object; `__proto__` was reported with the columns. */
function readCustomProfile(r: RowReader, row: SourceRow, customColumns: readonly string[], format: SourceTable["format"]): Record<string, CustomProfileValue> | undefined {
  const entries: [string, CustomProfileValue][] = [];
  const add = (index: string, column: string, value: unknown) => {
    if (value === undefined || value === null || value === "") return;
    if (!isCustomValue(value)) {
      r.problem(messages.directoryBadCustomValue(r.where(column), value));
      return;
    }
    entries.push([index, value]);
  };
  const columns = format === "csv" ? customColumns : Object.keys(row.values).filter((c) => c.startsWith(CUSTOM_PREFIX) && !isProtoKey(c));
  for (const column of columns) add(column.slice(CUSTOM_PREFIX.length), column, cell(row, column));
  const nested = cell(row, "customProfile");
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== "object" || Array.isArray(nested)) {
      r.problem(messages.directoryNotAnObject(r.where("customProfile"), nested));
    } else {
      for (const [index, value] of Object.entries(nested)) {
        if (index === PROTO_KEY) r.problem(messages.directoryProtoKey(r.where(`customProfile.${index}`)));
        else add(index, `customProfile.${index}`, value);
      }
    }
  }
  // Object.fromEntries defines own keys, whatever their names: nothing is lost or inherited.
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function isCustomValue(value: unknown): value is CustomProfileValue {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
  if (!Array.isArray(value)) return scalar(value);
  return value.length === 0 || (value.every(scalar) && value.every((v) => typeof v === typeof value[0]));
}

/** Group ids from the groups column: ";"-separated text, or a JSON/YAML list of strings. */
function readGroupIds(r: RowReader, row: SourceRow, knownGroups: ReadonlySet<string>): string[] {
  const value = cell(row, GROUPS_COLUMN);
  if (value === undefined || value === null) return [];
  const listed = typeof value === "string" ? value.split(GROUP_SEPARATOR) : value;
  if (!Array.isArray(listed) || !listed.every((id) => typeof id === "string")) {
    r.problem(messages.directoryBadGroups(r.where(GROUPS_COLUMN), value));
    return [];
  }
  const ids: string[] = [];
  for (const entry of listed as string[]) {
    const id = entry.trim();
    if (id === "" || ids.includes(id)) continue;
    ids.push(id);
    if (!knownGroups.has(id)) r.problem(messages.directoryUnknownGroup(r.where(GROUPS_COLUMN), id, suggest(id, knownGroups)));
  }
  return ids;
}

/** The object without its undefined values (props stay minimal, as if written by hand). */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
