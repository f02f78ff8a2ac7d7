/**
 * A production org's record of the Terraform addresses it manages: a small committed JSON file
 * (okta-addresses/<stack id>.json next to cdktf.out by default), rewritten by every successful synth.
 * An address that leaves the code without renamedFrom or an explicit retire() would be destroyed by
 * the next apply (prevent_destroy leaves with the resource block), so the synth fails instead.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { messages, problem } from "../problems/messages";
import { Problem } from "../problems/problem";

/** A decision to stop managing an address: a Terraform `removed` block. */
export interface Retirement {
  /** e.g. "okta_user.e1003". */
  readonly address: string;
  /** true: Terraform deletes the object; false: it only forgets it and Okta keeps it. */
  readonly destroy: boolean;
}

const RETIREMENTS = Symbol.for("cdktf-okta.retirements");
const RECORD_FILE = Symbol.for("cdktf-okta.address-record");
const DEFERRED = Symbol.for("cdktf-okta.deferred-records");

type Tagged = Record<symbol, unknown>;

/** Addresses the record keeps: every okta resource but identity-source import jobs (a job's deletion only ends it). */
export function isRecorded(address: string): boolean {
  return address.startsWith("okta_") && !address.startsWith("okta_identity_source_import.");
}

export function addRetirement(stack: TerraformStack, retirement: Retirement): void {
  const tagged = stack as unknown as Tagged;
  tagged[RETIREMENTS] = [...retirementsOf(stack), retirement];
}

export function retirementsOf(stack: TerraformStack): Retirement[] {
  return ((stack as unknown as Tagged)[RETIREMENTS] as Retirement[] | undefined) ?? [];
}

export function setRecordFile(stack: TerraformStack, file: string | undefined): void {
  if (file !== undefined) (stack as unknown as Tagged)[RECORD_FILE] = file;
}

/**
 * The record's file: as set, or okta-addresses/<stack id>.json next to the app's output directory when
 * that is the usual cdktf.out (an output directory elsewhere gets <its name>.okta-addresses/ beside it).
 */
export function recordFileOf(stack: TerraformStack): string {
  const set = (stack as unknown as Tagged)[RECORD_FILE] as string | undefined;
  if (set !== undefined) return path.resolve(set);
  const staged = path.resolve(App.of(stack).outdir);
  const outdir = staged.endsWith(".staging") ? staged.slice(0, -".staging".length) : staged;
  const name = path.basename(outdir) === "cdktf.out" ? "okta-addresses" : `${path.basename(outdir)}.okta-addresses`;
  return path.join(path.dirname(outdir), name, `${stack.node.id}.json`);
}

function readRecord(file: string): string[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    return Array.isArray(parsed.addresses) ? parsed.addresses.filter((a: unknown): a is string => typeof a === "string") : [];
  } catch (error) {
    throw new Error(messages.badAddressRecord(file, (error as Error).message), { cause: error });
  }
}

/**
 * The problems with a production stack's addresses: each recorded address that the code no longer
 * defines, is not the old name of a renamed construct and was not retired; each retirement of an
 * address the code still defines.
 */
export function checkAddressRecord(stack: TerraformStack, current: ReadonlySet<string>, renamedFrom: ReadonlySet<string>): Problem[] {
  const file = recordFileOf(stack);
  const recorded = readRecord(file) ?? [];
  const retired = new Set(retirementsOf(stack).map((r) => r.address));
  const shown = path.relative(process.cwd(), file) || file;
  const problems = recorded
    .filter((address) => isRecorded(address) && !current.has(address) && !renamedFrom.has(address) && !retired.has(address))
    .map((address) => problem.addressLeftProduction(stack.node.path, address, shown));
  for (const address of retired) {
    if (current.has(address)) problems.push(problem.retiredButDefined(stack.node.path, address));
  }
  return problems;
}

/** Under OktaApp the records are written only once the whole synth succeeded. */
export function deferRecords(app: IConstruct): void {
  (app as unknown as Tagged)[DEFERRED] = [];
}

/** Writes (or, under OktaApp, queues) a production stack's record from its synthesized JSON. */
export function updateAddressRecord(stack: TerraformStack, tf: any): void {
  const addresses = Object.entries<Record<string, unknown>>(tf.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName ?? {}).map((name) => `${type}.${name}`))
    .filter(isRecorded)
    .sort();
  const file = recordFileOf(stack);
  const pending = (App.of(stack) as unknown as Tagged)[DEFERRED] as Array<() => void> | undefined;
  const write = () => writeRecord(file, stack.node.id, addresses);
  if (pending) pending.push(write);
  else write();
}

/** Writes every queued record (OktaApp, after a successful synth). */
export function flushRecords(app: IConstruct): void {
  const pending = ((app as unknown as Tagged)[DEFERRED] as Array<() => void> | undefined) ?? [];
  for (const write of pending.splice(0)) write();
}

function writeRecord(file: string, stackId: string, addresses: string[]): void {
  const record = {
    "//": `The Terraform addresses production stack ${stackId} manages, written by cdktf-okta at every synth. Commit this file: an address that leaves the code without renamedFrom or retire() fails the next synth.`,
    stack: stackId,
    addresses,
  };
  const text = `${JSON.stringify(record, null, 2)}\n`;
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
