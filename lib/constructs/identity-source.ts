import { TerraformDataSource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataOktaIdentitySourceGroupMemberships } from "../../.gen/providers/okta/data-okta-identity-source-group-memberships";
import { DataOktaIdentitySourceGroups } from "../../.gen/providers/okta/data-okta-identity-source-groups";
import { DataOktaIdentitySourceSessions } from "../../.gen/providers/okta/data-okta-identity-source-sessions";
import { DataOktaIdentitySourceUsers } from "../../.gen/providers/okta/data-okta-identity-source-users";
import { IdentitySourceGroup } from "../../.gen/providers/okta/identity-source-group";
import { IdentitySourceGroupMembership } from "../../.gen/providers/okta/identity-source-group-membership";
import { IdentitySourceUser } from "../../.gen/providers/okta/identity-source-user";
import { checkNotEmpty, isConcrete, isEmail } from "../core/checks";
import { OktaDirectory } from "../core/directory";
import { TerraformAddress } from "../core/identity-sources";
import { problem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { productionLifecycle } from "../core/production";
import { stackBoundReference } from "../core/references";
import { literalDeep } from "../util/literal";

/**
 * An Okta identity source (a custom identity source integration, fed by an HR system) that other
 * constructs can reference.
 */
export interface IOktaIdentitySource extends IConstruct {
  /** The id of the identity source, e.g. "0oa1bcdefghIJKLmn0g7". */
  readonly identitySourceId: string;
}

/** Properties of an OktaIdentitySource. */
export interface OktaIdentitySourceProps {
  /** The id of the identity source, from Okta's admin console or API, e.g. "0oa1bcdefghIJKLmn0g7". */
  readonly identitySourceId: string;
}

/**
 * The profile of an identity-source user: the four fields Okta needs to create a usable user, and
 * the optional ones the identity source API accepts.
 */
export interface OktaIdentitySourceUserProfile {
  /** The user's username in the identity source, usually their login, e.g. "jdoe@example.com". */
  readonly userName: string;
  /** Primary email address. */
  readonly email: string;
  /** Given name. */
  readonly firstName: string;
  /** Family name. */
  readonly lastName: string;
  /** Secondary email address. @default - not set */
  readonly secondEmail?: string;
  /** @default - not set */
  readonly mobilePhone?: string;
  /** @default - not set */
  readonly homeAddress?: string;
}

/** What OktaIdentitySource.addUser needs: one user record. */
export interface OktaIdentitySourceUserOptions {
  /** The user's id in the HR system (the record's natural key). */
  readonly externalId: string;
  /** The user's profile. */
  readonly profile: OktaIdentitySourceUserProfile;
}

/** Properties of an OktaIdentitySourceUser. */
export interface OktaIdentitySourceUserProps extends OktaIdentitySourceUserOptions {
  /** The identity source the user belongs to. */
  readonly source: IOktaIdentitySource;
}

/** What OktaIdentitySource.addGroup needs: one group record. */
export interface OktaIdentitySourceGroupOptions {
  /** The group's id in the HR system (the record's natural key). */
  readonly externalId: string;
  /** The group's name as Okta shows it. */
  readonly displayName: string;
  /** @default - no description */
  readonly description?: string;
}

/** Properties of an OktaIdentitySourceGroup. */
export interface OktaIdentitySourceGroupProps extends OktaIdentitySourceGroupOptions {
  /** The identity source the group belongs to. */
  readonly source: IOktaIdentitySource;
}

/** What OktaIdentitySource.addMembership needs: one user in one group. */
export interface OktaIdentitySourceGroupMembershipOptions {
  /**
   * External id of the group. Pass `group.externalId` of an OktaIdentitySourceGroup to create the
   * membership after the group.
   */
  readonly groupExternalId: string;
  /**
   * External id of the user. Pass `user.externalId` of an OktaIdentitySourceUser to create the
   * membership after the user.
   */
  readonly memberExternalId: string;
}

/** Properties of an OktaIdentitySourceGroupMembership. */
export interface OktaIdentitySourceGroupMembershipProps extends OktaIdentitySourceGroupMembershipOptions {
  /** The identity source the membership belongs to. */
  readonly source: IOktaIdentitySource;
}

/**
 * One Okta identity source (provider >= 6.11.0): typed lookups of its users, groups, group members
 * and import sessions, and individual records (users, groups, memberships). Creates nothing by
 * itself. Bulk changes go through one OktaIdentitySourceImport.
 *
 * Every lookup and record is addressed by its construct id alone, e.g. `source.lookupUser("jdoe", ...)`
 * is data.okta_identity_source_users.jdoe. As in Terraform, lookups and records of different kinds may
 * share an id: they live in one scope per kind (e.g. `<source>/Users/jdoe`, `<source>/UserLookups/jdoe`).
 *
 * @see https://developer.okta.com/docs/guides/terraform-manage-id-source/main/
 */
export class OktaIdentitySource extends Construct implements IOktaIdentitySource {
  public readonly identitySourceId: string;
  private readonly lookups: TerraformAddress[] = [];
  private readonly userIds = new Set<string>();
  private readonly groupIds = new Set<string>();

  constructor(scope: Construct, id: string, props: OktaIdentitySourceProps) {
    super(scope, id);
    this.identitySourceId = props.identitySourceId;
    OktaDirectory.of(this).addIdentitySourceElement(this);
  }

  /** Looks up one user of the identity source by external id (data okta_identity_source_users). */
  public lookupUser(id: string, externalId: string): DataOktaIdentitySourceUsers {
    this._knowUser(externalId);
    const identitySourceId = this.identitySourceId;
    return this.lookup(new DataOktaIdentitySourceUsers(this.kind("UserLookups"), id, { identitySourceId, externalId }));
  }

  /** Looks up one group of the identity source by external id (data okta_identity_source_groups). */
  public lookupGroup(id: string, externalId: string): DataOktaIdentitySourceGroups {
    this._knowGroup(externalId);
    const identitySourceId = this.identitySourceId;
    return this.lookup(new DataOktaIdentitySourceGroups(this.kind("GroupLookups"), id, { identitySourceId, externalId }));
  }

  /**
   * Looks up the members of one group, by the group's external id
   * (data okta_identity_source_group_memberships); read them from `memberExternalIds`.
   */
  public lookupGroupMemberships(id: string, groupExternalId: string): DataOktaIdentitySourceGroupMemberships {
    this._knowGroup(groupExternalId);
    const identitySourceId = this.identitySourceId;
    return this.lookup(
      new DataOktaIdentitySourceGroupMemberships(this.kind("MembershipLookups"), id, { identitySourceId, groupExternalId }),
    );
  }

  /**
   * Looks up an import session (data okta_identity_source_sessions), e.g. the one an
   * OktaIdentitySourceImport ran: `source.lookupSession("last_import", job.sessionIds[0])`.
   */
  public lookupSession(id: string, sessionId: string): DataOktaIdentitySourceSessions {
    const identitySourceId = this.identitySourceId;
    return this.lookup(new DataOktaIdentitySourceSessions(this.kind("SessionLookups"), id, { identitySourceId, sessionId }));
  }

  /** Manages one user record of this identity source (okta_identity_source_user.<id>). */
  public addUser(id: string, options: OktaIdentitySourceUserOptions): OktaIdentitySourceUser {
    return new OktaIdentitySourceUser(this.kind("Users"), id, { ...options, source: this });
  }

  /** Manages one group record of this identity source (okta_identity_source_group.<id>). */
  public addGroup(id: string, options: OktaIdentitySourceGroupOptions): OktaIdentitySourceGroup {
    return new OktaIdentitySourceGroup(this.kind("Groups"), id, { ...options, source: this });
  }

  /** Manages one membership of this identity source (okta_identity_source_group_membership.<id>). */
  public addMembership(id: string, options: OktaIdentitySourceGroupMembershipOptions): OktaIdentitySourceGroupMembership {
    return new OktaIdentitySourceGroupMembership(this.kind("Memberships"), id, { ...options, source: this });
  }

  /** External ids of users this stack looks up or manages as records. @internal */
  public get _knownUserIds(): ReadonlySet<string> {
    return this.userIds;
  }

  /** External ids of groups this stack looks up or manages as records. @internal */
  public get _knownGroupIds(): ReadonlySet<string> {
    return this.groupIds;
  }

  /** Records a user external id as existing. @internal */
  public _knowUser(externalId: string): void {
    if (isConcrete(externalId)) this.userIds.add(externalId);
  }

  /** Records a group external id as existing. @internal */
  public _knowGroup(externalId: string): void {
    if (isConcrete(externalId)) this.groupIds.add(externalId);
  }

  /** @internal */
  public _addresses(): TerraformAddress[] {
    return [...this.lookups];
  }

  /** @internal */
  public _validate(): Problem[] {
    return checkNotEmpty(this.node.path, "identitySourceId", this.identitySourceId);
  }

  /**
   * The scope for one kind of lookup or record: as in Terraform, a user and a group may share a name.
   */
  private kind(name: string): Construct {
    return (this.node.tryFindChild(name) as Construct | undefined) ?? new Construct(this, name);
  }

  private lookup<T extends TerraformDataSource>(dataSource: T): T {
    dataSource.overrideLogicalId(dataSource.node.id);
    this.lookups.push([`data.${dataSource.terraformResourceType}`, dataSource.node.id]);
    return dataSource;
  }
}

/**
 * One user record of an identity source (okta_identity_source_user), written straight to Okta
 * without an import session. The Terraform address is okta_identity_source_user.<id>; the generated
 * resource is the child 'Resource'. In a production org the record gets prevent_destroy.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/identity_source_user
 */
export class OktaIdentitySourceUser extends Construct {
  /** The props this record was created with. */
  public readonly props: OktaIdentitySourceUserProps;
  /** The generated okta_identity_source_user resource. */
  public readonly resource: IdentitySourceUser;

  constructor(scope: Construct, id: string, props: OktaIdentitySourceUserProps) {
    super(scope, id);
    this.props = props;
    this.resource = new IdentitySourceUser(this, "Resource", literalDeep({
      identitySourceId: props.source.identitySourceId,
      id: props.externalId,
      profile: props.profile,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    knownIds(props.source)?._knowUser(props.externalId);
    OktaDirectory.of(this).addIdentitySourceElement(this);
  }

  /** The user's external id, as a Terraform reference (use it to order memberships after the user). */
  public get externalId(): string {
    return stackBoundReference(this, "externalId", `\${okta_identity_source_user.${this.node.id}.id}`);
  }

  /** @internal */
  public _addresses(): TerraformAddress[] {
    return [["okta_identity_source_user", this.node.id]];
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = this.node.path;
    return [
      ...checkNotEmpty(path, "externalId", this.props.externalId),
      ...validateUserProfile(path, "profile", this.props.externalId, this.props.profile),
    ];
  }
}

/**
 * One group record of an identity source (okta_identity_source_group). The Terraform address is
 * okta_identity_source_group.<id>; the generated resource is the child 'Resource'. In a production
 * org the record gets prevent_destroy.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/identity_source_group
 */
export class OktaIdentitySourceGroup extends Construct {
  /** The props this record was created with. */
  public readonly props: OktaIdentitySourceGroupProps;
  /** The generated okta_identity_source_group resource. */
  public readonly resource: IdentitySourceGroup;

  constructor(scope: Construct, id: string, props: OktaIdentitySourceGroupProps) {
    super(scope, id);
    this.props = props;
    this.resource = new IdentitySourceGroup(this, "Resource", literalDeep({
      identitySourceId: props.source.identitySourceId,
      externalId: props.externalId,
      profile: { displayName: props.displayName, description: props.description },
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    knownIds(props.source)?._knowGroup(props.externalId);
    OktaDirectory.of(this).addIdentitySourceElement(this);
  }

  /** The group's external id, as a Terraform reference (use it to order memberships after the group). */
  public get externalId(): string {
    return stackBoundReference(this, "externalId", `\${okta_identity_source_group.${this.node.id}.external_id}`);
  }

  /** @internal */
  public _addresses(): TerraformAddress[] {
    return [["okta_identity_source_group", this.node.id]];
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = this.node.path;
    return [
      ...checkNotEmpty(path, "externalId", this.props.externalId),
      ...checkNotEmpty(path, "displayName", this.props.displayName),
    ];
  }
}

/**
 * One user's membership in one group of an identity source (okta_identity_source_group_membership).
 * The Terraform address is okta_identity_source_group_membership.<id>; the generated resource is the
 * child 'Resource'. In a production org the record gets prevent_destroy.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/identity_source_group_membership
 */
export class OktaIdentitySourceGroupMembership extends Construct {
  /** The props this record was created with. */
  public readonly props: OktaIdentitySourceGroupMembershipProps;
  /** The generated okta_identity_source_group_membership resource. */
  public readonly resource: IdentitySourceGroupMembership;

  constructor(scope: Construct, id: string, props: OktaIdentitySourceGroupMembershipProps) {
    super(scope, id);
    this.props = props;
    this.resource = new IdentitySourceGroupMembership(this, "Resource", literalDeep({
      identitySourceId: props.source.identitySourceId,
      groupOrExternalId: props.groupExternalId,
      memberExternalId: props.memberExternalId,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    OktaDirectory.of(this).addIdentitySourceElement(this);
  }

  /** @internal */
  public _addresses(): TerraformAddress[] {
    return [["okta_identity_source_group_membership", this.node.id]];
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = this.node.path;
    return [
      ...checkNotEmpty(path, "groupExternalId", this.props.groupExternalId),
      ...checkNotEmpty(path, "memberExternalId", this.props.memberExternalId),
    ];
  }
}

/** The handle that tracks which external ids exist, when the source is an OktaIdentitySource. */
function knownIds(source: IOktaIdentitySource): OktaIdentitySource | undefined {
  return source instanceof OktaIdentitySource ? source : undefined;
}

const REQUIRED_PROFILE_FIELDS = ["userName", "email", "firstName", "lastName"] as const;

/** A user profile must have the fields Okta needs and valid email addresses. */
export function validateUserProfile(
  path: string,
  where: string,
  externalId: string,
  profile: OktaIdentitySourceUserProfile | undefined,
): Problem[] {
  const missing = REQUIRED_PROFILE_FIELDS.filter((field) => {
    const value: unknown = profile?.[field];
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  });
  if (missing.length > 0) return [problem.incompleteProfile(path, where, externalId, missing)];
  const problems: Problem[] = [];
  for (const field of ["email", "secondEmail"] as const) {
    const value = profile?.[field];
    if (isConcrete(value) && !isEmail(value)) problems.push(problem.badEmail(path, `${where}.${field}`, value));
  }
  return problems;
}
