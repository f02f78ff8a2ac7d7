import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IdentitySourceImport, IdentitySourceImportConfig } from "../../.gen/providers/okta/identity-source-import";
import { Sleep } from "../../.gen/providers/time/sleep";
import { IOktaIdentitySource, OktaIdentitySourceUserProfile, validateUserProfile } from "./identity-source";
import { OktaDirectory } from "../core/directory";
import { TerraformAddress } from "../core/identity-sources";
import { checkNotEmpty, isConcrete } from "../core/checks";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { TimeProvider } from "../../.gen/providers/time/provider";
import { RevisionTrigger } from "./revision-trigger";
import { problem, show } from "../problems/messages";
import { Problem } from "../problems/problem";
import { warnOnce } from "../core/warnings";
import { literal, literalDeep } from "../util/literal";
import { isProduction } from "../core/production";

/** Minutes between two waves of one job: more than Okta's five minutes between import sessions. */
const WAVE_MINUTES = 6;

/** A user to create or update in an import job. */
export interface OktaIdentitySourceImportUser {
  /** The user's id in the HR system. */
  readonly externalId: string;
  /** The user's profile; userName, email, firstName and lastName are required. */
  readonly profile: OktaIdentitySourceUserProfile;
}

/** A group to create or update in an import job. */
export interface OktaIdentitySourceImportGroup {
  /** The group's id in the HR system. */
  readonly externalId: string;
  /** The group's name as Okta shows it. */
  readonly displayName: string;
  /** @default - no description */
  readonly description?: string;
}

/** The members of one group, to add to it or remove from it in an import job. */
export interface OktaIdentitySourceMembership {
  /** External id of the group. */
  readonly groupExternalId: string;
  /** External ids of the users. */
  readonly memberExternalIds: string[];
}

/**
 * What an import job uploads. Each block is one upload request of at most 200 entries
 * (OktaIdentitySourceImport.MAX_ENTRIES_PER_BLOCK), unless the job runs in waves.
 */
export interface OktaIdentitySourceImportEntries {
  /** Users to create or update. @default - none */
  readonly upsertUsers?: OktaIdentitySourceImportUser[];
  /** Groups to create or update. @default - none */
  readonly upsertGroups?: OktaIdentitySourceImportGroup[];
  /** Members to add, one entry per group. @default - none */
  readonly upsertMemberships?: OktaIdentitySourceMembership[];
  /** External ids of users to delete. @default - none */
  readonly deleteUsers?: string[];
  /** External ids of groups to delete. @default - none */
  readonly deleteGroups?: string[];
  /** Members to remove, one entry per group. @default - none */
  readonly deleteMemberships?: OktaIdentitySourceMembership[];
}

/** Properties of an OktaIdentitySourceImport. */
export interface OktaIdentitySourceImportProps extends OktaIdentitySourceImportEntries {
  /** The identity source the job imports into. At most one job per identity source per org stack. */
  readonly source: IOktaIdentitySource;
  /**
   * Any string; changing it runs the job again with unchanged data (Terraform replaces the job through
   * lifecycle replace_triggered_by on terraform_data.<id>_revision). A job only runs when it is created
   * or its data changes: use this to re-send data that drifted in Okta, e.g. a date or a counter.
   * @default - the job runs again only when its data changes
   */
  readonly revision?: string;
  /**
   * Run a job with more than 200 entries in a block as several waves in one apply: each wave is its
   * own okta_identity_source_import of at most 200 entries per block, created at least
   * OktaIdentitySourceImport.WAVE_INTERVAL after the previous one (hashicorp/time's time_sleep), so
   * Okta's one session per five minutes is respected. Memberships go in a wave no earlier than their
   * group's and members'. A job that fits in one wave renders exactly as without waves. Entries are cut
   * into waves in the order given: keep the order stable (e.g. sorted by externalId), because an entry
   * inserted early shifts every later wave, and each changed wave runs a new session.
   * @default false - more than 200 entries in a block is an error
   */
  readonly waves?: boolean;
}

/**
 * A bulk import job into an Okta identity source (okta_identity_source_import): one import session
 * that uploads users, groups and memberships to upsert or delete, then starts the import.
 *
 * The Terraform address is okta_identity_source_import.<id>, the generated resource the child
 * 'Resource'; waves 2, 3, ... are okta_identity_source_import.<id>_wave2, ... after
 * time_sleep.<id>_wait2, ...
 *
 * Okta opens one import session per identity source every five minutes and accepts at most 200
 * entries per upload: so at most one job per identity source per stack, at most 200 entries per block
 * (or `waves: true`). Changing the job's data runs a new session with the whole new data; the job
 * never runs again otherwise (see `revision`).
 *
 * Removing a job does not undo it: what it upserted stays in Okta and what it deleted stays deleted.
 * To undo, run a job that deletes (or upserts back) the records.
 *
 * @see https://developer.okta.com/docs/guides/terraform-manage-id-source/main/
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/identity_source_import
 */
export class OktaIdentitySourceImport extends Construct {
  /** Okta's limit on entries per upload request; the provider sends each block as one request. */
  public static readonly MAX_ENTRIES_PER_BLOCK = 200;
  /** How long a wave waits after the previous one: more than Okta's five minutes between sessions. */
  public static readonly WAVE_INTERVAL = `${WAVE_MINUTES}m`;

  /** The props this job was created with. */
  public readonly props: OktaIdentitySourceImportProps;
  /** The generated okta_identity_source_import resource (the first wave, when there are several). */
  public readonly resource: IdentitySourceImport;
  private readonly waveResources: IdentitySourceImport[] = [];
  private readonly addresses: TerraformAddress[] = [];

  constructor(scope: Construct, id: string, props: OktaIdentitySourceImportProps) {
    super(scope, id);
    this.props = props;
    const max = OktaIdentitySourceImport.MAX_ENTRIES_PER_BLOCK;
    const waves: OktaIdentitySourceImportEntries[] = props.waves ? planWaves(props, max) : [props];

    let replaceTriggeredBy: ITerraformDependable[] | undefined;
    if (props.revision !== undefined) {
      const revision = new RevisionTrigger(this, "Revision", props.revision);
      revision.overrideLogicalId(`${id}_revision`);
      this.addresses.push(["terraform_data", `${id}_revision`]);
      replaceTriggeredBy = [revision];
    }
    if (waves.length > 1) timeProviderOf(this);
    const waitMinutes = (waves.length - 1) * WAVE_MINUTES;
    if (waitMinutes > 60) warnOnce(this, problem.longWaveApply(this.node.path, waves.length, waitMinutes));

    waves.forEach((wave, i) => {
      const previous = this.waveResources[i - 1];
      let dependsOn: ITerraformDependable[] | undefined;
      if (previous) {
        // The wait is replaced whenever the previous wave runs a new session (its session_id changes).
        const wait = new Sleep(this, `Wait${i + 1}`, {
          createDuration: OktaIdentitySourceImport.WAVE_INTERVAL,
          triggers: { previous_session_id: previous.sessionId },
        });
        wait.overrideLogicalId(`${id}_wait${i + 1}`);
        this.addresses.push(["time_sleep", `${id}_wait${i + 1}`]);
        dependsOn = [wait];
      }
      const resource = new IdentitySourceImport(this, i === 0 ? "Resource" : `Wave${i + 1}`, {
        identitySourceId: literal(props.source.identitySourceId),
        ...literalDeep(renderBlocks(wave)),
        dependsOn,
        lifecycle: replaceTriggeredBy ? { replaceTriggeredBy } : undefined,
      });
      const name = i === 0 ? id : `${id}_wave${i + 1}`;
      resource.overrideLogicalId(name);
      this.addresses.push(["okta_identity_source_import", name]);
      this.waveResources.push(resource);
    });
    this.resource = this.waveResources[0];
    const deletes = [
      [props.deleteUsers?.length ?? 0, "user"],
      [props.deleteGroups?.length ?? 0, "group"],
      [props.deleteMemberships?.length ?? 0, "membership list"],
    ].filter(([n]) => (n as number) > 0);
    if (isProduction(this) && deletes.length > 0) {
      warnOnce(this, problem.productionImportDeletes(this.node.path, deletes.map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`).join(", ")));
    }
    OktaDirectory.of(this).addIdentitySourceElement(this);
  }

  /** The import session id of each wave, in order, as Terraform references (one without waves). */
  public get sessionIds(): string[] {
    return this.waveResources.map((resource) => resource.sessionId);
  }

  /** @internal */
  public get _importSource(): IOktaIdentitySource {
    return this.props.source;
  }

  /** @internal */
  public _addresses(): TerraformAddress[] {
    return [...this.addresses];
  }

  /** @internal */
  public _validate(): Problem[] {
    return validateImport(this, OktaIdentitySourceImport.MAX_ENTRIES_PER_BLOCK);
  }
}

/** The upload blocks of one okta_identity_source_import; empty blocks are left out. */
function renderBlocks(entries: OktaIdentitySourceImportEntries): Partial<IdentitySourceImportConfig> {
  const users = entries.upsertUsers ?? [];
  const groups = entries.upsertGroups ?? [];
  const upsertMemberships = entries.upsertMemberships ?? [];
  const deleteUsers = entries.deleteUsers ?? [];
  const deleteGroups = entries.deleteGroups ?? [];
  const deleteMemberships = entries.deleteMemberships ?? [];
  return {
    upsertUsers: users.length
      ? {
          entityType: "USERS",
          profiles: users.map(({ externalId, profile }) => ({ externalId, profile })),
        }
      : undefined,
    upsertGroups: groups.length
      ? {
          profiles: groups.map((g) => ({
            externalId: g.externalId,
            groupProfile: { displayName: g.displayName, description: g.description },
          })),
        }
      : undefined,
    upsertGroupMemberships: upsertMemberships.length ? { memberships: upsertMemberships } : undefined,
    deleteUsers: deleteUsers.length
      ? { entityType: "USERS", profiles: deleteUsers.map((externalId) => ({ externalId })) }
      : undefined,
    deleteGroups: deleteGroups.length ? { externalIds: deleteGroups } : undefined,
    deleteGroupMemberships: deleteMemberships.length ? { memberships: deleteMemberships } : undefined,
  };
}

// Splitting one large import job into waves that Okta accepts.

/** One wave: every block present, possibly empty. */
export type ImportWave = Required<OktaIdentitySourceImportEntries>;

function emptyWave(): ImportWave {
  return { upsertUsers: [], upsertGroups: [], upsertMemberships: [], deleteUsers: [], deleteGroups: [], deleteMemberships: [] };
}

/**
 * Splits a job into waves of at most `max` entries per block, in order. An upserted membership goes
 * in the first wave with room that is not before the waves upserting its group and its members, so
 * Okta always knows both sides of a membership when it imports it. Returns at least one wave.
 */
export function planWaves(job: OktaIdentitySourceImportEntries, max: number): ImportWave[] {
  const waves: ImportWave[] = [emptyWave()];
  const wave = (index: number): ImportWave => {
    while (waves.length <= index) waves.push(emptyWave());
    return waves[index];
  };
  const inChunks = <T>(items: readonly T[] | undefined, put: (target: ImportWave, item: T, index: number) => void) =>
    (items ?? []).forEach((item, i) => put(wave(Math.floor(i / max)), item, Math.floor(i / max)));

  const userWave = new Map<string, number>();
  const groupWave = new Map<string, number>();
  inChunks(job.upsertUsers, (target, user, index) => {
    target.upsertUsers.push(user);
    if (!userWave.has(user.externalId)) userWave.set(user.externalId, index);
  });
  inChunks(job.upsertGroups, (target, group, index) => {
    target.upsertGroups.push(group);
    if (!groupWave.has(group.externalId)) groupWave.set(group.externalId, index);
  });
  inChunks(job.deleteUsers, (target, id) => target.deleteUsers.push(id));
  inChunks(job.deleteGroups, (target, id) => target.deleteGroups.push(id));
  inChunks(job.deleteMemberships, (target, membership) => target.deleteMemberships.push(membership));
  for (const membership of job.upsertMemberships ?? []) {
    // No spread: a membership may list hundreds of thousands of members.
    let index = groupWave.get(membership.groupExternalId) ?? 0;
    for (const member of membership.memberExternalIds) index = Math.max(index, userWave.get(member) ?? 0);
    while (wave(index).upsertMemberships.length >= max) index++;
    wave(index).upsertMemberships.push(membership);
  }
  return waves;
}

/** The stack's hashicorp/time provider, created on first use (time_sleep needs it declared). */
export function timeProviderOf(scope: IConstruct): TimeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.children.find((child): child is TimeProvider => child instanceof TimeProvider);
  return existing ?? new TimeProvider(stack, "time");
}

/**
 * An import job's own rules: something to upload; at most `max` entries per block unless it runs in
 * waves; external ids unique per block and never both upserted and deleted; complete user profiles.
 * Memberships naming records that the job does not upsert and its source does not know are warnings.
 */
export function validateImport(job: OktaIdentitySourceImport, max: number): Problem[] {
  const path = job.node.path;
  const p = job.props;
  const upsertUsers = p.upsertUsers ?? [];
  const upsertGroups = p.upsertGroups ?? [];
  const upsertMemberships = p.upsertMemberships ?? [];
  const deleteUsers = p.deleteUsers ?? [];
  const deleteGroups = p.deleteGroups ?? [];
  const deleteMemberships = p.deleteMemberships ?? [];
  const problems: Problem[] = [];

  const blocks: [string, number][] = [
    ["upsertUsers", upsertUsers.length],
    ["upsertGroups", upsertGroups.length],
    ["upsertMemberships", upsertMemberships.length],
    ["deleteUsers", deleteUsers.length],
    ["deleteGroups", deleteGroups.length],
    ["deleteMemberships", deleteMemberships.length],
  ];
  if (blocks.every(([, count]) => count === 0)) return [problem.emptyImportJob(path)];
  if (!p.waves) {
    for (const [block, count] of blocks) {
      if (count > max) problems.push(problem.importBlockTooLarge(path, block, count, max));
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
    problems.push(problem.upsertedAndDeleted(path, `user external id ${show(id)}`, "upsertUsers", "deleteUsers"));
  }
  for (const id of common(upsertGroups.map((g) => g.externalId), deleteGroups)) {
    problems.push(problem.upsertedAndDeleted(path, `group external id ${show(id)}`, "upsertGroups", "deleteGroups"));
  }
  for (const pair of common(pairs(upsertMemberships), pairs(deleteMemberships))) {
    const [group, member] = JSON.parse(pair) as [string, string];
    const what = `the membership of user ${show(member)} in group ${show(group)}`;
    problems.push(problem.upsertedAndDeleted(path, what, "upsertMemberships", "deleteMemberships"));
  }

  upsertUsers.forEach((user, i) => {
    problems.push(...validateUserProfile(path, `upsertUsers[${i}].profile`, user.externalId, user.profile));
  });
  upsertGroups.forEach((group, i) => problems.push(...checkNotEmpty(path, `upsertGroups[${i}].displayName`, group.displayName)));

  warnUnknownMembers(job, new Set(upsertUsers.map((u) => u.externalId)), new Set(upsertGroups.map((g) => g.externalId)));
  return problems;
}

/** Each external id once per block, and none empty. */
function uniqueIds(path: string, block: string, ids: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const positions = new Map<string, number[]>();
  ids.forEach((id, i) => {
    problems.push(...checkNotEmpty(path, `${block}[${i}]`, id));
    if (isConcrete(id)) positions.set(id, [...(positions.get(id) ?? []), i]);
  });
  for (const [id, at] of positions) {
    if (at.length > 1) problems.push(problem.duplicateExternalId(path, block, id, at));
  }
  return problems;
}

/** One entry per group in a memberships block, each member once per entry. */
function membershipIds(path: string, block: string, memberships: readonly OktaIdentitySourceMembership[]): Problem[] {
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
  const warn = (found: Problem) => warnOnce(job, found);
  (job.props.upsertMemberships ?? []).forEach((membership, i) => {
    const where = `upsertMemberships[${i}]`;
    const group = membership.groupExternalId;
    if (isConcrete(group) && !upsertedGroups.has(group) && !knownGroups.has(group)) {
      warn(problem.unknownMembershipId(job.node.path, where, "group", group, sourcePath));
    }
    for (const member of new Set(membership.memberExternalIds)) {
      if (isConcrete(member) && !upsertedUsers.has(member) && !knownUsers.has(member)) {
        warn(problem.unknownMembershipId(job.node.path, where, "user", member, sourcePath));
      }
    }
  });
}
