/**
 * Terraform's address-taking meta-arguments (depends_on, lifecycle.ignore_changes,
 * lifecycle.replace_triggered_by, moved.from/to, import.to) are not templates: they take a bare
 * address such as "okta_user_schema_property.dob". "${okta_user_schema_property.dob}" there fails
 * `terraform validate` with "A single static variable reference is required". cdktf writes a
 * construct reference (fqn) as "${...}", so every stack's JSON passes through here before it is written.
 */

const WHOLE_REFERENCE = /^\$\{([^${}]+)\}$/;

/** True when a string is one whole `${...}` reference, e.g. "${var.okta_dev_private_key}". */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && WHOLE_REFERENCE.test(value);
}

/** "${okta_user.bird}" -> "okta_user.bird"; anything that is not one whole `${...}` is left alone. */
export function bareAddress(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = WHOLE_REFERENCE.exec(value);
  return match ? match[1].trim() : value;
}

function bareList(list: unknown): unknown {
  return Array.isArray(list) ? list.map(bareAddress) : list;
}

function bareMetaArguments(body: unknown): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return;
  const block = body as Record<string, any>;
  if ("depends_on" in block) block.depends_on = bareList(block.depends_on);
  const lifecycle = block.lifecycle;
  if (lifecycle !== null && typeof lifecycle === "object" && !Array.isArray(lifecycle)) {
    if ("ignore_changes" in lifecycle) lifecycle.ignore_changes = bareList(lifecycle.ignore_changes);
    if ("replace_triggered_by" in lifecycle) lifecycle.replace_triggered_by = bareList(lifecycle.replace_triggered_by);
  }
}

function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && typeof v === "object");
  return value !== null && typeof value === "object" ? [value as Record<string, any>] : [];
}

/** Rewrites, in place, every address-taking meta-argument of a stack's Terraform JSON as a bare address. */
export function withBareAddresses<T>(tf: T): T {
  const root = tf as Record<string, any>;
  for (const mode of ["resource", "data"]) {
    for (const byName of Object.values<Record<string, unknown>>(root[mode] ?? {})) {
      if (byName === null || typeof byName !== "object") continue;
      for (const body of Object.values(byName)) blocks(body).forEach(bareMetaArguments);
    }
  }
  for (const section of ["module", "output"]) {
    for (const body of Object.values(root[section] ?? {})) blocks(body).forEach(bareMetaArguments);
  }
  for (const moved of blocks(root.moved)) {
    if ("from" in moved) moved.from = bareAddress(moved.from);
    if ("to" in moved) moved.to = bareAddress(moved.to);
  }
  for (const imported of blocks(root.import)) {
    if ("to" in imported) imported.to = bareAddress(imported.to);
  }
  return tf;
}
