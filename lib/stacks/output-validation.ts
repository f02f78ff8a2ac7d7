/**
 * Validation of synthesized Terraform JSON, for OktaApp (every stack of its output) and, under a plain
 * cdktf App, OktaOrgStack (its own JSON): the built-in SchemaValidator, and Terraform's own verdict
 * (`terraform validate` through the test provider, lib/test-provider/terraform-validate.ts).
 *
 * Terraform's verdict is asynchronous and cdktf's synth is not, so it runs in a worker thread that the
 * synth waits for (terraform-verdict.ts); a stack with more than SAMPLE_ABOVE users, groups and
 * memberships is judged by a representative sample of them (lib/analysis/representative.ts), as
 * terraform takes about a millisecond per resource.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SchemaValidator, TerraformJsonFile, ValidationProblem, formatValidationProblems } from "../validator/schema-validator";
import { messages } from "../problems/messages";
import { Problem } from "../problems/problem";
import { schemaDir } from "../util/schema-dir";
import { StackFile } from "../analysis/stack-files";
import { representativeStack } from "../analysis/representative";

let snapshots: SchemaValidator | undefined;

/** What the built-in validator finds in `files`, one line per problem: `file: path (address): message`. */
export function schemaProblems(files: readonly TerraformJsonFile[]): Problem[] {
  snapshots ??= SchemaValidator.fromSnapshots();
  return snapshots.validate(files).map(asReported);
}

/**
 * What a synth gives Terraform for stacks too big to judge whole: each such stack's file as the text
 * of its representative sample (lib/analysis/representative.ts), by the file's path.
 */
export function terraformSamples(stacks: readonly StackFile[]): Map<string, string> {
  const samples = new Map<string, string>();
  for (const { file, tf } of stacks) {
    const sample = representativeStack(tf);
    if (sample !== tf) samples.set(path.relative(process.cwd(), file), JSON.stringify(sample));
  }
  return samples;
}

/** Terraform's problems from a verdict (`verdict` throws when terraform gave none), as a synth reports them. */
export function verdictProblems(stackDirs: readonly string[], verdict: () => ValidationProblem[]): Problem[] {
  let problems: ValidationProblem[];
  try {
    problems = verdict();
  } catch (error) {
    throw new Error(messages.terraformVerdictFailed(stackDirs.map((dir) => path.basename(dir)), (error as Error).message.trim()), { cause: error });
  }
  return problems.map(asReported);
}

/** A validation problem as a synth reports it: `file: path (address): message`, with its id. */
function asReported(found: ValidationProblem): Problem {
  return { id: found.id, severity: "error", message: formatValidationProblems([found]) };
}

/**
 * The stacks Terraform can judge without `terraform init`: every provider they need is one the test
 * provider serves (the snapshots in schema/), and they call no module.
 */
export function judgeableStacks(stacks: readonly StackFile[]): StackFile[] {
  const served = servedProviders();
  return stacks.filter(({ tf }) => Object.keys(tf?.module ?? {}).length === 0 && neededProviders(tf).every((address) => served.has(address)));
}

let served: Set<string> | undefined;

/** The provider addresses of the schema snapshots, e.g. "registry.terraform.io/okta/okta". */
function servedProviders(): Set<string> {
  if (!served) {
    const dir = schemaDir();
    const snapshotFiles = fs.readdirSync(dir).filter((name) => name.endsWith(".json"));
    served = new Set(snapshotFiles.flatMap((name) => Object.keys(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")).provider_schemas ?? {})));
  }
  return served;
}

/** The providers a module needs: its required_providers, and those Terraform infers from provider blocks and resource types. */
function neededProviders(tf: any): string[] {
  const required: Record<string, unknown> = tf?.terraform?.required_providers ?? {};
  const needed = Object.entries(required).map(([local, requirement]) => {
    const source = (requirement as { source?: unknown } | undefined)?.source;
    return providerAddress(typeof source === "string" ? source : `hashicorp/${local}`);
  });
  const inferred = [...Object.keys(tf?.provider ?? {}), ...[...Object.keys(tf?.resource ?? {}), ...Object.keys(tf?.data ?? {})].map((type) => type.split("_")[0])];
  for (const local of inferred) {
    // terraform_data and terraform_remote_state come with terraform itself.
    if (local !== "terraform" && !(local in required)) needed.push(providerAddress(`hashicorp/${local}`));
  }
  return needed;
}

function providerAddress(source: string): string {
  const parts = source.toLowerCase().split("/");
  return parts.length === 2 ? `registry.terraform.io/${parts.join("/")}` : parts.join("/");
}
