/**
 * A representative copy of a stack's Terraform JSON for Terraform's own verdict (`terraform validate`
 * costs about a millisecond per resource inside terraform, minutes at 100,000 users). Users, groups
 * and memberships are rendered by cdktf-okta from the same few shapes, so Terraform's verdict on one
 * of each shape is its verdict on all of them: a resource of those types is kept when it is the first of
 * its shape (its attribute names, nesting and value kinds, and the types its references point to) or
 * when anything else in the stack refers to it; kept memberships refer only to kept users and groups.
 * Every other block is kept as it is. The built-in validator still checks every resource.
 */

/** The types cdktf-okta renders in bulk, from a handful of shapes. */
const SAMPLED = ["okta_user", "okta_group", "okta_group_memberships"] as const;

/** References to the sampled types: okta_user.<name>, okta_group.<name>, okta_group_memberships.<name>. */
const REFERENCE = /\b(okta_user|okta_group|okta_group_memberships)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/**
 * Up to this many users, groups and memberships a stack is judged whole (its problems then name their
 * line): terraform takes about a millisecond per resource, so judging one whole costs at most 0.5 s.
 */
export const SAMPLE_ABOVE = 500;

/** The stack's JSON with its bulk resources sampled by shape; the same object when it is small. */
export function representativeStack(tf: any): any {
  const resources = tf?.resource ?? {};
  const total = SAMPLED.reduce((n, type) => n + Object.keys(resources[type] ?? {}).length, 0);
  if (total <= SAMPLE_ABOVE) return tf;

  // What the rest of the stack refers to is kept, whatever its shape.
  const kept = new Map<string, Set<string>>(SAMPLED.map((type) => [type, new Set<string>()]));
  // (Import and moved blocks are not references: the ones whose resource is left out are left out too.)
  const { import: _imports, moved: _moved, ...others } = tf;
  const rest = { ...others, resource: Object.fromEntries(Object.entries(resources).filter(([type]) => !(SAMPLED as readonly string[]).includes(type))) };
  for (const match of JSON.stringify(rest).matchAll(REFERENCE)) kept.get(match[1])!.add(match[2]);

  for (const type of SAMPLED) {
    const shapes = new Set<string>();
    const byName: Record<string, unknown> = resources[type] ?? {};
    for (const name in byName) {
      const shape = shapeOf(byName[name]);
      if (!shapes.has(shape)) {
        shapes.add(shape);
        kept.get(type)!.add(name);
      }
    }
  }
  // A kept user or group that a kept membership does not refer to is fine; a kept membership must
  // refer only to kept users and groups (and to kept memberships in depends_on).
  const users = kept.get("okta_user")!;
  const groups = kept.get("okta_group")!;
  const memberships = kept.get("okta_group_memberships")!;
  const firstUser = [...users][0];
  const firstGroup = [...groups][0];
  const out: Record<string, Record<string, unknown>> = { ...resources };
  for (const type of SAMPLED) {
    if (resources[type] === undefined) continue;
    out[type] = Object.fromEntries([...kept.get(type)!].filter((name) => resources[type][name] !== undefined).map((name) => [name, resources[type][name]]));
  }
  if (out.okta_group_memberships) {
    for (const [name, body] of Object.entries<any>(out.okta_group_memberships)) {
      out.okta_group_memberships[name] = retarget(body, users, groups, memberships, firstUser, firstGroup);
    }
  }
  const declared = (address: unknown) => {
    const match = typeof address === "string" ? /^(okta_user|okta_group|okta_group_memberships)\.([^.[]+)/.exec(address) : null;
    return match === null || kept.get(match[1])!.has(match[2]);
  };
  const sampled: any = { ...tf, resource: out };
  if (Array.isArray(tf.import)) sampled.import = tf.import.filter((block: any) => declared(block?.to));
  if (Array.isArray(tf.moved)) sampled.moved = tf.moved.filter((block: any) => declared(block?.to));
  return sampled;
}

/** A membership that refers only to kept users, a kept group and kept memberships. */
function retarget(body: any, users: Set<string>, groups: Set<string>, memberships: Set<string>, firstUser: string | undefined, firstGroup: string | undefined): any {
  const copy = { ...body };
  const keep = (kind: string, names: Set<string>, first: string | undefined) => (value: unknown) => {
    if (typeof value !== "string") return value;
    return value.replace(new RegExp(`\\b${kind}\\.([A-Za-z_][A-Za-z0-9_-]*)`, "g"), (whole, name: string) => (names.has(name) || first === undefined ? whole : `${kind}.${first}`));
  };
  if (Array.isArray(copy.users)) copy.users = [...new Set(copy.users.map(keep("okta_user", users, firstUser)))];
  if (copy.group_id !== undefined) copy.group_id = keep("okta_group", groups, firstGroup)(copy.group_id);
  if (Array.isArray(copy.depends_on)) copy.depends_on = copy.depends_on.filter((address: unknown) => typeof address !== "string" || !address.startsWith("okta_group_memberships.") || memberships.has(address.slice("okta_group_memberships.".length)));
  return copy;
}

/**
 * A value's shape: objects by their keys (sorted) and the shapes of their values, arrays by the set of
 * their items' shapes, strings by whether they are literal or which resource types they refer to.
 */
function shapeOf(value: unknown): string {
  if (typeof value === "string") {
    if (isLiteralString(value)) return "s";
    return `ref(${[...value.matchAll(/\b([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(\.[a-z_]+)?/g)].map((m) => `${m[1]}${m[2] ?? ""}`).join("+")})`;
  }
  if (Array.isArray(value)) {
    // Most arrays hold one shape (a membership's users): the set of shapes, sorted, without a copy per item.
    const shapes = new Set<string>();
    for (const item of value) shapes.add(shapeOf(item));
    return `[${[...shapes].sort().join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (!isSorted(keys)) keys.sort();
    // Most resources hold only literal strings (a user): their keys are their shape.
    if (keys.every((key) => isLiteralString((value as Record<string, unknown>)[key]))) return `{${keys.join(",")}:s}`;
    let shape = "{";
    for (const key of keys) shape += `${key}:${shapeOf((value as Record<string, unknown>)[key])},`;
    return `${shape}}`;
  }
  return typeof value;
}

/** A string without a template: nothing Terraform would evaluate. */
function isLiteralString(value: unknown): boolean {
  return typeof value === "string" && !value.includes("${") && !value.includes("%{");
}

/** Whether keys are in sort() order already (a rendered resource's usually are not, but sorting a sorted list costs more than this check). */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
