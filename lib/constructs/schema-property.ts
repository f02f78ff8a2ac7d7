import { Construct } from "constructs";
import { UserBaseSchemaProperty } from "../../.gen/providers/okta/user-base-schema-property";
import { UserSchemaProperty } from "../../.gen/providers/okta/user-schema-property";
import { OktaDirectory } from "../core/directory";
import { BASE_INDEXES, MAX_UNIQUE_PROPERTIES, OktaUserBaseSchemaPropertyProps, OktaUserSchemaPropertyProps, RESERVED_INDEXES } from "../core/model";
import { productionLifecycle } from "../core/production";
import { literalDeep } from "../util/literal";

export {
  BASE_SCHEMA_MASTERS,
  BaseSchemaMaster,
  OktaUserBaseSchemaPropertyProps,
  OktaUserSchemaPropertyProps,
  SCHEMA_ARRAY_TYPES,
  SCHEMA_MASTERS,
  SCHEMA_PERMISSIONS,
  SCHEMA_SCOPES,
  SCHEMA_TYPES,
  SCHEMA_UNIQUENESS,
  SchemaArrayType,
  SchemaMaster,
  SchemaMasterPriority,
  SchemaOneOf,
  SchemaPermission,
  SchemaPropertyType,
  SchemaScope,
  SchemaUniqueness,
} from "../core/model";

/**
 * A custom Okta user profile attribute (okta_user_schema_property).
 *
 * The schema API silently overwrites concurrent writes, so every schema property of an org
 * (custom and base) depends on the one declared before it: Terraform writes them one at a time.
 * Changing index, type, unique, arrayType, externalName or externalNamespace replaces the property
 * and loses its values.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/user_schema_property
 */
export class OktaUserSchemaProperty extends Construct {
  /** Okta's limit on unique properties per user type. */
  public static readonly MAX_UNIQUE = MAX_UNIQUE_PROPERTIES;
  /** Names Okta reserves for its own use (compared case-insensitively). */
  public static readonly RESERVED_INDEXES: readonly string[] = RESERVED_INDEXES;

  /** The generated okta_user_schema_property resource. */
  public readonly resource: UserSchemaProperty;

  constructor(scope: Construct, id: string, props: OktaUserSchemaPropertyProps) {
    super(scope, id);
    this.resource = new UserSchemaProperty(this, "Resource", literalDeep({
      index: props.index,
      title: props.title,
      type: props.type,
      description: props.description,
      required: props.required,
      master: props.master,
      masterOverridePriority: props.masterOverridePriority?.map((p) => ({ type: p.type, value: p.value })),
      permissions: props.permissions,
      scope: props.scope,
      unique: props.unique,
      enum: props.enum,
      oneOf: props.oneOf?.map((o) => ({ const: o.const, title: o.title })),
      arrayType: props.arrayType,
      arrayEnum: props.arrayEnum,
      arrayOneOf: props.arrayOneOf?.map((o) => ({ const: o.const, title: o.title })),
      minLength: props.minLength,
      maxLength: props.maxLength,
      pattern: props.pattern,
      externalName: props.externalName,
      externalNamespace: props.externalNamespace,
      userType: props.userType,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    OktaDirectory.of(this).addSchemaProperty({ kind: "custom", construct: this, props, resource: this.resource });
  }
}

/**
 * Adjusts one of Okta's base user profile attributes (okta_user_base_schema_property): whether it is
 * required, its permissions, its master, its title. Base attributes cannot be created or deleted.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/user_base_schema_property
 */
export class OktaUserBaseSchemaProperty extends Construct {
  /** The base attributes of an Okta user profile. */
  public static readonly BASE_INDEXES: readonly string[] = BASE_INDEXES;

  /** The generated okta_user_base_schema_property resource. */
  public readonly resource: UserBaseSchemaProperty;

  constructor(scope: Construct, id: string, props: OktaUserBaseSchemaPropertyProps) {
    super(scope, id);
    this.resource = new UserBaseSchemaProperty(this, "Resource", literalDeep({
      index: props.index,
      title: props.title,
      type: props.type ?? "string",
      required: props.required,
      master: props.master,
      permissions: props.permissions,
      pattern: props.pattern,
      userType: props.userType,
      lifecycle: productionLifecycle(this),
    }));
    this.resource.overrideLogicalId(id);
    OktaDirectory.of(this).addSchemaProperty({ kind: "base", construct: this, props, resource: this.resource });
  }
}
