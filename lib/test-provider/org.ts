/**
 * The simulated Okta org behind the test provider: one JSON file that holds every object the
 * provider has created (and anything a test put there), keyed by resource type and id, plus a log of
 * the writes in the order they ran. Editing the file between two plans is drift.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";

/** One stored object: its state as Terraform last received it (or as a test wrote it). */
export type StoredObject = Record<string, unknown>;

/** One write the provider made, in the order it started. */
export interface OrgLogEntry {
  readonly op: "create" | "update" | "delete";
  readonly type: string;
  readonly id: string;
  /** Milliseconds since the org file was created. */
  readonly start: number;
  readonly end: number;
  /** Set for okta_identity_source_import: the external ids the job upserts. */
  readonly upsertUsers?: string[];
}

/** The org file's content. */
export interface OrgFile {
  readonly objects: Record<string, Record<string, StoredObject>>;
  readonly log: OrgLogEntry[];
  readonly createdAt: number;
}

/** A problem Okta (or the provider in front of it) reports; it becomes an error diagnostic. */
export class OktaRefusal extends Error {
  constructor(
    public readonly summary: string,
    public readonly detail: string,
  ) {
    super(`${summary}: ${detail}`);
  }
}

/** Okta's id prefixes (00u users, 00g groups, 0pr group rules); other types get a generic one. */
const ID_PREFIX: Record<string, string> = {
  okta_user: "00u",
  okta_group: "00g",
  okta_group_rule: "0pr",
  okta_identity_source_group: "00g",
  okta_identity_source_import: "sess",
  tfe_workspace: "ws-",
  tfe_variable: "var-",
  tfe_notification_configuration: "nc-",
};

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * Reads and writes the org file. A read parses the file only when it changed since the last read or
 * write (its modification time and size), so a test's edit is seen at once and a plan refreshing
 * thousands of objects does not parse the file thousands of times.
 */
export class SimulatedOrg {
  /** An empty org file, written if `file` does not exist yet. */
  public static open(file: string): SimulatedOrg {
    if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ objects: {}, log: [], createdAt: Date.now() }, null, 2));
    return new SimulatedOrg(file);
  }

  private constructor(public readonly file: string) {}

  public read(): OrgFile {
    const stat = fs.statSync(this.file);
    if (this.cached && this.cached.mtimeMs === stat.mtimeMs && this.cached.size === stat.size) return this.cached.org;
    const org = JSON.parse(fs.readFileSync(this.file, "utf8")) as OrgFile;
    this.cached = { org, mtimeMs: stat.mtimeMs, size: stat.size };
    return org;
  }

  private cached?: { readonly org: OrgFile; readonly mtimeMs: number; readonly size: number };

  private write(org: OrgFile): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(org));
    fs.renameSync(temp, this.file);
    const stat = fs.statSync(this.file);
    this.cached = { org, mtimeMs: stat.mtimeMs, size: stat.size };
  }

  /** The stored object, or undefined when the org has none of that type and id. */
  public get(type: string, id: string): StoredObject | undefined {
    return this.read().objects[type]?.[id];
  }

  /** Every stored object of a type. */
  public all(type: string): StoredObject[] {
    return Object.values(this.read().objects[type] ?? {});
  }

  /** Stores (creates or replaces) an object under its id and logs the write. */
  public put(type: string, id: string, object: StoredObject, entry: Omit<OrgLogEntry, "type" | "id" | "end">): void {
    const org = this.read();
    const objects = { ...org.objects, [type]: { ...(org.objects[type] ?? {}), [id]: object } };
    this.write({ ...org, objects, log: [...org.log, { ...entry, type, id, end: Date.now() - org.createdAt }] });
  }

  /** Removes an object and logs the write. */
  public remove(type: string, id: string, start: number): void {
    const org = this.read();
    const { [id]: _removed, ...rest } = org.objects[type] ?? {};
    const objects = { ...org.objects, [type]: rest };
    this.write({ ...org, objects, log: [...org.log, { op: "delete", type, id, start, end: Date.now() - org.createdAt }] });
  }

  /** Milliseconds since the org file was created: the clock of the log. */
  public now(): number {
    return Date.now() - this.read().createdAt;
  }

  /** A new Okta-like id for an object of `type`. */
  public static newId(type: string): string {
    const prefix = ID_PREFIX[type] ?? "sim";
    const bytes = crypto.randomBytes(20 - prefix.length);
    return prefix + Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
  }
}
