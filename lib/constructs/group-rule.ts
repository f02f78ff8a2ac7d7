import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { GroupRule } from "../../.gen/providers/okta/group-rule";
import type { IOktaGroup } from "./group";
import { LIMITS, RULE_STATUSES } from "../core/checks";
import { OktaDirectory, groupIdExpression, userIdExpression } from "../core/directory";
import { productionLifecycle } from "../core/production";
import { stackBoundReference } from "../core/references";
import { IOktaUser } from "./user";
import { literal } from "../util/literal";

/** The statuses of a group rule. */
export type GroupRuleStatus = (typeof RULE_STATUSES)[number];

/** Properties of an OktaGroupRule. */
export interface OktaGroupRuleProps {
  /** The rule's name, unique in the org, at most 50 bytes. */
  readonly name: string;
  /**
   * The Okta Expression Language condition, e.g. `user.department == "Engineering"`.
   * @see https://developer.okta.com/docs/reference/okta-expression-language/
   */
  readonly expression: string;
  /** The groups the rule assigns matching users to (at most 100). */
  readonly groups: IOktaGroup[];
  /** Users the rule never assigns (at most 100). @default - none */
  readonly excludedUsers?: IOktaUser[];
  /** @default "ACTIVE" */
  readonly status?: GroupRuleStatus;
  /** Remove the users the rule assigned when the rule is deleted or deactivated. @default false */
  readonly removeAssignedUsers?: boolean;
  /** Okta id of an existing rule to adopt: the first deploy imports it. @default - a new rule is created */
  readonly importId?: string;
  /**
   * The construct id this rule had before a rename: a Terraform moved block carries its state over
   * to the new address instead of replacing it. Keep it until every org has applied the rename.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/**
 * An Okta group rule (okta_group_rule): assigns users matching an expression to groups.
 *
 * The Terraform address is okta_group_rule.<id>; the generated resource is the child 'Resource'.
 * A rule whose expression reads a custom attribute (`user.employment_type`) declared in the same org
 * by an OktaUserSchemaProperty depends on that property, so Terraform creates the attribute first.
 *
 * @see https://registry.terraform.io/providers/okta/okta/6.12.0/docs/resources/group_rule
 */
export class OktaGroupRule extends Construct {
  /** Okta's limit on groups assigned by one rule. */
  public static readonly MAX_GROUPS = LIMITS.ruleGroups;
  /** Okta's limit on users excluded from one rule. */
  public static readonly MAX_EXCLUDED_USERS = LIMITS.ruleExcludedUsers;
  /** Okta's limit on a rule name, in bytes. */
  public static readonly MAX_NAME_BYTES = LIMITS.ruleNameBytes;

  /** The props this rule was created with. */
  public readonly props: OktaGroupRuleProps;
  /** The generated okta_group_rule resource. */
  public readonly resource: GroupRule;

  constructor(scope: Construct, id: string, props: OktaGroupRuleProps) {
    super(scope, id);
    this.props = props;
    this.resource = new GroupRule(this, "Resource", {
      name: literal(props.name),
      expressionValue: literal(props.expression),
      groupAssignments: Lazy.listValue({ produce: () => [...new Set(props.groups)].map(groupIdExpression) }),
      usersExcluded: props.excludedUsers
        ? Lazy.listValue({ produce: () => [...new Set(props.excludedUsers)].map(userIdExpression) })
        : undefined,
      status: props.status,
      removeAssignedUsers: props.removeAssignedUsers,
      lifecycle: productionLifecycle(this),
    });
    this.resource.overrideLogicalId(id);
    // A rule that reads an attribute the user schema does not have yet is not valid in Okta.
    this.resource.dependsOn = Lazy.listValue(
      {
        produce: () =>
          OktaDirectory.of(this)
            .ruleSchemaDependencies(this)
            .map((property) => `okta_user_schema_property.${property.node.id}`),
      },
      { omitEmpty: true },
    );
    OktaDirectory.of(this).addRule(this);
  }

  /** The Okta id of the rule, as a Terraform reference. */
  public get ruleId(): string {
    return stackBoundReference(this, "ruleId", `\${okta_group_rule.${this.node.id}.id}`);
  }
}
