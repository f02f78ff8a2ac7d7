import { INDEX, interpolatedExpression, MAX_EXPRESSION_NESTING, parseTraversal, scanTemplate, SPLAT } from "../lib/validator/references";

/** The references the validator finds in strings, as [root, ...steps]. */
function found(text: string): string[][] | undefined {
  return scanTemplate(text)?.traversals.map((traversal) => [traversal.root, ...traversal.steps]);
}

describe("scanTemplate: references", () => {
  test("plain strings and escapes are not templates", () => {
    expect(found("plain")).toBeUndefined();
    expect(found("$${okta_user.x.id} and %%{ if x }")).toBeUndefined();
    expect(found("cost: $5 {braces}")).toBeUndefined();
  });

  test("an interpolation without references is still a template", () => {
    expect(found('${upper("x")}')).toEqual([]);
    expect(found("${true}")).toEqual([]);
  });

  test("reads attribute, index and splat steps", () => {
    expect(found('${okta_user.x[0].id}-${okta_user.y["k"].login}-${okta_user.z[*].id}-${okta_user.w.*.id}-${okta_user.v.0.id}')).toEqual([
      ["okta_user", "x", INDEX, "id"],
      ["okta_user", "y", INDEX, "login"],
      ["okta_user", "z", SPLAT, "id"],
      ["okta_user", "w", SPLAT, "id"],
      ["okta_user", "v", INDEX, "id"],
    ]);
  });

  test("finds references inside index expressions, function calls, operators and conditionals", () => {
    expect(found("${okta_user.x[var.i].id == local.y ? max(var.a, 2) : -var.b}")).toEqual([
      ["okta_user", "x", INDEX, "id"],
      ["var", "i"],
      ["local", "y"],
      ["var", "a"],
      ["var", "b"],
    ]);
  });

  test("follows nested interpolations in string literals and skips the literal text", () => {
    expect(found('${format("a.b ${var.c} \\" d.e", "}")}')).toEqual([["var", "c"]]);
  });

  test("skips attribute accesses on non-references, numbers, function names and for bindings", () => {
    expect(found("${f(var.x).y.z} ${(local.a).b} ${1.5e3} ${provider::okta::id(var.q)} ${[for k, v in var.m : v.id if k != 1]}")).toEqual([
      ["var", "x"],
      ["local", "a"],
      ["var", "q"],
      ["var", "m"],
    ]);
  });

  test("reads template directives", () => {
    expect(found("%{ for u in var.users ~}${u.login}%{ endfor }%{ if local.on }x%{ endif }")).toEqual([
      ["var", "users"],
      ["local", "on"],
    ]);
  });

  test("accepts object constructors and nested braces", () => {
    expect(found('${jsonencode({ a = { b = var.c }, "d" = [local.e] })}')).toEqual([
      ["var", "c"],
      ["local", "e"],
    ]);
  });

  test("survives unbalanced input", () => {
    expect(found("${var.x")).toEqual([["var", "x"]]);
    expect(found('${"unterminated')).toEqual([]);
    expect(found("${a)}${var.y}")).toEqual([["var", "y"]]);
  });
});

describe("scanTemplate: functions and mistakes", () => {
  test("lists the functions called, provider-defined and core:: ones included, but not keywords", () => {
    expect(scanTemplate('${upper(lower("x"))} ${core::max(1, 2)} ${provider::time::rfc3339_parse("x")} %{ if (true) }y%{ endif }')?.functions).toEqual([
      "upper",
      "lower",
      "core::max",
      "provider::time::rfc3339_parse",
    ]);
  });

  test("finds an interpolation or a quoted string that is never closed", () => {
    expect(scanTemplate('${upper("garden")')?.error).toEqual({ kind: "unclosed", text: '${upper("garden")' });
    expect(scanTemplate("Garden ${var.env")?.error).toEqual({ kind: "unclosed", text: "${var.env" });
    expect(scanTemplate('${f({ a = 1 }')?.error).toEqual({ kind: "unclosed", text: "${f({ a = 1 }" });
    expect(scanTemplate('${upper("garden)}')?.error).toEqual({ kind: "unclosed", text: '"garden)}' });
    expect(scanTemplate('${upper("garden")}')?.error).toBeUndefined();
  });

  test("finds an empty interpolation", () => {
    expect(scanTemplate("${}")?.error).toEqual({ kind: "empty", text: "${}" });
    expect(scanTemplate("a ${ ~} b")?.error).toEqual({ kind: "empty", text: "${ ~}" });
  });

  test("follows the if and for directives of each template", () => {
    expect(scanTemplate("%{ if true }x")?.error).toEqual({ kind: "unclosedDirective", keyword: "if" });
    expect(scanTemplate("%{ for u in var.u }${u}")?.error).toEqual({ kind: "unclosedDirective", keyword: "for" });
    expect(scanTemplate("x%{ endif }")?.error).toEqual({ kind: "strayDirective", keyword: "endif" });
    expect(scanTemplate("%{ for u in var.u }%{ else }%{ endfor }")?.error).toEqual({ kind: "strayDirective", keyword: "else" });
    expect(scanTemplate("%{~ if a ~}x%{~ else ~}y%{~ endif ~}${jsonencode(\"%{ if b }z%{ endif }\")}")?.error).toBeUndefined();
  });

  test(`stops at ${MAX_EXPRESSION_NESTING} levels of quoted strings inside interpolations instead of overflowing the stack`, () => {
    const deep = `${'${"'.repeat(MAX_EXPRESSION_NESTING + 5)}x${'"}'.repeat(MAX_EXPRESSION_NESTING + 5)}`;
    expect(scanTemplate(deep)?.error).toEqual({ kind: "tooDeep", limit: MAX_EXPRESSION_NESTING });
  });
});

describe("interpolatedExpression", () => {
  test("reads the expression of a string that is a single interpolation", () => {
    expect(interpolatedExpression("${okta_user.bird}")).toBe("okta_user.bird");
    expect(interpolatedExpression(' ${ okta_group.g[0] } ')).toBe("okta_group.g[0]");
    expect(interpolatedExpression('${"${x}"}')).toBe('"${x}"');
  });

  test("is undefined for anything else", () => {
    expect(interpolatedExpression("okta_user.bird")).toBeUndefined();
    expect(interpolatedExpression("${a}${b}")).toBeUndefined();
    expect(interpolatedExpression("${a} and ${b}")).toBeUndefined();
    expect(interpolatedExpression("${a")).toBeUndefined();
  });
});

describe("parseTraversal", () => {
  test("parses addresses written plainly, as Terraform's JSON syntax takes them, and not wrapped in ${}", () => {
    expect(parseTraversal("okta_user.bird")).toEqual({ root: "okta_user", steps: ["bird"], text: "okta_user.bird" });
    expect(parseTraversal(" okta.preview ")).toEqual({ root: "okta", steps: ["preview"], text: "okta.preview" });
    expect(parseTraversal("${okta.preview}")).toBeUndefined();
    expect(parseTraversal("status")).toEqual({ root: "status", steps: [], text: "status" });
    expect(parseTraversal("okta_user.x[count.index]")).toEqual({ root: "okta_user", steps: ["x", INDEX], text: "okta_user.x[count.index]" });
  });

  test("rejects anything that is not a single traversal", () => {
    expect(parseTraversal("okta_user bird")).toBeUndefined();
    expect(parseTraversal("upper(x)")).toBeUndefined();
    expect(parseTraversal("1.5")).toBeUndefined();
    expect(parseTraversal("")).toBeUndefined();
    expect(parseTraversal("a.b + c")).toBeUndefined();
  });
});
