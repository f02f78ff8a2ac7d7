import { addressGlob } from "../util/glob";
import { isSensitiveAttribute } from "./secrets";
import { bareAddress } from "../util/addresses";

/** Synthesized Terraform JSON (a stack's cdk.tf.json), as far as a promotion diff reads it. */
export interface SynthesizedStack {
  /** resource.<type>.<name> = attributes. */
  readonly resource?: Record<string, Record<string, unknown>>;
  /** data.<type>.<name> = attributes. */
  readonly data?: Record<string, Record<string, unknown>>;
  /** module.<name> = arguments. */
  readonly module?: Record<string, unknown>;
  /** moved blocks: the address a resource had before, and its address now. */
  readonly moved?: ReadonlyArray<{ readonly from?: unknown; readonly to?: unknown }>;
  /** Anything else (provider, terraform, variable, output, "//") is not compared. */
  readonly [key: string]: unknown;
}

/** Options of promotionDiff. */
export interface PromotionDiffOptions {
  /**
   * Addresses to leave out of the comparison, e.g. "okta_user.test_engineer"; "*" matches any characters, "?" one
   * ("okta_user.test_*"). List elements that only reference an ignored resource (a group's members,
   * depends_on) are left out too, so a dev-only user does not show up as a membership change.
   * @default - none
   */
  readonly ignore?: string[];
}

/** One attribute that promotion would change. */
export interface AttributeDifference {
  /** The attribute, e.g. "description", "custom_profile_attributes.date_of_birth", "profile[0].name". */
  readonly path: string;
  /** Its value in the target stack (`to`) now; undefined when absent. */
  readonly before?: unknown;
  /** The value promotion brings from the source stack (`from`); undefined when absent. */
  readonly after?: unknown;
}

/** A resource present on both sides whose attributes differ. */
export interface ResourceDifference {
  /** The Terraform address, e.g. "okta_group.garden". */
  readonly address: string;
  /** The differing attributes, sorted by path. */
  readonly attributes: AttributeDifference[];
}

/** A resource promotion would move to a new address (a moved block of the source stack, e.g. from renamedFrom). */
export interface MovedResource {
  /** Its address in the target stack, e.g. "okta_user.bird". */
  readonly from: string;
  /** Its address in the source stack, e.g. "okta_user.hummingbird". */
  readonly to: string;
}

/** What promoting one stack's configuration (`from`, e.g. dev) into another (`to`, e.g. prod) would do to `to`. */
export interface PromotionDiff {
  /** Addresses only in `from`: the target would gain them. Sorted. */
  readonly added: string[];
  /** Addresses only in `to`: the target would lose them. Sorted. */
  readonly removed: string[];
  /**
   * Resources the target would keep under a new address: a moved block of `from` leads from an
   * address only the target has to one only `from` has. Sorted by the new address; neither address
   * is in added or removed.
   */
  readonly moved: MovedResource[];
  /** Addresses on both sides (or moved) with different attributes, by the source's address. Sorted by address. */
  readonly changed: ResourceDifference[];
  /** Addresses (on either side) left out by the `ignore` option. Sorted. */
  readonly ignored: string[];
}

/**
 * Compares two synthesized stacks resource by resource: which resources (and data sources and modules)
 * the target stack would gain, lose, or change, attribute by attribute, if it received the source
 * stack's configuration. Works offline on cdk.tf.json alone.
 *
 * Not compared: cdktf "//" metadata, lifecycle.prevent_destroy (production stacks add it), a
 * resource's provider meta-argument, and everything outside resource/data/module (provider
 * configuration, backend, variables, outputs). depends_on entries compare equal with or without
 * "${...}"; JSON-encoded string attributes (custom_profile_attributes) are compared key by key.
 * A resource the source's moved blocks rename (renamedFrom) is one move, not an add and a remove;
 * its attributes are compared across the move, and references to its old address count as references
 * to the new one.
 */
export function promotionDiff(from: SynthesizedStack, to: SynthesizedStack, options: PromotionDiffOptions = {}): PromotionDiff {
  const patterns = (options.ignore ?? []).map(addressGlob);
  const isIgnored = (address: string) => patterns.some((p) => p.test(address));
  const source = addresses(from);
  const target = addresses(to);
  const ignored = new Set<string>();
  const added: string[] = [];
  const removed: string[] = [];
  const changed: ResourceDifference[] = [];
  const moved: MovedResource[] = [];
  const movedFrom = new Map<string, string>();
  for (const block of Array.isArray(from.moved) ? from.moved : []) {
    const [was, now] = [movedAddress(block?.from), movedAddress(block?.to)];
    if (was === undefined || now === undefined || isIgnored(was) || isIgnored(now)) continue;
    if (target.has(was) && !source.has(was) && source.has(now) && !target.has(now)) movedFrom.set(now, was);
  }
  const movedTo = new Map([...movedFrom].map(([now, was]) => [was, now]));

  for (const address of [...new Set([...source.keys(), ...target.keys()])].sort()) {
    if (isIgnored(address)) {
      ignored.add(address);
      continue;
    }
    if (movedTo.has(address)) continue;
    const was = movedFrom.get(address) ?? address;
    if (was !== address) moved.push({ from: was, to: address });
    if (!target.has(was)) {
      added.push(address);
    } else if (!source.has(address)) {
      removed.push(address);
    } else {
      const attributes: AttributeDifference[] = [];
      const before = normalize(renameReferences(target.get(was), movedTo), isIgnored);
      const after = normalize(source.get(address), isIgnored);
      compare("", before, after, attributes);
      if (attributes.length > 0) changed.push({ address, attributes: attributes.sort((a, b) => compareText(a.path, b.path)) });
    }
  }
  return { added, removed, moved, changed, ignored: [...ignored] };
}

/** A target's value with references to moved addresses ("${okta_user.bird.id}", depends_on "okta_user.bird") pointing at their new ones. */
function renameReferences(value: unknown, movedTo: ReadonlyMap<string, string>): unknown {
  if (movedTo.size === 0) return value;
  if (typeof value === "string") {
    if (movedTo.has(value)) return movedTo.get(value);
    return value.replace(/\$\{[^}]*\}/g, (expression) =>
      expression.replace(/(?<![\w.-])((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(?![\w-])/g, (address) => movedTo.get(address) ?? address),
    );
  }
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, movedTo));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renameReferences(item, movedTo)]));
  return value;
}

/** "okta_user.bird" from a moved block's "okta_user.bird" or "${okta_user.bird}". */
function movedAddress(value: unknown): string | undefined {
  return typeof value === "string" ? (bareAddress(value) as string) : undefined;
}

/** True when promotion would add, remove or change anything. */
export function hasDifferences(diff: PromotionDiff): boolean {
  return diff.added.length + diff.removed.length + diff.moved.length + diff.changed.length > 0;
}

/** Names of the two stacks in a formatted report. */
export interface PromotionDiffLabels {
  /** @default "from" */
  readonly from?: string;
  /** @default "to" */
  readonly to?: string;
}

/**
 * A readable report, one line per difference:
 * "+ okta_user.test_engineer", "- okta_group.legacy", "> okta_user.bird -> okta_user.hummingbird"
 * (the target's address, then the one promotion moves it to), '~ okta_group.garden: description "a" -> "b"'
 * (the target's value first, then the value promotion brings).
 */
export function formatPromotionDiff(diff: PromotionDiff, labels: PromotionDiffLabels = {}): string {
  const from = labels.from ?? "from";
  const to = labels.to ?? "to";
  const lines: string[] = [];
  if (hasDifferences(diff)) {
    lines.push(
      `Promoting ${from} into ${to}: ${diff.added.length} to add, ${diff.removed.length} to remove, ${diff.changed.length} to change${diff.moved.length > 0 ? `, ${diff.moved.length} to move` : ""}.`,
    );
  } else {
    lines.push(`No differences: ${to} already has the resources of ${from}.`);
  }
  lines.push(...diff.added.map((address) => `+ ${address}`));
  lines.push(...diff.removed.map((address) => `- ${address}`));
  lines.push(...diff.moved.map((move) => `> ${move.from} -> ${move.to}`));
  for (const resource of diff.changed) {
    const type = resource.address.split(".")[0];
    for (const a of resource.attributes) {
      const [before, after] = isSensitiveAttribute(type, a.path) ? [SENSITIVE, SENSITIVE] : [showValue(a.before), showValue(a.after)];
      lines.push(`~ ${resource.address}: ${a.path} ${a.before === undefined ? "(absent)" : before} -> ${a.after === undefined ? "(absent)" : after}`);
    }
  }
  if (diff.ignored.length > 0) lines.push(`Ignored: ${diff.ignored.join(", ")}`);
  return lines.join("\n");
}

/** What the report shows instead of a sensitive value. */
const SENSITIVE = "(sensitive value)";

function showValue(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

/** Every resource, data source and module of a stack by address. */
function addresses(stack: SynthesizedStack): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [prefix, block] of [
    ["", stack.resource],
    ["data.", stack.data],
  ] as const) {
    for (const [type, byName] of Object.entries(asObject(block))) {
      for (const [name, body] of Object.entries(asObject(byName))) result.set(`${prefix}${type}.${name}`, body);
    }
  }
  for (const [name, body] of Object.entries(asObject(stack.module))) result.set(`module.${name}`, body);
  return result;
}

function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A resource body without what promotion does not carry over; see promotionDiff. */
function normalize(body: unknown, isIgnored: (address: string) => boolean): unknown {
  if (!isPlainObject(body)) return body;
  const result = strip(body, isIgnored) as Record<string, unknown>;
  delete result.provider;
  if (isPlainObject(result.lifecycle)) {
    const { prevent_destroy: _ignored, ...rest } = result.lifecycle;
    if (Object.keys(rest).length > 0) result.lifecycle = rest;
    else delete result.lifecycle;
  }
  if (Array.isArray(result.depends_on)) {
    result.depends_on = result.depends_on.map(bareAddress);
  }
  return result;
}

/** Drops "//" keys everywhere and list elements that reference an ignored address. */
function strip(value: unknown, isIgnored: (address: string) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !(typeof item === "string" && referencesIgnored(item, isIgnored))).map((item) => strip(item, isIgnored));
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .map(([key, item]) => [key, strip(item, isIgnored)]),
    );
  }
  return value;
}

/** "${okta_user.test.id}", "${okta_user.test}" or "okta_user.test" where okta_user.test is ignored. */
function referencesIgnored(item: string, isIgnored: (address: string) => boolean): boolean {
  const match = /^(?:\$\{)?((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(?:\.[^}]*)?\}?$/.exec(item);
  return match !== null && isIgnored(match[1]);
}

/** Collects the differences between a target value (before) and a source value (after). */
function compare(path: string, before: unknown, after: unknown, out: AttributeDifference[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText)) {
      compare(path ? `${path}.${key}` : key, before[key], after[key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && [...before, ...after].some((v) => typeof v === "object" && v !== null)) {
    before.forEach((item, i) => compare(`${path}[${i}]`, item, after[i], out));
    return;
  }
  const parsedBefore = parseJsonText(before);
  const parsedAfter = parseJsonText(after);
  if (parsedBefore !== undefined && parsedAfter !== undefined) {
    compare(path, parsedBefore, parsedAfter, out);
    return;
  }
  if (!equal(before, after)) out.push({ path, before, after });
}

/** The object or array a JSON-encoded string attribute holds, else undefined. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
