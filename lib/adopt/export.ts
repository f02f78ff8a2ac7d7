/**
 * `cdktf-okta export`: reads a live org (users, groups, explicit memberships, group rules, user
 * schema properties, and the types --include names, as generated bindings) and writes the org.ts
 * (and directory files) whose first plan imports every object and changes nothing. Progress is kept in DIR/.export-progress.json after every page, so an
 * interrupted export resumes where it stopped; it is removed when the export is written.
 *
 * API shapes: Okta Management API, /api/v1/users, /api/v1/groups, /api/v1/groups/{id}/users,
 * /api/v1/groups/rules and /api/v1/meta/schemas/user/default (developer.okta.com/docs/api); for
 * --include, the lists in included.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROFILE_ATTRIBUTES } from "../constructs/user";
import { adoptMessages } from "../problems/sections/adopt";
import { suggest } from "../util/suggest";
import { writeFiles } from "./convert";
import { Output } from "../util/output";
import { ApiObject, INCLUDABLE, PAGE } from "./included";
import { GroupModel, GroupRuleModel, OrgSnapshot, SchemaPropertyModel, UserModel, Value, emptySnapshot } from "./model";
import { OktaApi, OktaApiProblem, credentialsFrom } from "./okta-api";
import { writeOrg } from "./writer";

export interface ExportOptions {
  readonly orgUrl: string;
  readonly out: string;
  readonly include: readonly string[];
  readonly dataThreshold: number;
  readonly maxApiCapacity: number;
  readonly resume: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Whether to draw progress on stderr. @default - when stderr is a TTY */
  readonly progress?: boolean;
}

/** What the export did, for its caller (and tests). */
export interface ExportStats {
  calls: number;
  seconds: number;
  users: number;
  groups: number;
}

interface ApiUser {
  id: string;
  status: string;
  profile: Record<string, unknown>;
  credentials?: { provider?: { type?: string; name?: string } };
}
interface ApiGroup {
  id: string;
  type: string;
  profile: { name: string; description?: string | null };
}
interface ApiRule {
  id: string;
  name: string;
  status: string;
  conditions?: { expression?: { value?: string; type?: string }; people?: { users?: { exclude?: string[] } } };
  actions?: { assignUserToGroups?: { groupIds?: string[] } };
}

/** Everything read so far: the progress file's content. */
interface Progress {
  version: 1;
  orgUrl: string;
  lists: Record<string, { items: unknown[]; next?: string; done: boolean }>;
  schema?: unknown;
}

const PROGRESS_FILE = ".export-progress.json";

export let lastExportStats: ExportStats | undefined;

export async function exportOrg(options: ExportOptions, output: Output): Promise<number> {
  const started = Date.now();
  let url: URL;
  try {
    url = new URL(options.orgUrl);
  } catch {
    output.err(adoptMessages.badOrgUrl(options.orgUrl));
    return 2;
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== "/" && url.pathname !== "") || url.search !== "") {
    output.err(adoptMessages.badOrgUrl(options.orgUrl));
    return 2;
  }
  for (const type of options.include) {
    if (!INCLUDABLE.has(type)) {
      output.err(adoptMessages.unknownInclude(type, suggest(type, INCLUDABLE.keys()), [...INCLUDABLE.keys()]));
      return 2;
    }
  }
  const included = [...new Set(options.include)].map((type) => INCLUDABLE.get(type)!);
  const credentials = credentialsFrom(options.env);
  if ("problem" in credentials) {
    output.err(credentials.problem);
    return 2;
  }
  const outDir = path.resolve(options.cwd, options.out);
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
    output.err(adoptMessages.outNotDirectory(options.out));
    return 2;
  }
  const api = new OktaApi(url.origin, credentials, options.maxApiCapacity);
  const progressFile = path.join(outDir, PROGRESS_FILE);
  let progress: Progress = { version: 1, orgUrl: url.origin, lists: {} };
  if (options.resume && fs.existsSync(progressFile)) {
    const saved = JSON.parse(fs.readFileSync(progressFile, "utf8")) as Progress;
    if (saved.version === 1 && saved.orgUrl === url.origin) {
      progress = saved;
      output.err(`Resuming the export of ${url.origin} from ${PROGRESS_FILE}.`);
    }
  }
  const save = () => {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(progressFile, JSON.stringify(progress));
  };
  const tty = options.progress ?? process.stderr.isTTY === true;
  const show = (text: string) => {
    if (tty) process.stderr.write(`\r\x1b[K${text}`);
  };

  /** Every item of a list, page by page, saved after each page. */
  const list = async <T>(key: string, first: string, label: string): Promise<T[]> => {
    const state = (progress.lists[key] ??= { items: [], next: first, done: false });
    while (!state.done) {
      const page = await api.get<T>(state.next ?? first);
      state.items.push(...page.items.map((item) => trim(key, item)));
      state.next = page.next;
      state.done = page.next === undefined;
      save();
      show(`${label}: ${state.items.length}${state.done ? "" : "…"} (${api.calls} API calls)`);
    }
    return state.items as T[];
  };

  try {
    const users = await list<ApiUser>("users", `/api/v1/users?limit=${PAGE}`, "users");
    const groups = await list<ApiGroup>("groups", `/api/v1/groups?limit=${PAGE}`, "groups");
    const rules = await list<ApiRule>("rules", `/api/v1/groups/rules?limit=${PAGE}`, "group rules");
    if (progress.schema === undefined) {
      progress.schema = (await api.get("/api/v1/meta/schemas/user/default")).body;
      save();
    }
    const ruleTargets = new Set(rules.filter((r) => r.status === "ACTIVE").flatMap((r) => r.actions?.assignUserToGroups?.groupIds ?? []));
    const members = new Map<string, string[]>();
    const okta = groups.filter((g) => g.type === "OKTA_GROUP");
    for (const [i, group] of okta.entries()) {
      if (ruleTargets.has(group.id)) continue;
      const ids = await list<{ id: string }>(`members:${group.id}`, `/api/v1/groups/${encodeURIComponent(group.id)}/users?limit=${PAGE}`, `memberships of ${i + 1}/${okta.length} groups`);
      members.set(group.id, ids.map((u) => u.id));
    }
    const objects = new Map<string, ApiObject[]>();
    for (const type of included) objects.set(type.type, await list<ApiObject>(`include:${type.type}`, type.list, type.label));
    if (tty) process.stderr.write("\r\x1b[K");
    const snapshot = toSnapshot(users, groups, rules, members, progress.schema, url.origin);
    addIncluded(snapshot, objects, url.origin);
    const files = await writeOrg(snapshot, { madeFrom: `\`cdktf-okta export\` from ${url.origin}`, dataThreshold: options.dataThreshold });
    writeFiles(outDir, files);
    fs.rmSync(progressFile, { force: true });
    const seconds = (Date.now() - started) / 1000;
    lastExportStats = { calls: api.calls, seconds, users: snapshot.users.length, groups: snapshot.groups.length };
    output.out(
      `Wrote ${[...files.keys()].map((f) => path.join(options.out, f)).join(", ")}: ${snapshot.users.length} users, ${snapshot.groups.length} groups, ${snapshot.rules.length} group rules, ${snapshot.schemaProperties.length} schema properties${included.map((t) => `, ${objects.get(t.type)!.length} ${t.label}`).join("")}, in ${seconds.toFixed(1)} s and ${api.calls} API calls.`,
    );
    for (const note of snapshot.notes) output.out(`note: ${note.text}`);
    output.out("The first `cdktf plan` should import every object and show 0 to add, 0 to change, 0 to destroy.");
    return 0;
  } catch (error) {
    if (tty) process.stderr.write("\r\x1b[K");
    if (!(error instanceof OktaApiProblem)) throw error;
    output.err(error.message);
    if (fs.existsSync(progressFile)) output.err(`What was read so far is in ${path.join(options.out, PROGRESS_FILE)}: run the same command again to resume.`);
    return 1;
  }
}

/** Keeps what the export uses of an API object (the progress file stays small). */
function trim(key: string, item: unknown): unknown {
  if (key === "users") {
    const u = item as ApiUser;
    return { id: u.id, status: u.status, profile: u.profile, credentials: { provider: u.credentials?.provider } };
  }
  if (key.startsWith("members:")) return { id: (item as { id: string }).id };
  if (key === "groups") {
    const g = item as ApiGroup;
    return { id: g.id, type: g.type, profile: { name: g.profile.name, description: g.profile.description } };
  }
  return item;
}

/** A Terraform name from text: "Jane.Doe@example.com" -> "jane_doe_at_example_com", unique among `taken`. */
function nameFrom(text: string, taken: Set<string>, fallback: string): string {
  let base = text.toLowerCase().replace(/@/g, "_at_").replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[a-z_]/.test(base)) base = `${fallback}_${base}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

const PROFILE_PROPS = Object.keys(PROFILE_ATTRIBUTES);
const STATUSES = new Set(["STAGED", "SUSPENDED", "DEPROVISIONED"]);

/** The API's objects as an org snapshot, every object with its importId. */
function toSnapshot(users: ApiUser[], groups: ApiGroup[], rules: ApiRule[], members: Map<string, string[]>, schema: unknown, org: string): OrgSnapshot {
  const snapshot = emptySnapshot();
  const custom = ((schema as { definitions?: { custom?: { properties?: Record<string, Record<string, unknown>>; required?: string[] } } })?.definitions?.custom) ?? {};
  const required = new Set(custom.required ?? []);
  const taken = new Set<string>();
  for (const [index, p] of Object.entries(custom.properties ?? {})) {
    const props: Record<string, Value> = { index, title: String(p.title ?? index), type: String(p.type) };
    if (typeof p.description === "string") props.description = p.description;
    // Written out also when false: the provider reads `required` back from Okta, so leaving it out plans a change.
    props.required = required.has(index) || p.required === true;
    const master = (p.master as { type?: string } | undefined)?.type;
    if (master && master !== "PROFILE_MASTER") props.master = master;
    const permission = (p.permissions as { action?: string }[] | undefined)?.[0]?.action;
    if (permission && permission !== "READ_ONLY") props.permissions = permission;
    if (p.scope === "SELF") props.scope = "SELF";
    if (p.unique === "UNIQUE_VALIDATED") props.unique = "UNIQUE_VALIDATED";
    for (const field of ["enum", "minLength", "maxLength", "pattern", "externalName", "externalNamespace"]) if (p[field] !== undefined && p[field] !== null) props[field] = p[field] as Value;
    if (Array.isArray(p.oneOf)) props.oneOf = p.oneOf as Value;
    const items = p.items as { type?: string; enum?: string[] } | undefined;
    if (items?.type) props.arrayType = items.type;
    if (items?.enum) props.arrayEnum = items.enum;
    const model: SchemaPropertyModel = { id: nameFrom(index, taken, "property"), base: false, props, importId: index, origin: `${org}/api/v1/meta/schemas/user/default` };
    snapshot.schemaProperties.push(model);
  }
  const customIndexes = new Set(Object.keys(custom.properties ?? {}));

  const userName = new Map<string, string>();
  const userNames = new Set<string>();
  let elsewhere = 0;
  for (const u of users) {
    const provider = u.credentials?.provider?.type;
    if (provider !== undefined && provider !== "OKTA") {
      elsewhere++;
      continue;
    }
    const p = u.profile;
    const id = nameFrom(String(p.login), userNames, "user");
    userName.set(u.id, id);
    const profile: Record<string, Value> = {};
    for (const prop of PROFILE_PROPS) if (typeof p[prop] === "string" && p[prop] !== "") profile[prop] = p[prop] as string;
    const customProfile: Record<string, Value> = {};
    for (const index of [...customIndexes].sort()) {
      const value = p[index];
      if (value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0)) customProfile[index] = value as Value;
    }
    const model: UserModel = {
      id,
      login: String(p.login),
      email: String(p.email),
      firstName: String(p.firstName),
      lastName: String(p.lastName),
      status: STATUSES.has(u.status) ? u.status : undefined,
      profile,
      customProfile: Object.keys(customProfile).length > 0 ? customProfile : undefined,
      importId: u.id,
      origin: `${org}/api/v1/users/${u.id}`,
    };
    snapshot.users.push(model);
  }
  if (elsewhere > 0) snapshot.notes.push({ origin: `${org}/api/v1/users`, text: `${elsewhere} users are mastered by an identity source or a directory (credentials.provider.type other than OKTA) and left to it.` });

  const groupName = new Map<string, string>();
  const groupNames = new Set<string>();
  let notOkta = 0;
  let ruleFilled = 0;
  for (const g of groups) {
    if (g.type !== "OKTA_GROUP") {
      notOkta++;
      continue;
    }
    const id = nameFrom(g.profile.name, groupNames, "group");
    groupName.set(g.id, id);
    const ids = members.get(g.id);
    if (ids === undefined) ruleFilled++;
    const model: GroupModel = {
      id,
      name: g.profile.name,
      description: g.profile.description ?? undefined,
      importId: g.id,
      members: (ids ?? []).filter((m) => userName.has(m)).map((m) => userName.get(m)!),
      outsideMembers: (ids ?? []).filter((m) => !userName.has(m)),
      membershipsImportId: ids && ids.length > 0 ? g.id : undefined,
      origin: `${org}/api/v1/groups/${g.id}`,
    };
    snapshot.groups.push(model);
  }
  if (notOkta > 0) snapshot.notes.push({ origin: `${org}/api/v1/groups`, text: `${notOkta} groups are Okta's built-in groups (Everyone) or come from an app or directory (type other than OKTA_GROUP) and are left to it.` });
  if (ruleFilled > 0) snapshot.notes.push({ origin: `${org}/api/v1/groups/rules`, text: `${ruleFilled} groups are filled by an active group rule: their members are left to the rule (explicit memberships would fight it).` });

  const ruleNames = new Set<string>();
  for (const r of rules) {
    const targets = r.actions?.assignUserToGroups?.groupIds ?? [];
    if ((r.status !== "ACTIVE" && r.status !== "INACTIVE") || !targets.every((t) => groupName.has(t))) {
      snapshot.notes.push({ origin: `${org}/api/v1/groups/rules/${r.id}`, text: `group rule ${JSON.stringify(r.name)} (${r.status}) assigns groups this export does not manage, or is not ACTIVE/INACTIVE: left out.` });
      continue;
    }
    const excluded = r.conditions?.people?.users?.exclude ?? [];
    const model: GroupRuleModel = {
      id: nameFrom(r.name, ruleNames, "rule"),
      name: r.name,
      expression: r.conditions?.expression?.value ?? "",
      groups: targets.map((t) => groupName.get(t)!),
      excludedUsers: excluded.filter((u) => userName.has(u)).map((u) => userName.get(u)!),
      status: r.status === "INACTIVE" ? "INACTIVE" : undefined,
      importId: r.id,
      origin: `${org}/api/v1/groups/rules/${r.id}`,
    };
    snapshot.rules.push(model);
  }
  return snapshot;
}

/**
 * The objects of the --include types as generated bindings, each imported by its Okta id. Names are
 * made like the others', unique among every name of the snapshot (they are all ids in one stack).
 */
function addIncluded(snapshot: OrgSnapshot, objects: Map<string, ApiObject[]>, org: string): void {
  const taken = new Set([...snapshot.schemaProperties, ...snapshot.users, ...snapshot.groups, ...snapshot.rules].map((m) => m.id));
  for (const [type, items] of objects) {
    const included = INCLUDABLE.get(type)!;
    for (const item of items) {
      snapshot.raw.push({
        type,
        name: nameFrom(included.nameOf(item), taken, included.prefix),
        attributes: included.attributes(item),
        importId: item.id,
        origin: `${org}${included.path(item.id)}`,
      });
    }
  }
}
