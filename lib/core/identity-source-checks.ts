/** Checks of identity-source records and import jobs; the directory runs them at synth. */
import type { IConstruct } from "constructs";
import type { IOktaIdentitySource, OktaIdentitySourceUserProfile } from "../constructs/identity-source";
import type { OktaIdentitySourceImport, OktaIdentitySourceMembership } from "../constructs/identity-source-import";
import { checkNotEmpty, isConcrete, isEmail } from "./checks";
import { messages, show } from "../problems/messages";
import { warnOnce } from "./warnings";

/** A Terraform address a construct synthesizes: [resource type (data.<type> for data sources), name]. */
export type TerraformAddress = [type: string, name: string];

/** What the directory needs from an identity-source construct (source, record or import job). */
export interface IdentitySourceElement extends IConstruct {
  /** Its Terraform addresses, checked for valid and unique names with the rest of the org. */
  _addresses(): TerraformAddress[];
  /** Problems with its own props, each naming its path; soft limits become warnings. */
  _validate(): string[];
  /** The identity source it runs an import job on; undefined for anything but import jobs. */
  readonly _importSource?: IOktaIdentitySource;
}

/** Every problem with the identity-source constructs of one org, including one import job per source. */
export function validateIdentitySources(elements: readonly IdentitySourceElement[]): string[] {
  const problems = elements.flatMap((element) => element._validate());
  const jobsBySource = new Map<unknown, { shown: string; paths: string[] }>();
  for (const element of elements) {
    const source = element._importSource;
    if (!source) continue;
    // Two handles with the same id are the same source; a token id is only known to its own handle.
    const key = isConcrete(source.identitySourceId) ? source.identitySourceId : source;
    const entry = jobsBySource.get(key);
    if (entry) entry.paths.push(element.node.path);
    else jobsBySource.set(key, { shown: source.identitySourceId, paths: [element.node.path] });
  }
  for (const { shown, paths } of jobsBySource.values()) {
    if (paths.length > 1) problems.push(messages.importJobsPerSource(shown, paths));
  }
  return problems;
}

const REQUIRED_PROFILE_FIELDS = ["userName", "email", "firstName", "lastName"] as const;

/** A user profile must have the fields Okta needs and valid email addresses. */
export function validateUserProfile(
  path: string,
  where: string,
  externalId: string,
  profile: OktaIdentitySourceUserProfile | undefined,
): string[] {
  const missing = REQUIRED_PROFILE_FIELDS.filter((field) => {
    const value: unknown = profile?.[field];
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  });
  if (missing.length > 0) return [messages.incompleteProfile(path, where, externalId, missing)];
  const problems: string[] = [];
  for (const field of ["email", "secondEmail"] as const) {
    const value = profile?.[field];
    if (isConcrete(value) && !isEmail(value)) problems.push(messages.badEmail(path, `${where}.${field}`, value));
  }
  return problems;
}

/**
 * An import job's own rules: something to upload; at most `max` entries per block unless it runs in
 * waves; external ids unique per block and never both upserted and deleted; complete user profiles.
 * Memberships naming records that the job does not upsert and its source does not know are warnings.
 */
export function validateImport(job: OktaIdentitySourceImport, max: number): string[] {
  const path = job.node.path;
  const p = job.props;
  const upsertUsers = p.upsertUsers ?? [];
  const upsertGroups = p.upsertGroups ?? [];
  const upsertMemberships = p.upsertMemberships ?? [];
  const deleteUsers = p.deleteUsers ?? [];
  const deleteGroups = p.deleteGroups ?? [];
  const deleteMemberships = p.deleteMemberships ?? [];
  const problems: string[] = [];

  const blocks: [string, number][] = [
    ["upsertUsers", upsertUsers.length],
    ["upsertGroups", upsertGroups.length],
    ["upsertMemberships", upsertMemberships.length],
    ["deleteUsers", deleteUsers.length],
    ["deleteGroups", deleteGroups.length],
    ["deleteMemberships", deleteMemberships.length],
  ];
  if (blocks.every(([, count]) => count === 0)) return [messages.emptyImportJob(path)];
  if (!p.waves) {
    for (const [block, count] of blocks) {
      if (count > max) problems.push(messages.importBlockTooLarge(path, block, count, max));
    }
  }

  problems.push(
    ...uniqueIds(path, "upsertUsers", upsertUsers.map((u) => u.externalId)),
    ...uniqueIds(path, "upsertGroups", upsertGroups.map((g) => g.externalId)),
    ...uniqueIds(path, "deleteUsers", deleteUsers),
    ...uniqueIds(path, "deleteGroups", deleteGroups),
    ...membershipIds(path, "upsertMemberships", upsertMemberships),
    ...membershipIds(path, "deleteMemberships", deleteMemberships),
  );

  for (const id of common(upsertUsers.map((u) => u.externalId), deleteUsers)) {
    problems.push(messages.upsertedAndDeleted(path, `user external id ${show(id)}`, "upsertUsers", "deleteUsers"));
  }
  for (const id of common(upsertGroups.map((g) => g.externalId), deleteGroups)) {
    problems.push(messages.upsertedAndDeleted(path, `group external id ${show(id)}`, "upsertGroups", "deleteGroups"));
  }
  for (const pair of common(pairs(upsertMemberships), pairs(deleteMemberships))) {
    const [group, member] = JSON.parse(pair) as [string, string];
    const what = `the membership of user ${show(member)} in group ${show(group)}`;
    problems.push(messages.upsertedAndDeleted(path, what, "upsertMemberships", "deleteMemberships"));
  }

  upsertUsers.forEach((user, i) => {
    problems.push(...validateUserProfile(path, `upsertUsers[${i}].profile`, user.externalId, user.profile));
  });
  upsertGroups.forEach((group, i) => problems.push(...checkNotEmpty(path, `upsertGroups[${i}].displayName`, group.displayName)));

  warnUnknownMembers(job, new Set(upsertUsers.map((u) => u.externalId)), new Set(upsertGroups.map((g) => g.externalId)));
  return problems;
}

/** Each external id once per block, and none empty. */
function uniqueIds(path: string, block: string, ids: readonly string[]): string[] {
  const problems: string[] = [];
  const positions = new Map<string, number[]>();
  ids.forEach((id, i) => {
    problems.push(...checkNotEmpty(path, `${block}[${i}]`, id));
    if (isConcrete(id)) positions.set(id, [...(positions.get(id) ?? []), i]);
  });
  for (const [id, at] of positions) {
    if (at.length > 1) problems.push(messages.duplicateExternalId(path, block, id, at));
  }
  return problems;
}

/** One entry per group in a memberships block, each member once per entry. */
function membershipIds(path: string, block: string, memberships: readonly OktaIdentitySourceMembership[]): string[] {
  return [
    ...uniqueIds(path, block, memberships.map((m) => m.groupExternalId)),
    ...memberships.flatMap((m, i) => uniqueIds(path, `${block}[${i}].memberExternalIds`, m.memberExternalIds)),
  ];
}

/** The values of `a` that are also in `b`, once each, in the order of `a`. */
function common(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a)].filter((value) => inB.has(value));
}

/** Each (group, member) pair of a memberships block, as a JSON string. */
function pairs(memberships: readonly OktaIdentitySourceMembership[]): string[] {
  return memberships.flatMap((m) => m.memberExternalIds.map((member) => JSON.stringify([m.groupExternalId, member])));
}

/** What an OktaIdentitySource knows exists: ids it looks up or manages as records. */
interface KnownIds {
  readonly _knownUserIds: ReadonlySet<string>;
  readonly _knownGroupIds: ReadonlySet<string>;
}

function warnUnknownMembers(job: OktaIdentitySourceImport, upsertedUsers: Set<string>, upsertedGroups: Set<string>): void {
  const source = job.props.source as Partial<KnownIds>;
  const sourcePath = job.props.source.node.path;
  const knownUsers = source._knownUserIds ?? new Set<string>();
  const knownGroups = source._knownGroupIds ?? new Set<string>();
  const warn = (message: string) => warnOnce(job, message);
  (job.props.upsertMemberships ?? []).forEach((membership, i) => {
    const where = `upsertMemberships[${i}]`;
    const group = membership.groupExternalId;
    if (isConcrete(group) && !upsertedGroups.has(group) && !knownGroups.has(group)) {
      warn(messages.unknownMembershipId(job.node.path, where, "group", group, sourcePath));
    }
    for (const member of new Set(membership.memberExternalIds)) {
      if (isConcrete(member) && !upsertedUsers.has(member) && !knownUsers.has(member)) {
        warn(messages.unknownMembershipId(job.node.path, where, "user", member, sourcePath));
      }
    }
  });
}
