import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IdentitySourceImport, IdentitySourceImportConfig } from "../../.gen/providers/okta/identity-source-import";
import { Sleep } from "../../.gen/providers/time/sleep";
import type { IOktaIdentitySource, OktaIdentitySourceUserProfile } from "./identity-source";
import { OktaDirectory } from "../core/directory";
import { TerraformAddress, validateImport } from "../core/identity-source-checks";
import { planWaves, timeProviderOf } from "./identity-source-waves";
import { RevisionTrigger } from "./revision-trigger";
import { messages } from "../problems/messages";
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
    if (waitMinutes > 60) warnOnce(this, messages.longWaveApply(this.node.path, waves.length, waitMinutes));

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
      warnOnce(this, messages.productionImportDeletes(this.node.path, deletes.map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`).join(", ")));
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
  public _validate(): string[] {
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
