import { OktaUser } from "../lib";
import { orgStack, problems } from "./util";

describe("messages", () => {
  test("quote a received value cut to 80 characters, saying how long it was", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "R", status: "X".repeat(5000) as "ACTIVE" });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/bird: status is "${"X".repeat(78)}… (5000 characters); allowed values are "ACTIVE", "STAGED", "SUSPENDED", "DEPROVISIONED".`,
    ]);
  });
});
