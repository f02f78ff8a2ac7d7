import { Construct, IConstruct } from "constructs";
import { Group } from "../../.gen/providers/okta/group";
import { LIMITS } from "../core/checks";
import { GroupBase } from "./group-base";
import { isProduction } from "../core/production";
import { stackBoundReference } from "../core/references";
import { IOktaUser } from "./user";
import { literalDeep } from "../util/literal";

/** A group that other constructs can reference: one this stack defines, or one that already exists. */
export interface IOktaGroup extends IConstruct {
  /** The Okta id of the group, as a Terraform reference. */
  readonly groupId: string;
  /** Makes a user an explicit member (okta_group_memberships); the same as user.addToGroup(group). */
  addUser(user: IOktaUser): void;
  /** The explicit members added so far (a copy). */
  readonly members: IOktaUser[];
}

/** Properties of an OktaGroup. */
export interface OktaGroupProps {
  /** The group's name, unique in the org, at most 255 bytes. */
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** Explicit members; the same as calling addUser for each. @default - none */
  readonly members?: IOktaUser[];
  /**
   * Okta id of an existing group to adopt: the first deploy imports it instead of creating a new one.
   * @default - a new group is created
   */
  readonly importId?: string;
  /**
   * The construct id this group (and its memberships) had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/**
 * An Okta group (okta_group) with its explicit members.
 *
 * The Terraform address is okta_group.<id>; its members are okta_group_memberships.<id>_members.
 * The generated okta_group is created as the child 'Resource' when you reach for it (escape hatch),
 * as for OktaUser.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/group
 */
export class OktaGroup extends GroupBase {
  /** Okta's limit on a group name, in bytes. */
  public static readonly MAX_NAME_BYTES = LIMITS.groupNameBytes;

  /** References an existing Okta group by its id; creates nothing (members added to it are managed). */
  public static fromGroupId(scope: Construct, id: string, oktaGroupId: string): IOktaGroup {
    return new ExistingGroup(scope, id, oktaGroupId);
  }

  /** The props this group was created with. */
  public readonly props: OktaGroupProps;
  private generated?: Group;

  constructor(scope: Construct, id: string, props: OktaGroupProps) {
    super(scope, id);
    this.props = props;
    for (const member of props.members ?? []) {
      this.addUser(member);
    }
    Object.defineProperty(this.node, "defaultChild", { get: () => this.resource, configurable: true });
  }

  /** The Okta id of the group, as a Terraform reference usable in this org's stack. */
  public get groupId(): string {
    return stackBoundReference(this, "groupId", this._idExpression);
  }

  /** @internal */
  public get _idExpression(): string {
    return `\${okta_group.${this.address}.id}`;
  }

  /** The generated okta_group resource (child 'Resource'), the escape hatch. */
  public get resource(): Group {
    this.generated ??= new GroupResource(this);
    return this.generated;
  }

  /** True once the escape hatch was used. @internal */
  public get _hasResource(): boolean {
    return this.generated !== undefined;
  }

  /** @internal */
  public _renderAttributes(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.props.name };
    if (this.props.description !== undefined) out.description = this.props.description;
    return literalDeep(out);
  }
}

/** The generated okta_group, rendering the attributes of the OktaGroup it belongs to. */
class GroupResource extends Group {
  constructor(private readonly owner: OktaGroup) {
    super(owner, "Resource", { name: owner.props.name });
    this.overrideLogicalId(owner.address);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.owner._renderAttributes();
  }

  public toTerraform(): any {
    if (isProduction(this)) this.lifecycle = { ...this.lifecycle, preventDestroy: true };
    return super.toTerraform();
  }
}

/** A group that already exists in Okta, referenced by id. */
class ExistingGroup extends GroupBase {
  constructor(
    scope: Construct,
    id: string,
    public readonly groupId: string,
  ) {
    super(scope, id);
  }

  /** @internal */
  public get _idExpression(): string {
    return this.groupId;
  }

  /** @internal */
  public _renderAttributes(): undefined {
    return undefined;
  }
}
