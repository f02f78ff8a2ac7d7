import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { OktaOrgStack } from "../lib";
import { workshop } from "./fixtures/workshop/workshop";
import { problems } from "./util";

const { parse } = require("@cdktf/hcl2json");

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
    // hcl2json writes references as "${...}"; depends_on takes bare addresses in Terraform's JSON.
    for (const byName of Object.values(expected)) {
      for (const body of Object.values<any>(byName)) {
        if (body.depends_on) body.depends_on = body.depends_on.map((d: string) => d.replace(/^\$\{(.*)\}$/, "$1"));
      }
    }
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
