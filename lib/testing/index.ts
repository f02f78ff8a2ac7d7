/**
 * `cdktf-okta/testing`: helpers for an app's own tests of its Okta stacks, in the style of cdktf's
 * Testing. Synthesize a stack and read a construct's resource, assert the problems and warnings a synth
 * would report, and let terraform validate or plan a stack through cdktf-okta's test provider.
 *
 * ```ts
 * const stack = new OktaOrgStack(Testing.app(), "okta-dev", { orgName: "acme-dev", environment: "dev" });
 * const bird = new OktaUser(stack, "bird", { login: "bird@example.com", ... });
 * expect(OktaTesting.resourceOf(bird)).toMatchObject({ login: "bird@example.com" });
 * expect(OktaTesting.problems(stack)).toEqual([]);
 * ```
 */
import { TerraformDataSource, TerraformResource, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { OktaDirectory } from "../core/directory";
import { messages } from "../problems/messages";
import { TerraformAddress } from "../core/identity-sources";
import { collectProblems } from "../core/problems";
import { Problem, formatProblem } from "../problems/problem";
import { WARNING_METADATA } from "../core/warnings";
import { TerraformResult, TerraformSandbox, terraformOnPath } from "../test-provider/harness";

/** What terraform did with a stack: skipped (no terraform on PATH), or its verdict. */
export interface OktaTerraformRun {
  /** Why terraform did not run, e.g. "terraform plan skipped: no terraform binary on PATH (...)"; undefined when it ran. */
  readonly skipped?: string;
  /** True when terraform ran and every command exited 0. */
  readonly ok: boolean;
  /** What terraform printed (stdout, then stderr) for the command that failed, or else the last command. */
  readonly output: string;
  /** terraformPlan only: the plan as `terraform show -json` prints it, when terraform planned. */
  readonly plan?: any;
}

/** Options of a terraform run. */
export interface OktaTerraformOptions {
  /** Values of the stack's Terraform variables, by name (passed as TF_VAR_<name>). @default - none */
  readonly variables?: Record<string, string>;
}

/** Synthesize and inspect Okta stacks in tests; every method is static, like cdktf's Testing. */
export class OktaTesting {
  /**
   * The stack's Terraform JSON, parsed, with users, groups and memberships merged in as `cdktf synth`
   * writes them (cdktf's Testing.synth: no metadata; validations run only when asked).
   */
  public static synth(stack: TerraformStack, runValidations = false): any {
    return JSON.parse(Testing.synth(stack, runValidations));
  }

  /**
   * The JSON body a construct synthesizes to (snake_case keys, as in cdk.tf.json): an OktaUser's
   * okta_user, an OktaGroup's okta_group, a rule's, a schema property's, an identity source's, or any
   * generated resource or data source. Users and groups are rendered by their stack in one pass; this
   * reads them from there without touching their escape hatch. A construct with several resources (a
   * group with members also has okta_group_memberships) gives its first unless `type` names another.
   * A group of more than 500 members has several okta_group_memberships (`<id>_members`,
   * `<id>_members_2`, ...); `type` gives the first, `OktaTesting.synth` has them all.
   */
  public static resourceOf(construct: IConstruct, type?: string): any {
    const addresses = addressesOf(construct);
    if (addresses.length === 0) throw new Error(messages.testingNoResource(construct.node.path));
    const address = type === undefined ? addresses[0] : addresses.find(([t]) => t === type);
    if (address === undefined) throw new Error(messages.testingNoSuchType(construct.node.path, type!, addresses.map(([t]) => t)));
    const [mode, resourceType] = address[0].startsWith(DATA) ? ["data", address[0].slice(DATA.length)] : ["resource", address[0]];
    return OktaTesting.synth(TerraformStack.of(construct))[mode]?.[resourceType]?.[address[1]];
  }

  /** The message of every problem a synth of `scope` (a stack or an app) would report, without ids. */
  public static problems(scope: IConstruct): string[] {
    return collectProblems(scope).map((found) => found.message);
  }

  /**
   * Every problem a synth of `scope` would report, with its id: assert on the id
   * (`expect(OktaTesting.findProblems(stack).map((p) => p.id)).toEqual(["okta:user/duplicate-login"])`),
   * which stays when a message is reworded.
   */
  public static findProblems(scope: IConstruct): Problem[] {
    return collectProblems(scope);
  }

  /**
   * The warnings of `scope` and everything in it, after running the validations that add warnings
   * (as a synth does); each is added once however often this is called. These are the messages;
   * a synth prints each with its id after it (findWarnings gives the ids).
   */
  public static warnings(scope: IConstruct): string[] {
    return OktaTesting.findWarnings(scope).map((found) => found.message);
  }

  /**
   * The warnings of `scope` with their ids (after the validations that add warnings ran); a warning
   * added by code other than cdktf-okta's has the id "cdktf:warning".
   */
  public static findWarnings(scope: IConstruct): Problem[] {
    collectProblems(scope);
    return scope.node.findAll().flatMap((construct) => {
      const ours = construct.node.metadata.filter((entry) => entry.type === WARNING_METADATA).map((entry) => entry.data as Problem);
      const printed = new Set(ours.map(formatProblem));
      const others = construct.node.metadata
        .filter((entry) => entry.type === "@cdktf/warn" && !printed.has(String(entry.data)))
        .map((entry): Problem => ({ id: "cdktf:warning", severity: "warning", message: String(entry.data) }));
      return [...ours, ...others];
    });
  }

  /** Why terraform runs are skipped on this machine (no terraform binary on PATH), or undefined when they run. */
  public static terraformSkipReason(what = "terraform"): string | undefined {
    return terraformOnPath() ? undefined : messages.testingNoTerraform(what);
  }

  /**
   * `terraform init` and `terraform validate` of the stack, with cdktf-okta's test provider standing in
   * for okta, time and tfe (no network, no credentials). Skipped when terraform is not on PATH.
   */
  public static async terraformValidate(stack: TerraformStack, options: OktaTerraformOptions = {}): Promise<OktaTerraformRun> {
    return runTerraform(stack, "terraform validate", options, (sandbox, env) => ({ result: sandbox.terraform(["validate"], env) }));
  }

  /**
   * `terraform init` and `terraform plan` of the stack against an empty simulated org (so every object
   * is planned for creation), with cdktf-okta's test provider standing in for okta, time and tfe;
   * `plan` is the plan as `terraform show -json` prints it. Skipped when terraform is not on PATH.
   */
  public static async terraformPlan(stack: TerraformStack, options: OktaTerraformOptions = {}): Promise<OktaTerraformRun> {
    return runTerraform(stack, "terraform plan", options, (sandbox, env) => sandbox.planJson([], env));
  }
}

/** How an address names a data source: "data.okta_user". */
const DATA = "data.";

/** A construct's addresses in the stack's JSON: the org's own constructs', or a generated resource's or data source's. */
function addressesOf(construct: IConstruct): TerraformAddress[] {
  const own = OktaDirectory.tryOf(construct)?.addressesOf(construct) ?? [];
  if (own.length > 0) return own;
  // Not an Okta construct: reading its defaultChild creates nothing.
  const element = construct instanceof TerraformResource || construct instanceof TerraformDataSource ? construct : construct.node.defaultChild;
  if (element instanceof TerraformResource) return [[element.terraformResourceType, element.friendlyUniqueId]];
  if (element instanceof TerraformDataSource) return [[`${DATA}${element.terraformResourceType}`, element.friendlyUniqueId]];
  return [];
}

async function runTerraform(
  stack: TerraformStack,
  what: string,
  options: OktaTerraformOptions,
  run: (sandbox: TerraformSandbox, env: Record<string, string>) => { result: TerraformResult; plan?: any },
): Promise<OktaTerraformRun> {
  const skipped = OktaTesting.terraformSkipReason(what);
  if (skipped !== undefined) return { skipped, ok: false, output: "" };
  const env = Object.fromEntries(Object.entries(options.variables ?? {}).map(([name, value]) => [`TF_VAR_${name}`, value]));
  const sandbox = await TerraformSandbox.create({ files: { "cdk.tf.json": Testing.synth(stack) }, name: stack.node.id });
  try {
    const init = sandbox.terraform(["init", "-input=false"], env);
    if (init.status !== 0) return { ok: false, output: outputOf(init) };
    const { result, plan } = run(sandbox, env);
    return { ok: result.status === 0, output: outputOf(result), plan };
  } finally {
    await sandbox.stop();
  }
}

function outputOf(result: TerraformResult): string {
  return [result.stdout, result.stderr].filter((text) => text !== "").join("\n");
}
