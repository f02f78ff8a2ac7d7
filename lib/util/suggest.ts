/**
 * "Did you mean" suggestions: the closest candidate by edit distance, offered only when fewer
 * than three edits away (Terraform's threshold). Swapping two neighbouring letters counts as one
 * edit, so "stauts" suggests "status" rather than "state".
 */

/** The largest edit distance that still counts as a likely typo. */
const MAX_DISTANCE = 2;

/**
 * Returns the candidate closest to `name` within {@link MAX_DISTANCE} edits, or undefined.
 * Ties go to the candidate that comes first.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_DISTANCE + 1;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) >= bestDistance) {
      continue;
    }
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A fixed list of names with the suggestions already made from it. */
export class Suggestions {
  private readonly made = new Map<string, string | undefined>();

  /** @param names the candidates, in the order messages list them. */
  public constructor(public readonly names: readonly string[]) {}

  /** {@link suggest} over {@link names}, remembered. */
  public suggest(name: string): string | undefined {
    if (!this.made.has(name)) {
      this.made.set(name, suggest(name, this.names));
    }
    return this.made.get(name);
  }
}

/** Rows of the distance table, reused across calls (suggestions run once per problem). */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * The optimal string alignment distance of a and b (insertions, deletions, substitutions and
 * transpositions of neighbours), or `limit` as soon as it is known to reach it.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (rows[0].length <= b.length) {
    rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  }
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) {
    previous[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= limit) {
      return limit;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length];
}
