import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { GroupRule } from "../../.gen/providers/okta/group-rule";
import { LIMITS } from "../core/checks";
import { OktaDirectory, groupIdExpression, userIdExpression } from "../core/directory";
import { RuleEntry } from "../core/entries";
import { OktaGroupRuleProps } from "../core/model";
import { productionLifecycle } from "../core/production";
import { stackBoundReference } from "../core/references";
import { literal } from "../util/literal";

export { GroupRuleStatus, OktaGroupRuleProps } from "../core/model";

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

  /** The generated okta_group_rule resource. */
  public readonly resource: GroupRule;

  constructor(scope: Construct, id: string, props: OktaGroupRuleProps) {
    super(scope, id);
    const entry: RuleEntry = { construct: this, props };
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
            .ruleSchemaDependencies(entry)
            .map((property) => `okta_user_schema_property.${property.construct.node.id}`),
      },
      { omitEmpty: true },
    );
    OktaDirectory.of(this).addRule(entry);
  }

  /** The Okta id of the rule, as a Terraform reference. */
  public get ruleId(): string {
    return stackBoundReference(this, "ruleId", `\${okta_group_rule.${this.node.id}.id}`);
  }
}
