/**
 * How a group's explicit members are split into okta_group_memberships resources: one resource for a
 * group of up to MEMBERS_PER_RESOURCE members (`<group>_members`, as always), several for a bigger one
 * (`<group>_members`, `<group>_members_2`, ...), each with track_all_users false and its own members.
 *
 * Why split: the okta provider adds members one PUT at a time within one create or update of the
 * resource, and that operation has a deadline (see MEMBERS_PER_RESOURCE); users report groups of about
 * 1,000 members timing out (okta/terraform-provider-okta #808, #1818).
 *
 * Which member goes where (stable assignment): each member's construct id is hashed to 32 bits
 * (sha256). The hash space is split in halves, recursively, while a range holds more members than a
 * resource may; every range that is not split again is one resource. So a member's resource depends only
 * on its own hash and on how many members share its range:
 * - adding or removing a member changes only the resource of its range, and moves nobody;
 * - members move only when a range overflows (the upper half of its members moves to a new resource)
 *   or when two halves together fit again in one resource (the upper half's members move back and its
 *   resource disappears), and when a member's construct id changes (a rename moves it by its new hash).
 * Names follow the ranges, not their order: a range keeps its resource's name when it splits (its lower
 * half stays), so splitting one range renames no other resource. A range reached by the bits b1..bk
 * (ending in 1; trailing 0s are the lower halves that kept their parent's name) is number
 * 2^(k-1) + (b1..bk + 1) / 2: a balanced split into 2^d resources uses exactly the numbers 1 to 2^d.
 *
 * Moves within one apply: the provider's update adds the users that entered a resource and then
 * removes the users that left it, by user, not by resource (resource_okta_group_memberships.go:185-208;
 * group.go:47-70). If the resource a member enters were updated before the one it leaves, the removal
 * would come last and take the member out of the group. So each resource of a group depends on the one
 * before it (depends_on, by number): a split's new resource is created after the old one removed the
 * movers, a merge's vanished resource is destroyed (Terraform destroys a dependent before it updates
 * what it depends on; both orders checked with terraform 1.11.4) before the remaining one adds them back. The group ends with every member; the
 * movers are out of it between the two writes. A renamed member can move to an earlier resource; then
 * the apply may drop it from the group, and the next plan sees it missing (track_all_users false reads
 * which of its users left the group, resource_okta_group_memberships.go:162-171, 272-327) and adds it
 * back. The chain also keeps one group's resources from sharing the rate limit with each other, so each
 * gets its whole deadline.
 */
import { createHash } from "node:crypto";
import { GroupEntry } from "./entries";
import { IOktaUser } from "./model";

/**
 * The most explicit members one okta_group_memberships holds.
 *
 * The provider's create and update add members one `PUT /api/v1/groups/{groupId}/users/{userId}` at a
 * time, in sequence (okta/services/idaas/group.go:47-58, called from
 * resource_okta_group_memberships.go:113 and :197). The resource declares no Timeouts
 * (resource_okta_group_memberships.go:18-95), so terraform-plugin-sdk v2 (go.mod:23, v2.39.0) gives
 * each create and update its default deadline of 20 minutes. Those PUTs count against Okta's
 * /api/v1/groups rate limit, 100 requests a minute on the smallest orgs (300 to 600 on paid ones), of
 * which the provider uses max_api_capacity, 50% by default in cdktf-okta: the governed transport
 * sleeps until the limit resets once it is reached (okta/internal/transport/governed_transport.go:58-84).
 * 20 minutes x 50 PUTs a minute = 1,000 members, where users report the timeouts. Half of that leaves
 * the other half of the deadline for what shares the limit: other groups' memberships applied in
 * parallel, 429 retries, and the create's check that the group has users (resource_okta_group_memberships.go:117-134).
 * Bigger resources would refresh cheaper (each one's read lists the group's users, 200 a page,
 * utils.go:39, resource_okta_group_memberships.go:283-311), so the size is not smaller.
 */
export const MEMBERS_PER_RESOURCE = 500;

/** One okta_group_memberships of a group. */
export interface MembershipChunk {
  /** 1 for `<group>_members`, n for `<group>_members_<n>`. */
  readonly number: number;
  /** Its members, in the order they were added to the group. */
  readonly members: IOktaUser[];
}

/** The okta_group_memberships name of a group's chunk number `number`. */
export function membershipsName(groupAddress: string, number: number): string {
  return number === 1 ? `${groupAddress}_members` : `${groupAddress}_members_${number}`;
}

/** Splits groups' explicit members into okta_group_memberships resources. */
export class GroupMemberships {
  /** The most members a resource holds: MEMBERS_PER_RESOURCE; lowered only by tests. @internal */
  public static _chunkSize = MEMBERS_PER_RESOURCE;

  private static readonly cache = new WeakMap<GroupEntry, { size: number; chunkSize: number; chunks: MembershipChunk[] }>();

  /** A group's memberships resources, by number; none for a group without explicit members. */
  public static of(group: GroupEntry): MembershipChunk[] {
    const chunkSize = GroupMemberships._chunkSize;
    const cached = GroupMemberships.cache.get(group);
    // Members are only ever added, so the same count is the same members.
    if (cached && cached.size === group.members.size && cached.chunkSize === chunkSize) return cached.chunks;
    const chunks = split([...group.members], chunkSize);
    GroupMemberships.cache.set(group, { size: group.members.size, chunkSize, chunks });
    return chunks;
  }

  /** The okta_group_memberships names of a group, by number. */
  public static namesOf(group: GroupEntry, groupAddress = group.address): string[] {
    return GroupMemberships.of(group).map((chunk) => membershipsName(groupAddress, chunk.number));
  }

  /**
   * The okta_group_memberships resources of a group, by name, as the stack's JSON holds them, each
   * after the one before it (depends_on). A production stack adds their prevent_destroy (OktaOrgStack).
   */
  public static render(group: GroupEntry, userId: (user: IOktaUser) => string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let previous: string | undefined;
    for (const chunk of GroupMemberships.of(group)) {
      const name = membershipsName(group.address, chunk.number);
      const body: Record<string, unknown> = { group_id: group.idExpression, users: chunk.members.map(userId), track_all_users: false };
      if (previous !== undefined) body.depends_on = [`okta_group_memberships.${previous}`];
      out[name] = body;
      previous = name;
    }
    return out;
  }
}

const HASH_BITS = 32;

/** The members split by hash range; one chunk, in order, when they fit in one. */
function split(members: IOktaUser[], chunkSize: number): MembershipChunk[] {
  if (members.length === 0) return [];
  if (members.length <= chunkSize) return [{ number: 1, members }];
  const hashed = members.map((member, order) => ({ member, order, hash: hashOf(member) })).sort((a, b) => a.hash - b.hash || a.order - b.order);
  const chunks: MembershipChunk[] = [];
  const visit = (lo: number, hi: number, depth: number, prefix: number) => {
    if (lo === hi) return;
    if (hi - lo <= chunkSize || depth === HASH_BITS) {
      const inRange = hashed.slice(lo, hi).sort((a, b) => a.order - b.order);
      chunks.push({ number: rangeNumber(prefix, depth), members: inRange.map((h) => h.member) });
      return;
    }
    const middle = (prefix * 2 + 1) * 2 ** (HASH_BITS - depth - 1);
    let at = lo;
    while (at < hi && hashed[at].hash < middle) at++;
    visit(lo, at, depth + 1, prefix * 2);
    visit(at, hi, depth + 1, prefix * 2 + 1);
  };
  visit(0, hashed.length, 0, 0);
  return chunks.sort((a, b) => a.number - b.number);
}

/** A member's place in the hash space: the first 32 bits of sha256 of its construct id. */
function hashOf(member: IOktaUser): number {
  return createHash("sha256").update(member.node.id).digest().readUInt32BE(0);
}

/** The number of the range reached by `depth` bits `prefix`: lower halves keep their parent's number. */
function rangeNumber(prefix: number, depth: number): number {
  while (depth > 0 && prefix % 2 === 0) {
    prefix /= 2;
    depth--;
  }
  return depth === 0 ? 1 : 2 ** (depth - 1) + (prefix + 1) / 2;
}
