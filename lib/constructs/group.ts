import { Construct } from "constructs";
import { Group } from "../../.gen/providers/okta/group";
import { LIMITS } from "../core/checks";
import { IOktaGroup, OktaGroupProps } from "../core/model";
import { isProduction } from "../core/production";
import { stackBoundReference } from "../core/references";
import { GroupBase, GroupRecord } from "./group-base";

export { IOktaGroup, OktaGroupProps } from "../core/model";

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

  private readonly props: OktaGroupProps;

  constructor(scope: Construct, id: string, props: OktaGroupProps) {
    super(scope, id, props);
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
    this._entry.resource ??= new GroupResource(this, this._entry, this.props);
    return this._entry.resource;
  }
}

/** The generated okta_group, rendering the attributes of the OktaGroup it belongs to. */
class GroupResource extends Group {
  constructor(
    owner: OktaGroup,
    private readonly entry: GroupRecord,
    props: OktaGroupProps,
  ) {
    super(owner, "Resource", { name: props.name });
    this.overrideLogicalId(entry.address);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.entry.renderAttributes() ?? {};
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
    super(scope, id, undefined);
  }

  /** @internal */
  public get _idExpression(): string {
    return this.groupId;
  }
}
