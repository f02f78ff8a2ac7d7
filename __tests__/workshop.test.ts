import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { OktaGroup, OktaOrgStack, OktaUser, OktaUserSchemaProperty } from "../lib";
import { problems } from "./util";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parse } = require("@cdktf/hcl2json");

/** The README's walkthrough, verbatim. */
function workshop(stack: OktaOrgStack): void {
  new OktaUserSchemaProperty(stack, "dob_extension", {
    index: "date_of_birth",
    title: "Date of Birth",
    type: "string",
    master: "PROFILE_MASTER",
  });
  new OktaUserSchemaProperty(stack, "crn_extension", {
    index: "customer_reference_number",
    title: "Customer Reference Number",
    required: true,
    type: "string",
    master: "PROFILE_MASTER",
  });

  const bird = new OktaUser(stack, "bird", {
    firstName: "Selasphorus",
    lastName: "rufous",
    login: "rufous.hummingbird@example.com",
    email: "rufous.hummingbird@example.com",
    customProfile: { customer_reference_number: "CRN-0001" },
  });
  const butterfly = new OktaUser(stack, "butterfly", {
    firstName: "Papilio",
    lastName: "zelicaon",
    login: "swallowtail.butterfly@example.com",
    email: "swallowtail.butterfly@example.com",
    customProfile: { customer_reference_number: "CRN-0002" },
  });

  new OktaGroup(stack, "garden", {
    name: "The Garden",
    description: "Terraform created this group",
    members: [bird, butterfly],
  });
}

/** Resources by type and name, blocks unwrapped, cdktf's "//" metadata dropped. */
function resources(tf: any): Record<string, Record<string, any>> {
  const out: Record<string, Record<string, any>> = {};
  for (const [type, byName] of Object.entries<any>(tf.resource)) {
    for (const [name, body] of Object.entries<any>(byName)) {
      const { "//": _, ...rest } = Array.isArray(body) ? body[0] : body;
      (out[type] ??= {})[name] = rest;
    }
  }
  return out;
}

describe("the workshop, written with cdktf-okta", () => {
  test("synthesizes to JSON equivalent to the workshop's HCL", async () => {
    // GIVEN
    const hcl = fs.readFileSync(path.join(__dirname, "fixtures", "workshop", "main.tf"), "utf8");
    const expected = resources(await parse("main.tf", hcl));
    // The names and defaults that differ by design: memberships are named <group>_members, and
    // track_all_users is written out (false, the provider's default).
    expected.okta_group_memberships = {
      garden_members: { ...expected.okta_group_memberships.gardenmembers, track_all_users: false },
    };
    const stack = new OktaOrgStack(Testing.app(), "workshop", { orgName: "dev-1234567890", environment: "dev" });
    // WHEN
    workshop(stack);
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(resources(JSON.parse(Testing.synth(stack)))).toEqual(expected);
  });
});
