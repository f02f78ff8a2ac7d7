import {
  DefaultTokenResolver,
  Lazy,
  StringConcat,
  TerraformElement,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
  Tokenization,
} from "cdktf";
import { IConstruct } from "constructs";
import { CustomPropertyEntry, GroupEntry, RuleEntry, SchemaPropertyEntry, UserEntry, schemaPropertyType } from "./entries";
import { IOktaGroup, IOktaUser, MAX_UNIQUE_PROPERTIES } from "./model";
import { IdentitySourceElement, TerraformAddress, validateIdentitySources } from "./identity-sources";
import { validateCustomProfile, validateGroup, validateRule, validateSchemaProperty, validateUser } from "./rules";
import { isProduction } from "./production";
import { literal } from "../util/literal";
import { checkAddressRecord } from "./address-record";
import { Use, problem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { foreignBindingProblems } from "./foreign-bindings";
import { inOrgs, orgOf, placeOf, twinsOf } from "./origins";
import { warnOnce } from "./warnings";
import { isConcrete, isTerraformName } from "./checks";

const DIRECTORY_ID = "OktaDirectory";

/** The expression a resource of the same stack uses for a user's Okta id. */
export function userIdExpression(user: IOktaUser): string {
  return (user as Partial<{ _idExpression: string }>)._idExpression ?? user.userId;
}

/** The expression a resource of the same stack uses for a group's Okta id. */
export function groupIdExpression(group: IOktaGroup): string {
  return (group as Partial<{ _idExpression: string }>)._idExpression ?? group.groupId;
}

/**
 * One per stack: knows every Okta construct of the org, renders users, groups and memberships as
 * plain JSON in one pass (the per-resource cost of generated classes dominates synth at 100,000 users),
 * chains schema properties, and runs the whole-org checks at synth, all problems at once.
 */
export class OktaDirectory extends TerraformElement {
  /** The directory of the stack that `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): OktaDirectory {
    const stack = TerraformStack.of(scope);
    return OktaDirectory.tryOf(stack) ?? new OktaDirectory(stack);
  }

  /** The directory of the stack that `scope` belongs to, if any Okta construct created it. */
  public static tryOf(scope: IConstruct): OktaDirectory | undefined {
    return TerraformStack.of(scope).node.tryFindChild(DIRECTORY_ID) as OktaDirectory | undefined;
  }

  /** Users, groups, rules and schema properties, in declaration order. */
  public readonly users: UserEntry[] = [];
  public readonly groups: GroupEntry[] = [];
  public readonly rules: RuleEntry[] = [];
  public readonly schemaProperties: SchemaPropertyEntry[] = [];
  /** Identity sources, their records and import jobs (lib/constructs/identity-source*.ts). */
  public readonly identitySourceElements: IdentitySourceElement[] = [];
  private customByIndex?: Map<string, CustomPropertyEntry>;
  /** Checks of whole data files loaded into this org (loadDirectory's), run with the org's checks. */
  private readonly fileChecks: (() => Problem[])[] = [];

  private constructor(stack: TerraformStack) {
    super(stack, DIRECTORY_ID);
    this.node.addValidation({ validate: () => this.validate().map((found) => found.message) });
  }

  public addUser(user: UserEntry): void {
    this.users.push(user);
  }

  public addGroup(group: GroupEntry): void {
    this.groups.push(group);
  }

  public addRule(rule: RuleEntry): void {
    this.rules.push(rule);
  }

  /** Adds a check of a whole data file; its messages name the file and the orgs they hold for. */
  public addFileCheck(check: () => Problem[]): void {
    this.fileChecks.push(check);
  }

  public addIdentitySourceElement(element: IdentitySourceElement): void {
    this.identitySourceElements.push(element);
  }

  /** Registers a schema property and makes it depend on the one declared before it. */
  public addSchemaProperty(property: SchemaPropertyEntry): void {
    const previous = this.schemaProperties[this.schemaProperties.length - 1];
    if (previous) {
      property.resource.dependsOn = [...(property.resource.dependsOn ?? []), previous.resource.fqn];
    }
    this.schemaProperties.push(property);
    this.customByIndex = undefined;
  }

  /** Custom schema properties by index (the first declaration wins; duplicates are reported). */
  public customProperties(): Map<string, CustomPropertyEntry> {
    if (!this.customByIndex) {
      this.customByIndex = new Map();
      for (const property of this.schemaProperties) {
        if (property.kind === "custom" && !this.customByIndex.has(property.props.index)) {
          this.customByIndex.set(property.props.index, property);
        }
      }
    }
    return this.customByIndex;
  }

  /** The custom schema properties a user's customProfile uses: the user must be written after them. */
  public schemaDependencies(user: UserEntry): CustomPropertyEntry[] {
    const profile = user.props.customProfile;
    if (!profile) return [];
    const declared = this.customProperties();
    const dependencies: CustomPropertyEntry[] = [];
    for (const key of Object.keys(profile)) {
      const property = declared.get(key);
      if (property) dependencies.push(property);
    }
    return dependencies;
  }

  /**
   * The custom schema properties a rule's expression reads (`user.<index>`, also inside a function
   * call such as `String.stringContains(user.<index>, "x")`): the rule must be written after them.
   */
  public ruleSchemaDependencies(rule: RuleEntry): CustomPropertyEntry[] {
    const expression = rule.props.expression;
    if (!isConcrete(expression)) return [];
    const declared = this.customProperties();
    const dependencies = new Set<CustomPropertyEntry>();
    for (const index of userAttributesRead(expression)) {
      const property = declared.get(index);
      if (property) dependencies.add(property);
    }
    return [...dependencies];
  }

  /**
   * Rendered lazily: cdktf resolves every element once more while "preparing" the stack (to find
   * cross-stack references, which Okta stacks do not make); skipping that pass saves a third of the
   * synth time at 100,000 users.
   */
  public toTerraform(): any {
    if (this.mergedByStack) return {};
    return Lazy.anyValue({ produce: (context) => (context.preparing ? {} : this.render()) });
  }

  /**
   * Renders users, groups and memberships for a stack that merges them into its JSON itself
   * (OktaOrgStack), after cdktf resolved everything else: plain values need no resolving, so only an
   * output that holds tokens (e.g. a login built from a TerraformVariable) is resolved, once.
   */
  public renderForStack(stack: TerraformStack, renderElements: () => any): any {
    this.mergedByStack = true;
    let tf: any;
    try {
      tf = renderElements();
    } finally {
      this.mergedByStack = false;
    }
    const rendered = this.render();
    const own = containsToken(rendered)
      ? Tokenization.resolve(rendered, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })
      : rendered;
    for (const [type, byName] of Object.entries<Record<string, unknown>>(own.resource ?? {})) {
      tf.resource ??= {};
      tf.resource[type] = { ...tf.resource[type], ...byName };
    }
    if (own.import) tf.import = [...(tf.import ?? []), ...own.import];
    if (own.moved) tf.moved = [...(tf.moved ?? []), ...own.moved];
    return tf;
  }

  private mergedByStack = false;

  private render(): Record<string, any> {
    const production = isProduction(this);
    const lifecycle = production ? { prevent_destroy: true } : undefined;
    const users: Record<string, unknown> = {};
    const groups: Record<string, unknown> = {};
    const memberships: Record<string, unknown> = {};
    const imports: { to: string; id: string }[] = [];
    const moved: { from: string; to: string }[] = [];

    for (const user of this.users) {
      if (user.props.importId !== undefined) imports.push({ to: `okta_user.${user.address}`, id: literal(user.props.importId) });
      if (user.props.renamedFrom !== undefined) moved.push({ from: `okta_user.${user.props.renamedFrom}`, to: `okta_user.${user.address}` });
      if (user.hasResource) continue;
      const attributes = user.renderAttributes();
      const dependencies = this.schemaDependencies(user);
      if (dependencies.length > 0) {
        attributes.depends_on = dependencies.map((property) => `okta_user_schema_property.${property.construct.node.id}`);
      }
      if (lifecycle) attributes.lifecycle = lifecycle;
      users[user.address] = attributes;
    }
    for (const group of this.groups) {
      const attributes = group.renderAttributes();
      if (attributes) {
        const { importId, renamedFrom } = group.props ?? {};
        if (importId !== undefined) imports.push({ to: `okta_group.${group.address}`, id: literal(importId) });
        if (renamedFrom !== undefined) {
          moved.push({ from: `okta_group.${renamedFrom}`, to: `okta_group.${group.address}` });
          if (group.members.size > 0) {
            moved.push({ from: `okta_group_memberships.${renamedFrom}_members`, to: `okta_group_memberships.${group.address}_members` });
          }
        }
        if (!group.hasResource) {
          if (lifecycle) attributes.lifecycle = lifecycle;
          groups[group.address] = attributes;
        }
      }
      if (group.members.size > 0) {
        memberships[`${group.address}_members`] = {
          group_id: group.idExpression,
          users: Array.from(group.members, userIdExpression),
          track_all_users: false,
        };
      }
    }
    for (const rule of this.rules) {
      const address = rule.construct.node.id;
      if (rule.props.importId !== undefined) imports.push({ to: `okta_group_rule.${address}`, id: literal(rule.props.importId) });
      if (rule.props.renamedFrom !== undefined) moved.push({ from: `okta_group_rule.${rule.props.renamedFrom}`, to: `okta_group_rule.${address}` });
    }
    for (const property of this.schemaProperties) {
      if (property.kind !== "custom") continue;
      const { importId, renamedFrom } = property.props;
      const to = `okta_user_schema_property.${property.construct.node.id}`;
      if (importId !== undefined) imports.push({ to, id: literal(importId) });
      if (renamedFrom !== undefined) moved.push({ from: `okta_user_schema_property.${renamedFrom}`, to });
    }

    const resource: Record<string, unknown> = {};
    if (Object.keys(users).length > 0) resource.okta_user = users;
    if (Object.keys(groups).length > 0) resource.okta_group = groups;
    if (Object.keys(memberships).length > 0) resource.okta_group_memberships = memberships;
    const out: Record<string, unknown> = {};
    if (Object.keys(resource).length > 0) out.resource = resource;
    if (imports.length > 0) out.import = imports;
    if (moved.length > 0) out.moved = moved;
    return out;
  }

  /**
   * The Terraform addresses a construct of this org defines, as [type, name], in the stack's JSON
   * (a group: its okta_group, then its okta_group_memberships); none for a construct the org does not
   * know or one that only references an existing object.
   */
  public addressesOf(construct: IConstruct): TerraformAddress[] {
    const user = this.users.find((entry) => entry.construct === construct);
    if (user) return [["okta_user", user.address]];
    const group = this.groups.find((entry) => entry.construct === construct);
    if (group) return groupAddresses(group);
    const rule = this.rules.find((entry) => entry.construct === construct);
    if (rule) return [["okta_group_rule", construct.node.id]];
    const property = this.schemaProperties.find((entry) => entry.construct === construct);
    if (property) return [schemaPropertyAddress(property)];
    const element = this.identitySourceElements.find((entry) => entry === construct);
    return element ? element._addresses() : [];
  }

  /** Every problem with the org's Okta constructs, each naming the construct path (or the data file row it came from). */
  public validate(): Problem[] {
    const problems: Problem[] = [];
    const stack = TerraformStack.of(this);
    const constructs = stack.node.findAll();
    const addresses = new AddressBook();

    if (!hasOktaProvider(constructs)) problems.push(problem.noProvider(stack.node.path));
    problems.push(...foreignBindingProblems(constructs));

    const logins = new DuplicateFinder("login");
    for (const user of this.users) {
      addresses.add("okta_user", user.address, user.construct);
      problems.push(...this.ownProblemsOnce(user));
      if (isConcrete(user.props.login)) logins.add(user.props.login.toLowerCase(), user.construct, user.props.login);
    }
    problems.push(...logins.report(problem.duplicateLogin));

    const groupNames = new DuplicateFinder("name");
    const ruleTargets = new Map<IOktaGroup, string[]>();
    for (const rule of this.rules) {
      for (const group of rule.props.groups) {
        ruleTargets.set(group, [...(ruleTargets.get(group) ?? []), rule.construct.node.path]);
      }
    }
    for (const group of this.groups) {
      const construct = group.construct;
      for (const [type, address] of groupAddresses(group)) addresses.add(type, address, construct);
      if (group.props !== undefined) {
        const name = group.props.name;
        if (isConcrete(name)) groupNames.add(name.toLowerCase(), construct, name);
        problems.push(...this.ownProblemsOnce(group));
      }
      if (group.members.size > 0) {
        for (const member of group.members) {
          if (TerraformStack.of(member) !== stack) problems.push(problem.crossOrg(placeOf(construct), "member", placeOf(member)));
        }
        const rules = ruleTargets.get(construct);
        if (rules) warnOnce(construct, problem.ruleAndMembers(placeOf(construct), rules));
      }
    }
    problems.push(...groupNames.report(problem.duplicateGroupName));

    for (const rule of this.rules) {
      const path = rule.construct.node.path;
      addresses.add("okta_group_rule", rule.construct.node.id, rule.construct);
      problems.push(...validateRule(rule));
      for (const group of rule.props.groups) {
        if (TerraformStack.of(group) !== stack) problems.push(problem.crossOrg(path, "group", group.node.path));
      }
      for (const user of rule.props.excludedUsers ?? []) {
        if (TerraformStack.of(user) !== stack) problems.push(problem.crossOrg(path, "excluded user", user.node.path));
      }
    }

    const indexes = new DuplicateFinder("index");
    const uniqueByType = new Map<string, string[]>();
    for (const property of this.schemaProperties) {
      addresses.add(...schemaPropertyAddress(property), property.construct);
      problems.push(...validateSchemaProperty(property));
      const userType = property.props.userType ?? "default";
      if (isConcrete(property.props.index)) {
        indexes.add(`${userType}/${property.props.index}`, property.construct, property.props.index);
      }
      if (property.kind === "custom" && property.props.unique === "UNIQUE_VALIDATED") {
        uniqueByType.set(userType, [...(uniqueByType.get(userType) ?? []), property.construct.node.path]);
      }
    }
    problems.push(...indexes.report((uses) => problem.duplicateIndex(uses[0].shown, uses.map((use) => use.place))));
    for (const paths of uniqueByType.values()) {
      if (paths.length > MAX_UNIQUE_PROPERTIES) problems.push(problem.tooManyUnique(paths, MAX_UNIQUE_PROPERTIES));
    }

    for (const element of this.identitySourceElements) {
      for (const [type, address] of element._addresses()) addresses.add(type, address, element);
    }
    problems.push(...validateIdentitySources(this.identitySourceElements));

    // One address, one owner: a raw resource or a stack override with a construct's address would be lost.
    const owners = new Set<IConstruct>([...[...this.users, ...this.groups, ...this.rules, ...this.schemaProperties].map((entry) => entry.construct), ...this.identitySourceElements]);
    for (const resource of constructs) {
      if (!(resource instanceof TerraformResource) || (resource.node.scope && owners.has(resource.node.scope))) continue;
      addresses.add(resource.terraformResourceType, resource.friendlyUniqueId, resource);
    }
    const overridden = (stack as unknown as { rawOverrides?: { resource?: Record<string, Record<string, unknown>> } }).rawOverrides?.resource ?? {};
    for (const [type, byName] of Object.entries(overridden)) {
      for (const name of Object.keys(byName ?? {})) {
        const owner = addresses.ownerOf(type, name);
        if (owner !== undefined) problems.push(problem.stackOverrideOfOwnedAddress(stack.node.path, `${type}.${name}`, owner));
      }
    }

    for (const check of this.fileChecks) problems.push(...check());

    if (isProduction(this)) problems.push(...this.validateProduction(stack, constructs, addresses));
    problems.push(...addresses.report());
    return problems;
  }

  /**
   * A user's or group's own problems (its props against Okta's rules and the org's schema). A row of a
   * file that several orgs load is one construct per org: a problem each of them has is reported by
   * each with the same text, naming every org it holds for (a failed synth lists it once).
   */
  private ownProblemsOnce(entry: UserEntry | GroupEntry): Problem[] {
    const own = this.ownProblems(entry);
    if (own.length === 0) return own;
    const construct = entry.construct;
    const twins = twinsOf(construct);
    const theirs = new Map(twins.filter((twin) => twin !== construct).map((twin) => [twin, OktaDirectory.tryOf(twin)?.ownProblemsOf(twin) ?? []]));
    const holds = (twin: IConstruct, found: Problem) => twin === construct || theirs.get(twin)!.some((their) => their.message === found.message);
    const orgsOf = (found: Problem) => [...new Set(twins.filter((twin) => holds(twin, found)).map((twin) => orgOf(twin)!))];
    return own.map((found) => ({ ...found, message: inOrgs(found.message, orgsOf(found)) }));
  }

  /** The own problems of the entry of a user or group construct of this org. */
  private ownProblemsOf(construct: IConstruct): Problem[] {
    const entry = this.users.find((user) => user.construct === construct) ?? this.groups.find((group) => group.construct === construct);
    return entry ? this.ownProblems(entry) : [];
  }

  /** A user's or group's own problems, with the orgs left for inOrgs. */
  private ownProblems(entry: UserEntry | GroupEntry): Problem[] {
    if (isUser(entry)) return [...validateUser(entry, this.customLoginPattern()), ...validateCustomProfile(entry, this.customProperties())];
    return entry.props === undefined ? [] : validateGroup(entry.construct, entry.props.name, entry.props.description);
  }

  /** Whether the org declares its own login pattern, so that logins need not be email addresses. */
  private customLoginPattern(): boolean {
    return this.schemaProperties.some((p) => p.kind === "base" && p.props.index === "login" && p.props.pattern !== undefined);
  }

  /** A production org never loses an object without a decision, nor its protection. */
  private validateProduction(stack: TerraformStack, constructs: readonly IConstruct[], addresses: AddressBook): Problem[] {
    const renamed = new Set<string>();
    for (const user of this.users) if (user.props.renamedFrom !== undefined) renamed.add(`okta_user.${user.props.renamedFrom}`);
    for (const group of this.groups) {
      const renamedFrom = group.props?.renamedFrom;
      if (renamedFrom !== undefined) renamed.add(`okta_group.${renamedFrom}`).add(`okta_group_memberships.${renamedFrom}_members`);
    }
    for (const rule of this.rules) if (rule.props.renamedFrom !== undefined) renamed.add(`okta_group_rule.${rule.props.renamedFrom}`);
    for (const property of this.schemaProperties) {
      if (property.kind === "custom" && property.props.renamedFrom !== undefined) renamed.add(`okta_user_schema_property.${property.props.renamedFrom}`);
    }
    const problems = checkAddressRecord(stack, addresses.all(), renamed);
    for (const resource of constructs) {
      if (!(resource instanceof TerraformResource)) continue;
      const overrides = (resource as unknown as { rawOverrides?: { lifecycle?: { prevent_destroy?: unknown } } }).rawOverrides;
      if (resource.lifecycle?.preventDestroy === false) problems.push(problem.weakenedProtection(resource.node.path, "lifecycle.preventDestroy false"));
      if (overrides?.lifecycle?.prevent_destroy !== undefined && overrides.lifecycle.prevent_destroy !== true) {
        problems.push(problem.weakenedProtection(resource.node.path, `addOverride("lifecycle.prevent_destroy", ${JSON.stringify(overrides.lifecycle.prevent_destroy)})`));
      }
    }
    const removed = (stack as unknown as { rawOverrides?: { removed?: unknown } }).rawOverrides?.removed;
    for (const block of [removed ?? []].flat() as Array<{ from?: unknown; lifecycle?: { destroy?: unknown } | Array<{ destroy?: unknown }> }>) {
      const destroy = [block?.lifecycle ?? []].flat().some((l) => l?.destroy === true);
      if (destroy) problems.push(problem.weakenedProtection(stack.node.path, `a removed block for ${JSON.stringify(block.from)} with destroy = true, written with addOverride,`));
    }
    return problems;
  }
}

/**
 * The `user.<identifier>` attributes an Okta Expression Language expression reads, in order of first
 * use; text inside string literals is not read.
 */
function userAttributesRead(expression: string): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...new Set(Array.from(code.matchAll(/(?<![\w.$])user\.([A-Za-z_][A-Za-z0-9_]*)/g), (match) => match[1]))];
}

/** Groups keep their members; users do not. */
function isUser(entry: UserEntry | GroupEntry): entry is UserEntry {
  return (entry as Partial<GroupEntry>).members === undefined;
}

function schemaPropertyAddress(property: SchemaPropertyEntry): TerraformAddress {
  return [schemaPropertyType(property), property.construct.node.id];
}

/** A defined group's okta_group, and its okta_group_memberships when it has explicit members. */
function groupAddresses(group: GroupEntry): TerraformAddress[] {
  const out: TerraformAddress[] = [];
  if (group.props !== undefined) out.push(["okta_group", group.address]);
  if (group.members.size > 0) out.push(["okta_group_memberships", `${group.address}_members`]);
  return out;
}

function hasOktaProvider(constructs: readonly IConstruct[]): boolean {
  return constructs.some((c) => c instanceof TerraformProvider && c.terraformResourceType === "okta");
}

/**
 * Collects keys seen more than once, with the constructs that used them and each one's spelling;
 * messages name a construct (placeOf) only when it is reported.
 */
class DuplicateFinder {
  private readonly seen = new Map<string, { owner: IConstruct; shown: string }[]>();

  /** @param field the prop that holds the key, for the column a loaded construct's message names */
  constructor(private readonly field?: string) {}

  public add(key: string, owner: IConstruct, shown: string): void {
    const uses = this.seen.get(key);
    if (uses) uses.push({ owner, shown });
    else this.seen.set(key, [{ owner, shown }]);
  }

  public keys(): string[] {
    return [...this.seen.keys()];
  }

  /** Where the first construct that used the key is, if any. */
  public first(key: string): string | undefined {
    const owner = this.seen.get(key)?.[0].owner;
    return owner && placeOf(owner, this.field);
  }

  public report(message: (uses: Use[]) => Problem): Problem[] {
    return [...this.seen.values()]
      .filter((uses) => uses.length > 1)
      .map((uses) => message(uses.map(({ owner, shown }) => ({ place: placeOf(owner, this.field), shown }))));
  }
}

/** Terraform addresses in use: each must be a valid name and unique per resource type. */
class AddressBook {
  private readonly byType = new Map<string, DuplicateFinder>();
  private readonly invalid: Problem[] = [];

  public add(type: string, address: string, owner: IConstruct): void {
    if (!isTerraformName(address)) {
      this.invalid.push(problem.invalidAddress(owner.node.path, owner.node.id));
      return;
    }
    let finder = this.byType.get(type);
    if (!finder) this.byType.set(type, (finder = new DuplicateFinder("id")));
    finder.add(address, owner, address);
  }

  /** Every address in use, as "type.name". */
  public all(): Set<string> {
    const out = new Set<string>();
    for (const [type, finder] of this.byType) for (const name of finder.keys()) out.add(`${type}.${name}`);
    return out;
  }

  /** Where the construct that defines type.address is, if any. */
  public ownerOf(type: string, address: string): string | undefined {
    return this.byType.get(type)?.first(address);
  }

  public report(): Problem[] {
    const problems = [...new Set(this.invalid)];
    for (const [type, finder] of this.byType) {
      problems.push(...finder.report((uses) => problem.duplicateAddress(type, uses[0].shown, uses.map((use) => use.place))));
    }
    return problems;
  }
}

/** True when any string, number or list in a rendered value is an unresolved token. */
function containsToken(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return value.some(containsToken);
  if (value !== null && typeof value === "object") {
    for (const key in value) if (containsToken((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
