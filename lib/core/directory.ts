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
import { GroupMemberships } from "./memberships";
import { ShardOfOrg, shardInfo, shardOf } from "./shards";

const DIRECTORY_ID = "OktaDirectory";

/** The output of a sharded org's stack that its user shards read group ids from. */
const GROUP_IDS_OUTPUT = "user_shard_group_ids";

/** "garden", 4 -> "garden_4shards": the base of a group's okta_group_memberships in a user shard of a 4-shard org. */
function shardMembershipsBase(groupAddress: string, count: number): string {
  return `${groupAddress}_${count}shards`;
}

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
    // A user shard's users are checked against the schema of their org's stack.
    const org = this.orgDirectory();
    if (org) return org.customProperties();
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
    // depends_on cannot name another stack's resource: a user shard is deployed after its org's stack.
    if (!profile || this.shard()) return [];
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
    const { rendered, usersHoldTokens } = this.renderWithTokens();
    // The users were looked at for tokens as they were rendered.
    const own = usersHoldTokens || containsToken(rendered, rendered.resource?.okta_user)
      ? Tokenization.resolve(rendered, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })
      : rendered;
    for (const [type, byName] of Object.entries<Record<string, unknown>>(own.resource ?? {})) {
      tf.resource ??= {};
      tf.resource[type] = tf.resource[type] === undefined ? byName : { ...tf.resource[type], ...byName };
    }
    if (own.import) tf.import = [...(tf.import ?? []), ...own.import];
    if (own.moved) tf.moved = [...(tf.moved ?? []), ...own.moved];
    if (own.removed) tf.removed = [...(tf.removed ?? []), ...own.removed];
    for (const block of ["data", "output"] as const) {
      for (const [type, byName] of Object.entries<Record<string, unknown>>(own[block] ?? {})) {
        tf[block] ??= {};
        tf[block][type] = block === "output" ? byName : { ...tf[block][type], ...byName };
      }
    }
    return tf;
  }

  private mergedByStack = false;

  private render(): Record<string, any> {
    return this.renderWithTokens().rendered;
  }

  /** The rendered users, groups and memberships, and whether any user's attributes hold a token. */
  private renderWithTokens(): { rendered: Record<string, any>; usersHoldTokens: boolean } {
    const production = isProduction(this);
    const lifecycle = production ? { prevent_destroy: true } : undefined;
    const users: Record<string, unknown> = {};
    const groups: Record<string, unknown> = {};
    const memberships: Record<string, unknown> = {};
    let usersHoldTokens = false;
    const imports: { to: string; id: string }[] = [];
    const moved: { from: string; to: string }[] = [];

    for (const user of this.users) {
      if (user.props.importId !== undefined) imports.push({ to: `okta_user.${user.address}`, id: literal(user.props.importId) });
      if (user.props.renamedFrom !== undefined) moved.push({ from: `okta_user.${user.props.renamedFrom}`, to: `okta_user.${user.address}` });
      if (user.hasResource) continue;
      const attributes = user.renderAttributes();
      // Looked at now, while they are at hand, rather than in another walk over 100,000 users.
      if (!usersHoldTokens) for (const name in attributes) if (containsToken(attributes[name])) usersHoldTokens = true;
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
          const from = GroupMemberships.namesOf(group, renamedFrom);
          GroupMemberships.namesOf(group).forEach((to, i) => moved.push({ from: `okta_group_memberships.${from[i]}`, to: `okta_group_memberships.${to}` }));
        }
        if (!group.hasResource) {
          if (lifecycle) attributes.lifecycle = lifecycle;
          groups[group.address] = attributes;
        }
      }
      const here = this.membersHere(group);
      if (here.members.size > 0) Object.assign(memberships, GroupMemberships.render(here, userIdExpression));
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

    const out: Record<string, unknown> = {};
    const shard = this.shard();
    if (shard) {
      const layout = this.renderShard(shard, memberships, imports, lifecycle);
      if (layout.removed.length > 0) out.removed = layout.removed;
      if (layout.remoteState) out.data = { terraform_remote_state: { org: layout.remoteState } };
    } else {
      const forgotten = this.unshardedForgotten();
      if (forgotten.length > 0) out.removed = forgotten.map((address) => ({ from: address, lifecycle: { destroy: false } }));
      const groupIds = this.sharedGroupIds();
      if (groupIds) out.output = { [GROUP_IDS_OUTPUT]: { value: groupIds, description: "The Okta ids of this org's groups that have members in its user shard stacks." } };
    }

    const resource: Record<string, unknown> = {};
    // (hasKeys, not Object.keys: that of 100,000 users is a list of 100,000 names.)
    if (hasKeys(users)) resource.okta_user = users;
    if (hasKeys(groups)) resource.okta_group = groups;
    if (hasKeys(memberships)) resource.okta_group_memberships = memberships;
    if (Object.keys(resource).length > 0) out.resource = resource;
    if (imports.length > 0) out.import = imports;
    if (moved.length > 0) out.moved = moved;
    return { rendered: out, usersHoldTokens };
  }

  // ---------------------------------------------------------------- user shards

  /** This stack's place among its org's user shards, if it is one. */
  private shard(): ShardOfOrg | undefined {
    return shardInfo(TerraformStack.of(this));
  }

  /** The directory of the org stack, for a user shard. */
  private orgDirectory(): OktaDirectory | undefined {
    const shard = this.shard();
    return shard && OktaDirectory.tryOf(shard.org);
  }

  /** The directories of this org stack's user shards (none when it has none). */
  private shardDirectories(): OktaDirectory[] {
    const stack = TerraformStack.of(this);
    const siblings = stack.node.scope?.node.children ?? [];
    return siblings.filter((child) => shardInfo(child)?.org === stack).flatMap((child) => OktaDirectory.tryOf(child) ?? []);
  }

  /** A group with only its members that live in this stack (a sharded org's users live in its user shards). */
  private membersHere(group: GroupEntry): GroupEntry {
    if (this.shardDirectories().length === 0 && !this.shard()) return group;
    const stack = TerraformStack.of(this);
    return this.subset(group, group.address, group.idExpression, (member) => TerraformStack.of(member) === stack, true);
  }

  private readonly subsets = new Map<string, { size: number; entry: GroupEntry }>();

  /** A view of a group with some of its members, under another address and id; the same object while the members are the same. */
  private subset(group: GroupEntry, address: string, idExpression: string, keep: (member: IOktaUser) => boolean, ownGroup = false, view = "here"): GroupEntry {
    const key = `${view}\u0000${group.construct.node.path}\u0000${address}`;
    const cached = this.subsets.get(key);
    if (cached && cached.size === group.members.size) return cached.entry;
    const members = new Set([...group.members].filter(keep));
    const entry: GroupEntry = {
      construct: group.construct,
      address,
      // Only the org's own stack defines the group; a user shard only adds members to it.
      props: ownGroup ? group.props : undefined,
      hasResource: group.hasResource,
      idExpression,
      members,
      renderAttributes: () => (ownGroup ? group.renderAttributes() : undefined),
    };
    this.subsets.set(key, { size: group.members.size, entry });
    return entry;
  }

  /** The org's groups (of its stack) with members in user shards, as group address -> id expression for the shards' remote state. */
  private sharedGroupIds(): Record<string, string> | undefined {
    if (this.shardDirectories().length === 0) return undefined;
    const stack = TerraformStack.of(this);
    const ids: Record<string, string> = {};
    for (const group of this.groups) {
      if (group.props !== undefined && [...group.members].some((member) => TerraformStack.of(member) !== stack)) ids[group.address] = group.idExpression;
    }
    return ids;
  }

  /**
   * A user shard's memberships of its org's groups (named <group>_<count>shards_members, so that a
   * re-shard gives them new addresses), and a re-shard's steps: a user that left this shard is
   * forgotten (removed, Okta keeps it), one that came is imported by its login, and the memberships of
   * the previous layout are forgotten (their members stay in their groups; the new ones add them again).
   */
  private renderShard(shard: ShardOfOrg, memberships: Record<string, unknown>, imports: { to: string; id: string }[], lifecycle: unknown): { removed: unknown[]; remoteState?: unknown } {
    const org = this.orgDirectory();
    const removed: unknown[] = [];
    const forget = (address: string) => removed.push({ from: address, lifecycle: { destroy: false } });
    let remoteState: unknown;
    for (const group of org?.groups ?? []) {
      const here = this.shardView(group, shard);
      if (here.members.size === 0) continue;
      if (group.props !== undefined) remoteState = shard.remoteState();
      const rendered = GroupMemberships.render(here, userIdExpression);
      if (lifecycle) for (const body of Object.values(rendered)) (body as Record<string, unknown>).lifecycle = lifecycle;
      Object.assign(memberships, rendered);
    }
    const previous = shard.previousCount;
    if (previous === undefined || previous === shard.count) return { removed, remoteState };
    if (previous === 0) {
      // The org had no shards: every user comes from the org's stack, which forgets them.
      for (const user of this.users) if (user.props.importId === undefined && isConcrete(user.props.login)) imports.push({ to: `okta_user.${user.address}`, id: literal(user.props.login) });
      return { removed, remoteState };
    }
    for (const user of this.users) {
      // A user that came from another shard is imported by login (Okta's users API takes a login for an id).
      if (shardOf(user.address, previous) !== shard.index && user.props.importId === undefined && isConcrete(user.props.login)) imports.push({ to: `okta_user.${user.address}`, id: literal(user.props.login) });
    }
    const everyShard = org?.shardDirectories() ?? [];
    for (const directory of everyShard) {
      for (const user of directory.users) {
        if (directory !== this && shardOf(user.address, previous) === shard.index) forget(`okta_user.${user.address}`);
      }
    }
    const everyUser = new Set(everyShard.flatMap((directory) => directory.users.map((user) => user.construct)));
    for (const group of org?.groups ?? []) {
      const before = this.subset(group, shardMembershipsBase(group.address, previous), group.idExpression, (member) => everyUser.has(member) && shardOf(member.node.id, previous) === shard.index, false, "previous");
      for (const name of GroupMemberships.namesOf(before, before.address)) forget(`okta_group_memberships.${name}`);
    }
    return { removed, remoteState };
  }

  /** A user shard's okta_group_memberships names, with the org group each adds members to. */
  private shardMemberships(): [string, GroupEntry][] {
    const shard = this.shard();
    if (!shard) return [];
    return (this.orgDirectory()?.groups ?? []).flatMap((group) => {
      const here = this.shardView(group, shard);
      return GroupMemberships.namesOf(here, here.address).map((name): [string, GroupEntry] => [name, group]);
    });
  }

  /**
   * A group of the org seen from a user shard: the members in this shard, under the shard layout's
   * address, with the group's id read from the org stack's outputs (an existing group's id as given).
   */
  private shardView(group: GroupEntry, shard: ShardOfOrg): GroupEntry {
    const stack = TerraformStack.of(this);
    const id = group.props === undefined ? group.idExpression : `\${data.terraform_remote_state.org.outputs.${GROUP_IDS_OUTPUT}["${group.address}"]}`;
    return this.subset(group, shardMembershipsBase(group.address, shard.count), id, (member) => TerraformStack.of(member) === stack);
  }

  /**
   * When an org gets user shards (previousCount 0), what its own stack forgets: every user now in a
   * shard, and the memberships its groups had (the shards add the members again).
   */
  private unshardedForgotten(): string[] {
    const shards = this.shardDirectories();
    if (shards.length === 0 || shards[0].shard()?.previousCount !== 0) return [];
    const moved = shards.flatMap((directory) => directory.users);
    const everyUser = new Set(moved.map((user) => user.construct));
    const before = this.groups.flatMap((group) => {
      const old = this.subset(group, group.address, group.idExpression, (member) => everyUser.has(member) || TerraformStack.of(member) === TerraformStack.of(this), false, "unsharded");
      return GroupMemberships.namesOf(old, group.address).map((name) => `okta_group_memberships.${name}`);
    });
    const now = new Set(this.groups.flatMap((group) => GroupMemberships.namesOf(this.membersHere(group), group.address)));
    return [...moved.map((user) => `okta_user.${user.address}`), ...before.filter((address) => !now.has(address.slice("okta_group_memberships.".length)))];
  }

  /** The addresses a re-shard forgets in this stack: a production org's record lets them go. */
  private reshardForgotten(): string[] {
    const shard = this.shard();
    if (!shard) return this.unshardedForgotten();
    if (shard.previousCount === undefined || shard.previousCount === 0 || shard.previousCount === shard.count) return [];
    return (this.renderShard(shard, {}, [], undefined).removed as { from: string }[]).map((block) => block.from);
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
    const schema = this.userSchema();
    // Logins are unique in the org: its stack checks them across its user shards.
    const checksLogins = !this.shard();
    const addLogin = (user: UserEntry) => {
      if (isConcrete(user.props.login)) logins.add(user.props.login.toLowerCase(), user.construct, user.props.login);
    };
    for (const user of this.users) {
      addresses.add("okta_user", user.address, user.construct);
      const own = this.ownProblemsOnce(user, schema);
      if (own.length > 0) problems.push(...own);
      if (checksLogins) addLogin(user);
    }
    if (checksLogins) for (const directory of this.shardDirectories()) directory.users.forEach(addLogin);
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
      for (const [type, address] of groupAddresses(this.membersHere(group))) addresses.add(type, address, construct);
      if (group.props !== undefined) {
        const name = group.props.name;
        if (isConcrete(name)) groupNames.add(name.toLowerCase(), construct, name);
        problems.push(...this.ownProblemsOnce(group));
      }
      if (group.members.size > 0) {
        for (const member of group.members) {
          // Most members are the stack's own children: no walk up the tree for them.
          const memberStack = member.node.scope === stack && !TerraformStack.isStack(member) ? stack : TerraformStack.of(member);
          if (memberStack !== stack && shardInfo(memberStack)?.org !== stack) problems.push(problem.crossOrg(placeOf(construct), "member", placeOf(member)));
        }
        const rules = ruleTargets.get(construct);
        if (rules) warnOnce(construct, problem.ruleAndMembers(placeOf(construct), rules));
      }
    }
    problems.push(...groupNames.report(problem.duplicateGroupName));
    for (const [name, group] of this.shardMemberships()) addresses.add("okta_group_memberships", name, group.construct);

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
    // (A resource right under the stack has no owner; the set of owners is built only for one that is deeper.)
    let owners: Set<IConstruct> | undefined;
    const owned = (resource: TerraformResource) => {
      const scope = resource.node.scope;
      if (scope === undefined || scope === stack) return false;
      owners ??= new Set<IConstruct>([...[...this.users, ...this.groups, ...this.rules, ...this.schemaProperties].map((entry) => entry.construct), ...this.identitySourceElements]);
      return owners.has(scope);
    };
    for (const resource of constructs) {
      if (!(resource instanceof TerraformResource) || owned(resource)) continue;
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
  private ownProblemsOnce(entry: UserEntry | GroupEntry, schema = this.userSchema()): Problem[] {
    const own = this.ownProblems(entry, schema);
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
  private ownProblems(entry: UserEntry | GroupEntry, schema = this.userSchema()): Problem[] {
    if (isUser(entry)) {
      const problems = validateUser(entry, schema.customLoginPattern);
      if (entry.props.customProfile !== undefined || schema.customProperties.size > 0) problems.push(...validateCustomProfile(entry, schema.customProperties));
      return problems;
    }
    return entry.props === undefined ? [] : validateGroup(entry.construct, entry.props.name, entry.props.description);
  }

  /** What a user is checked against: the org's custom schema properties and whether it declares its own login pattern (once per check of the org, not per user). */
  private userSchema(): { customLoginPattern: boolean; customProperties: ReadonlyMap<string, CustomPropertyEntry> } {
    return { customLoginPattern: this.customLoginPattern(), customProperties: this.customProperties() };
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
      if (renamedFrom === undefined) continue;
      renamed.add(`okta_group.${renamedFrom}`);
      for (const name of GroupMemberships.namesOf(group, renamedFrom)) renamed.add(`okta_group_memberships.${name}`);
    }
    for (const rule of this.rules) if (rule.props.renamedFrom !== undefined) renamed.add(`okta_group_rule.${rule.props.renamedFrom}`);
    for (const property of this.schemaProperties) {
      if (property.kind === "custom" && property.props.renamedFrom !== undefined) renamed.add(`okta_user_schema_property.${property.props.renamedFrom}`);
    }
    for (const address of this.reshardForgotten()) renamed.add(address);
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
  for (const name of GroupMemberships.namesOf(group)) out.push(["okta_group_memberships", name]);
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
  /**
   * The first owner of each key, and its spelling where that is not the key itself (a login in capitals);
   * no object per key, as there are 100,000. The uses of a key seen again, in order, in `repeated`.
   */
  private readonly seen = new Map<string, IConstruct>();
  private readonly spelled = new Map<string, string>();
  private readonly repeated = new Map<string, FinderUse[]>();

  /** @param field the prop that holds the key, for the column a loaded construct's message names */
  constructor(private readonly field?: string) {}

  public add(key: string, owner: IConstruct, shown: string): void {
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, owner);
      if (shown !== key) this.spelled.set(key, shown);
      return;
    }
    const uses = this.repeated.get(key);
    if (uses) uses.push({ owner, shown });
    else this.repeated.set(key, [{ owner: first, shown: this.spelled.get(key) ?? key }, { owner, shown }]);
  }

  public keys(): IterableIterator<string> {
    return this.seen.keys();
  }

  /** Where the first construct that used the key is, if any. */
  public first(key: string): string | undefined {
    const owner = this.seen.get(key);
    return owner && placeOf(owner, this.field);
  }

  /** One problem per key used more than once, in the order the keys were first used. */
  public report(message: (uses: Use[]) => Problem): Problem[] {
    if (this.repeated.size === 0) return [];
    const problems: Problem[] = [];
    for (const key of this.seen.keys()) {
      const uses = this.repeated.get(key);
      if (uses) problems.push(message(uses.map(({ owner, shown }) => ({ place: placeOf(owner, this.field), shown }))));
    }
    return problems;
  }
}

/** One use of a key: the construct and the key as it wrote it. */
interface FinderUse {
  readonly owner: IConstruct;
  readonly shown: string;
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

/** Whether an object has any own enumerable key, without listing them all. */
function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/** What every encoded token holds (cdktf's string, list and map markers: "${TfToken[", "#{TfToken[", "&{TfToken["). */
const TOKEN_MARKER = "{TfToken[";

/** True when any string, number, list or map in a rendered value is an unresolved token (in `skip` or not: its tokens were looked for already). */
function containsToken(value: unknown, skip?: unknown): boolean {
  if (skip !== undefined && value === skip) return false;
  // A token holds cdktf's marker: most strings are ruled out without Token's regular expression.
  if (typeof value === "string") return value.includes(TOKEN_MARKER) && Token.isUnresolved(value);
  if (typeof value === "number") return Token.isUnresolved(value);
  // A list token is a list of one marker string, which is not a token by itself (Token.isUnresolved).
  if (Array.isArray(value)) return (value.length === 1 && Token.isUnresolved(value)) || value.some((item) => containsToken(item, skip));
  if (value !== null && typeof value === "object") {
    // (A map token's marker is its key.)
    for (const key in value) if (key.includes(TOKEN_MARKER) || containsToken((value as Record<string, unknown>)[key], skip)) return true;
  }
  return false;
}
