/**
 * Checks one Terraform module (every *.tf.json file of one directory) against the provider
 * schemas. Two passes: the first collects what the module declares (so references can be
 * resolved whatever the file order), the second checks every body and every reference.
 */
import type { TerraformJsonFile, ValidationProblem } from "./types";
import { joinPath } from "../util/json-path";
import { TERRAFORM_FUNCTIONS } from "./functions";
import { isRepeatedKey } from "./json-text";
import {
  DATA_LIFECYCLE,
  DYNAMIC,
  IMPORT,
  LITERAL_ARGUMENTS,
  MOVED,
  OUTPUT,
  REMOVED,
  REQUIRED_PROVIDER,
  RESOURCE_LIFECYCLE,
  TERRAFORM,
  TERRAFORM_DATA,
  VARIABLE,
} from "./language-schemas";
import { fileProblems, metaProblems, referenceProblems, schemaCheckProblems, structureProblems, templateProblems, withoutValues } from "./messages";
import { Problem } from "../problems/problem";
import { idAndMessage } from "./types";
import { INDEX, interpolatedExpression, isName, parseTraversal, scanTemplate, SPLAT, TemplateError, Traversal } from "./references";
import { BOOL_STRINGS, CompiledAttribute, CompiledBlock, CompiledBlockType, compileType, CtyType, isObject, NUMBER_STRING, SchemaSet } from "./schema";
import { suggest, Suggestions } from "../util/suggest";
import { conversionFailure, parseTypeConstraint } from "./type-constraints";

/** What checking a module found. */
export interface ModuleResult {
  readonly problems: ValidationProblem[];
  /** Managed resources and data sources declared. */
  readonly resources: number;
}

/**
 * The deepest nesting of arrays and objects a file may have. Terraform 1.11 reads JSON with a
 * recursive parser and stops with a Go stack overflow somewhere between 300,000 and 320,000 levels.
 */
export const MAX_JSON_DEPTH = 300_000;

/** Checks the files of one module. */
export function checkModule(schemas: SchemaSet, files: readonly TerraformJsonFile[]): ModuleResult {
  const checker = new ModuleChecker(schemas);
  for (const file of files) {
    // A file nested deeper than Terraform reads is reported alone: Terraform reads none of it.
    const depth = file.depth ?? nestingDepth(file.json);
    if (depth > MAX_JSON_DEPTH) {
      checker.problems.push({ file: file.path, path: pathBeyond(file.json, MAX_JSON_DEPTH), ...idAndMessage(fileProblems.tooDeep(depth, MAX_JSON_DEPTH)) });
    } else {
      checker.declare(file);
    }
  }
  checker.checkAll();
  return { problems: checker.problems, resources: checker.resourceCount };
}

/** The top-level keys of a Terraform JSON file ("//" comments aside). */
const TOP_LEVEL_KEYS = [
  "check",
  "data",
  "ephemeral",
  "import",
  "locals",
  "module",
  "moved",
  "output",
  "provider",
  "removed",
  "resource",
  "terraform",
  "variable",
];

/** Roots of references that need no declaration. */
const FREE_ROOTS = new Set(["module", "path", "terraform", "self", "ephemeral"]);

/** Meta-arguments and arguments the checker handles itself, by the kind of body. */
const META_ARGUMENTS = {
  resource: new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]),
  data: new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]),
  lifecycle: new Set(["ignore_changes", "replace_triggered_by"]),
  output: new Set(["depends_on"]),
  variable: new Set(["type"]),
  import: new Set(["to", "provider", "for_each"]),
  moved: new Set(["from", "to"]),
  removed: new Set(["from"]),
  terraform: new Set(["required_providers"]),
  requiredProvider: new Set(["configuration_aliases"]),
  dynamic: new Set(["for_each", "content", "iterator"]),
  module: new Set(["count", "for_each", "depends_on", "providers", "source", "version"]),
};

type MetaKind = keyof typeof META_ARGUMENTS;

/** Meta-arguments that are blocks, so that a repeated key is more blocks rather than an argument set twice. */
const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection", "dynamic"]);

/** The example address messages about references show. */
const RESOURCE_EXAMPLE = "okta_user.bird";
/** The example provider alias messages show. */
const PROVIDER_ALIAS_EXAMPLE = "okta.parent";
/** What a depends_on entry may name. */
const DEPENDABLE = "a resource, data source, module, variable or local value";

/** Receives a body found by eachBody with its path and up to two labels ("" when absent). */
type BodyVisitor = (body: Record<string, unknown>, path: string, first: string, second: string) => void;

/** Where something was declared. */
interface Declaration {
  readonly file: string;
  /** The JSON path of its body. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** A managed resource or data source. */
interface ResourceDeclaration extends Declaration {
  readonly mode: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** okta_user.bird or data.okta_user.bird. */
  readonly address: string;
  /** Undefined when the provider's schema is not loaded or the type is unknown. */
  readonly schema: CompiledBlock | undefined;
  readonly count: boolean;
  readonly forEach: boolean;
}

/** A variable, local value, output, module or provider configuration. */
interface NamedDeclaration extends Declaration {
  readonly name: string;
}

/** The context a body is checked in. */
interface Scope {
  readonly file: string;
  readonly address: string | undefined;
  /** How messages name the enclosing block: okta_user.bird, provider.okta, "this import block". */
  readonly owner: string;
  /** The resource being checked, for self-references and lifecycle checks. */
  readonly self: ResourceDeclaration | undefined;
  readonly count: boolean;
  readonly forEach: boolean;
  /** Iterator names of enclosing dynamic blocks. */
  readonly iterators: ReadonlySet<string> | undefined;
}

/** How many address comparisons "did you mean" may spend per module (about a second at worst). */
const SUGGESTION_BUDGET = 5_000_000;

/** Strings that convert to a valid count. */
const WHOLE_NUMBER = /^\+?\d+$/;

class ModuleChecker {
  public readonly problems: ValidationProblem[] = [];
  public resourceCount = 0;

  private readonly resources = new Map<string, Map<string, ResourceDeclaration>>();
  private readonly dataSources = new Map<string, Map<string, ResourceDeclaration>>();
  private readonly resourceList: ResourceDeclaration[] = [];
  private readonly variables = new Map<string, NamedDeclaration>();
  private readonly locals = new Map<string, NamedDeclaration>();
  private readonly outputs = new Map<string, NamedDeclaration>();
  private readonly modules = new Map<string, NamedDeclaration>();
  /** Provider configurations by "okta" or "okta.alias". */
  private readonly providerConfigurations = new Map<string, NamedDeclaration>();
  /** Local names from terraform.required_providers. */
  private readonly requiredProviders = new Set<string>();
  /** Aliases a module receives from its caller (configuration_aliases). */
  private readonly receivedAliases = new Set<string>();
  private readonly unnamed: { readonly kind: "terraform" | "import" | "moved" | "removed"; readonly declaration: Declaration }[] = [];
  /** Every provider local name the module knows, once the first pass is over. */
  private providerNames: ReadonlySet<string> | undefined;
  private readonly addressSuggestions = new Map<string, string | undefined>();
  private readonly writable = new Map<CompiledBlock, Map<MetaKind | undefined, Suggestions>>();
  /** Declared resource and data source addresses, listed on the first undeclared reference. */
  private declaredAddresses: { readonly resource: readonly string[]; readonly data: readonly string[] } | undefined;
  /** Address comparisons left for "did you mean" suggestions. */
  private suggestionBudget = SUGGESTION_BUDGET;
  /** Import targets, with the path of the import block that names each. */
  private readonly importTargets = new Map<string, string>();
  /** Moves by their "from" address and by their "to" address: the other address and the moved block's path. */
  private readonly movesFrom = new Map<string, { readonly other: string; readonly path: string }>();
  private readonly movesTo = new Map<string, { readonly other: string; readonly path: string }>();

  public constructor(private readonly schemas: SchemaSet) {}

  /** First pass: records what one file declares. */
  public declare(file: TerraformJsonFile): void {
    const json = file.json;
    if (!isObject(json)) {
      this.problems.push({ file: file.path, path: "", ...idAndMessage(fileProblems.notObject(json)) });
      return;
    }
    const fileScope = this.scope(file.path, undefined, "this file");
    for (const key in json) {
      const value = json[key];
      switch (key) {
        case "//":
        case "check":
        case "ephemeral":
          break;
        case "resource":
        case "data":
          this.eachBody(value, key, 2, fileScope, (body, path, type, name) => this.declareResource(key, type, name, body, path, file.path));
          break;
        case "variable":
          this.eachBody(value, key, 1, fileScope, (body, path, name) => this.declareNamed(this.variables, `variable "${name}"`, name, body, path, file.path));
          break;
        case "output":
          this.eachBody(value, key, 1, fileScope, (body, path, name) => this.declareNamed(this.outputs, `output "${name}"`, name, body, path, file.path));
          break;
        case "module":
          this.eachBody(value, key, 1, fileScope, (body, path, name) => this.declareNamed(this.modules, `module "${name}"`, name, body, path, file.path));
          break;
        case "provider":
          this.eachBody(value, key, 1, fileScope, (body, path, name) => this.declareProvider(name, body, path, file.path));
          break;
        case "locals":
          this.eachBody(value, key, 0, fileScope, (body, path) => {
            for (const name in body) {
              if (name === "//") {
                continue;
              }
              if (isRepeatedKey(body[name])) {
                this.report(fileScope, joinPath(path, name), structureProblems.repeatedKey(`local value "${name}"`, joinPath(path, name)));
              }
              this.declareNamed(this.locals, `local value "${name}"`, name, body, joinPath(path, name), file.path);
            }
          });
          break;
        case "terraform":
        case "import":
        case "moved":
        case "removed":
          this.eachBody(value, key, 0, fileScope, (body, path) => {
            this.unnamed.push({ kind: key, declaration: { file: file.path, path, body } });
            if (key === "terraform") {
              this.declareRequiredProviders(body.required_providers);
            }
          });
          break;
        default:
          this.report(fileScope, key, structureProblems.unknownTopLevel(key, suggest(key, TOP_LEVEL_KEYS), TOP_LEVEL_KEYS));
      }
    }
  }

  /** Second pass: checks every body. */
  public checkAll(): void {
    for (const declaration of this.resourceList) {
      this.checkResource(declaration);
    }
    for (const [key, declaration] of this.providerConfigurations) {
      this.checkProvider(key, declaration);
    }
    for (const [name, declaration] of this.variables) {
      const scope = this.scope(declaration.file, `var.${name}`, `var.${name}`);
      this.checkBody(declaration.body, VARIABLE, declaration.path, scope, "variable");
      this.checkVariableType(name, declaration, scope);
      this.checkConditions(declaration.body, ["validation"], declaration.path, scope, name);
    }
    for (const [name, declaration] of this.locals) {
      this.scanValue(declaration.body[name], declaration.path, this.scope(declaration.file, `local.${name}`, `local.${name}`));
    }
    for (const [name, declaration] of this.outputs) {
      const scope = this.scope(declaration.file, `output.${name}`, `output.${name}`);
      this.checkBody(declaration.body, OUTPUT, declaration.path, scope, "output");
      this.checkConditions(declaration.body, ["precondition"], declaration.path, scope);
    }
    for (const [name, declaration] of this.modules) {
      this.checkModuleCall(name, declaration);
    }
    for (const { kind, declaration } of this.unnamed) {
      this.checkUnnamed(kind, declaration);
    }
  }

  // ---------------------------------------------------------------- declarations

  /**
   * Visits every body under `value` after `depth` (0 to 2) levels of labels, accepting both the
   * object form ({"okta_user": {"bird": {...}}}) and the array forms hcl2json emits at every level.
   * A repeated key is read as Terraform reads it: more of the same blocks.
   */
  private eachBody(value: unknown, path: string, depth: number, scope: Scope, visit: BodyVisitor, first = "", second = ""): void {
    for (const [object, objectPath] of this.objectsAt(value, path, depth === 0, scope)) {
      if (depth === 0) {
        visit(object, objectPath, first, second);
        continue;
      }
      for (const key in object) {
        const labelPath = joinPath(objectPath, key);
        if (key === "//") {
          this.report(scope, labelPath, structureProblems.commentAsLabel(labelPath));
        } else if (first === "") {
          this.eachBody(object[key], labelPath, depth - 1, scope, visit, key);
        } else {
          this.eachBody(object[key], labelPath, depth - 1, scope, visit, first, key);
        }
      }
    }
  }

  /**
   * The objects a block or label position holds: one object, an array of them, the values of a
   * repeated key; and, where a body goes (`nested`), arrays of arrays, which Terraform flattens.
   * Anything else is reported.
   */
  private objectsAt(value: unknown, path: string, nested: boolean, scope: Scope): [Record<string, unknown>, string][] {
    if (isObject(value)) {
      return [[value, path]];
    }
    const found: [Record<string, unknown>, string][] = [];
    const pending: [unknown, string, boolean][] = [[value, path, true]];
    while (pending.length > 0) {
      const [item, itemPath, outer] = pending.pop()!;
      if (isRepeatedKey(item)) {
        for (let index = item.length - 1; index >= 0; index--) {
          pending.push([item[index], itemPath, outer]);
        }
      } else if (Array.isArray(item) && (outer || nested)) {
        for (let index = item.length - 1; index >= 0; index--) {
          pending.push([item[index], joinPath(itemPath, index), false]);
        }
      } else if (isObject(item)) {
        found.push([item, itemPath]);
      } else {
        this.report(scope, itemPath, structureProblems.notObject(`"${itemPath}"`, item));
      }
    }
    return found;
  }

  private declareResource(mode: "resource" | "data", type: string, name: string, body: Record<string, unknown>, path: string, file: string): void {
    const address = mode === "resource" ? `${type}.${name}` : `data.${type}.${name}`;
    const table = mode === "resource" ? this.resources : this.dataSources;
    let byName = table.get(type);
    if (byName === undefined) {
      byName = new Map();
      table.set(type, byName);
    }
    const previous = byName.get(name);
    if (previous !== undefined) {
      this.report(this.scope(file, address, address), path, duplicateMessage(address, previous, file, path));
      return;
    }
    const declaration: ResourceDeclaration = {
      file,
      path,
      body,
      mode,
      type,
      name,
      address,
      schema: this.schemaOf(mode, type, path, file, address),
      count: body.count !== undefined,
      forEach: body.for_each !== undefined,
    };
    byName.set(name, declaration);
    this.resourceList.push(declaration);
    this.resourceCount++;
  }

  /**
   * The schema of a resource or data source type. The snapshots cover only the types this project
   * uses, so a type missing from them is reported only when it is a likely typo of a covered one
   * (a close match); any other type is accepted and its body checked without a schema.
   */
  private schemaOf(mode: "resource" | "data", type: string, path: string, file: string, address: string): CompiledBlock | undefined {
    if (mode === "resource" && type === "terraform_data") {
      return TERRAFORM_DATA;
    }
    const provider = this.schemas.providerOfType(type);
    if (provider === undefined) {
      return undefined;
    }
    const types = mode === "resource" ? provider.resources : provider.dataSources;
    const schema = types.get(type);
    const suggestion = schema === undefined ? suggest(type, types.keys()) : undefined;
    if (suggestion !== undefined) {
      const kind = mode === "resource" ? "resource" : "data source";
      this.report(this.scope(file, address, address), path, structureProblems.unknownType(kind, type, provider.localName, provider.version, suggestion));
    }
    return schema;
  }

  private declareNamed(
    table: Map<string, NamedDeclaration>,
    what: string,
    name: string,
    body: Record<string, unknown>,
    path: string,
    file: string,
  ): void {
    const previous = table.get(name);
    if (previous !== undefined) {
      this.report(this.scope(file, undefined, what), path, duplicateMessage(what, previous, file, path));
      return;
    }
    table.set(name, { file, path, body, name });
  }

  private declareProvider(name: string, body: Record<string, unknown>, path: string, file: string): void {
    const alias = typeof body.alias === "string" ? body.alias : undefined;
    const key = alias === undefined ? name : `${name}.${alias}`;
    const previous = this.providerConfigurations.get(key);
    if (previous !== undefined) {
      this.report(this.scope(file, `provider.${key}`, `provider.${key}`), path, structureProblems.duplicateProvider(name, alias, previous.file, previous.path));
      return;
    }
    this.providerConfigurations.set(key, { file, path, body, name });
  }

  private declareRequiredProviders(value: unknown): void {
    for (const entries of Array.isArray(value) ? value : [value]) {
      if (!isObject(entries)) {
        continue;
      }
      for (const name in entries) {
        const entry = entries[name];
        if (name === "//") {
          continue;
        }
        this.requiredProviders.add(name);
        const aliases = isObject(entry) ? entry.configuration_aliases : undefined;
        for (const alias of Array.isArray(aliases) ? aliases : []) {
          // One written as an interpolation is reported in the second pass, and still declares the alias.
          const traversal = typeof alias === "string" ? parseTraversal(interpolatedExpression(alias) ?? alias) : undefined;
          if (traversal !== undefined) {
            this.receivedAliases.add(traversal.text);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- top-level checks

  private checkResource(declaration: ResourceDeclaration): void {
    const scope: Scope = {
      file: declaration.file,
      address: declaration.address,
      owner: declaration.address,
      self: declaration,
      count: declaration.count,
      forEach: declaration.forEach,
      iterators: undefined,
    };
    if (declaration.count && declaration.forEach) {
      this.report(scope, declaration.path, metaProblems.countAndForEach(declaration.address));
    }
    if (declaration.schema !== undefined) {
      this.checkBody(declaration.body, declaration.schema, declaration.path, scope, declaration.mode);
    } else {
      this.checkUnknownBody(declaration.body, declaration.path, scope, declaration.mode);
    }
  }

  private checkProvider(key: string, declaration: NamedDeclaration): void {
    const scope = this.scope(declaration.file, `provider.${key}`, `provider.${key}`);
    const provider = this.schemas.providers.get(declaration.name);
    if (provider !== undefined) {
      this.checkBody(declaration.body, provider.config, declaration.path, scope, undefined);
    } else {
      this.scanValue(declaration.body, declaration.path, scope);
    }
  }

  private checkModuleCall(name: string, declaration: NamedDeclaration): void {
    const body = declaration.body;
    const scope: Scope = {
      ...this.scope(declaration.file, `module.${name}`, `module.${name}`),
      count: body.count !== undefined,
      forEach: body.for_each !== undefined,
    };
    if (body.source === undefined) {
      this.report(scope, joinPath(declaration.path, "source"), metaProblems.moduleSource());
    }
    this.checkUnknownBody(body, declaration.path, scope, "module");
  }

  private checkUnnamed(kind: "terraform" | "import" | "moved" | "removed", declaration: Declaration): void {
    const body = declaration.body;
    switch (kind) {
      case "terraform":
        this.checkBody(body, TERRAFORM, declaration.path, this.scope(declaration.file, undefined, "the terraform block"), "terraform");
        break;
      case "import": {
        const scope: Scope = { ...this.scope(declaration.file, undefined, "this import block"), forEach: body.for_each !== undefined };
        this.checkBody(body, IMPORT, declaration.path, scope, "import");
        if (body.id === undefined && body.identity === undefined) {
          this.report(scope, joinPath(declaration.path, "id"), metaProblems.importIdentity());
        }
        const to = staticAddress(body.to);
        const previous = to === undefined ? undefined : this.importTargets.get(to);
        if (to !== undefined && previous !== undefined) {
          this.report(scope, joinPath(declaration.path, "to"), metaProblems.duplicateImport(to, previous));
        } else if (to !== undefined) {
          this.importTargets.set(to, declaration.path);
        }
        break;
      }
      case "moved": {
        const scope = this.scope(declaration.file, undefined, "this moved block");
        this.checkBody(body, MOVED, declaration.path, scope, "moved");
        this.checkMoveIsUnambiguous(staticAddress(body.from), staticAddress(body.to), declaration.path, scope);
        break;
      }
      case "removed":
        this.checkBody(body, REMOVED, declaration.path, this.scope(declaration.file, undefined, "this removed block"), "removed");
        break;
    }
  }

  /**
   * Terraform refuses (at plan) two moved blocks that move one object to two addresses, or two
   * objects to one address. The same move written twice is allowed.
   */
  private checkMoveIsUnambiguous(from: string | undefined, to: string | undefined, path: string, scope: Scope): void {
    if (from === undefined || to === undefined) {
      return;
    }
    const sameFrom = this.movesFrom.get(from);
    const sameTo = this.movesTo.get(to);
    if (sameFrom !== undefined && sameFrom.other !== to) {
      this.report(scope, joinPath(path, "to"), metaProblems.ambiguousMoveFrom(from, to, sameFrom.other, sameFrom.path));
    } else if (sameTo !== undefined && sameTo.other !== from) {
      this.report(scope, joinPath(path, "from"), metaProblems.ambiguousMoveTo(to, from, sameTo.other, sameTo.path));
    }
    if (sameFrom === undefined) {
      this.movesFrom.set(from, { other: to, path });
    }
    if (sameTo === undefined) {
      this.movesTo.set(to, { other: from, path });
    }
  }

  /** Checks a variable's type constraint, and that its default converts to it. */
  private checkVariableType(name: string, declaration: NamedDeclaration, scope: Scope): void {
    const type = declaration.body.type;
    if (type === undefined) {
      return;
    }
    const typePath = joinPath(declaration.path, "type");
    const parsed = typeof type === "string" ? parseTypeConstraint(type) : { error: "a type constraint is written as a JSON string" };
    if (parsed.type === undefined) {
      this.report(scope, typePath, metaProblems.variableType(name, type, parsed.error));
      return;
    }
    const value = declaration.body.default;
    const failure = value === undefined ? undefined : conversionFailure(value, parsed.type);
    if (failure !== undefined) {
      let where = "";
      let offending = value;
      for (const step of failure.at) {
        where = where === "" && typeof step === "string" ? step : joinPath(where, step);
        offending = (offending as Record<string | number, unknown>)[step];
      }
      this.report(scope, joinPath(declaration.path, "default"), metaProblems.variableDefault(name, parsed.type, where, failure.reason, offending));
    }
  }

  /**
   * Checks the condition blocks of a body (`kinds`, e.g. precondition and postcondition): Terraform
   * rejects a condition that refers to nothing, and a variable's validation that does not refer to
   * the variable (`variable`).
   */
  private checkConditions(body: Record<string, unknown>, kinds: readonly string[], path: string, scope: Scope, variable?: string): void {
    for (const kind of kinds) {
      if (body[kind] === undefined) {
        continue;
      }
      for (const [condition, conditionPath] of objectsOf(body[kind], joinPath(path, kind))) {
        if (!isObject(condition) || condition.condition === undefined) {
          continue;
        }
        const text = condition.condition;
        const traversals = typeof text === "string" ? (scanTemplate(text)?.traversals ?? []) : [];
        const at = joinPath(conditionPath, "condition");
        if (traversals.length === 0) {
          this.report(scope, at, metaProblems.conditionWithoutReference(kind));
        } else if (variable !== undefined && !traversals.some((traversal) => traversal.root === "var" && traversal.steps[0] === variable)) {
          this.report(scope, at, metaProblems.validationWithoutVariable(variable));
        }
      }
    }
  }

  // ---------------------------------------------------------------- bodies

  /** Checks a body against a schema block: arguments, blocks, meta-arguments, required ones. */
  private checkBody(body: Record<string, unknown>, block: CompiledBlock, path: string, scope: Scope, meta: MetaKind | undefined): void {
    let dynamic: ReadonlySet<string> | undefined;
    for (const key in body) {
      if (key === "//") {
        continue;
      }
      const isBlock = block.blockTypes.has(key) || (key === "dynamic" ? block.dynamicBlocks : meta !== undefined && META_BLOCKS.has(key));
      const value = this.argumentValue(body[key], isBlock, block.label, key, joinPath(path, key), scope);
      if (meta !== undefined && META_ARGUMENTS[meta].has(key)) {
        this.checkMetaArgument(meta, key, value, joinPath(path, key), scope);
        continue;
      }
      const attribute = block.attributes.get(key);
      if (attribute !== undefined) {
        this.checkAttribute(value, attribute, block, path, key, scope);
        continue;
      }
      const blockType = block.blockTypes.get(key);
      if (blockType !== undefined) {
        this.checkBlocks(value, blockType, block, joinPath(path, key), scope);
      } else if (key === "dynamic" && block.dynamicBlocks) {
        dynamic = this.checkDynamic(value, block, joinPath(path, key), scope);
      } else {
        const allowed = this.writableNames(block, meta);
        this.report(scope, joinPath(path, key), schemaCheckProblems.unknownArgument(block.label, key, allowed.suggest(key), allowed.names));
      }
    }
    for (const attribute of block.requiredAttributes) {
      if (body[attribute.name] === undefined) {
        this.report(scope, joinPath(path, attribute.name), schemaCheckProblems.missingArgument(block.label, attribute.name, attribute.type));
      }
    }
    for (const blockType of block.requiredBlocks) {
      const count = countBlocks(body[blockType.name], blockType);
      if (count < blockType.minItems && !dynamic?.has(blockType.name)) {
        this.report(scope, joinPath(path, blockType.name), schemaCheckProblems.tooFewBlocks(block.label, blockType.name, blockType.minItems, count));
      }
    }
  }

  /**
   * The value of a body's key. A key the JSON object repeats is more blocks where a block goes
   * (`block`): all its values, as an array. Anywhere else it is an argument set twice, which is
   * reported, and its first value is checked.
   */
  private argumentValue(value: unknown, block: boolean, owner: string, key: string, path: string, scope: Scope): unknown {
    if (!isRepeatedKey(value)) {
      return value;
    }
    if (block) {
      return [...value].flatMap((item) => (Array.isArray(item) ? item : [item]));
    }
    this.report(scope, path, schemaCheckProblems.repeatedArgument(owner, key));
    return value[0];
  }

  /** Checks a body whose schema is unknown: meta-arguments as usual, references everywhere. */
  private checkUnknownBody(body: Record<string, unknown>, path: string, scope: Scope, meta: MetaKind): void {
    for (const key in body) {
      if (key === "//") {
        continue;
      }
      const keyPath = joinPath(path, key);
      if (META_ARGUMENTS[meta].has(key)) {
        this.checkMetaArgument(meta, key, this.argumentValue(body[key], META_BLOCKS.has(key), scope.owner, key, keyPath, scope), keyPath, scope);
      } else if (key === "dynamic") {
        this.scanUnknownDynamic(body[key], keyPath, scope);
      } else {
        this.scanValue(body[key], keyPath, scope);
      }
    }
  }

  /** Dynamic blocks of a body without a schema: the content may use the block's iterator. */
  private scanUnknownDynamic(value: unknown, path: string, scope: Scope): void {
    for (const [entries, entriesPath] of objectsOf(value, path)) {
      if (!isObject(entries)) {
        this.scanValue(entries, entriesPath, scope);
        continue;
      }
      for (const name in entries) {
        for (const [body, bodyPath] of objectsOf(entries[name], joinPath(entriesPath, name))) {
          if (!isObject(body)) {
            this.scanValue(body, bodyPath, scope);
            continue;
          }
          const iterators = new Set(scope.iterators);
          iterators.add(iteratorName(body, name));
          for (const key in body) {
            this.scanValue(body[key], joinPath(bodyPath, key), key === "content" ? { ...scope, iterators } : scope);
          }
        }
      }
    }
  }

  /** The names a body may set, schema and meta-arguments together; remembered per block and kind. */
  private writableNames(block: CompiledBlock, meta: MetaKind | undefined): Suggestions {
    let byMeta = this.writable.get(block);
    if (byMeta === undefined) {
      byMeta = new Map();
      this.writable.set(block, byMeta);
    }
    let names = byMeta.get(meta);
    if (names === undefined) {
      const all = new Set([...block.writableNames, ...(meta === undefined ? [] : META_ARGUMENTS[meta])]);
      if (block.dynamicBlocks) {
        all.add("dynamic");
      }
      names = new Suggestions([...all].sort());
      byMeta.set(meta, names);
    }
    return names;
  }

  private checkAttribute(value: unknown, attribute: CompiledAttribute, block: CompiledBlock, bodyPath: string, key: string, scope: Scope): void {
    const path = joinPath(bodyPath, key);
    if (value === null) {
      if (attribute.required) {
        this.report(scope, path, schemaCheckProblems.nullRequired(block.label, key, attribute.type));
      }
    } else if (attribute.sensitive) {
      withoutValues(() => this.checkConfigurable(value, attribute, block, bodyPath, path, key, scope));
    } else {
      this.checkConfigurable(value, attribute, block, bodyPath, path, key, scope);
    }
  }

  private checkConfigurable(value: unknown, attribute: CompiledAttribute, block: CompiledBlock, bodyPath: string, path: string, key: string, scope: Scope): void {
    if (!attribute.configurable) {
      this.report(scope, path, schemaCheckProblems.computedOnly(block.label, key, value));
    } else if (LITERAL_ARGUMENTS.get(block)?.has(key)) {
      // Read before anything is evaluated: no interpolation, only what converts to a bool by itself.
      if (typeof value !== "boolean" && !(typeof value === "string" && BOOL_STRINGS.has(value))) {
        this.report(scope, path, metaProblems.literalBool(block.label, key, value));
      }
    } else {
      this.checkValue(value, attribute.type, path, block.label, bodyPath.length, scope);
    }
  }

  private checkBlocks(value: unknown, blockType: CompiledBlockType, owner: CompiledBlock, path: string, scope: Scope): void {
    if (value === null || value === undefined) {
      return;
    }
    let count = 0;
    if (blockType.mode === "map") {
      for (const [labels, labelsPath] of objectsOf(value, path)) {
        if (!isObject(labels)) {
          this.report(scope, labelsPath, schemaCheckProblems.blockNotObject(owner.label, blockType.name, true, labels));
          continue;
        }
        for (const label in labels) {
          if (label !== "//") {
            count += this.checkBlockBodies(labels[label], blockType, owner, joinPath(labelsPath, label), scope);
          }
        }
      }
    } else {
      count = this.checkBlockBodies(value, blockType, owner, path, scope);
    }
    if (blockType.maxItems > 0 && count > blockType.maxItems) {
      this.report(scope, path, schemaCheckProblems.tooManyBlocks(owner.label, blockType.name, blockType.maxItems, count));
    }
  }

  /** Checks one block body or an array of them; returns how many there are. */
  private checkBlockBodies(value: unknown, blockType: CompiledBlockType, owner: CompiledBlock, path: string, scope: Scope): number {
    let count = 0;
    for (const [body, bodyPath] of objectsOf(value, path)) {
      if (isObject(body)) {
        this.checkBody(body, blockType.body, bodyPath, scope, undefined);
        count++;
      } else {
        this.report(scope, bodyPath, schemaCheckProblems.blockNotObject(owner.label, blockType.name, false, body));
      }
    }
    return count;
  }

  /** Checks "dynamic": {"<block type>": {for_each, iterator, content}}; returns the block types it generates. */
  private checkDynamic(value: unknown, owner: CompiledBlock, path: string, scope: Scope): ReadonlySet<string> {
    const generated = new Set<string>();
    for (const [entries, entriesPath] of objectsOf(value, path)) {
      if (!isObject(entries)) {
        this.report(scope, entriesPath, structureProblems.notObject(`"${entriesPath}"`, entries));
        continue;
      }
      for (const name in entries) {
        if (name === "//") {
          continue;
        }
        const blockType = owner.blockTypes.get(name);
        const namePath = joinPath(entriesPath, name);
        if (blockType === undefined) {
          const names = [...owner.blockTypes.keys()];
          this.report(scope, namePath, schemaCheckProblems.unknownDynamicBlock(owner.label, name, suggest(name, names), names));
          continue;
        }
        generated.add(name);
        for (const [body, bodyPath] of objectsOf(entries[name], namePath)) {
          if (!isObject(body)) {
            this.report(scope, bodyPath, structureProblems.notObject(`"${bodyPath}"`, body));
            continue;
          }
          this.checkBody(body, DYNAMIC, bodyPath, scope, "dynamic");
          if (body.content !== undefined) {
            this.checkDynamicContent(body.content, joinPath(bodyPath, "content"), scope, blockType, iteratorName(body, name));
          }
        }
      }
    }
    return generated;
  }

  // ---------------------------------------------------------------- values

  /**
   * Checks a value against a cty type, accepting Terraform's conversions and any interpolation.
   * `bodyLength` is the length of the enclosing body's path: messages quote the path below it.
   */
  private checkValue(value: unknown, type: CtyType, path: string, owner: string, bodyLength: number, scope: Scope): void {
    switch (typeof value) {
      case "string":
        if (this.checkTemplate(value, path, scope)) {
          return;
        }
        switch (type.kind) {
          case "string":
          case "dynamic":
            return;
          case "number":
            if (NUMBER_STRING.test(value)) {
              return;
            }
            break;
          case "bool":
            if (BOOL_STRINGS.has(value)) {
              return;
            }
            break;
        }
        break;
      case "number":
        if (type.kind === "number" || type.kind === "string" || type.kind === "dynamic") {
          return;
        }
        break;
      case "boolean":
        if (type.kind === "bool" || type.kind === "string" || type.kind === "dynamic") {
          return;
        }
        break;
      case "object":
        if (value === null || (Array.isArray(value) ? this.checkArray(value, type, path, owner, bodyLength, scope) : this.checkObject(value as Record<string, unknown>, type, path, owner, bodyLength, scope))) {
          return;
        }
        break;
    }
    this.report(scope, path, schemaCheckProblems.typeMismatch(owner, below(path, bodyLength), type, value));
  }

  /** Checks a JSON array; returns false when the type takes no array. */
  private checkArray(value: readonly unknown[], type: CtyType, path: string, owner: string, bodyLength: number, scope: Scope): boolean {
    switch (type.kind) {
      case "list":
      case "set":
        for (let index = 0; index < value.length; index++) {
          this.checkElement(value[index], type.element, type, joinPath(path, index), owner, bodyLength, scope);
        }
        return true;
      case "tuple":
        if (value.length !== type.elements.length) {
          this.report(scope, path, schemaCheckProblems.tupleLength(owner, below(path, bodyLength), type, value.length));
          return true;
        }
        for (let index = 0; index < value.length; index++) {
          this.checkValue(value[index], type.elements[index], joinPath(path, index), owner, bodyLength, scope);
        }
        return true;
      case "nested":
        if (type.element === undefined || type.mode === "map") {
          return false;
        }
        for (let index = 0; index < value.length; index++) {
          this.checkElement(value[index], type.element, type, joinPath(path, index), owner, bodyLength, scope);
        }
        return true;
      case "dynamic":
        this.scanValue(value, path, scope);
        return true;
      default:
        return false;
    }
  }

  /** Checks a JSON object; returns false when the type takes no object. */
  private checkObject(value: Record<string, unknown>, type: CtyType, path: string, owner: string, bodyLength: number, scope: Scope): boolean {
    switch (type.kind) {
      case "map":
        for (const key in value) {
          this.checkElement(this.objectValue(value[key], key, path, scope), type.element, type, joinPath(path, key), owner, bodyLength, scope);
        }
        return true;
      case "object": {
        let unknownKeys = false;
        for (const key in value) {
          const attributeType = type.attributes.get(key);
          const element = this.objectValue(value[key], key, path, scope);
          if (attributeType !== undefined) {
            if (element !== null) {
              this.checkValue(element, attributeType, joinPath(path, key), owner, bodyLength, scope);
            }
          } else if (key.includes("${")) {
            unknownKeys = true;
          } else if (key !== "//") {
            const where = below(path, bodyLength);
            this.report(scope, joinPath(path, key), schemaCheckProblems.unknownObjectAttribute(owner, where, key, type, suggest(key, type.attributes.keys())));
          }
        }
        for (const name of type.attributes.keys()) {
          if (!unknownKeys && value[name] === undefined && !type.optional.has(name)) {
            this.report(scope, path, schemaCheckProblems.missingObjectAttribute(owner, below(path, bodyLength), name, type));
          }
        }
        return true;
      }
      case "nested":
        if (type.element === undefined) {
          this.checkBody(value, type.body, path, scope, undefined);
        } else if (type.mode === "map") {
          for (const key in value) {
            this.checkElement(this.objectValue(value[key], key, path, scope), type.element, type, joinPath(path, key), owner, bodyLength, scope);
          }
        } else {
          return false;
        }
        return true;
      case "dynamic":
        this.scanValue(value, path, scope);
        return true;
      default:
        return false;
    }
  }

  private checkElement(value: unknown, elementType: CtyType, collection: CtyType, path: string, owner: string, bodyLength: number, scope: Scope): void {
    if (value === null) {
      this.report(scope, path, schemaCheckProblems.nullElement(owner, below(path, bodyLength), collection));
    } else {
      this.checkValue(value, elementType, path, owner, bodyLength, scope);
    }
  }

  /**
   * Checks the strings under a value whose type is not known, and that no object in it repeats
   * a key. Iterative: the value may nest as deep as {@link MAX_JSON_DEPTH}.
   */
  private scanValue(value: unknown, path: string, scope: Scope): void {
    const pending: [unknown, string][] = [[value, path]];
    while (pending.length > 0) {
      const [item, itemPath] = pending.pop()!;
      if (typeof item === "string") {
        this.checkTemplate(item, itemPath, scope);
      } else if (Array.isArray(item)) {
        for (let index = item.length - 1; index >= 0; index--) {
          pending.push([item[index], joinPath(itemPath, index)]);
        }
      } else if (isObject(item)) {
        const keys = Object.keys(item);
        for (let index = keys.length - 1; index >= 0; index--) {
          const key = keys[index];
          if (key !== "//") {
            pending.push([this.objectValue(item[key], key, itemPath, scope), joinPath(itemPath, key)]);
          }
        }
      }
    }
  }

  /** The value of an object value's key; a key the object repeats is reported, and its first value used. */
  private objectValue(value: unknown, key: string, objectPath: string, scope: Scope): unknown {
    if (!isRepeatedKey(value)) {
      return value;
    }
    this.report(scope, joinPath(objectPath, key), schemaCheckProblems.repeatedObjectKey(objectPath, key));
    return value[0];
  }

  /**
   * Checks a string Terraform evaluates: its template syntax, the functions it calls and its
   * references. Returns true when it is a template (its value is unknown here).
   */
  private checkTemplate(text: string, path: string, scope: Scope): boolean {
    const scan = scanTemplate(text);
    if (scan === undefined) {
      return false;
    }
    if (scan.error !== undefined) {
      this.report(scope, path, templateMessage(scan.error));
    }
    for (const name of scan.functions) {
      const builtin = name.startsWith("core::") ? name.slice("core::".length) : name;
      if (!builtin.startsWith("provider::") && !TERRAFORM_FUNCTIONS.has(builtin)) {
        this.report(scope, path, templateProblems.unknownFunction(name, suggest(builtin, TERRAFORM_FUNCTIONS)));
      }
    }
    for (const traversal of scan.traversals) {
      this.checkReference(traversal, path, scope);
    }
    return true;
  }

  // ---------------------------------------------------------------- references

  private checkReference(traversal: Traversal, path: string, scope: Scope): void {
    const { root, steps } = traversal;
    if (scope.iterators?.has(root) || FREE_ROOTS.has(root)) {
      return;
    }
    switch (root) {
      case "var":
        this.checkNamedReference(traversal, this.variables, "variable", path, scope);
        return;
      case "local":
        this.checkNamedReference(traversal, this.locals, "local value", path, scope);
        return;
      case "count":
      case "each":
        if (!(root === "count" ? scope.count : scope.forEach)) {
          this.report(scope, path, referenceProblems.unavailableSymbol(traversal.text, root, scope.owner));
        }
        return;
      case "data": {
        const [type, name] = steps;
        if (isName(type) && isName(name)) {
          this.checkResourceReference(traversal, this.dataSources.get(type)?.get(name), `data.${type}.${name}`, 2, path, scope);
        }
        return;
      }
      default: {
        const name = steps[0];
        if (isName(name)) {
          this.checkResourceReference(traversal, this.resources.get(root)?.get(name), `${root}.${name}`, 1, path, scope);
        }
      }
    }
  }

  private checkNamedReference(traversal: Traversal, table: ReadonlyMap<string, NamedDeclaration>, what: string, path: string, scope: Scope): void {
    const name = traversal.steps[0];
    if (isName(name) && !table.has(name)) {
      const suggestion = suggest(name, table.keys());
      this.report(scope, path, referenceProblems.undeclared(traversal.text, `${what} ${traversal.root}.${name}`, suggestion && `${traversal.root}.${suggestion}`));
    }
  }

  /** Checks a reference to a resource or data source: declared, instance key, first attribute. */
  private checkResourceReference(
    traversal: Traversal,
    declaration: ResourceDeclaration | undefined,
    address: string,
    addressSteps: number,
    path: string,
    scope: Scope,
  ): void {
    if (declaration === undefined) {
      const mode = addressSteps === 2 ? "data source" : "resource";
      this.report(scope, path, referenceProblems.undeclared(traversal.text, `${mode} ${address}`, this.suggestAddress(address, addressSteps === 2)));
      return;
    }
    if (declaration === scope.self) {
      this.report(scope, path, referenceProblems.selfReference(traversal.text, address));
      return;
    }
    const steps = traversal.steps;
    let next = addressSteps;
    if (steps[next] === INDEX) {
      if (!declaration.count && !declaration.forEach) {
        this.report(scope, path, referenceProblems.unexpectedInstanceKey(traversal.text, address));
        return;
      }
      next++;
    } else if (steps[next] === SPLAT) {
      next++;
    } else if (steps[next] !== undefined && (declaration.count || declaration.forEach)) {
      this.report(scope, path, referenceProblems.missingInstanceKey(traversal.text, address, declaration.count ? "count" : "for_each"));
      return;
    }
    const attribute = steps[next];
    const schema = declaration.schema;
    if (schema !== undefined && isName(attribute) && !schema.attributes.has(attribute) && !schema.blockTypes.has(attribute)) {
      const label = declaration.mode === "data" ? `data source ${declaration.type}` : declaration.type;
      this.report(scope, path, referenceProblems.unknownAttribute(traversal.text, label, attribute, suggest(attribute, schema.readableNames), schema.readableNames));
    }
  }

  /**
   * The declared address closest to an undeclared one. Remembered, as one typo tends to repeat;
   * and rationed: each search compares against every declared address, so a module gets at most
   * {@link SUGGESTION_BUDGET} comparisons in all, after which undeclared addresses get no suggestion.
   */
  private suggestAddress(address: string, data: boolean): string | undefined {
    if (!this.addressSuggestions.has(address)) {
      this.declaredAddresses ??= {
        resource: this.resourceList.filter((candidate) => candidate.mode === "resource").map((candidate) => candidate.address),
        data: this.resourceList.filter((candidate) => candidate.mode === "data").map((candidate) => candidate.address),
      };
      const candidates = data ? this.declaredAddresses.data : this.declaredAddresses.resource;
      const affordable = candidates.length <= this.suggestionBudget;
      this.suggestionBudget -= affordable ? candidates.length : 0;
      this.addressSuggestions.set(address, affordable ? suggest(address, candidates) : undefined);
    }
    return this.addressSuggestions.get(address);
  }

  // ---------------------------------------------------------------- meta-arguments

  private checkMetaArgument(kind: MetaKind, key: string, value: unknown, path: string, scope: Scope): void {
    switch (key) {
      case "count":
        this.checkCount(value, path, scope);
        break;
      case "for_each":
        // A block's own for_each cannot use each.*; a dynamic block's for_each can use the resource's.
        // Dynamic blocks and imports iterate any collection; resources and modules only maps and sets.
        this.checkForEach(value, path, kind === "dynamic" ? scope : { ...scope, forEach: false }, scope, kind === "dynamic" || kind === "import");
        break;
      case "depends_on":
        this.checkDependsOn(value, path, scope);
        break;
      case "provider":
        this.checkProviderReference(value, path, scope);
        break;
      case "providers":
        this.checkProvidersMap(value, path, scope);
        break;
      case "lifecycle": {
        const bodies = objectsOf(value, path);
        if (bodies.length > 1) {
          this.report(scope, path, structureProblems.tooManyLifecycles(scope.owner, bodies.length));
        }
        for (const [body, bodyPath] of bodies) {
          if (isObject(body)) {
            this.checkBody(body, kind === "data" ? DATA_LIFECYCLE : RESOURCE_LIFECYCLE, bodyPath, scope, kind === "data" ? undefined : "lifecycle");
            this.checkConditions(body, ["precondition", "postcondition"], bodyPath, scope);
          } else {
            this.report(scope, bodyPath, structureProblems.notObject(`"${bodyPath}"`, body));
          }
        }
        break;
      }
      case "iterator":
        this.checkIterator(value, path, scope);
        break;
      case "ignore_changes":
        this.checkIgnoreChanges(value, path, scope);
        break;
      case "replace_triggered_by":
        this.checkReplaceTriggeredBy(value, path, scope);
        break;
      case "to":
      case "from":
        this.checkAddress(kind, key, value, path, scope);
        break;
      case "required_providers":
        for (const [entries, entriesPath] of objectsOf(value, path)) {
          this.checkRequiredProviders(entries, entriesPath, scope);
        }
        break;
      case "content":
        // Checked by checkDynamic, which knows the block type it generates.
        break;
      case "type":
        // A variable's type constraint is read, not evaluated: checkVariableType parses it.
        break;
      case "configuration_aliases":
        this.checkConfigurationAliases(value, path, scope);
        break;
      case "source":
      case "version":
        if (typeof value !== "string") {
          this.report(scope, path, schemaCheckProblems.typeMismatch(scope.owner, key, STRING, value));
        }
        break;
      default:
        this.scanValue(value, path, scope);
    }
  }

  private checkCount(value: unknown, path: string, scope: Scope): void {
    if (typeof value === "number" ? Number.isInteger(value) && value >= 0 : typeof value === "string" && (WHOLE_NUMBER.test(value) || this.checkTemplate(value, path, { ...scope, count: false }))) {
      return;
    }
    this.report(scope, path, metaProblems.count(value));
  }

  private checkForEach(value: unknown, path: string, expressionScope: Scope, scope: Scope, anyCollection: boolean): void {
    if (isObject(value) || (anyCollection && Array.isArray(value))) {
      this.scanValue(value, path, expressionScope);
    } else if (typeof value !== "string" || !this.checkTemplate(value, path, expressionScope)) {
      this.report(scope, path, metaProblems.forEach(value));
    }
  }

  private checkDependsOn(value: unknown, path: string, scope: Scope): void {
    if (!Array.isArray(value)) {
      this.report(scope, path, referenceProblems.notArray("depends_on", value, RESOURCE_EXAMPLE));
      return;
    }
    value.forEach((entry, index) => {
      const entryPath = joinPath(path, index);
      if (this.interpolatedAddress(entry, "depends_on entry", "depends_on", "a bare address", entryPath, scope)) {
        return;
      }
      const traversal = typeof entry === "string" ? parseTraversal(entry) : undefined;
      const wholeSteps = traversal === undefined ? -1 : addressLength(traversal);
      if (traversal === undefined || wholeSteps < 0) {
        this.report(scope, entryPath, referenceProblems.notReference(`depends_on[${index}]`, entry, RESOURCE_EXAMPLE, DEPENDABLE));
        return;
      }
      let end = wholeSteps;
      if (traversal.steps[end] === INDEX) {
        end++;
      }
      if (traversal.steps.length > end) {
        this.report(scope, entryPath, referenceProblems.dependsOnAttribute(traversal.text, [traversal.root, ...traversal.steps.slice(0, wholeSteps)].join(".")));
        return;
      }
      this.checkReference(traversal, entryPath, scope);
    });
  }

  private checkProviderReference(value: unknown, path: string, scope: Scope): void {
    const [what, argument] = lastKey(path) === "provider" ? ['"provider"', '"provider"'] : [`providers entry "${lastKey(path)}"`, "providers"];
    if (this.interpolatedAddress(value, what, argument, "a bare provider configuration name", path, scope)) {
      return;
    }
    const traversal = typeof value === "string" ? parseTraversal(value) : undefined;
    if (traversal === undefined || traversal.steps.length > 1 || (traversal.steps.length === 1 && !isName(traversal.steps[0]))) {
      this.report(scope, path, metaProblems.providerReference(value));
      return;
    }
    const name = traversal.root;
    const alias = traversal.steps[0];
    if (alias !== undefined) {
      if (!this.providerConfigurations.has(traversal.text) && !this.receivedAliases.has(traversal.text)) {
        const configured = [...this.providerConfigurations.keys(), ...this.receivedAliases].filter((key) => key.startsWith(`${name}.`));
        this.report(scope, path, metaProblems.undeclaredAlias(name, alias, configured));
      }
      return;
    }
    this.providerNames ??= new Set([
      ...[...this.providerConfigurations.values()].map((declaration) => declaration.name),
      ...this.requiredProviders,
      ...this.schemas.providers.keys(),
    ]);
    if (!this.providerNames.has(name)) {
      this.report(scope, path, metaProblems.unknownProvider(name, suggest(name, this.providerNames)));
    }
  }

  /** A module's "providers": {"okta": "okta.second"}. */
  private checkProvidersMap(value: unknown, path: string, scope: Scope): void {
    for (const [map, mapPath] of objectsOf(value, path)) {
      if (!isObject(map)) {
        this.report(scope, mapPath, structureProblems.notObject(`"${mapPath}"`, map));
        continue;
      }
      for (const key in map) {
        if (key !== "//") {
          this.checkProviderReference(map[key], joinPath(mapPath, key), scope);
        }
      }
    }
  }

  private checkIgnoreChanges(value: unknown, path: string, scope: Scope): void {
    if (typeof value === "string" && parseTraversal(value)?.text === "all") {
      return;
    }
    if (this.interpolatedAddress(value, '"ignore_changes"', "ignore_changes", '"all" or a JSON array of bare argument names', path, scope)) {
      return;
    }
    if (!Array.isArray(value)) {
      this.report(scope, path, referenceProblems.ignoreChanges(value));
      return;
    }
    const schema = scope.self?.schema;
    value.forEach((entry, index) => {
      const entryPath = joinPath(path, index);
      if (this.interpolatedAddress(entry, "ignore_changes entry", "ignore_changes", "a bare argument name", entryPath, scope)) {
        return;
      }
      const traversal = typeof entry === "string" ? parseTraversal(entry) : undefined;
      if (traversal === undefined) {
        this.report(scope, entryPath, referenceProblems.ignoreChanges(entry));
      } else if (schema !== undefined && !schema.attributes.has(traversal.root) && !schema.blockTypes.has(traversal.root)) {
        this.report(scope, entryPath, referenceProblems.unknownIgnoredArgument(traversal.text, schema.label, suggest(traversal.root, schema.readableNames)));
      } else if (schema !== undefined && traversal.steps[0] === INDEX && isSet(schema, traversal.root)) {
        this.report(scope, entryPath, referenceProblems.ignoreChangesSetIndex(traversal.text, traversal.root));
      }
    });
  }

  private checkReplaceTriggeredBy(value: unknown, path: string, scope: Scope): void {
    if (!Array.isArray(value)) {
      this.report(scope, path, referenceProblems.notArray("replace_triggered_by", value, RESOURCE_EXAMPLE));
      return;
    }
    value.forEach((entry, index) => {
      const entryPath = joinPath(path, index);
      if (this.interpolatedAddress(entry, "replace_triggered_by entry", "replace_triggered_by", "a bare address", entryPath, scope)) {
        return;
      }
      const traversal = typeof entry === "string" ? parseTraversal(entry) : undefined;
      if (traversal === undefined || !isResourceRoot(traversal) || !isName(traversal.steps[0])) {
        this.report(scope, entryPath, referenceProblems.notReference(`replace_triggered_by[${index}]`, entry, RESOURCE_EXAMPLE, "a managed resource or one of its attributes"));
      } else {
        this.checkReference(traversal, entryPath, scope);
      }
    });
  }

  /** Checks the addresses of import "to", moved "from"/"to" and removed "from". */
  private checkAddress(kind: MetaKind, key: "to" | "from", value: unknown, path: string, scope: Scope): void {
    if (this.interpolatedAddress(value, `${kind} "${key}"`, `${kind} "${key}"`, "a bare address", path, scope)) {
      return;
    }
    const traversal = typeof value === "string" ? parseTraversal(value) : undefined;
    if (traversal !== undefined && traversal.root === "module") {
      return;
    }
    const steps = traversal?.steps ?? [];
    if (traversal === undefined || !isResourceRoot(traversal) || !isName(steps[0]) || steps.length > 2 || (steps.length === 2 && steps[1] !== INDEX)) {
      this.report(scope, path, referenceProblems.notReference(`${kind}.${key}`, value, RESOURCE_EXAMPLE, "a managed resource"));
      return;
    }
    const address = `${traversal.root}.${steps[0]}`;
    const declaration = this.resources.get(traversal.root)?.get(steps[0]);
    const declared = declaration !== undefined;
    // Moving a resource into an instance of itself is how count or for_each is added to it.
    const gainedInstances = declaration !== undefined && (declaration.count || declaration.forEach);
    if (kind === "import" && !declared) {
      this.report(scope, path, metaProblems.importTarget(address));
    } else if (kind === "moved" && key === "from" && declared && steps.length === 1 && !gainedInstances) {
      this.report(scope, path, metaProblems.movedStillDeclared(address));
    }
  }

  /**
   * Reports an address-taking argument written as an interpolation ("${okta_user.bird}"), which
   * Terraform rejects: these arguments are read, not evaluated. True when it was one.
   */
  private interpolatedAddress(value: unknown, what: string, argument: string, takes: string, path: string, scope: Scope): boolean {
    const expression = typeof value === "string" ? interpolatedExpression(value) : undefined;
    if (expression === undefined || parseTraversal(expression) === undefined) {
      return false;
    }
    this.report(scope, path, referenceProblems.interpolatedAddress(what, value as string, argument, takes, expression));
    return true;
  }

  /** A dynamic block's "iterator": a bare name, the symbol its content reads. */
  private checkIterator(value: unknown, path: string, scope: Scope): void {
    if (this.interpolatedAddress(value, '"iterator"', "a dynamic block's iterator", "a bare name", path, scope)) {
      return;
    }
    const traversal = typeof value === "string" ? parseTraversal(value) : undefined;
    if (traversal === undefined || traversal.steps.length > 0) {
      this.report(scope, path, referenceProblems.notReference("iterator", value, "tier", "a name for the block's element"));
    }
  }

  /** configuration_aliases: ["okta.parent"], provider addresses rather than expressions. */
  private checkConfigurationAliases(value: unknown, path: string, scope: Scope): void {
    if (!Array.isArray(value)) {
      this.report(scope, path, referenceProblems.notArray("configuration_aliases", value, PROVIDER_ALIAS_EXAMPLE));
      return;
    }
    value.forEach((entry, index) => {
      if (this.interpolatedAddress(entry, "configuration_aliases entry", "configuration_aliases", "a bare provider configuration name", joinPath(path, index), scope)) {
        return;
      }
      const traversal = typeof entry === "string" ? parseTraversal(entry) : undefined;
      if (traversal === undefined || traversal.steps.length !== 1 || !isName(traversal.steps[0])) {
        this.report(scope, joinPath(path, index), referenceProblems.notReference(`configuration_aliases[${index}]`, entry, PROVIDER_ALIAS_EXAMPLE, "a provider configuration alias"));
      }
    });
  }

  private checkRequiredProviders(entries: unknown, path: string, scope: Scope): void {
    if (!isObject(entries)) {
      this.report(scope, path, structureProblems.notObject(`"${path}"`, entries));
      return;
    }
    for (const name in entries) {
      const entry = entries[name];
      const entryPath = joinPath(path, name);
      if (name === "//" || typeof entry === "string") {
        continue;
      }
      for (const [body, bodyPath] of objectsOf(entry, entryPath)) {
        if (isObject(body)) {
          this.checkBody(body, REQUIRED_PROVIDER, bodyPath, scope, "requiredProvider");
        } else {
          this.report(scope, bodyPath, structureProblems.notObject(`"${bodyPath}"`, body));
        }
      }
    }
  }

  /** Checks the content of a dynamic block as a body of the block type, with its iterator in scope. */
  private checkDynamicContent(value: unknown, path: string, scope: Scope, blockType: CompiledBlockType, iterator: string): void {
    const iterators = new Set(scope.iterators);
    iterators.add(iterator);
    const inner: Scope = { ...scope, iterators };
    for (const [body, bodyPath] of objectsOf(value, path)) {
      if (isObject(body)) {
        this.checkBody(body, blockType.body, bodyPath, inner, undefined);
      } else {
        this.report(scope, bodyPath, structureProblems.notObject(`"${bodyPath}"`, body));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private scope(file: string, address: string | undefined, owner: string): Scope {
    return { file, address, owner, self: undefined, count: false, forEach: false, iterators: undefined };
  }

  private report(scope: Scope, path: string, found: Problem): void {
    const { id, message } = found;
    this.problems.push(scope.address === undefined ? { file: scope.file, path, id, message } : { file: scope.file, path, address: scope.address, id, message });
  }
}

const STRING = compileType("string");

/** The message for a second declaration: in another place, or at the same path through a repeated JSON key. */
function duplicateMessage(what: string, previous: Declaration, file: string, path: string): Problem {
  return previous.file === file && previous.path === path ? structureProblems.repeatedKey(what, path) : structureProblems.duplicate(what, previous.file, previous.path);
}

/**
 * How deeply arrays and objects nest in a JSON value: 1 for {} or [], 0 for a string. Iterative,
 * so the depth may be anything; it allocates nothing per value, as it walks every value of a file.
 */
function nestingDepth(json: unknown): number {
  let deepest = 0;
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof json === "object" && json !== null) {
    values.push(json);
    depths.push(1);
  }
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    deepest = Math.max(deepest, depth);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === "object" && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === "object" && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return deepest;
}

/** The JSON path to the first value nested deeper than `limit`, written out for its first few levels only. */
function pathBeyond(json: unknown, limit: number): string {
  const shownLevels = 6;
  const pending: [unknown, number, string][] = [[json, 1, ""]];
  while (pending.length > 0) {
    const [value, depth, path] = pending.pop()!;
    if (typeof value !== "object" || value === null) {
      continue;
    }
    if (depth > limit) {
      return path;
    }
    const shown = depth <= shownLevels;
    for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      pending.push([item, depth + 1, !shown ? path : path === "" ? String(key) : joinPath(path, key)]);
    }
  }
  return "";
}

/** The part of a path below a body's path: `users[1]` below `resource.okta_group_memberships.g`. */
function below(path: string, bodyLength: number): string {
  return path.charCodeAt(bodyLength) === 0x2e ? path.slice(bodyLength + 1) : path.slice(bodyLength);
}

/** A value that is one object, or an array of them, as [item, path] pairs. */
function objectsOf(value: unknown, path: string): [unknown, string][] {
  return Array.isArray(value) ? value.map((item, index) => [item, joinPath(path, index)]) : [[value, path]];
}

/** How many blocks a block-typed body value holds. */
function countBlocks(value: unknown, blockType: CompiledBlockType): number {
  if (value === undefined || value === null) {
    return 0;
  }
  const items = Array.isArray(value) ? value : [value];
  if (blockType.mode !== "map") {
    return items.length;
  }
  let count = 0;
  for (const item of items) {
    count += isObject(item) ? Object.keys(item).filter((key) => key !== "//").length : 0;
  }
  return count;
}

/**
 * The symbol a dynamic block's content reads its element from: the "iterator", or else the block
 * type's name. An iterator written as an interpolation (reported) still names it.
 */
function iteratorName(body: Record<string, unknown>, blockType: string): string {
  const written = typeof body.iterator === "string" ? body.iterator : undefined;
  const iterator = written === undefined ? undefined : parseTraversal(interpolatedExpression(written) ?? written);
  return iterator?.steps.length === 0 ? iterator.root : blockType;
}

/** The address a static address argument names, spaces removed ("okta_group.team[0]"), or undefined when it names none. */
function staticAddress(value: unknown): string | undefined {
  const traversal = typeof value === "string" ? parseTraversal(value) : undefined;
  return traversal === undefined || !isName(traversal.steps[0]) ? undefined : traversal.text.replace(/\s+/g, "");
}

/** The message for a template mistake. */
function templateMessage(error: TemplateError): Problem {
  switch (error.kind) {
    case "unclosed":
      return templateProblems.unclosed(error.text);
    case "empty":
      return templateProblems.empty(error.text);
    case "unclosedDirective":
      return templateProblems.unclosedDirective(error.keyword);
    case "strayDirective":
      return templateProblems.strayDirective(error.keyword);
    case "tooDeep":
      return templateProblems.tooDeep(error.limit);
  }
}

/** The last key of a JSON path: "provider" for "resource.okta_user.bird.provider". */
function lastKey(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** True when `name` is a set-typed attribute or a set-nested block of `schema`, whose elements have no index. */
function isSet(schema: CompiledBlock, name: string): boolean {
  const attribute = schema.attributes.get(name);
  const kind = attribute !== undefined ? attribute.type.kind === "nested" ? attribute.type.mode : attribute.type.kind : schema.blockTypes.get(name)?.mode;
  return kind === "set";
}

/** True when a traversal's root can be a managed resource type. */
function isResourceRoot(traversal: Traversal): boolean {
  return !["var", "local", "data", "module", "count", "each", "path", "self", "terraform", "ephemeral"].includes(traversal.root);
}

/**
 * How many name steps after the root make up the address of the object a traversal names
 * (1 for okta_user.bird, var.x, module.m; 2 for data.okta_user.bird), or -1 when it names no
 * object depends_on can wait for.
 */
function addressLength(traversal: Traversal): number {
  const required = traversal.root === "data" ? 2 : 1;
  if (["count", "each", "path", "self", "terraform"].includes(traversal.root)) {
    return -1;
  }
  for (let index = 0; index < required; index++) {
    if (!isName(traversal.steps[index])) {
      return -1;
    }
  }
  return required;
}
