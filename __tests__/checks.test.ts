import fc from "fast-check";
import { isEmail, isLogin, isTerraformName, MAX_LOGIN_LENGTH } from "../lib/core/checks";
import { isValidIndex } from "../lib/core/rules";
import { OktaUserSchemaProperty } from "../lib/constructs/schema-property";

const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789");
const word = (min: number, max: number) => fc.array(alnum, { minLength: min, maxLength: max }).map((a) => a.join(""));
const reserved = new Set(OktaUserSchemaProperty.RESERVED_INDEXES.map((r) => r.toLowerCase()));

const validEmail = fc
  .tuple(fc.array(word(1, 10), { minLength: 1, maxLength: 3 }), fc.array(word(1, 10), { minLength: 2, maxLength: 4 }))
  .map(([local, domain]) => `${local.join(".")}@${domain.join(".")}`);

describe("login and email syntax", () => {
  test("accepts every local@domain.tld address made of letters, digits and dots", () => {
    fc.assert(fc.property(validEmail, (email) => isEmail(email) && (email.length > MAX_LOGIN_LENGTH || isLogin(email))));
  });

  test("rejects any address with whitespace in it", () => {
    fc.assert(
      fc.property(validEmail, fc.nat(), fc.constantFrom(" ", "\t", "\n"), (email, at, space) => {
        const i = at % (email.length + 1);
        return !isEmail(email.slice(0, i) + space + email.slice(i));
      }),
    );
  });

  test("rejects an address without exactly one @", () => {
    fc.assert(fc.property(validEmail, (email) => !isEmail(email.replace("@", "")) && !isEmail(email.replace("@", "@@"))));
  });

  test("rejects a domain without a dot, an empty local part and a login over 100 characters", () => {
    expect(isEmail("bird@localhost")).toBe(false);
    expect(isEmail("@example.com")).toBe(false);
    expect(isEmail("a..b@example.com")).toBe(false);
    expect(isLogin(`${"a".repeat(89)}@example.com`)).toBe(false);
    expect(isLogin(`${"a".repeat(88)}@example.com`)).toBe(true);
  });
});

describe("schema property index", () => {
  test("accepts a letter followed by letters, digits and underscores, unless reserved", () => {
    const index = fc
      .tuple(letter, fc.array(fc.constantFrom(..."abcXYZ019_"), { maxLength: 20 }))
      .map(([first, rest]) => first + rest.join(""));
    fc.assert(fc.property(index, (i) => isValidIndex(i) === !reserved.has(i.toLowerCase())));
  });

  test("rejects an index that starts with anything but a letter or holds another character", () => {
    const bad = fc.oneof(
      fc.tuple(fc.constantFrom(..."0123456789_-. "), word(0, 8)).map(([a, b]) => a + b),
      fc.tuple(letter, word(0, 5), fc.constantFrom(..."-. @$/"), word(0, 5)).map((p) => p.join("")),
    );
    fc.assert(fc.property(bad, (i) => !isValidIndex(i)));
  });

  test("rejects every reserved name in any case", () => {
    fc.assert(fc.property(fc.constantFrom(...OktaUserSchemaProperty.RESERVED_INDEXES), fc.boolean(), (r, upper) => !isValidIndex(upper ? r.toUpperCase() : r)));
  });
});

describe("Terraform names", () => {
  test("accept letters, digits, underscores and dashes after a letter or underscore", () => {
    expect(["bird", "_x", "a-b_9"].every(isTerraformName)).toBe(true);
    expect(["9a", "a b", "a.b", "", "-a"].some(isTerraformName)).toBe(false);
  });
});
