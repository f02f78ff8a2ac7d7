import { Testing } from "cdktf";
import { OktaUserBaseSchemaProperty, OktaUserSchemaProperty } from "../lib";
import { orgStack, problems, synthJson } from "./util";

const strip = ({ "//": _, ...rest }: any) => rest;

describe("OktaUserSchemaProperty", () => {
  test("renders every option with its snake_case attribute", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "tier", {
      index: "tier", title: "Tier", type: "string", description: "Support tier", required: false, master: "OVERRIDE",
      masterOverridePriority: [{ type: "ORG_APP", value: "0oa1" }, { value: "OKTA" }], permissions: "READ_WRITE", scope: "SELF",
      unique: "NOT_UNIQUE", oneOf: [{ const: "gold", title: "Gold" }], minLength: 1, maxLength: 10, pattern: "[a-z]+",
      externalName: "tier", externalNamespace: "urn:hr", userType: "oty1",
    });
    // THEN
    expect(strip(synthJson(stack).resource.okta_user_schema_property.tier)).toEqual({
      index: "tier", title: "Tier", type: "string", description: "Support tier", required: false, master: "OVERRIDE",
      master_override_priority: [{ type: "ORG_APP", value: "0oa1" }, { value: "OKTA" }], permissions: "READ_WRITE", scope: "SELF",
      unique: "NOT_UNIQUE", one_of: [{ const: "gold", title: "Gold" }], min_length: 1, max_length: 10, pattern: "[a-z]+",
      external_name: "tier", external_namespace: "urn:hr", user_type: "oty1",
    });
    expect(problems(stack)).toEqual([]);
  });

  test("chains the org's schema properties with depends_on in declaration order", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "a", { index: "a", title: "A", type: "string" });
    new OktaUserBaseSchemaProperty(stack, "phone", { index: "mobilePhone", title: "Mobile phone", required: true });
    new OktaUserSchemaProperty(stack, "c", { index: "c", title: "C", type: "boolean" });
    // THEN
    const json = synthJson(stack).resource;
    expect(json.okta_user_schema_property.a.depends_on).toBeUndefined();
    expect(json.okta_user_base_schema_property.phone.depends_on).toEqual(["okta_user_schema_property.a"]);
    expect(json.okta_user_schema_property.c.depends_on).toEqual(["okta_user_base_schema_property.phone"]);
  });

  test("renamedFrom and importId move and adopt a property", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "date_of_birth", { index: "date_of_birth", title: "DoB", type: "string", renamedFrom: "dob", importId: "date_of_birth" });
    // THEN
    const json = synthJson(stack);
    expect(json.moved).toEqual([{ from: "okta_user_schema_property.dob", to: "okta_user_schema_property.date_of_birth" }]);
    expect(json.import).toEqual([{ to: "okta_user_schema_property.date_of_birth", id: "date_of_birth" }]);
  });

  test("fails on an unknown type, master, permissions, scope, unique or arrayType", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "p", {
      index: "p", title: "P", type: "str" as any, master: "HR" as any, permissions: "WRITE" as any, scope: "ALL" as any, unique: "YES" as any, arrayType: "object" as any,
    });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/p: type is "str"; allowed values are "string", "boolean", "number", "integer", "array".',
      'okta-dev/p: master is "HR"; allowed values are "PROFILE_MASTER", "OKTA", "OVERRIDE".',
      'okta-dev/p: permissions is "WRITE"; allowed values are "READ_ONLY", "READ_WRITE", "HIDE".',
      'okta-dev/p: arrayType is "object"; allowed values are "string", "number", "integer", "boolean".',
      'okta-dev/p: scope is "ALL"; allowed values are "NONE", "SELF".',
      'okta-dev/p: unique is "YES"; allowed values are "UNIQUE_VALIDATED", "NOT_UNIQUE".',
      'okta-dev/p: arrayType is only allowed when type is "array", but type is "str"; remove arrayType or set type: "array".',
    ]);
  });

  test("fails when master OVERRIDE has no priority, or a priority has no OVERRIDE", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "a", { index: "a", title: "A", type: "string", master: "OVERRIDE" });
    new OktaUserSchemaProperty(stack, "b", { index: "b", title: "B", type: "string", masterOverridePriority: [{ value: "0oa1" }] });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/a: master is "OVERRIDE" but masterOverridePriority is empty; list the profile sources in priority order, e.g. [{ type: "ORG_APP", value: "<app id>" }], or use master "PROFILE_MASTER".',
      'okta-dev/b: masterOverridePriority is set but master is "PROFILE_MASTER"; set master: "OVERRIDE" or remove masterOverridePriority.',
    ]);
  });

  test("fails when enum or oneOf is combined with unique or an array type, or values do not fit the type", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "a", { index: "a", title: "A", type: "string", enum: ["x"], unique: "UNIQUE_VALIDATED" });
    new OktaUserSchemaProperty(stack, "b", { index: "b", title: "B", type: "array", arrayType: "string", oneOf: [{ const: "x", title: "X" }] });
    new OktaUserSchemaProperty(stack, "c", { index: "c", title: "C", type: "integer", enum: ["1", "two"] });
    new OktaUserSchemaProperty(stack, "d", { index: "d", title: "D", type: "array" });
    new OktaUserSchemaProperty(stack, "e", { index: "e", title: "E", type: "array", arrayType: "string", maxLength: 3 });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/a: enum/oneOf cannot be combined with unique: \"UNIQUE_VALIDATED\"; remove one of them.",
      "okta-dev/b: enum/oneOf cannot be combined with type \"array\"; use arrayEnum/arrayOneOf for the items of an array property.",
      'okta-dev/c: enum contains "two", which is not a integer; every value must match the property\'s type.',
      'okta-dev/d: type is "array" but arrayType is missing; set arrayType to "string", "number", "integer" or "boolean".',
      'okta-dev/e: minLength/maxLength only apply to string properties, but type is "array"; remove them.',
    ]);
  });

  test("fails on an invalid or reserved index, an empty title, and lengths on a non-string", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "a", { index: "2fa-code", title: "", type: "string" });
    new OktaUserSchemaProperty(stack, "b", { index: "Status", title: "S", type: "number", minLength: 5, maxLength: 2 });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/a: title is empty; give it a value.",
      'okta-dev/a: index "2fa-code" is not a valid Okta variable name; start with a letter and use only letters, digits and underscores, e.g. "attr_2fa_code".',
      'okta-dev/b: index "Status" is reserved by Okta; choose another name, e.g. "Status_attr".',
      'okta-dev/b: minLength/maxLength only apply to string properties, but type is "number"; remove them.',
      "okta-dev/b: minLength 5 is greater than maxLength 2; swap them or fix one.",
    ]);
  });

  test("fails when an index is declared twice or more than 5 properties are unique", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    for (let i = 0; i < 6; i++) new OktaUserSchemaProperty(stack, `u${i}`, { index: `u${i}`, title: "U", type: "string", unique: "UNIQUE_VALIDATED" });
    new OktaUserSchemaProperty(stack, "again", { index: "u0", title: "U", type: "string" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/u0 and okta-dev/again: both declare the user schema property "u0"; each index may be declared once per org. Remove one.',
      'okta-dev/u0, okta-dev/u1, okta-dev/u2, okta-dev/u3, okta-dev/u4, okta-dev/u5: 6 user schema properties are unique: "UNIQUE_VALIDATED", Okta allows at most 5 per user type. Make the others "NOT_UNIQUE".',
    ]);
  });
});

describe("schema property indexes named like Object.prototype members", () => {
  test("are ordinary indexes: valid, and declared once per org", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserSchemaProperty(stack, "a", { index: "constructor", title: "A", type: "string" });
    new OktaUserSchemaProperty(stack, "b", { index: "constructor", title: "B", type: "string" });
    new OktaUserSchemaProperty(stack, "c", { index: "toString", title: "C", type: "string" });
    new OktaUserSchemaProperty(stack, "d", { index: "__proto__", title: "D", type: "string" });
    new OktaUserBaseSchemaProperty(stack, "e", { index: "hasOwnProperty", title: "E" });
    // THEN
    expect(problems(stack)).toEqual([
      'okta-dev/d: index "__proto__" is not a valid Okta variable name; start with a letter and use only letters, digits and underscores, e.g. "proto".',
      `okta-dev/e: index "hasOwnProperty" is not one of Okta's base attributes (${OktaUserBaseSchemaProperty.BASE_INDEXES.map((i) => `"${i}"`).join(", ")}); to add an attribute of your own use OktaUserSchemaProperty.`,
      'okta-dev/a and okta-dev/b: both declare the user schema property "constructor"; each index may be declared once per org. Remove one.',
    ]);
  });
});

describe("OktaUserBaseSchemaProperty", () => {
  test("renders okta_user_base_schema_property with type string by default", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserBaseSchemaProperty(stack, "phone", { index: "mobilePhone", title: "Mobile phone", required: true, permissions: "READ_WRITE" });
    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(require("../.gen/providers/okta/user-base-schema-property").UserBaseSchemaProperty, {
      index: "mobilePhone", title: "Mobile phone", type: "string", required: true, permissions: "READ_WRITE",
    });
  });

  test("fails when a base property is mastered by OVERRIDE", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserBaseSchemaProperty(stack, "phone", { index: "mobilePhone", title: "Mobile", master: "OVERRIDE" as any });
    // THEN
    expect(problems(stack)).toEqual(['okta-dev/phone: master is "OVERRIDE"; allowed values are "PROFILE_MASTER", "OKTA".']);
  });

  test("fails when the index is not a base attribute", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUserBaseSchemaProperty(stack, "x", { index: "phone", title: "Phone" });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/x: index "phone" is not one of Okta's base attributes (${OktaUserBaseSchemaProperty.BASE_INDEXES.map((i) => `"${i}"`).join(", ")}); to add an attribute of your own use OktaUserSchemaProperty.`,
    ]);
  });
});
