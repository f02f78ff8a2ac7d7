import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { SchemaValidator } from "../lib/validator/schema-validator";
import { FIXTURE_SCHEMAS } from "./fixtures/validator/helpers";

/**
 * Configurations generated from the schema JSON itself (not from the validator's compiled
 * tables): every required attribute, a random subset of the optional ones with values of their
 * type (including the conversions Terraform accepts and interpolations), and blocks within
 * min_items and max_items.
 */

interface AttributeJson {
  type?: unknown;
  nested_type?: { attributes: Record<string, AttributeJson>; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
}
interface BlockJson {
  attributes?: Record<string, AttributeJson>;
  block_types?: Record<string, { nesting_mode: string; block: BlockJson; min_items?: number; max_items?: number }>;
}
type Body = Record<string, unknown>;

const FILE = "generated.tf.json";

/** Strings that are not interpolations. */
const literal = fc.string({ maxLength: 12 }).filter((text) => !text.includes("${") && !text.includes("%{"));
/** Interpolations that need no declaration. */
const interpolation = fc.constantFrom("${path.module}", "${terraform.workspace}", 'x-${upper("a")}');
/** Map labels and map keys written after a dot in paths. */
const label = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

function valueOf(type: unknown): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: typedValue(type), weight: 9 }, { arbitrary: interpolation, weight: 1 });
}

function typedValue(type: unknown): fc.Arbitrary<unknown> {
  if (type === "string") {
    return fc.oneof(literal, fc.integer(), fc.boolean());
  }
  if (type === "number") {
    return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer().map(String));
  }
  if (type === "bool") {
    return fc.oneof(fc.boolean(), fc.constantFrom("true", "false"));
  }
  if (type === "dynamic") {
    return fc.oneof(literal, fc.integer(), fc.boolean(), fc.array(literal, { maxLength: 3 }));
  }
  const [kind, argument, optional] = type as [string, unknown, string[] | undefined];
  switch (kind) {
    case "list":
    case "set":
      return fc.array(valueOf(argument), { maxLength: 4 });
    case "map":
      return fc.dictionary(label, valueOf(argument), { maxKeys: 3 });
    case "object": {
      const attributes = argument as Record<string, unknown>;
      const model = Object.fromEntries(Object.entries(attributes).map(([name, attributeType]) => [name, valueOf(attributeType)]));
      return fc.record(model, { requiredKeys: Object.keys(attributes).filter((name) => !(optional ?? []).includes(name)) });
    }
    case "tuple":
      return fc.tuple(...(argument as unknown[]).map(valueOf));
  }
  throw new Error(`no generator for ${JSON.stringify(type)}`);
}

function attributeValue(attribute: AttributeJson): fc.Arbitrary<unknown> {
  const nested = attribute.nested_type;
  if (nested === undefined) {
    return valueOf(attribute.type);
  }
  const body = bodyOf({ attributes: nested.attributes });
  switch (nested.nesting_mode) {
    case "single":
      return body;
    case "map":
      return fc.dictionary(label, body, { maxKeys: 3 });
    default:
      return fc.array(body, { maxLength: 3 });
  }
}

/** A body with every required attribute, some optional ones, and blocks within their limits. */
function bodyOf(block: BlockJson): fc.Arbitrary<Body> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required || attribute.optional) {
      model[name] = attributeValue(attribute);
      if (attribute.required) {
        required.push(name);
      }
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const min = blockType.min_items ?? 0;
    const single = blockType.nesting_mode === "single" || blockType.nesting_mode === "group";
    const max = single ? 1 : Math.max(min, Math.min(blockType.max_items || 3, 3));
    const body = bodyOf(blockType.block);
    if (blockType.nesting_mode === "map") {
      model[name] = fc.dictionary(label, body, { minKeys: min, maxKeys: max });
    } else if (max === 1) {
      model[name] = min === 1 ? fc.oneof(body, fc.array(body, { minLength: 1, maxLength: 1 })) : fc.oneof(body, fc.array(body, { maxLength: 1 }));
    } else {
      model[name] = fc.array(body, { minLength: min, maxLength: max });
    }
    if (min > 0) {
      required.push(name);
    }
  }
  return fc.record(model, { requiredKeys: required });
}

interface Kind {
  readonly mode: "resource" | "data";
  readonly type: string;
  readonly block: BlockJson;
  readonly validator: SchemaValidator;
}

function kindsOf(dir: string, file: string): Kind[] {
  const validator = SchemaValidator.fromSnapshots(dir);
  const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const provider = json.provider_schemas["registry.terraform.io/okta/okta"];
  return [
    ...Object.entries(provider.resource_schemas).map(([type, schema]) => ({ mode: "resource" as const, type, block: (schema as { block: BlockJson }).block, validator })),
    ...Object.entries(provider.data_source_schemas).map(([type, schema]) => ({ mode: "data" as const, type, block: (schema as { block: BlockJson }).block, validator })),
  ];
}

const KINDS = [...kindsOf(path.join(__dirname, "..", "schema"), "okta.json"), ...kindsOf(FIXTURE_SCHEMAS, "okta.json")];

function validate(kind: Kind, body: Body) {
  return kind.validator.validate([{ path: FILE, json: { [kind.mode]: { [kind.type]: { generated: body } } } }]);
}

test.each(KINDS.map((kind) => [kind.mode, kind.type, kind] as const))("a generated %s %s validates without problems", (_mode, _type, kind) => {
  fc.assert(
    fc.property(bodyOf(kind.block), (body) => {
      expect(validate(kind, body)).toEqual([]);
    }),
  );
});

/** A required attribute found in a generated body: where it is and what the message calls its owner. */
interface RequiredAttribute {
  readonly body: Body;
  readonly name: string;
  readonly type: unknown;
  readonly path: string;
  readonly owner: string;
}

/** Every required attribute present in a generated body, nested blocks and nested attributes included. */
function requiredAttributes(body: Body, block: BlockJson, jsonPath: string, owner: string): RequiredAttribute[] {
  const found: RequiredAttribute[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && body[name] !== undefined && attribute.type !== undefined) {
      found.push({ body, name, type: attribute.type, path: `${jsonPath}.${name}`, owner });
    }
    const nested = attribute.nested_type;
    if (nested !== undefined && body[name] !== undefined) {
      found.push(...inBodies(body[name], nested.nesting_mode, { attributes: nested.attributes }, `${jsonPath}.${name}`, `${owner} attribute "${name}"`));
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    if (body[name] !== undefined) {
      found.push(...inBodies(body[name], blockType.nesting_mode, blockType.block, `${jsonPath}.${name}`, `${owner} block "${name}"`));
    }
  }
  return found;
}

function inBodies(value: unknown, mode: string, block: BlockJson, jsonPath: string, owner: string): RequiredAttribute[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => requiredAttributes(item, block, `${jsonPath}[${index}]`, owner));
  }
  if (typeof value !== "object" || value === null) {
    return [];
  }
  if (mode === "map") {
    return Object.entries(value).flatMap(([key, item]) => requiredAttributes(item as Body, block, `${jsonPath}.${key}`, owner));
  }
  return requiredAttributes(value as Body, block, jsonPath, owner);
}

/** How the message describes what a required attribute needs. */
function expectation(type: unknown): string {
  switch (type) {
    case "string":
      return "a string (numbers and bools are converted)";
    case "number":
      return 'a number (or a numeric string such as "42")';
    case "bool":
      return 'a bool (true, false, "true" or "false")';
  }
  const [kind, element] = type as [string, string];
  if ((kind === "list" || kind === "set") && typeof element === "string") {
    return `a JSON array of ${element} (${kind}(${element}))`;
  }
  if (kind === "map" && typeof element === "string") {
    return `a JSON object with ${element} values (map(${element}))`;
  }
  throw new Error(`no expectation for ${JSON.stringify(type)}`);
}

const WITH_REQUIRED = KINDS.filter((kind) => Object.values(kind.block.attributes ?? {}).some((attribute) => attribute.required));

test.each(WITH_REQUIRED.map((kind) => [kind.mode, kind.type, kind] as const))(
  "removing one required attribute from a generated %s %s yields exactly that problem",
  (mode, type, kind) => {
    const prefix = mode === "resource" ? `resource.${type}.generated` : `data.${type}.generated`;
    const owner = mode === "resource" ? type : `data source ${type}`;
    fc.assert(
      fc.property(bodyOf(kind.block), fc.nat(), (generated, pick) => {
        // GIVEN: a copy, since fast-check runs a counterexample again while shrinking it
        const body = structuredClone(generated);
        const candidates = requiredAttributes(body, kind.block, prefix, owner);
        const removed = candidates[pick % candidates.length];
        delete removed.body[removed.name];

        // WHEN
        const problems = validate(kind, body);

        // THEN
        expect(problems).toEqual([
          {
            file: FILE,
            path: removed.path,
            address: mode === "resource" ? `${type}.generated` : `data.${type}.generated`,
            id: expect.any(String),
            message: `missing required argument "${removed.name}" in ${removed.owner}: it needs ${expectation(removed.type)}. Add "${removed.name}".`,
          },
        ]);
      }),
    );
  },
);
