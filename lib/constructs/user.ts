import { Construct } from "constructs";
import { User } from "../../.gen/providers/okta/user";
import { OktaDirectory } from "../core/directory";
import { UserEntry } from "../core/entries";
import { IOktaGroup, IOktaUser, OktaUserProfile, OktaUserProps, PROFILE_ATTRIBUTES } from "../core/model";
import { isProduction } from "../core/production";
import { stackBoundReference } from "../core/references";
import { leafNodePrototype } from "../util/leaf-node";
import { literalDeep } from "../util/literal";

export { CustomProfileValue, IOktaUser, OktaUserProfile, OktaUserProps, PROFILE_ATTRIBUTES, UserStatus } from "../core/model";

const PROFILE_ATTRIBUTE_MAP = new Map<string, string>(Object.entries(PROFILE_ATTRIBUTES));

/**
 * An OktaUser's node.defaultChild: its generated resource, created on first use. One getter for every
 * user (a node knows its construct as `host`), not a closure each.
 */
const DEFAULT_CHILD: PropertyDescriptor = {
  get(this: { host: OktaUser }) {
    return this.host.resource;
  },
  configurable: true,
};

/** The prototype of an OktaUser's node: Node's, with the lazy defaultChild and a childless node's children. */
const USER_NODE = leafNodePrototype({ defaultChild: DEFAULT_CHILD });

/**
 * An Okta user (okta_user).
 *
 * The Terraform address is okta_user.<id>: it depends only on the construct id, so moving the user to
 * another scope replaces nothing. For speed at 100,000 users, users are rendered together by their
 * stack; the generated okta_user resource is created as the child 'Resource' the first time you reach
 * for it through `resource` or `node.defaultChild` (the escape hatch), with the same address.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/user
 */
export class OktaUser extends Construct implements IOktaUser {
  /** References an existing Okta user by its id; creates nothing. */
  public static fromUserId(scope: Construct, id: string, oktaUserId: string): IOktaUser {
    return new ExistingUser(scope, id, oktaUserId);
  }

  private readonly entry: UserRecord;

  constructor(scope: Construct, id: string, props: OktaUserProps) {
    super(scope, id);
    this.entry = new UserRecord(this, id, props);
    OktaDirectory.of(this).addUser(this.entry);
    for (const group of props.groups ?? []) {
      group.addUser(this);
    }
    Object.setPrototypeOf(this.node, USER_NODE);
  }

  /** The Terraform resource name: okta_user.<address>. */
  public get address(): string {
    return this.entry.address;
  }

  /** The Okta id of the user, as a Terraform reference. */
  public get userId(): string {
    return stackBoundReference(this, "userId", this._idExpression);
  }

  /** @internal */
  public get _idExpression(): string {
    return `\${okta_user.${this.entry.address}.id}`;
  }

  /** Makes the user an explicit member of a group; the same as group.addUser(user). */
  public addToGroup(group: IOktaGroup): void {
    group.addUser(this);
  }

  /**
   * The generated okta_user resource (child 'Resource'): the escape hatch for addOverride and anything
   * this construct does not model. Reaching for it renders this user through it from then on.
   */
  public get resource(): User {
    this.entry.resource ??= new UserResource(this, this.entry);
    return this.entry.resource;
  }
}

/** What the directory knows of an OktaUser. */
class UserRecord implements UserEntry {
  /** The generated resource, once the escape hatch was used. */
  public resource?: User;

  constructor(
    public readonly construct: OktaUser,
    public readonly address: string,
    public readonly props: OktaUserProps,
  ) {}

  public get hasResource(): boolean {
    return this.resource !== undefined;
  }

  public renderAttributes(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = {
      login: p.login,
      email: p.email,
      first_name: p.firstName,
      last_name: p.lastName,
    };
    for (const prop of Object.keys(p)) {
      const attribute = PROFILE_ATTRIBUTE_MAP.get(prop);
      const value = p[prop as keyof OktaUserProfile];
      if (attribute !== undefined && value !== undefined) out[attribute] = value;
    }
    if (p.status !== undefined) out.status = p.status;
    if (p.customProfile !== undefined) out.custom_profile_attributes = JSON.stringify(p.customProfile);
    if (p.customProfileAttributesToIgnore !== undefined) {
      out.custom_profile_attributes_to_ignore = [...p.customProfileAttributesToIgnore];
    }
    // Value by value: the object is this user's own, so only its values need making literal (a string
    // without a "{" has no template to escape, and is left as it is without a regular expression).
    for (const attribute in out) {
      const value = out[attribute];
      if (typeof value !== "string" || value.includes("{")) out[attribute] = literalDeep(value);
    }
    return out;
  }
}

/** The generated okta_user, rendering the attributes of the OktaUser it belongs to. */
class UserResource extends User {
  constructor(
    owner: OktaUser,
    private readonly entry: UserRecord,
  ) {
    const p = entry.props;
    super(owner, "Resource", { login: p.login, email: p.email, firstName: p.firstName, lastName: p.lastName });
    this.overrideLogicalId(entry.address);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.entry.renderAttributes();
  }

  public toTerraform(): any {
    // Meta-arguments are decided at synth: schema properties declared later still count.
    const dependsOn = OktaDirectory.of(this).schemaDependencies(this.entry);
    if (dependsOn.length > 0) {
      this.dependsOn = [...new Set([...(this.dependsOn ?? []), ...dependsOn.map((property) => property.resource.fqn)])];
    }
    if (isProduction(this)) this.lifecycle = { ...this.lifecycle, preventDestroy: true };
    return super.toTerraform();
  }
}

/** A user that already exists in Okta, referenced by id. */
class ExistingUser extends Construct implements IOktaUser {
  constructor(
    scope: Construct,
    id: string,
    public readonly userId: string,
  ) {
    super(scope, id);
  }
}
