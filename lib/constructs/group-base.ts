import { Construct } from "constructs";
import type { IOktaGroup } from "./group";
import type { IOktaUser } from "./user";
import { OktaDirectory } from "../core/directory";

/**
 * Shared by defined and existing groups: explicit members, rendered by the stack as one
 * okta_group_memberships named <group id>_members (track_all_users false), none without members.
 */
export abstract class GroupBase extends Construct implements IOktaGroup {
  public abstract readonly groupId: string;
  /** The Terraform resource name of this group's okta_group_memberships, minus the "_members" suffix. */
  public readonly address: string;
  private readonly memberSet = new Set<IOktaUser>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.address = id;
    OktaDirectory.of(this).addGroup(this);
  }

  public addUser(user: IOktaUser): void {
    this.memberSet.add(user);
  }

  public get members(): IOktaUser[] {
    return [...this.memberSet];
  }

  /** The members without copying. @internal */
  public get _memberSet(): ReadonlySet<IOktaUser> {
    return this.memberSet;
  }

  /** The okta_group attributes, or undefined for a group that only exists in Okta. @internal */
  public abstract _renderAttributes(): Record<string, unknown> | undefined;

  /** The id expression other resources of this stack use. @internal */
  public abstract readonly _idExpression: string;
}
