import * as path from "node:path";
import { App, LocalBackend, TerraformBackend, TerraformRemoteState, TerraformStack, Token } from "cdktf";
// cdktf's own merge, as its CloudBackend uses for overrides.
import { deepMerge } from "cdktf/lib/util";
import { Construct } from "constructs";
import { OktaProvider } from "../../.gen/providers/okta/provider";
import { OktaApp } from "./app";
import { withBareAddresses } from "../util/addresses";
import { addRetirement, isRecorded, retirementsOf, setRecordFile, updateAddressRecord } from "../core/address-record";
import { OktaDirectory } from "../core/directory";
import { OktaSynthError, messages, problem } from "../problems/messages";
import { localStatePath } from "./backend";
import { schemaProblems } from "./output-validation";
import { markProduction } from "../core/production";
import { collectProblems } from "../core/problems";
import { findSecrets } from "../analysis/secrets";
import { requiredScopes } from "../core/scopes";
import { reportUncaughtSynthErrors } from "./synth-failure";
import { cacheChildren } from "./child-list";
import { OrgStackSynthesizer } from "./org-stack-synthesizer";
import { warnOnce } from "../core/warnings";
import { SHARD_OF_ORG, ShardOfOrg, shardOf } from "../core/shards";

/** A Terraform Cloud (HCP Terraform) workspace that runs one org's stack. */
export interface OktaCloudWorkspace {
  /** The Terraform Cloud organization. */
  readonly organization: string;
  /** The workspace name, e.g. "okta-prod". */
  readonly workspace: string;
  /** The project the workspace belongs to. @default - the organization's default project */
  readonly project?: string;
  /** Terraform Enterprise hostname. @default "app.terraform.io" */
  readonly hostname?: string;
}

/**
 * How the provider authenticates. Credentials themselves never appear here: the provider reads them
 * from its environment variables (OKTA_API_TOKEN, or OKTA_API_CLIENT_ID + OKTA_API_PRIVATE_KEY +
 * OKTA_API_PRIVATE_KEY_ID + OKTA_API_SCOPES).
 */
export interface OktaAuth {
  /** "oauth" (an API service app with a private key, Okta's recommendation) or "api-token". */
  readonly method: "oauth" | "api-token";
  /**
   * OAuth scopes the service app is granted. Compared at synth with the scopes the stack's constructs
   * need; a missing one is a warning.
   * @default - the least-privilege scopes the stack's constructs need
   */
  readonly scopes?: string[];
}

/** How hard the provider may use the org's API rate limits. */
export interface OktaRateLimit {
  /** Percentage (1-100) of each rate-limit bucket the provider may use. @default 50 */
  readonly maxApiCapacity?: number;
  /** Retry with backoff when Okta answers 429. @default true */
  readonly backoff?: boolean;
  /** Minimum seconds to wait before a retry. @default 30 */
  readonly minWaitSeconds?: number;
  /** Maximum seconds to wait before a retry. @default 300 */
  readonly maxWaitSeconds?: number;
  /** Retries per request (at most 100). @default 5 */
  readonly maxRetries?: number;
}

/** Properties of an OktaOrgStack. */
export interface OktaOrgStackProps {
  /** The org's subdomain, e.g. "dev-123456" for dev-123456.okta.com. */
  readonly orgName: string;
  /** The org's domain. @default "okta.com" */
  readonly baseUrl?: string;
  /** The environment this org serves, e.g. "dev", "staging", "prod". */
  readonly environment: string;
  /** A production org: every user, group, group rule and schema property gets prevent_destroy. @default false */
  readonly production?: boolean;
  /** Run the stack in a Terraform Cloud workspace. @default - a local backend, terraform.<stack id>.tfstate in the project directory */
  readonly cloud?: OktaCloudWorkspace;
  /** How the provider authenticates (from its environment variables). @default - OAuth with the scopes the stack needs */
  readonly auth?: OktaAuth;
  /** Rate-limit settings. @default - 50% of each bucket, backoff on, 5 retries */
  readonly rateLimit?: OktaRateLimit;
  /**
   * A production org's record of the addresses it manages, rewritten at every synth; commit it. An address
   * that leaves the code without renamedFrom or retire() fails the synth.
   * @default - okta-addresses/<stack id>.json in the directory that holds cdktf.out
   */
  readonly addressRecord?: string;
  /**
   * Spread the org's users, and their explicit memberships, over several stacks, each its own
   * Terraform state (and Terraform Cloud workspace): a change to one user plans one shard. Groups,
   * rules and schema properties stay in this stack. Put a user into its shard with
   * `new OktaUser(stack.userScope(id), id, ...)`; loadDirectory does so by itself.
   * @default - every user in this stack
   */
  readonly userShards?: OktaUserShards;
}

/** How an org's users are spread over user shard stacks. */
export interface OktaUserShards {
  /** How many shard stacks: <stack id>-users-0 .. <stack id>-users-<count - 1>. */
  readonly count: number;
  /**
   * The count the org had before, while re-sharding: each user that lands in another shard is forgotten
   * by its old shard's state (a removed block, the user stays in Okta) and imported by login into its
   * new one, and each shard's memberships get new addresses (the old ones forgotten, never emptied).
   * Shards beyond `count` stay for one apply, holding only removed blocks. Drop it once every shard
   * has applied.
   * @default - not re-sharding
   */
  readonly previousCount?: number;
}

/** How a production org stops managing an object: a Terraform `removed` block. */
export interface OktaRetireOptions {
  /** true: Terraform deletes the object from Okta; false: Terraform forgets it and Okta keeps it. */
  readonly destroy: boolean;
}

/**
 * One Okta org as one Terraform stack: the okta provider (org name and base URL only; credentials
 * come from the environment), a backend (Terraform Cloud workspace or local state), and production
 * protection.
 *
 * Under a plain cdktf App (OktaApp does more: see there) the stack's problems fail the synth as one
 * OktaSynthError: when cdktf validates the first org stack, the problems of every org stack's
 * constructs, so none is written while any has a problem; when it writes a stack, a secret in its
 * Terraform JSON and (unless the App has skipValidation) what the built-in SchemaValidator finds there.
 */
export class OktaOrgStack extends TerraformStack {
  /** The configured okta provider. */
  public readonly provider: OktaProvider;
  /** The props this stack was created with. */
  public readonly props: OktaOrgStackProps;
  /**
   * The user shard stacks (OktaOrgStackProps.userShards), in order; during a re-shard to fewer
   * shards, the retiring ones come last. Empty when the org is not sharded.
   */
  public readonly userShards: readonly OktaOrgStack[];
  /** cdktf validated the stack for the synth now under way, so its JSON gets the schema check too (plain App). */
  private validatedForSynth = false;

  constructor(scope: Construct, id: string, props: OktaOrgStackProps) {
    super(scope, id);
    cacheChildren(this.node);
    this.synthesizer = new OrgStackSynthesizer(this);
    reportUncaughtSynthErrors();
    this.props = props;
    if (props.production) markProduction(this);
    setRecordFile(this, props.addressRecord);
    const rate = props.rateLimit ?? {};
    this.provider = new OktaProvider(this, "okta", {
      orgName: props.orgName,
      baseUrl: props.baseUrl ?? "okta.com",
      maxApiCapacity: rate.maxApiCapacity ?? 50,
      backoff: rate.backoff ?? true,
      minWaitSeconds: rate.minWaitSeconds,
      maxWaitSeconds: rate.maxWaitSeconds,
      maxRetries: rate.maxRetries ?? 5,
    });
    if (props.cloud) {
      new TerraformCloudBlock(this, props.cloud);
    } else {
      new LocalBackend(this, { path: localStatePath(id) });
      if (props.production) warnOnce(this, problem.productionWithLocalState(this.node.path));
    }
    this.node.addValidation({ validate: () => [...this.checkRateLimit(), ...this.checkScopes()] });
    this.userShards = props.userShards ? createUserShards(this, scope, id, props, props.userShards) : [];
  }

  /**
   * The scope a user with construct id `id` belongs in: its user shard stack (chosen by a stable hash
   * of the id) when the org is sharded, else this stack.
   */
  public userScope(id: string): OktaOrgStack {
    const count = this.props.userShards?.count;
    return count === undefined ? this : this.userShards[shardOf(id, count)];
  }

  /** The environment this org serves, e.g. "prod". */
  public get environment(): string {
    return this.props.environment;
  }

  /** The provider's documented ranges for the rate-limit settings. */
  private checkRateLimit(): string[] {
    const rate = this.props.rateLimit ?? {};
    const problems: string[] = [];
    const range = (field: string, value: number | undefined, min: number, max: number) => {
      if (value !== undefined && !Token.isUnresolved(value) && (value < min || value > max)) {
        problems.push(messages.outOfRange(this.node.path, `rateLimit.${field}`, value, min, max));
      }
    };
    range("maxApiCapacity", rate.maxApiCapacity, 1, 100);
    range("maxRetries", rate.maxRetries, 0, 100);
    range("minWaitSeconds", rate.minWaitSeconds, 0, 3600);
    range("maxWaitSeconds", rate.maxWaitSeconds, 0, 3600);
    if (rate.minWaitSeconds !== undefined && rate.maxWaitSeconds !== undefined && rate.minWaitSeconds > rate.maxWaitSeconds) {
      problems.push(messages.minWaitAboveMax(this.node.path, rate.minWaitSeconds, rate.maxWaitSeconds));
    }
    return problems;
  }

  /**
   * What cdktf runs before it writes the stack (unless the App has skipValidation). A plain cdktf App
   * validates and writes its stacks one by one, so the first org stack checks every org stack: none is
   * written while any has a problem. The problems are thrown as one OktaSynthError, by stack (cdktf's
   * own error would list them under its skipValidation advice). OktaApp validates every stack itself.
   */
  public runAllValidations(): void {
    const app = App.of(this);
    if (app instanceof OktaApp) return super.runAllValidations();
    const orgStacks = app.node.findAll().filter((c): c is OktaOrgStack => c instanceof OktaOrgStack);
    const found = (orgStacks[0] === this ? orgStacks : [this]).map((stack) => ({ org: stack.node.id, problems: collectProblems(stack) }));
    if (found.some(({ problems }) => problems.length > 0)) throw OktaSynthError.byOrg(found, "no Okta stack was written");
    this.validatedForSynth = true;
  }

  /**
   * The least-privilege OAuth scopes this org's constructs need, e.g. ["okta.groups.manage",
   * "okta.users.manage"]: grant exactly these to the org's API service app.
   */
  public get requiredScopes(): string[] {
    return requiredScopes(this);
  }

  /** Warns when auth.scopes lacks a scope the stack needs (Okta would answer 403 at apply time). */
  private checkScopes(): string[] {
    const granted = this.props.auth?.method !== "api-token" ? this.props.auth?.scopes : undefined;
    if (granted) {
      const missing = this.requiredScopes.filter((s) => !granted.includes(s) && !granted.includes(s.replace(/\.read$/, ".manage")));
      if (missing.length > 0) warnOnce(this, problem.missingScopes(this.node.path, missing));
    }
    return [];
  }

  /**
   * Stops managing an object of this org, as a reviewed decision: writes a Terraform `removed` block for
   * `address` (e.g. "okta_user.e1003"), which must no longer be defined in the code. In a production
   * org this is the only way an address leaves the record without failing the synth.
   */
  public retire(address: string, options: OktaRetireOptions): void {
    addRetirement(this, { address, destroy: options.destroy });
  }

  /**
   * The stack's Terraform JSON; users, groups and memberships are merged in without a second resolve.
   * Under a plain cdktf App, which writes the file right after this returns, a secret in it, or a problem
   * the built-in SchemaValidator finds in it when cdktf validated the stack, fails here, before anything
   * is written for the stack (OktaApp checks every stack's file before it replaces the output).
   */
  public toTerraform(): any {
    const directory = this.node.tryFindChild("OktaDirectory");
    // The directory writes its own meta-arguments as bare addresses: only cdktf's part needs rewriting.
    const tf = directory instanceof OktaDirectory ? directory.renderForStack(this, () => withBareAddresses(super.toTerraform())) : withBareAddresses(super.toTerraform());
    const retired = retirementsOf(this);
    if (retired.length > 0) tf.removed = [...(tf.removed ?? []), ...retired.map((r) => ({ from: r.address, lifecycle: { destroy: r.destroy } }))];
    if (this.props.production) protectEveryOktaResource(tf);
    this.checkOwnJson(tf);
    if (this.props.production) updateAddressRecord(this, tf);
    return tf;
  }

  private checkOwnJson(tf: any): void {
    const app = App.of(this);
    if (app instanceof OktaApp) return;
    const file = path.relative(process.cwd(), path.join(app.outdir, app.manifest.forStack(this).synthesizedStackPath));
    const problems = [...findSecrets(file, tf), ...(this.validatedForSynth ? schemaProblems([{ path: file, json: tf }]) : [])];
    this.validatedForSynth = false;
    if (problems.length > 0) throw OktaSynthError.byOrg([{ org: this.node.id, problems }], `${this.node.id} was not written`);
  }
}

/** prevent_destroy on every okta resource of a production stack (memberships and raw generated ones too), but import jobs, which every new session replaces. */
function protectEveryOktaResource(tf: any): void {
  for (const [type, byName] of Object.entries<Record<string, any>>(tf.resource ?? {})) {
    if (!isRecorded(`${type}.x`)) continue;
    for (const body of Object.values(byName ?? {})) {
      if (body && typeof body === "object" && !Array.isArray(body)) body.lifecycle = { ...body.lifecycle, prevent_destroy: true };
    }
  }
}

/**
 * The `terraform { cloud { ... } }` block. cdktf's CloudBackend does the same but adds a validation
 * that runs `terraform version`, which fails the synth on machines without terraform.
 */
class TerraformCloudBlock extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly workspace: OktaCloudWorkspace,
  ) {
    super(scope, "backend", "cloud");
  }

  public toTerraform(): any {
    const w = this.workspace;
    const cloud = { organization: w.organization, hostname: w.hostname, workspaces: { name: w.workspace, project: w.project } };
    return { terraform: { cloud: deepMerge(cloud, this.rawOverrides) } };
  }

  public toMetadata(): any {
    const hostname = this.workspace.hostname;
    return { ...super.toMetadata(), cloud: !hostname || hostname.startsWith("app.terraform.io") ? "tfc" : "tfe" };
  }

  public getRemoteStateDataSource(): TerraformRemoteState {
    throw new Error(messages.noCrossOrgState(this.node.path));
  }
}

/** The user shard stacks of an org, each with the org's provider settings, production flag and its own state. */
function createUserShards(org: OktaOrgStack, scope: Construct, id: string, props: OktaOrgStackProps, shards: OktaUserShards): OktaOrgStack[] {
  const stacks: OktaOrgStack[] = [];
  const total = Math.max(shards.count, shards.previousCount ?? 0);
  for (let index = 0; index < total; index++) {
    const shardId = userShardId(id, index);
    const cloud = props.cloud && { ...props.cloud, workspace: userShardId(props.cloud.workspace, index) };
    const stack = new OktaOrgStack(scope, shardId, { ...props, cloud, userShards: undefined, addressRecord: undefined });
    const info: ShardOfOrg = {
      node: stack.node,
      org,
      index,
      count: shards.count,
      previousCount: shards.previousCount,
      remoteState: () => orgRemoteState(id, props),
    };
    (stack as unknown as Record<symbol, ShardOfOrg>)[SHARD_OF_ORG] = info;
    stack.addDependency(org);
    // Every shard renders: a retiring one (beyond count) has only the removed blocks of its users.
    OktaDirectory.of(stack);
    stacks.push(stack);
  }
  return stacks;
}

/** "okta-prod" -> "okta-prod-users-3": a user shard's stack id (and Terraform Cloud workspace). */
export function userShardId(id: string, index: number): string {
  return `${id}-users-${index}`;
}

/** How a user shard reads the org stack's outputs: terraform_remote_state of its workspace, or of its local state file. */
function orgRemoteState(id: string, props: OktaOrgStackProps): { backend: string; config: Record<string, unknown> } {
  const cloud = props.cloud;
  if (!cloud) return { backend: "local", config: { path: localStatePath(id) } };
  return { backend: "remote", config: { hostname: cloud.hostname ?? "app.terraform.io", organization: cloud.organization, workspaces: { name: cloud.workspace } } };
}
