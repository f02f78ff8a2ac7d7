/**
 * Where rows of a data file are, and how messages name them. loadDirectory remembers the file, row and
 * columns each user and group came from, so a problem the org's checks find at synth names the file,
 * line and column a person edits, not only the construct path; and a file loaded into several orgs
 * is remembered once per org, so that a problem every one of them has is reported once, naming them all.
 */
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { joinAnd, show, SHOWN_LENGTH } from "../problems/messages";

/** What a row describes: a user or a group, by the id it has in the file (its construct id). */
export interface RowSubject {
  readonly kind: "user" | "group";
  readonly id: string;
}

/** One file as one org read it: how its columns are named, and the rows it made. */
export interface FileLoad {
  /** The file as messages show it. */
  readonly file: string;
  /** The file's absolute path: the same file loaded into several orgs is one file. */
  readonly path: string;
  readonly format: "csv" | "json" | "yaml";
  readonly kind: RowSubject["kind"];
  /** The org (stack id) it was loaded into; undefined outside a stack. */
  readonly org?: string;
  /**
   * The column (CSV header, or JSON/YAML field) each field's values came from in this org, as the file
   * writes it: `Work Email` for email with a column mapping, `importId@okta-prod` for importId in
   * okta-prod. A CSV file has a column for exactly these fields; JSON and YAML entries each have some.
   */
  readonly columns: ReadonlyMap<string, string>;
  /** The constructs made from its rows, by line. */
  readonly rows: Map<number, IConstruct>;
}

interface Origin {
  readonly load: FileLoad;
  readonly line: number;
}

const origins = new WeakMap<IConstruct, Origin>();
/** Every load of each file in an app (its root construct), by kind and absolute path, in load order. */
const loadsByApp = new WeakMap<IConstruct, Map<string, FileLoad[]>>();

/**
 * Stands for "org okta-dev" in a message that is not yet rendered (`rowPlace(file, 1, undefined,
 * ORGS_PLACEHOLDER)`); {@link inOrgs} writes the org, or "orgs okta-dev, okta-staging, okta-prod" when
 * every one of them has the same problem.
 */
export const ORGS_PLACEHOLDER = "\u0000orgs\u0000";
/** Encloses a construct path without its stack: rendered "okta-dev/legal", or "okta-dev/legal and okta-prod/legal". */
const PATH_START = "\u0001";
const PATH_END = "\u0002";
const PATHS = /\u0001([^\u0002]*)\u0002/g;

/**
 * A place in a data file, as every message writes it: `users.csv line 7 (user e1006, org okta-dev)`.
 * Lines are what a text editor shows (a CSV header is line 1; a JSON or YAML entry is the line it starts
 * on); the user or group and the org (the stack id) are added where known. `org` may be the orgs
 * placeholder of a message rendered later.
 */
export function rowPlace(file: string, line: number, subject?: RowSubject, org?: string): string {
  const about: string[] = [];
  if (subject) about.push(`${subject.kind} ${cut(subject.id)}`);
  if (org !== undefined) about.push(org === ORGS_PLACEHOLDER ? ORGS_PLACEHOLDER : `org ${org}`);
  return `${file} line ${line}${about.length > 0 ? ` (${about.join(", ")})` : ""}`;
}

/** `column "Work Email"` in a CSV file, `field "email"` in JSON or YAML. */
export function columnPlace(format: FileLoad["format"], column: string): string {
  return `${format === "csv" ? "column" : "field"} ${show(column)}`;
}

/** The org a construct belongs to: the id of its stack, or undefined outside any stack. */
export function orgOf(scope: IConstruct): string | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) if (TerraformStack.isStack(scopes[i])) return scopes[i].node.id;
  return undefined;
}

/** Remembers that `scope`'s org read a file; rows are added with {@link recordOrigin}. */
export function recordLoad(scope: IConstruct, load: Omit<FileLoad, "rows" | "path">): FileLoad {
  const recorded: FileLoad = { ...load, path: path.resolve(load.file), rows: new Map() };
  let loads = loadsByApp.get(scope.node.root);
  if (!loads) loadsByApp.set(scope.node.root, (loads = new Map()));
  const key = `${recorded.kind}:${recorded.path}`;
  loads.set(key, [...(loads.get(key) ?? []), recorded]);
  return recorded;
}

/** Every load of the same file (as the same kind of file) in the app, in load order, this one included. */
export function loadsOfFile(load: FileLoad, scope: IConstruct): readonly FileLoad[] {
  return loadsByApp.get(scope.node.root)?.get(`${load.kind}:${load.path}`) ?? [load];
}

/** Remembers that a construct was loaded from a row of a data file. */
export function recordOrigin(construct: IConstruct, load: FileLoad, line: number): void {
  origins.set(construct, { load, line });
  load.rows.set(line, construct);
}

/** The format of the file a construct was loaded from; undefined for a construct written in code. */
export function formatOf(construct: IConstruct): FileLoad["format"] | undefined {
  return origins.get(construct)?.load.format;
}

/**
 * The constructs loaded from the same row of the same file, one per org that loaded it, in load
 * order (the construct itself included); just the construct when it was written in code.
 */
export function twinsOf(construct: IConstruct): readonly IConstruct[] {
  const origin = origins.get(construct);
  if (origin === undefined) return [construct];
  return loadsOfFile(origin.load, construct).flatMap((load) => {
    const twin = load.rows.get(origin.line);
    return twin === undefined ? [] : [twin];
  });
}

/**
 * How a message names a construct: the row it was loaded from (with the column of `field`, as the file
 * names it, when the file has one), or else its construct path.
 */
export function placeOf(construct: IConstruct, field?: string): string {
  const org = orgOf(construct);
  return inOrgs(placeInOrgs(construct, field), org === undefined ? [] : [org]);
}

/** {@link placeOf} with the org left for {@link inOrgs}: the same row may be a problem in several orgs. */
export function placeInOrgs(construct: IConstruct, field?: string): string {
  const origin = origins.get(construct);
  if (origin === undefined) return construct.node.path;
  const { load, line } = origin;
  const at = rowPlace(load.file, line, { kind: load.kind, id: construct.node.id }, load.org === undefined ? undefined : ORGS_PLACEHOLDER);
  const column = field === undefined ? undefined : load.columns.get(field);
  return column === undefined ? at : `${at}, ${columnPlace(load.format, column)}`;
}

/**
 * The column a loaded construct's field came from, as the file names it, and whether the file is CSV
 * (one header for every row); undefined for a construct written in code.
 */
export function columnOf(construct: IConstruct, field: string): { column?: string; csv: boolean } | undefined {
  const origin = origins.get(construct);
  return origin && { column: origin.load.columns.get(field), csv: origin.load.format === "csv" };
}

/** How a message names a construct of an org, e.g. a schema property: its path, the org left for {@link inOrgs}. */
export function orgPath(construct: IConstruct): string {
  const org = orgOf(construct);
  if (org === undefined) return construct.node.path;
  const stackPath = TerraformStack.of(construct).node.path;
  return `${PATH_START}${construct.node.path.slice(stackPath.length + 1)}${PATH_END}`;
}

/** A message made with {@link placeInOrgs}, {@link orgPath} and {@link ORGS_PLACEHOLDER}, naming the orgs it holds for. */
export function inOrgs(message: string, orgs: readonly string[]): string {
  if (orgs.length === 0) return message;
  const named = orgs.length === 1 ? `org ${orgs[0]}` : `orgs ${orgs.join(", ")}`;
  return message
    .split(ORGS_PLACEHOLDER)
    .join(named)
    .replace(PATHS, (_, relative: string) => joinAnd(orgs.map((org) => `${org}/${relative}`)));
}


/** An id cut like every quoted value (ids derived from a huge login are as long as the login). */
function cut(id: string): string {
  return id.length <= SHOWN_LENGTH ? id : `${id.slice(0, SHOWN_LENGTH - 1)}…`;
}
