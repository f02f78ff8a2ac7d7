import { conversionFailure, parseTypeConstraint } from "../lib/validator/type-constraints";

/** The type a constraint parses to, as Terraform writes it. */
function typeText(text: string): string | undefined {
  return parseTypeConstraint(text).type?.text;
}

describe("parseTypeConstraint", () => {
  test.each([
    ["string", "string"],
    [" number ", "number"],
    ["bool", "bool"],
    ["any", "any"],
    ["list(string)", "list(string)"],
    ["set( number )", "set(number)"],
    ["map(list(any))", "map(list(any))"],
    ["tuple([string, number])", "tuple([string, number])"],
    ["tuple([])", "tuple([])"],
    ["object({login = string, groups = optional(list(string), []), ttl = optional(number)})", "object({login=string, groups=optional(list(string)), ttl=optional(number)})"],
    ['object({\n  "login" = string\n  team   = object({ name = string })\n})', "object({login=string, team=object({name=string})})"],
    ["list", "list(any)"],
    ["map", "map(any)"],
  ])("reads %j as %s", (text, expected) => {
    expect(typeText(text)).toBe(expected);
  });

  test.each([
    ["strng", 'the keyword "strng" is not a type'],
    ["object({login = strin})", 'the keyword "strin" is not a type'],
    ["${string}", 'Terraform reads a type as written, so "${...}" around it is not allowed'],
    ["list(string", '")" is missing at the end'],
    ["optional(string)", "optional(...) is allowed only for an attribute of an object type"],
    ["string string", 'unexpected "string" after the type string'],
    ["tuple([string number])", '"," or "]" is missing in a tuple type at "number])"'],
    ["object({login})", 'attribute "login" of an object type needs "=" and a type'],
    ["", "a type is missing"],
    [`${"list(".repeat(1001)}string${")".repeat(1001)}`, "type constructors nest more than 1000 levels deep, more than the validator reads"],
  ])("rejects %j: %s", (text, error) => {
    expect(parseTypeConstraint(text)).toEqual({ error });
  });
});

describe("conversionFailure", () => {
  const type = (text: string) => parseTypeConstraint(text).type!;

  test.each([
    ["number", "42"],
    ["number", 4.5],
    ["bool", "false"],
    ["string", 7],
    ["string", true],
    ["list(string)", ["a", 1]],
    ["set(number)", ["1", 2]],
    ["map(bool)", { a: "true", b: false }],
    ["object({a = string, b = optional(number)})", { a: "x", extra: [1] }],
    ["tuple([string, bool])", ["a", "true"]],
    ["number", null],
    ["number", "${var.n * 2}"],
    ["any", { anything: [1, "a"] }],
  ])("%s takes %j", (text, value) => {
    expect(conversionFailure(value, type(text))).toBeUndefined();
  });

  test.each([
    ["number", "abc", [], "a number is required"],
    ["bool", "yes", [], "a bool is required"],
    ["string", ["a"], [], "a string is required"],
    ["list(string)", "bird", [], "list of string required"],
    ["list(number)", [1, "two"], [1], "a number is required"],
    ["map(number)", { a: 1, b: "x" }, ["b"], "a number is required"],
    ["object({login = string, team = string})", { login: "bird" }, [], 'attribute "team" is required'],
    ["object({team = object({size = number})})", { team: { size: "big" } }, ["team", "size"], "a number is required"],
    ["tuple([string, number])", ["a"], [], "a tuple of 2 elements is required"],
  ])("%s refuses %j", (text, value, at, reason) => {
    expect(conversionFailure(value, type(text))).toEqual({ at, reason });
  });
});
