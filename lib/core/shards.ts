/**
 * Which user shard a user belongs to: a stable hash of its construct id (FNV-1a, 64 bits), spread
 * over the shards with jump consistent hashing (Lamping and Veach, "A Fast, Minimal Memory,
 * Consistent Hash Algorithm", 2014): growing from n to n + 1 shards moves only the users that land
 * in the new shard (about 1 in n + 1), and shrinking moves only the users of the shards removed.
 */
import { IConstruct } from "constructs";

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;
/** The paper's linear congruential step. */
const JUMP_MULTIPLIER = 2862933555777941757n;

/** FNV-1a over the UTF-8 bytes of `text`, as an unsigned 64-bit number. */
export function stableHash(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/** The shard (0 .. shards - 1) of a user construct id. */
export function shardOf(id: string, shards: number): number {
  let key = stableHash(id);
  let b = -1;
  let j = 0;
  while (j < shards) {
    b = j;
    key = (key * JUMP_MULTIPLIER + 1n) & MASK;
    j = Math.floor(((b + 1) * 2 ** 31) / (Number(key >> 33n) + 1));
  }
  return b;
}

/** What a user shard stack tells the directory about the org it belongs to. */
export interface ShardOfOrg extends IConstruct {
  /** The org's main stack: groups, rules and schema properties live there. */
  readonly org: IConstruct;
  /** This shard's index, 0-based. */
  readonly index: number;
  /** How many user shards the org has. */
  readonly count: number;
  /** How many it had before a re-shard (its users' moves are written as removed and import blocks), if any. */
  readonly previousCount?: number;
  /** The terraform_remote_state body that reads the org stack's outputs. */
  remoteState(): { backend: string; config: Record<string, unknown> };
}

/** The marker a user shard stack carries, so the directory (below the stacks) can recognise one. */
export const SHARD_OF_ORG = Symbol.for("cdktf-okta.userShard");

/** The shard description of a stack, when it is a user shard. */
export function shardInfo(stack: IConstruct): ShardOfOrg | undefined {
  return (stack as unknown as { [SHARD_OF_ORG]?: ShardOfOrg })[SHARD_OF_ORG];
}
