/**
 * Provider schemas as `terraform providers schema -json` prints them, compiled into lookup
 * tables that the validator consults once per attribute.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { schemaMessages } from "./messages";

/** A cty type in its JSON form: "string", ["list", T], ["object", {..}, [optional..]] and so on. */
export type CtyTypeJson = string | readonly unknown[];

/** An attribute of a schema block. */
export interface AttributeJson {
  readonly type?: CtyTypeJson;
  readonly nested_type?: NestedTypeJson;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
}

/** The type of an attribute with nested attributes (plugin framework). */
export interface NestedTypeJson {
  readonly attributes: Readonly<Record<string, AttributeJson>>;
  readonly nesting_mode: "single" | "list" | "set" | "map";
}

/** A nested block type of a schema block. */
export interface BlockTypeJson {
  readonly nesting_mode: NestingMode;
  readonly block: BlockJson;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** A schema block: the body of a provider, resource, data source or nested block. */
export interface BlockJson {
  readonly attributes?: Readonly<Record<string, AttributeJson>>;
  readonly block_types?: Readonly<Record<string, BlockTypeJson>>;
}

/** One provider's part of the schema JSON. */
export interface ProviderSchemaJson {
  readonly provider?: { readonly version?: number; readonly block: BlockJson };
  readonly resource_schemas?: Readonly<Record<string, { readonly version?: number; readonly block: BlockJson }>>;
  readonly data_source_schemas?: Readonly<Record<string, { readonly version?: number; readonly block: BlockJson }>>;
}

/** The whole JSON document `terraform providers schema -json` prints. */
export interface ProvidersSchemaJson {
  readonly format_version?: string;
  readonly provider_schemas: Readonly<Record<string, ProviderSchemaJson>>;
  readonly provider_versions?: Readonly<Record<string, string>>;
}

/** How a nested block repeats. */
export type NestingMode = "single" | "group" | "list" | "set" | "map";

/** A compiled cty type; `text` is how Terraform writes it (list(string), object({id=string})). */
export type CtyType =
  | { readonly kind: "string" | "number" | "bool" | "dynamic"; readonly text: string }
  | { readonly kind: "list" | "set" | "map"; readonly element: CtyType; readonly text: string }
  | {
      readonly kind: "object";
      readonly attributes: ReadonlyMap<string, CtyType>;
      readonly optional: ReadonlySet<string>;
      readonly text: string;
    }
  | { readonly kind: "tuple"; readonly elements: readonly CtyType[]; readonly text: string }
  | {
      readonly kind: "nested";
      readonly mode: "single" | "list" | "set" | "map";
      readonly body: CompiledBlock;
      /** For list, set and map: the single-object type of each element. */
      readonly element: CtyType | undefined;
      readonly text: string;
    };

/** A compiled attribute. */
export interface CompiledAttribute {
  readonly name: string;
  readonly type: CtyType;
  readonly required: boolean;
  /** False for computed-only attributes: setting them is an error. */
  readonly configurable: boolean;
  /** The value is a secret: messages never quote it. */
  readonly sensitive: boolean;
}

/** A compiled nested block type. */
export interface CompiledBlockType {
  readonly name: string;
  readonly mode: NestingMode;
  readonly body: CompiledBlock;
  readonly minItems: number;
  /** 0 means unlimited. */
  readonly maxItems: number;
}

/** A compiled schema block: everything the validator asks about one body, precomputed. */
export interface CompiledBlock {
  /** What messages call this body: `okta_user`, `okta_user block "password_hash"`, `provider "okta"`. */
  readonly label: string;
  readonly attributes: ReadonlyMap<string, CompiledAttribute>;
  readonly blockTypes: ReadonlyMap<string, CompiledBlockType>;
  readonly requiredAttributes: readonly CompiledAttribute[];
  /** Block types with min_items > 0. */
  readonly requiredBlocks: readonly CompiledBlockType[];
  /** Names that may be written in the body, sorted: configurable attributes and block types. */
  readonly writableNames: readonly string[];
  /** Names that may be read from the object: every attribute and block type. */
  readonly readableNames: readonly string[];
  /** Whether "dynamic" blocks may generate its nested blocks (not in Terraform's own blocks, such as lifecycle). */
  readonly dynamicBlocks: boolean;
}

/** The compiled schema of one provider. */
export interface ProviderSchema {
  /** The local name Terraform infers from the source address: "okta" for registry.terraform.io/okta/okta. */
  readonly localName: string;
  /** The provider version from provider_versions, when the snapshot records it. */
  readonly version: string | undefined;
  /** The provider block, with "alias" and "version" added. */
  readonly config: CompiledBlock;
  /** Resource types by name. */
  readonly resources: ReadonlyMap<string, CompiledBlock>;
  /** Data source types by name. */
  readonly dataSources: ReadonlyMap<string, CompiledBlock>;
}

/** Every provider schema found in a directory of snapshots, merged. */
export class SchemaSet {
  /** Loads every *.json file with provider_schemas in `dir`. */
  public static load(dir: string): SchemaSet {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
    } catch (error) {
      throw new Error(schemaMessages.unreadableDirectory(dir, error), { cause: error });
    }
    const documents: ProvidersSchemaJson[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (error) {
        throw new Error(schemaMessages.unreadableSnapshot(file, error), { cause: error });
      }
      if (isObject(json) && isObject(json.provider_schemas)) {
        documents.push(json as unknown as ProvidersSchemaJson);
      }
    }
    if (documents.length === 0) {
      throw new Error(schemaMessages.noSnapshots(dir, names));
    }
    return new SchemaSet(documents);
  }

  /** Providers by local name. */
  public readonly providers = new Map<string, ProviderSchema>();

  private constructor(documents: readonly ProvidersSchemaJson[]) {
    for (const document of documents) {
      for (const [source, schema] of Object.entries(document.provider_schemas)) {
        const localName = source.slice(source.lastIndexOf("/") + 1);
        const version = document.provider_versions?.[source];
        const previous = this.providers.get(localName);
        this.providers.set(localName, compileProvider(localName, version, schema, previous));
      }
    }
  }

  /** The provider whose resource types start with `${localName}_`, from a type name. */
  public providerOfType(type: string): ProviderSchema | undefined {
    const underscore = type.indexOf("_");
    return this.providers.get(underscore < 0 ? type : type.slice(0, underscore));
  }
}

function compileProvider(
  localName: string,
  version: string | undefined,
  json: ProviderSchemaJson,
  previous: ProviderSchema | undefined,
): ProviderSchema {
  const resources = new Map(previous?.resources);
  for (const [type, schema] of Object.entries(json.resource_schemas ?? {})) {
    resources.set(type, compileBlock(schema.block, type));
  }
  const dataSources = new Map(previous?.dataSources);
  for (const [type, schema] of Object.entries(json.data_source_schemas ?? {})) {
    dataSources.set(type, compileBlock(schema.block, `data source ${type}`));
  }
  const config = json.provider
    ? compileBlock(withProviderMetaArguments(json.provider.block), `provider "${localName}"`)
    : (previous?.config ?? compileBlock(withProviderMetaArguments({}), `provider "${localName}"`));
  return { localName, version: version ?? previous?.version, config, resources, dataSources };
}

/** A provider block also takes "alias" and (deprecated) "version". */
function withProviderMetaArguments(block: BlockJson): BlockJson {
  const meta: Record<string, AttributeJson> = { alias: { type: "string", optional: true }, version: { type: "string", optional: true } };
  return { ...block, attributes: { ...meta, ...block.attributes } };
}

/**
 * Compiles one schema block, labelled for messages.
 *
 * @param dynamicBlocks whether "dynamic" may generate its nested blocks: true for provider
 * schemas, false for Terraform's own blocks.
 */
export function compileBlock(json: BlockJson, label: string, dynamicBlocks = true): CompiledBlock {
  const attributes = new Map<string, CompiledAttribute>();
  for (const [name, attribute] of Object.entries(json.attributes ?? {})) {
    attributes.set(name, compileAttribute(name, attribute, `${label} attribute "${name}"`));
  }
  const blockTypes = new Map<string, CompiledBlockType>();
  for (const [name, blockType] of Object.entries(json.block_types ?? {})) {
    blockTypes.set(name, {
      name,
      mode: blockType.nesting_mode,
      body: compileBlock(blockType.block, `${label} block "${name}"`, dynamicBlocks),
      minItems: blockType.min_items ?? 0,
      maxItems: blockType.nesting_mode === "single" || blockType.nesting_mode === "group" ? 1 : (blockType.max_items ?? 0),
    });
  }
  return bodyOf(label, attributes, blockTypes, dynamicBlocks && blockTypes.size > 0);
}

function bodyOf(
  label: string,
  attributes: ReadonlyMap<string, CompiledAttribute>,
  blockTypes: ReadonlyMap<string, CompiledBlockType>,
  dynamicBlocks: boolean,
): CompiledBlock {
  const all = [...attributes.values()];
  return {
    label,
    attributes,
    blockTypes,
    requiredAttributes: all.filter((attribute) => attribute.required),
    requiredBlocks: [...blockTypes.values()].filter((blockType) => blockType.minItems > 0),
    writableNames: [...all.filter((attribute) => attribute.configurable).map((a) => a.name), ...blockTypes.keys()].sort(),
    readableNames: [...attributes.keys(), ...blockTypes.keys()].sort(),
    dynamicBlocks,
  };
}

/** Credential arguments, never quoted whatever the schema says (okta's provider does not mark them sensitive). */
const CREDENTIAL_NAMES = new Set(["api_token", "access_token", "private_key", "private_key_id", "client_secret", "password", "old_password", "recovery_answer"]);

function compileAttribute(name: string, json: AttributeJson, label: string): CompiledAttribute {
  let type: CtyType;
  if (json.nested_type) {
    const nested = new Map<string, CompiledAttribute>();
    for (const [childName, child] of Object.entries(json.nested_type.attributes)) {
      nested.set(childName, compileAttribute(childName, child, `${label} attribute "${childName}"`));
    }
    const body = bodyOf(label, nested, new Map(), false);
    const object: CtyType = { kind: "nested", mode: "single", body, element: undefined, text: objectText(body) };
    const mode = json.nested_type.nesting_mode;
    type = mode === "single" ? object : { kind: "nested", mode, body, element: object, text: `${mode}(${object.text})` };
  } else {
    type = compileType(json.type ?? "dynamic");
  }
  return {
    name,
    type,
    required: json.required === true,
    configurable: json.required === true || json.optional === true,
    sensitive: json.sensitive === true || CREDENTIAL_NAMES.has(name),
  };
}

const PRIMITIVES: Readonly<Record<string, CtyType>> = {
  string: { kind: "string", text: "string" },
  number: { kind: "number", text: "number" },
  bool: { kind: "bool", text: "bool" },
  dynamic: { kind: "dynamic", text: "any" },
};

/** Compiles a cty type from its JSON form. */
export function compileType(json: unknown): CtyType {
  if (typeof json === "string") {
    const primitive = PRIMITIVES[json];
    if (primitive) {
      return primitive;
    }
  } else if (Array.isArray(json)) {
    const [kind, argument, optional] = json as [unknown, unknown, unknown];
    if (kind === "list" || kind === "set" || kind === "map") {
      const element = compileType(argument);
      return { kind, element, text: `${kind}(${element.text})` };
    }
    if (kind === "object" && isObject(argument)) {
      const attributes = new Map(Object.entries(argument).map(([name, type]) => [name, compileType(type)] as const));
      const optionalNames = new Set(Array.isArray(optional) ? (optional as string[]) : []);
      const fields = [...attributes].map(([name, type]) => `${name}=${optionalNames.has(name) ? `optional(${type.text})` : type.text}`);
      return { kind: "object", attributes, optional: optionalNames, text: `object({${fields.join(", ")}})` };
    }
    if (kind === "tuple" && Array.isArray(argument)) {
      const elements = argument.map(compileType);
      return { kind: "tuple", elements, text: `tuple([${elements.map((element) => element.text).join(", ")}])` };
    }
  }
  throw new Error(schemaMessages.unknownType(json));
}

function objectText(body: CompiledBlock): string {
  const fields = [...body.attributes.values()].map((attribute) => `${attribute.name}=${attribute.type.text}`);
  return `object({${fields.join(", ")}})`;
}

/** Strings cty converts to a number: decimal, optionally signed, optionally with an exponent. */
export const NUMBER_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strings cty converts to a bool. */
export const BOOL_STRINGS: ReadonlySet<string> = new Set(["true", "false", "1", "0"]);

/** True for plain JSON objects (not arrays, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
