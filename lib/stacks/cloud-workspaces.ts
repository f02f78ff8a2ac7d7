import { LocalBackend, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
// One module per tfe type: the package root loads all of its ~120 bindings (about 80 ms on every require("cdktf-okta")).
import * as dataTfeProject from "@cdktf/provider-tfe/lib/data-tfe-project";
import * as notificationConfiguration from "@cdktf/provider-tfe/lib/notification-configuration";
import * as project from "@cdktf/provider-tfe/lib/project";
import * as provider from "@cdktf/provider-tfe/lib/provider";
import * as variable from "@cdktf/provider-tfe/lib/variable";
import * as workspace from "@cdktf/provider-tfe/lib/workspace";
import * as workspaceSettings from "@cdktf/provider-tfe/lib/workspace-settings";
import { OktaAuth, userShardId } from "./org-stack";
import { isConcrete } from "../core/checks";
import { messages } from "../problems/messages";
import { localStatePath } from "./backend";
import { withBareAddresses } from "../util/addresses";

/** One Okta org whose stack runs in a Terraform Cloud workspace. */
export interface OktaCloudWorkspaceOrg {
  /**
   * The org's cdktf stack id, e.g. "okta-dev". It names this org's Terraform resources and sensitive
   * variables: "okta-dev" gives tfe_workspace.okta_dev and var.okta_dev_private_key.
   */
  readonly stackId: string;
  /** The workspace name; the same as the org stack's `cloud.workspace`, e.g. "okta-dev". */
  readonly workspace: string;
  /** The org's subdomain, set as OKTA_ORG_NAME. */
  readonly orgName: string;
  /** The org's domain, set as OKTA_BASE_URL. @default "okta.com" */
  readonly baseUrl?: string;
  /**
   * A production org: the workspace never applies on its own (auto_apply false) and refuses destroy
   * plans. Other orgs apply every successful plan.
   * @default false
   */
  readonly production?: boolean;
  /**
   * How the provider authenticates: decides which credential variables the workspace gets.
   * @default - OAuth with a private key: OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES
   */
  readonly auth?: OktaAuth;
  /**
   * Run health assessments (drift detection) on the workspace. Each assessment is a full refresh and
   * spends the org's Okta API rate limit; assessments need a paid HCP Terraform edition.
   * @default true
   */
  readonly assessments?: boolean;
  /**
   * How many user shard stacks the org has (its OktaOrgStack's userShards.count): each gets a workspace
   * <workspace>-users-<i> with the org's variables, and the org's workspace shares its state with them.
   * @default 0
   */
  readonly userShards?: number;
}

/** Where HCP Terraform reports drift (and failed assessments). */
export interface OktaDriftNotification {
  /** The kind of destination. */
  readonly destinationType: "slack" | "microsoft-teams" | "generic" | "email";
  /**
   * The webhook URL of a slack, microsoft-teams or generic destination. Webhook URLs are secrets: pass a
   * reference (e.g. a sensitive TerraformVariable's stringValue), not a literal.
   * @default - the sensitive Terraform variable drift_notification_url (set TF_VAR_drift_notification_url)
   */
  readonly url?: string;
  /**
   * For "email": the HCP Terraform organization membership ids ("ou-...") to notify.
   * @default - none (give emailUserIds or emailAddresses for "email")
   */
  readonly emailUserIds?: string[];
  /**
   * For "email" on Terraform Enterprise only: email addresses to notify.
   * @default - none
   */
  readonly emailAddresses?: string[];
  /** The notification's name in each workspace. @default "Okta drift" */
  readonly name?: string;
}

/** Properties of an OktaCloudWorkspacesStack. */
export interface OktaCloudWorkspacesStackProps {
  /** The Terraform Cloud organization the workspaces belong to. */
  readonly organization: string;
  /**
   * The project the workspaces go into; the org stacks' `cloud.project` must name the same project.
   * @default - the organization's default project
   */
  readonly project?: string;
  /**
   * Create `project` (true) or look up an existing one by name (false).
   * @default true
   */
  readonly createProject?: boolean;
  /** Terraform Enterprise hostname. @default "app.terraform.io" */
  readonly hostname?: string;
  /** One workspace per org. */
  readonly orgs: OktaCloudWorkspaceOrg[];
  /**
   * Notify a destination when an assessment finds drift or fails, in every workspace with assessments.
   * @default - no notification
   */
  readonly driftNotification?: OktaDriftNotification;
  /** The Terraform version the workspaces run. @default - the latest version when a workspace is created */
  readonly terraformVersion?: string;
}

/** The environment variable a workspace gets and where its value comes from. */
interface CredentialSpec {
  /** The provider's environment variable. */
  readonly env: string;
  /** The Terraform variable suffix: okta_dev_<suffix>. */
  readonly suffix: string;
  /** What the value is, for the variable's description. */
  readonly what: string;
}

const OAUTH_CREDENTIALS: readonly CredentialSpec[] = [
  { env: "OKTA_API_CLIENT_ID", suffix: "client_id", what: "client id of the Okta API service app" },
  { env: "OKTA_API_PRIVATE_KEY", suffix: "private_key", what: "private key (PEM or JWK) of the Okta API service app" },
  { env: "OKTA_API_PRIVATE_KEY_ID", suffix: "private_key_id", what: "key id (kid) of the service app's private key" },
];
const TOKEN_CREDENTIALS: readonly CredentialSpec[] = [{ env: "OKTA_API_TOKEN", suffix: "api_token", what: "Okta API token" }];

/** HCP Terraform's notification triggers for health assessments. */
const DRIFT_TRIGGERS = ["assessment:drifted", "assessment:failed"];
const DESTINATION_TYPES = ["slack", "microsoft-teams", "generic", "email"] as const;

/**
 * The Terraform Cloud side of a multi-org setup, as its own stack: one CLI-driven workspace per Okta
 * org (remote execution, auto-apply except in production, health assessments), the provider's
 * OKTA_ORG_NAME and OKTA_BASE_URL as environment variables, the org's credentials as sensitive
 * environment variables fed from sensitive Terraform variables (never literals), and a drift
 * notification where a destination is configured.
 *
 * The tfe provider reads its token from TFE_TOKEN. State is local (terraform.<stack id>.tfstate in the
 * project directory) and holds the credentials the variables were set to: keep it out of git (the
 * project's .gitignore does) and somewhere safe.
 *
 * @see https://registry.terraform.io/providers/hashicorp/tfe/0.71.0/docs/resources/workspace
 */
export class OktaCloudWorkspacesStack extends TerraformStack {
  /** The configured tfe provider. */
  public readonly provider: provider.TfeProvider;
  /**
   * The sensitive Terraform variables the credentials (and a default drift webhook URL) come from: set
   * each as TF_VAR_<name> when deploying, e.g. TF_VAR_okta_dev_private_key.
   */
  public readonly secretVariables: TerraformVariable[] = [];
  private readonly workspaces = new Map<string, workspace.Workspace>();

  /** The stack's Terraform JSON, with address-taking meta-arguments as bare addresses. */
  public toTerraform(): any {
    return withBareAddresses(super.toTerraform());
  }

  constructor(scope: Construct, id: string, props: OktaCloudWorkspacesStackProps) {
    super(scope, id);
    checkProps(this.node.path, props);
    const organization = props.organization;
    this.provider = new provider.TfeProvider(this, "tfe", { organization, hostname: props.hostname });
    // cdktf.out is replaced on every synth: keep state next to the project, not inside it.
    new LocalBackend(this, { path: localStatePath(id) });

    const projectId = props.project === undefined ? undefined : this.project(organization, props.project, props.createProject ?? true);
    let notificationUrl: string | undefined;
    for (const org of props.orgs) {
      const key = variablePrefix(org.stackId);
      const production = org.production ?? false;
      const baseUrl = org.baseUrl ?? "okta.com";
      const assessments = org.assessments ?? true;
      // The org's credentials are asked for once; its user shards' workspaces get the same ones.
      const method = org.auth?.method ?? "oauth";
      const credentials = (method === "api-token" ? TOKEN_CREDENTIALS : OAUTH_CREDENTIALS).map((credential) => {
        const input = new TerraformVariable(this, `${key}_${credential.suffix}`, {
          type: "string",
          sensitive: true,
          description: `The ${credential.what} for the Okta org ${org.orgName}.${baseUrl}.`,
        });
        this.secretVariables.push(input);
        return { env: credential.env, value: input.stringValue };
      });
      const scopes =
        method !== "oauth"
          ? undefined
          : (org.auth?.scopes?.join(",") ??
            new TerraformVariable(this, `${key}_scopes`, {
              type: "string",
              description: `Comma-separated OAuth scopes granted to the Okta API service app of ${org.orgName}.${baseUrl}, e.g. "okta.users.manage,okta.groups.manage,okta.schemas.manage".`,
            }).stringValue);

      const shards = Array.from({ length: org.userShards ?? 0 }, (_, index) => ({ stackId: userShardId(org.stackId, index), workspace: userShardId(org.workspace, index) }));
      const shardWorkspaces: workspace.Workspace[] = [];
      for (const target of [{ stackId: org.stackId, workspace: org.workspace }, ...shards]) {
        const targetKey = variablePrefix(target.stackId);
        const shard = target.stackId !== org.stackId;
        const ws = new workspace.Workspace(this, targetKey, {
          name: target.workspace,
          organization,
          projectId,
          description: shard
            ? `A user shard of the Okta org ${org.orgName}.${baseUrl}, managed by the cdktf stack ${target.stackId}.`
            : `Okta org ${org.orgName}.${baseUrl}, managed by the cdktf stack ${org.stackId}.`,
          autoApply: !production,
          allowDestroyPlan: !production,
          assessmentsEnabled: assessments,
          terraformVersion: props.terraformVersion,
        });
        this.workspaces.set(target.stackId, ws);
        if (shard) shardWorkspaces.push(ws);

        this.envVariable(ws, targetKey, "OKTA_ORG_NAME", org.orgName, false);
        this.envVariable(ws, targetKey, "OKTA_BASE_URL", baseUrl, false);
        for (const credential of credentials) this.envVariable(ws, targetKey, credential.env, credential.value, true);
        if (scopes !== undefined) this.envVariable(ws, targetKey, "OKTA_API_SCOPES", scopes, false);

        const notification = props.driftNotification;
        if (notification && assessments) {
          const needsUrl = notification.destinationType !== "email";
          if (needsUrl && notification.url === undefined && notificationUrl === undefined) {
            const input = new TerraformVariable(this, "drift_notification_url", {
              type: "string",
              sensitive: true,
              description: `The ${notification.destinationType} webhook URL HCP Terraform posts drift notifications to.`,
            });
            this.secretVariables.push(input);
            notificationUrl = input.stringValue;
          }
          new notificationConfiguration.NotificationConfiguration(this, `${targetKey}_drift`, {
            name: notification.name ?? "Okta drift",
            workspaceId: ws.id,
            destinationType: notification.destinationType,
            enabled: true,
            triggers: DRIFT_TRIGGERS,
            url: needsUrl ? (notification.url ?? notificationUrl) : undefined,
            emailUserIds: notification.emailUserIds,
            emailAddresses: notification.emailAddresses,
          });
        }
      }
      // CLI-driven runs execute remotely, so the workspace's variables reach the provider; user shards
      // read the org workspace's outputs (group ids), so it shares its state with them.
      for (const target of [org.stackId, ...shards.map((shard) => shard.stackId)]) {
        const ws = this.workspaces.get(target)!;
        const consumers = target === org.stackId && shardWorkspaces.length > 0 ? shardWorkspaces.map((shard) => shard.id) : undefined;
        new workspaceSettings.WorkspaceSettings(this, `${variablePrefix(target)}_settings`, { workspaceId: ws.id, executionMode: "remote", remoteStateConsumerIds: consumers });
      }
    }
  }

  /** The workspace of the org whose stack id is `stackId`. */
  public workspace(stackId: string): workspace.Workspace {
    const ws = this.workspaces.get(stackId);
    if (!ws) throw new Error(messages.unknownCloudOrg(this.node.path, stackId, [...this.workspaces.keys()]));
    return ws;
  }

  private project(organization: string, name: string, create: boolean): string {
    return create
      ? new project.Project(this, "project", { name, organization }).id
      : new dataTfeProject.DataTfeProject(this, "project", { name, organization }).id;
  }

  private envVariable(ws: workspace.Workspace, key: string, env: string, value: string, sensitive: boolean): void {
    new variable.Variable(this, `${key}_${env.toLowerCase()}`, {
      workspaceId: ws.id,
      category: "env",
      key: env,
      value,
      sensitive,
    });
  }
}

/** "okta-dev" -> "okta_dev": the prefix of an org's Terraform resource and variable names. */
function variablePrefix(stackId: string): string {
  const cleaned = stackId.replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function checkProps(path: string, props: OktaCloudWorkspacesStackProps): void {
  if (isConcrete(props.organization) && props.organization.trim() === "") throw new Error(messages.emptyString(path, "organization"));
  if (props.orgs.length === 0) throw new Error(messages.noCloudOrgs(path));
  const seen = new Map<string, string>();
  for (const org of props.orgs) {
    if (isConcrete(org.workspace) && !/^[A-Za-z0-9_-]{1,90}$/.test(org.workspace)) {
      throw new Error(messages.badWorkspaceName(path, org.stackId, org.workspace));
    }
    for (const [field, value] of [
      ["stackId", variablePrefix(org.stackId)],
      ["workspace", org.workspace],
    ] as const) {
      const first = seen.get(`${field}:${value}`);
      if (first !== undefined) throw new Error(messages.duplicateCloudOrg(path, field, value, first, org.stackId));
      seen.set(`${field}:${value}`, org.stackId);
    }
  }
  const notification = props.driftNotification;
  if (notification) {
    if (!(DESTINATION_TYPES as readonly string[]).includes(notification.destinationType)) {
      throw new Error(messages.notInEnum(path, "driftNotification.destinationType", notification.destinationType, DESTINATION_TYPES));
    }
    const recipients = (notification.emailUserIds?.length ?? 0) + (notification.emailAddresses?.length ?? 0);
    if (notification.destinationType === "email" && recipients === 0) throw new Error(messages.emailWithoutRecipients(path));
    if (isConcrete(notification.url) && /^https?:\/\//i.test(notification.url)) throw new Error(messages.literalWebhookUrl(path));
  }
}
