import { isRepeatedKey, parseTerraformJsonText, RepeatedKey } from "../lib/validator/json-text";

describe("parseTerraformJsonText", () => {
  test("parses JSON without repeated keys as JSON.parse does", () => {
    const text = '{"a": [1, 2.5e3, -0.5, true, false, null, "x\\"y\\u00e9"], "b": {"c": {}}, "d": []}';
    expect(parseTerraformJsonText(text)).toEqual(JSON.parse(text));
  });

  test("keeps every value of a repeated key, in order, where JSON.parse keeps the last", () => {
    // WHEN
    const json = parseTerraformJsonText('{"resource": {"a": 1}, "x": 0, "resource": {"b": 2}, "resource": [3]}') as Record<string, unknown>;

    // THEN
    expect(isRepeatedKey(json.resource)).toBe(true);
    expect([...(json.resource as RepeatedKey)]).toEqual([{ a: 1 }, { b: 2 }, [3]]);
    expect(json.x).toBe(0);
  });

  test("finds repeated keys at any depth, also when written with escapes", () => {
    // WHEN
    const json = parseTerraformJsonText('[{"k": {"name": "a", "n\\u0061me": "b", "other": {"name": 1}}}]') as [{ k: Record<string, unknown> }];

    // THEN
    expect([...(json[0].k.name as RepeatedKey)]).toEqual(["a", "b"]);
    expect(json[0].k.other).toEqual({ name: 1 });
  });

  test('keeps "__proto__" as an ordinary key, as JSON.parse does', () => {
    // WHEN
    const json = parseTerraformJsonText('{"__proto__": {"a": 1}, "__proto__": {"b": 2}, "x": {"x": 1, "x": 2}}') as Record<string, unknown>;

    // THEN
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect([...(Object.getOwnPropertyDescriptor(json, "__proto__")!.value as RepeatedKey)]).toEqual([{ a: 1 }, { b: 2 }]);
  });

  test("throws JSON.parse's error for text that is not JSON", () => {
    expect(() => parseTerraformJsonText('{"a": 1,')).toThrow(SyntaxError);
  });

  test("reads JSON nested a million levels deep with a repeated key", () => {
    // WHEN
    const json = parseTerraformJsonText(`{"//": 1, "//": 2, "deep": ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`) as Record<string, unknown>;

    // THEN
    let depth = 0;
    for (let value = json.deep; Array.isArray(value); value = value[0]) depth++;
    expect(depth).toBe(1_000_000);
  });
});
