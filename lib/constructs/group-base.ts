import { Construct } from "constructs";
import type { Group } from "../../.gen/providers/okta/group";
import { OktaDirectory } from "../core/directory";
import { GroupEntry } from "../core/entries";
import { IOktaGroup, IOktaUser, OktaGroupProps } from "../core/model";
import { literalDeep } from "../util/literal";

/**
 * Shared by defined and existing groups: explicit members, rendered by the stack as one
 * okta_group_memberships named <group id>_members (track_all_users false), none without members.
 */
export abstract class GroupBase extends Construct implements IOktaGroup {
  public abstract readonly groupId: string;
  /** @internal */
  protected readonly _entry: GroupRecord;

  constructor(scope: Construct, id: string, props: OktaGroupProps | undefined) {
    super(scope, id);
    this._entry = new GroupRecord(this, id, props);
    OktaDirectory.of(this).addGroup(this._entry);
  }

  /** The Terraform resource name of this group's okta_group, and of its okta_group_memberships minus "_members". */
  public get address(): string {
    return this._entry.address;
  }

  public addUser(user: IOktaUser): void {
    this._entry.members.add(user);
  }

  public get members(): IOktaUser[] {
    return [...this._entry.members];
  }

  /** The id expression other resources of this stack use. @internal */
  public abstract readonly _idExpression: string;
}

/** What the directory knows of a group. */
export class GroupRecord implements GroupEntry {
  public readonly members = new Set<IOktaUser>();
  /** The generated okta_group, once the escape hatch was used. */
  public resource?: Group;

  constructor(
    public readonly construct: GroupBase,
    public readonly address: string,
    public readonly props: OktaGroupProps | undefined,
  ) {}

  public get hasResource(): boolean {
    return this.resource !== undefined;
  }

  public get idExpression(): string {
    return this.construct._idExpression;
  }

  public renderAttributes(): Record<string, unknown> | undefined {
    if (this.props === undefined) return undefined;
    const out: Record<string, unknown> = { name: this.props.name };
    if (this.props.description !== undefined) out.description = this.props.description;
    return literalDeep(out);
  }
}
