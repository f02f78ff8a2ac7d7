/** Splitting one large identity-source import job into waves that Okta accepts. */
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { TimeProvider } from "../../.gen/providers/time/provider";
import type { OktaIdentitySourceImportEntries } from "./identity-source-import";

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
