/**
 * Where rows of a data file are, and how messages name them. loadDirectory remembers the row each user
 * and group came from, so a problem the org's checks find at synth names the file and line a person
 * edits, not only the construct path.
 */
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { SHOWN_LENGTH } from "./errors";

/** What a row describes: a user or a group, by the id it has in the file (its construct id). */
export interface RowSubject {
  readonly kind: "user" | "group";
  readonly id: string;
}

interface Origin {
  readonly file: string;
  readonly line: number;
  readonly kind: RowSubject["kind"];
}

const origins = new WeakMap<IConstruct, Origin>();

/**
 * A place in a data file, as every message writes it: `users.csv line 7 (user e1006, org okta-dev)`.
 * Lines are what a text editor shows (a CSV header is line 1; a JSON or YAML entry is the line it starts
 * on); the user or group and the org (the stack id) are added where known.
 */
export function rowPlace(file: string, line: number, subject?: RowSubject, org?: string): string {
  const about: string[] = [];
  if (subject) about.push(`${subject.kind} ${cut(subject.id)}`);
  if (org !== undefined) about.push(`org ${org}`);
  return `${file} line ${line}${about.length > 0 ? ` (${about.join(", ")})` : ""}`;
}

/** The org a construct belongs to: the id of its stack, or undefined outside any stack. */
export function orgOf(scope: IConstruct): string | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) if (TerraformStack.isStack(scopes[i])) return scopes[i].node.id;
  return undefined;
}

/** Remembers that a construct was loaded from a row of a data file. */
export function recordOrigin(construct: IConstruct, file: string, line: number, kind: RowSubject["kind"]): void {
  origins.set(construct, { file, line, kind });
}

/** How a message names a construct: the row it was loaded from, or else its construct path. */
export function placeOf(construct: IConstruct): string {
  const origin = origins.get(construct);
  if (origin === undefined) return construct.node.path;
  return rowPlace(origin.file, origin.line, { kind: origin.kind, id: construct.node.id }, orgOf(construct));
}

/** An id cut like every quoted value (ids derived from a huge login are as long as the login). */
function cut(id: string): string {
  return id.length <= SHOWN_LENGTH ? id : `${id.slice(0, SHOWN_LENGTH - 1)}…`;
}
