import { SchemaValidator } from "../lib/validator/schema-validator";
import { FIXTURE_SCHEMAS } from "./fixtures/validator/helpers";

/**
 * Values and blocks against every cty type and nesting mode, using the fixture resource
 * okta_kitchen_sink (the real okta schema has only strings, numbers, bools, lists and sets).
 */
const validator = SchemaValidator.fromSnapshots(FIXTURE_SCHEMAS);
const FILE = "cdk.tf.json";
const BODY = "resource.okta_kitchen_sink.k";

/** Validates one okta_kitchen_sink with the given arguments; returns [path below the body, message] pairs. */
function sink(body: Record<string, unknown>): [string, string][] {
  const problems = validator.validate([
    { path: FILE, json: { resource: { okta_kitchen_sink: { k: { name: "sink", rule: { expression: "true" }, ...body } } } } },
  ]);
  return problems.map((problem) => [problem.path.slice(BODY.length + 1), problem.message]);
}

function mismatch(where: string, expected: string, received: string, type: string): string {
  return `"${where}" in okta_kitchen_sink must be ${expected} or an interpolation "\${...}", received ${received}. Change it to a value of type ${type}.`;
}

const NUMBER = 'a number (or a numeric string such as "42")';
const BOOL = 'a bool (true, false, "true" or "false")';
const STRING = "a string (numbers and bools are converted)";
const OBJECT = "object({id=string, weight=number, note=optional(string)})";
const NESTED = "object({key=string, value=string, generated=string})";

describe("values Terraform converts are accepted", () => {
  test.each([
    ["a_string", "text"],
    ["a_string", 42],
    ["a_string", false],
    ["a_number", 42],
    ["a_number", -1.5],
    ["a_number", "42"],
    ["a_number", "-1.5"],
    ["a_number", "1e3"],
    ["a_number", "+7"],
    ["a_number", ".5"],
    ["a_bool", true],
    ["a_bool", "true"],
    ["a_bool", "false"],
    ["a_bool", "1"],
    ["a_bool", "0"],
    ["a_dynamic", { anything: [1, "x", null] }],
    ["a_list", [1, "2"]],
    ["a_list", []],
    ["a_set", [true, "false"]],
    ["a_map", { a: "x", b: 1, c: true }],
    ["a_map", {}],
    ["an_object", { id: "x", weight: 1 }],
    ["an_object", { id: "x", weight: "2", note: "optional" }],
    ["an_object", { id: null, weight: 1, "//": "comment" }],
    ["an_object", { id: "x", "${var.key}": 1 }],
    ["a_tuple", ["a", 1]],
    ["a_tuple", [2, "3"]],
    ["a_list_of_objects", [{ id: "a" }, { id: 1 }]],
    ["nested_single", { key: "k" }],
    ["nested_single", { key: "k", value: null }],
    ["nested_list", [{ key: "a" }, { key: "b" }]],
    ["nested_map", { first: { key: "a" } }],
    ["a_string", null],
    ["a_list", null],
  ])("%s = %j", (name, value) => {
    expect(sink({ [name]: value })).toEqual([]);
  });

  test.each([
    "a_string",
    "a_number",
    "a_bool",
    "a_list",
    "a_set",
    "a_map",
    "an_object",
    "a_tuple",
    "a_list_of_objects",
    "nested_single",
    "nested_list",
    "nested_map",
  ])("an interpolation is accepted for %s", (name) => {
    expect(sink({ [name]: "${path.module}-${terraform.workspace}" })).toEqual([]);
  });

  test("whole-string interpolations are accepted as list, tuple, map and nested elements", () => {
    expect(
      sink({
        a_list: ["${length(path.module)}"],
        a_tuple: ["x", "${path.module}"],
        a_map: { a: "${path.module}" },
        a_list_of_objects: ["${path.module}"],
        nested_list: ["${path.module}"],
        an_object: { id: "x", weight: "${path.module}" },
      }),
    ).toEqual([]);
  });
});

describe("values Terraform rejects", () => {
  test.each([
    ["a_number", "abc", NUMBER, '"abc"', "number"],
    ["a_number", "0x10", NUMBER, '"0x10"', "number"],
    ["a_number", " 1", NUMBER, '" 1"', "number"],
    ["a_number", "", NUMBER, '""', "number"],
    ["a_number", true, NUMBER, "true", "number"],
    ["a_bool", "yes", BOOL, '"yes"', "bool"],
    ["a_bool", "TRUE", BOOL, '"TRUE"', "bool"],
    ["a_bool", 1, BOOL, "1", "bool"],
    ["a_string", {}, STRING, "{}", "string"],
    ["a_string", ["x"], STRING, '["x"]', "string"],
    ["a_list", { a: 1 }, "a JSON array of number (list(number))", '{"a":1}', "list(number)"],
    ["a_list", "1,2", "a JSON array of number (list(number))", '"1,2"', "list(number)"],
    ["a_set", true, "a JSON array of bool (set(bool))", "true", "set(bool)"],
    ["a_map", ["x"], "a JSON object with string values (map(string))", '["x"]', "map(string)"],
    ["an_object", "x", `a JSON object (${OBJECT})`, '"x"', OBJECT],
    ["a_tuple", { a: 1 }, "a JSON array of 2 elements (tuple([string, number]))", '{"a":1}', "tuple([string, number])"],
    ["nested_single", [{ key: "k" }], `a JSON object (${NESTED})`, '[{"key":"k"}]', NESTED],
    ["nested_list", { key: "k" }, "a JSON array of objects (list(object({key=string})))", '{"key":"k"}', "list(object({key=string}))"],
    ["nested_map", [{ key: "k" }], "a JSON object of objects (map(object({key=string})))", '[{"key":"k"}]', "map(object({key=string}))"],
  ])("%s = %j", (name, value, expected, received, type) => {
    expect(sink({ [name]: value })).toEqual([[name, mismatch(name, expected, received, type)]]);
  });

  test("paths quote keys that are not identifiers", () => {
    expect(sink({ a_map: { "a b": {}, "x.y": 1 } })).toEqual([['a_map["a b"]', mismatch('a_map["a b"]', STRING, "{}", "string")]]);
  });

  test("long values are cut short in messages", () => {
    expect(sink({ a_number: "x".repeat(100) })).toEqual([["a_number", mismatch("a_number", NUMBER, `"${"x".repeat(78)}…`, "number")]]);
  });

  test("elements of lists, sets and maps are checked one by one", () => {
    expect(sink({ a_list: [1, "x", 3], a_set: ["maybe"], a_map: { a: "x", b: {} } })).toEqual([
      ["a_list[1]", mismatch("a_list[1]", NUMBER, '"x"', "number")],
      ["a_set[0]", mismatch("a_set[0]", BOOL, '"maybe"', "bool")],
      ["a_map.b", mismatch("a_map.b", STRING, "{}", "string")],
    ]);
  });

  test("null elements are rejected in lists, sets and maps", () => {
    expect(sink({ a_list: [1, null], a_map: { a: null } })).toEqual([
      ["a_list[1]", '"a_list[1]" in okta_kitchen_sink is null, but a list(number) cannot hold null elements. Remove the null or replace it with a value.'],
      ["a_map.a", '"a_map.a" in okta_kitchen_sink is null, but a map(string) cannot hold null elements. Remove the null or replace it with a value.'],
    ]);
  });

  test("objects need their non-optional attributes and get a did-you-mean for unknown ones", () => {
    expect(sink({ an_object: { id: "x", weigth: 1 }, a_list_of_objects: [{ id: "a", colour: "red" }] })).toEqual([
      ["an_object.weigth", `"an_object" in okta_kitchen_sink has attribute "weigth", which ${OBJECT} does not have (Terraform would drop it). Did you mean "weight"? Rename or remove it.`],
      ["an_object", `"an_object" in okta_kitchen_sink lacks attribute "weight", which ${OBJECT} requires. Add "weight".`],
      ["a_list_of_objects[0].colour", '"a_list_of_objects[0]" in okta_kitchen_sink has attribute "colour", which object({id=string}) does not have (Terraform would drop it). Rename or remove it.'],
    ]);
  });

  test("tuples need exactly their number of elements, each of its type", () => {
    expect(sink({ a_tuple: ["a"] })).toEqual([
      ["a_tuple", '"a_tuple" in okta_kitchen_sink must have 2 elements (tuple([string, number])), received 1 element. Add or remove elements.'],
    ]);
    expect(sink({ a_tuple: ["a", "b"] })).toEqual([["a_tuple[1]", mismatch("a_tuple[1]", NUMBER, '"b"', "number")]]);
  });

  test("nested attributes are checked like block bodies", () => {
    expect(sink({ nested_single: { value: "v", generated: "g" }, nested_list: [{}, "x"], nested_map: { first: { key: "a", extra: 1 } } })).toEqual([
      ["nested_single.generated", 'argument "generated" in okta_kitchen_sink attribute "nested_single" is read-only (the provider computes it), received "g". Remove it.'],
      ["nested_single.key", 'missing required argument "key" in okta_kitchen_sink attribute "nested_single": it needs a string (numbers and bools are converted). Add "key".'],
      ["nested_list[0].key", 'missing required argument "key" in okta_kitchen_sink attribute "nested_list": it needs a string (numbers and bools are converted). Add "key".'],
      ["nested_list[1]", mismatch("nested_list[1]", "a JSON object (object({key=string}))", '"x"', "object({key=string})")],
      ["nested_map.first.extra", 'unknown argument "extra" in okta_kitchen_sink attribute "nested_map": allowed are "key". Remove it.'],
    ]);
  });

  test("a required argument set to null is a problem; an optional one is not", () => {
    expect(sink({ name: null, a_string: null })).toEqual([
      ["name", 'required argument "name" in okta_kitchen_sink is null: it needs a string (numbers and bools are converted). Set a value.'],
    ]);
  });

  test("a computed-only attribute set to null is accepted", () => {
    expect(sink({ id: null })).toEqual([]);
  });
});

describe("blocks", () => {
  test("list blocks take an object or an array of objects, within min_items and max_items", () => {
    expect(sink({ rule: [{ expression: "a" }, { expression: "b", priority: "1" }] })).toEqual([]);
    expect(sink({ rule: [] })).toEqual([["rule", 'okta_kitchen_sink needs at least 1 "rule" block, received 0. Add the missing block.']]);
    expect(sink({ rule: null })).toEqual([["rule", 'okta_kitchen_sink needs at least 1 "rule" block, received 0. Add the missing block.']]);
    expect(sink({ rule: [{ expression: "a" }, { expression: "b" }, { expression: "c" }, { expression: "d" }] })).toEqual([
      ["rule", 'okta_kitchen_sink allows at most 3 "rule" blocks, received 4. Keep 3 and remove the others.'],
    ]);
  });

  test("a missing required block is reported where it belongs", () => {
    // WHEN
    const problems = validator.validate([{ path: FILE, json: { resource: { okta_kitchen_sink: { k: { name: "sink" } } } } }]);

    // THEN
    expect(problems).toEqual([
      { file: FILE, path: `${BODY}.rule`, address: "okta_kitchen_sink.k", id: "validator:schema/too-few-blocks", message: 'okta_kitchen_sink needs at least 1 "rule" block, received 0. Add the missing block.' },
    ]);
  });

  test("single and group blocks hold one object", () => {
    expect(sink({ settings: { enabled: "true" }, grouped: [{ mode: "m" }] })).toEqual([]);
    expect(sink({ settings: [{}, {}], grouped: [{}, {}] })).toEqual([
      ["settings", 'okta_kitchen_sink allows at most 1 "settings" block, received 2. Keep one and remove the others.'],
      ["grouped", 'okta_kitchen_sink allows at most 1 "grouped" block, received 2. Keep one and remove the others.'],
    ]);
  });

  test("block values that are not objects are rejected, interpolations included", () => {
    expect(sink({ rule: ["x"], settings: "${path.module}" })).toEqual([
      ["rule[0]", 'block "rule" in okta_kitchen_sink must be a JSON object (or an array of JSON objects, one per block), received "x". Write it as {"<argument>": <value>}.'],
      ["settings", 'block "settings" in okta_kitchen_sink must be a JSON object (or an array of JSON objects, one per block), received "${path.module}". Write it as {"<argument>": <value>}.'],
    ]);
  });

  test("map blocks are objects of labelled bodies", () => {
    expect(sink({ labelled: { one: { value: "x" }, two: [{ value: "y" }] } })).toEqual([]);
    expect(sink({ labelled: [{ one: { value: "x" } }, { two: { value: "y" } }] })).toEqual([]);
    expect(sink({ labelled: ["x"], settings: { enabled: true } })).toEqual([
      ["labelled[0]", 'block "labelled" in okta_kitchen_sink must be a JSON object of labelled blocks, {"<label>": {...}}, received "x". Write one entry per label.'],
    ]);
    expect(sink({ labelled: { one: {} } })).toEqual([
      ["labelled.one.value", 'missing required argument "value" in okta_kitchen_sink block "labelled": it needs a string (numbers and bools are converted). Add "value".'],
    ]);
  });

  test("map blocks count their labels against min_items and max_items", () => {
    // GIVEN
    const labels = (entry: unknown) => validator.validate([{ path: FILE, json: { resource: { okta_labels: { l: entry === undefined ? {} : { entry } } } } }]);

    // THEN
    expect(labels({ a: {}, b: { value: "x" } })).toEqual([]);
    expect(labels(undefined).map((problem) => problem.message)).toEqual(['okta_labels needs at least 1 "entry" block, received 0. Add the missing block.']);
    expect(labels([{ a: {} }, { b: {}, c: {}, "//": "comment" }]).map((problem) => problem.message)).toEqual([
      'okta_labels allows at most 2 "entry" blocks, received 3. Keep 2 and remove the others.',
    ]);
  });

  test("dynamic blocks count towards min_items and need for_each and content", () => {
    expect(sink({ rule: undefined, dynamic: { rule: { for_each: "${path.module}", content: { expression: "${rule.value}" } } } })).toEqual([]);
    expect(sink({ dynamic: { settings: [{ content: {} }, { for_each: { a: 1 } }] } })).toEqual([
      ["dynamic.settings[0].for_each", 'missing required argument "for_each" in dynamic block: it needs any value. Add "for_each".'],
      ["dynamic.settings[1].content", 'missing required argument "content" in dynamic block: it needs any value. Add "content".'],
    ]);
  });
});

describe("providers of other snapshots", () => {
  test("a provider with an empty configuration schema takes only alias and version", () => {
    // WHEN
    const problems = validator.validate([{ path: FILE, json: { provider: { time: { alias: "t", zone: "UTC" } } } }]);

    // THEN
    expect(problems).toEqual([
      { file: FILE, path: "provider.time.zone", address: "provider.time.t", id: expect.any(String), message: 'unknown argument "zone" in provider "time": allowed are "alias", "version". Remove it.' },
    ]);
  });
});
