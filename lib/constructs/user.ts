import { Construct, IConstruct } from "constructs";
import { User } from "../../.gen/providers/okta/user";
import type { IOktaGroup } from "./group";
import { USER_STATUSES } from "../core/checks";
import { OktaDirectory } from "../core/directory";
import { isProduction } from "../core/production";
import { stackBoundReference } from "../core/references";
import { literalDeep } from "../util/literal";

/** The statuses Okta documents for a user. */
export type UserStatus = (typeof USER_STATUSES)[number];

/** A value of a custom profile attribute, as declared by an OktaUserSchemaProperty. */
export type CustomProfileValue = string | number | boolean | string[] | number[] | boolean[];

/** A user that other constructs can reference: one this stack defines, or one that already exists. */
export interface IOktaUser extends IConstruct {
  /** The Okta id of the user, as a Terraform reference (e.g. for another resource's user_id). */
  readonly userId: string;
}

/** Okta user profile fields other than the required ones, as okta_user writes them. */
export interface OktaUserProfile {
  /** City of the user's address. @default - not set */
  readonly city?: string;
  /** Cost center. @default - not set */
  readonly costCenter?: string;
  /** Country of the user's address, as an ISO 3166-1 alpha-2 code. @default - not set */
  readonly countryCode?: string;
  /** Department. @default - not set */
  readonly department?: string;
  /** Name shown to others. @default - not set */
  readonly displayName?: string;
  /** Division. @default - not set */
  readonly division?: string;
  /** Employee number. @default - not set */
  readonly employeeNumber?: string;
  /** Honorific prefix, e.g. "Dr.". @default - not set */
  readonly honorificPrefix?: string;
  /** Honorific suffix, e.g. "PhD". @default - not set */
  readonly honorificSuffix?: string;
  /** Locale, e.g. "en_US". @default - not set */
  readonly locale?: string;
  /** Display name of the manager. @default - not set */
  readonly manager?: string;
  /** Okta id or employee id of the manager. @default - not set */
  readonly managerId?: string;
  /** Middle name. @default - not set */
  readonly middleName?: string;
  /** Mobile phone number. @default - not set */
  readonly mobilePhone?: string;
  /** Casual name. @default - not set */
  readonly nickName?: string;
  /** Organization. @default - not set */
  readonly organization?: string;
  /** Mailing address. @default - not set */
  readonly postalAddress?: string;
  /** Preferred language. @default - not set */
  readonly preferredLanguage?: string;
  /** Primary phone number. @default - not set */
  readonly primaryPhone?: string;
  /** URL of the user's online profile. @default - not set */
  readonly profileUrl?: string;
  /** Id of the realm the user belongs to. @default - the org's default realm */
  readonly realmId?: string;
  /** Secondary email address. @default - not set */
  readonly secondEmail?: string;
  /** State or region of the user's address. @default - not set */
  readonly state?: string;
  /** Street of the user's address. @default - not set */
  readonly streetAddress?: string;
  /** Time zone, e.g. "America/Los_Angeles". @default - not set */
  readonly timezone?: string;
  /** Job title. @default - not set */
  readonly title?: string;
  /** Free-text user type profile field (not the Okta user type). @default - not set */
  readonly userType?: string;
  /** Postal code of the user's address. @default - not set */
  readonly zipCode?: string;
}

/** The okta_user attribute each OktaUserProfile field writes. */
export const PROFILE_ATTRIBUTES: { readonly [K in keyof Required<OktaUserProfile>]: string } = {
  city: "city",
  costCenter: "cost_center",
  countryCode: "country_code",
  department: "department",
  displayName: "display_name",
  division: "division",
  employeeNumber: "employee_number",
  honorificPrefix: "honorific_prefix",
  honorificSuffix: "honorific_suffix",
  locale: "locale",
  manager: "manager",
  managerId: "manager_id",
  middleName: "middle_name",
  mobilePhone: "mobile_phone",
  nickName: "nick_name",
  organization: "organization",
  postalAddress: "postal_address",
  preferredLanguage: "preferred_language",
  primaryPhone: "primary_phone",
  profileUrl: "profile_url",
  realmId: "realm_id",
  secondEmail: "second_email",
  state: "state",
  streetAddress: "street_address",
  timezone: "timezone",
  title: "title",
  userType: "user_type",
  zipCode: "zip_code",
};

const PROFILE_ATTRIBUTE_MAP = new Map<string, string>(Object.entries(PROFILE_ATTRIBUTES));

/**
 * Properties of an OktaUser.
 *
 * There is deliberately no password, recovery answer or credential here: users set their password
 * through Okta's activation flow, and secrets never enter synthesized Terraform.
 */
export interface OktaUserProps extends OktaUserProfile {
  /** The user's login, unique in the org; Okta's default login pattern is an email address. */
  readonly login: string;
  /** Primary email address. */
  readonly email: string;
  /** Given name. */
  readonly firstName: string;
  /** Family name. */
  readonly lastName: string;
  /** @default "ACTIVE" (the provider's default) */
  readonly status?: UserStatus;
  /**
   * Custom profile attributes, keyed by the index of an OktaUserSchemaProperty declared in the same
   * org; checked against the property's type and allowed values at synth.
   * @default - no custom attributes
   */
  readonly customProfile?: { readonly [index: string]: CustomProfileValue };
  /**
   * Custom attributes that other systems write and Terraform must leave alone (the provider would
   * otherwise clear custom attributes missing from customProfile).
   * @default - none
   */
  readonly customProfileAttributesToIgnore?: string[];
  /** Groups the user is an explicit member of; the same as calling addToGroup for each. @default - none */
  readonly groups?: IOktaGroup[];
  /**
   * Okta id of an existing user to adopt: the first deploy imports it (a Terraform import block)
   * instead of creating a new user.
   * @default - a new user is created
   */
  readonly importId?: string;
  /**
   * The construct id this user had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

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

  /** The Terraform resource name: okta_user.<address>. */
  public readonly address: string;
  /** The props this user was created with. */
  public readonly props: OktaUserProps;
  private generated?: User;

  constructor(scope: Construct, id: string, props: OktaUserProps) {
    super(scope, id);
    this.address = id;
    this.props = props;
    OktaDirectory.of(this).addUser(this);
    for (const group of props.groups ?? []) {
      group.addUser(this);
    }
    Object.defineProperty(this.node, "defaultChild", { get: () => this.resource, configurable: true });
  }

  /** The Okta id of the user, as a Terraform reference. */
  public get userId(): string {
    return stackBoundReference(this, "userId", this._idExpression);
  }

  /** @internal */
  public get _idExpression(): string {
    return `\${okta_user.${this.address}.id}`;
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
    this.generated ??= new UserResource(this);
    return this.generated;
  }

  /** True once the escape hatch was used and the generated resource renders this user. @internal */
  public get _hasResource(): boolean {
    return this.generated !== undefined;
  }

  /** The okta_user attributes this user synthesizes to, without meta-arguments. @internal */
  public _renderAttributes(): Record<string, unknown> {
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
    return literalDeep(out);
  }

}

/** The generated okta_user, rendering the attributes of the OktaUser it belongs to. */
class UserResource extends User {
  constructor(private readonly owner: OktaUser) {
    const p = owner.props;
    super(owner, "Resource", { login: p.login, email: p.email, firstName: p.firstName, lastName: p.lastName });
    this.overrideLogicalId(owner.address);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return this.owner._renderAttributes();
  }

  public toTerraform(): any {
    // Meta-arguments are decided at synth: schema properties declared later still count.
    const dependsOn = OktaDirectory.of(this.owner).schemaDependencies(this.owner);
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
