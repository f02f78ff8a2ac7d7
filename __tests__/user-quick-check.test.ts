/**
 * validateUser answers most users with a quick check that builds no place and no message
 * (plainlyValid); it may pass only a user the full checks find nothing wrong with.
 */
import fc from "fast-check";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { UserEntry } from "../lib/core/entries";
import { OktaUserProps } from "../lib/core/model";
import { plainlyValid, userProblems } from "../lib/core/rules";
import { orgStack } from "./util";

const stack = orgStack();
const token = new TerraformVariable(stack, "domain", { type: "string" }).stringValue;
let users = 0;

/** An entry for `props`, as the directory holds one for each OktaUser. */
function entryOf(props: OktaUserProps): UserEntry {
  const construct = new Construct(stack, `user${users++}`);
  return { construct, address: construct.node.id, props, hasResource: false, renderAttributes: () => ({}) } as unknown as UserEntry;
}

const local = (length: number) => `${"a".repeat(Math.max(1, length - "@example.com".length))}@example.com`;

/** Values near every limit and rule the checks know: lengths around 50 and 100, spaces, invisible characters, tokens, statuses. */
const text = fc.oneof(
  fc.constantFrom("", " ", "Ada", " Ada", "Ada ", "A\u00A0da", "A\u200Bda", "A\tda", "Lovelace", "😀".repeat(50), "😀".repeat(51)),
  fc.constantFrom("F".repeat(49), "F".repeat(50), "F".repeat(51), "1".repeat(100), "1".repeat(101)),
  fc.constantFrom(local(99), local(100), local(101), "ada@example.com", "ada@", "not a login", `ada@${token}`, "ADA@EXAMPLE.COM"),
  fc.string({ maxLength: 12 }),
);
const status = fc.constantFrom(undefined, "ACTIVE", "STAGED", "SUSPENDED", "DEPROVISIONED", "ACTIV", " ACTIVE");
/** Mostly a good value, sometimes any of `text`: most users have one doubtful field or none, where the quick check must decide. */
const mostly = (good: string) => fc.oneof({ weight: 6, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: text });
const optional = (good: string) => fc.option(mostly(good), { nil: undefined });
const user = fc.record(
  {
    login: mostly("ada@example.com"),
    email: mostly("ada@example.com"),
    firstName: mostly("Ada"),
    lastName: mostly("Lovelace"),
    secondEmail: optional("a.lovelace@example.org"),
    primaryPhone: optional("+44 20 7946 0000"),
    mobilePhone: optional("+44 7700 900000"),
    department: optional("Engineering"),
    status,
  },
  { requiredKeys: ["login", "email", "firstName", "lastName"] },
);

describe("validateUser's quick check", () => {
  test("passes only users the full checks find nothing wrong with, with the org's login pattern or without", () => {
    let passed = 0;
    fc.assert(
      fc.property(user, fc.boolean(), fc.boolean(), (props, sameEmail, customLoginPattern) => {
        const p = { ...props, ...(sameEmail ? { email: props.login } : {}) } as OktaUserProps;
        const quick = plainlyValid(p, customLoginPattern);
        if (quick) passed++;
        return !quick || userProblems(entryOf(p), customLoginPattern).length === 0;
      }),
      { numRuns: 3000 },
    );
    // (The property says something only if the quick check passed many users: about a fifth of these.)
    expect(passed).toBeGreaterThan(300);
  });

  test("passes a plain user, so that most users skip the full checks", () => {
    const p = { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", department: "Engineering", status: "ACTIVE" } as const;
    expect(plainlyValid(p, false)).toBe(true);
    expect(plainlyValid({ ...p, login: "ada" }, true)).toBe(true);
  });

  test("leaves to the full checks a value near a limit, a token, and an email that only the org's login pattern would let through", () => {
    const p = { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
    expect(plainlyValid({ ...p, login: local(101), email: local(101) }, false)).toBe(false);
    expect(plainlyValid({ ...p, login: `ada@${token}` }, false)).toBe(false);
    expect(plainlyValid({ ...p, login: "ada", email: "ada" }, true)).toBe(false);
    const entry = entryOf({ ...p, login: "ada", email: "ada" });
    expect(userProblems(entry, true)).toEqual([
      { id: "okta:user/bad-email", severity: "error", message: `okta-dev/${entry.address}: email "ada" is not a valid email address; use the form "name@example.com".` },
    ]);
  });
});
