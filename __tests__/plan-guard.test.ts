import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { guardPlan, TerraformJsonPlan } from "../lib";
import { runCdktfOkta } from "../lib/cli/program";

const FIXTURES = path.join(__dirname, "fixtures", "plan-guard");

function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** Writes `content` to a new temporary file named `name` and returns its path. */
function tempFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-guard-")), name);
  fs.writeFileSync(file, content);
  return file;
}

function readFixture(name: string): TerraformJsonPlan {
  return JSON.parse(fs.readFileSync(fixture(name), "utf8"));
}

/** Runs `cdktf-okta guard` and captures what it writes. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCdktfOkta(["guard", ...args], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A plan of one resource change. */
function planOf(address: string, actions: string[], change: Record<string, unknown> = {}): TerraformJsonPlan {
  const [type, name] = address.replace(/^module\.\w+\./, "").split(".");
  return {
    format_version: "1.2",
    resource_changes: [{ address, mode: "managed", type, name: name.replace(/\[.*$/, ""), change: { actions, ...change } }],
  };
}

describe("guardPlan", () => {
  test("finds a user that a rename without a moved block would delete", () => {
    // WHEN
    const result = guardPlan(readFixture("rename-without-moved.plan.json"));
    // THEN
    expect(result.findings).toEqual([
      { address: "okta_user.jane_doe", action: "delete", replacePaths: [], actionReason: "delete_because_no_resource_config", allowedBy: undefined },
    ]);
    expect(result.blocked).toBe(true);
    expect(result.counts).toEqual({ add: 1, change: 1, replace: 0, destroy: 1, forget: 0, imported: 0, moved: 0 });
  });

  test("finds a schema property replaced because its index changed, with the attribute that forces it", () => {
    // WHEN
    const result = guardPlan(readFixture("schema-index-changed.plan.json"));
    // THEN
    expect(result.findings).toEqual([
      {
        address: "okta_user_schema_property.crn_extension",
        action: "replace",
        replacePaths: ["index"],
        actionReason: "replace_because_cannot_update",
        allowedBy: undefined,
      },
    ]);
    expect(result.counts.replace).toBe(1);
  });

  test("renders replace paths with indexes and keys the way Terraform writes them", () => {
    // GIVEN
    const plan = planOf("okta_user.e1001", ["create", "delete"], {
      replace_paths: [["profile", 0, "email"], ["custom_profile_attributes", "cost center"]],
    });
    // WHEN
    const [finding] = guardPlan(plan).findings;
    // THEN
    expect(finding.replacePaths).toEqual(["profile[0].email", 'custom_profile_attributes["cost center"]']);
  });

  test("guards every guarded type and leaves memberships, updates and data sources alone outside production", () => {
    // GIVEN
    const types = [
      "okta_user",
      "okta_group",
      "okta_group_rule",
      "okta_user_schema_property",
      "okta_identity_source_user",
      "okta_identity_source_group",
      "okta_identity_source_group_membership",
    ];
    const plan: TerraformJsonPlan = {
      format_version: "1.2",
      resource_changes: [
        ...types.map((type) => ({ address: `${type}.x`, mode: "managed", type, change: { actions: ["delete"] } })),
        { address: "okta_group_memberships.m", mode: "managed", type: "okta_group_memberships", change: { actions: ["delete"] } },
        { address: "okta_user.updated", mode: "managed", type: "okta_user", change: { actions: ["update"] } },
        { address: "okta_user.forgotten", mode: "managed", type: "okta_user", change: { actions: ["forget"] } },
        { address: "data.okta_group.all", mode: "data", type: "okta_group", change: { actions: ["read"] } },
      ],
    };
    // WHEN
    const result = guardPlan(plan);
    // THEN
    expect(result.findings.map((f) => f.address)).toEqual(types.map((type) => `${type}.x`));
    expect(result.counts).toEqual({ add: 0, change: 1, replace: 0, destroy: 8, forget: 1, imported: 0, moved: 0 });
  });

  test("guards everything a production plan deletes, memberships included", () => {
    // WHEN
    const result = guardPlan(readFixture("prod-group-removed.plan.json"), { production: true });
    // THEN
    expect(result.findings.map((f) => f.address)).toEqual(["okta_group.legacy", "okta_group_memberships.legacy_members"]);
    expect(result.production).toBe(true);
    expect(result.blocked).toBe(true);
  });

  test("counts a moved user and an imported group, and finds nothing to guard", () => {
    // WHEN
    const result = guardPlan(readFixture("moved-user.plan.json"), { production: true });
    // THEN
    expect(result).toEqual({
      findings: [],
      blocked: false,
      production: true,
      counts: { add: 0, change: 0, replace: 0, destroy: 0, forget: 0, imported: 1, moved: 1 },
    });
  });

  test("an allow glob accepts the addresses it matches, and only those", () => {
    // GIVEN
    const plan: TerraformJsonPlan = {
      format_version: "1.2",
      resource_changes: ["okta_user.e1001", "okta_user.e2001", "module.hr.okta_user.staff[\"e1\"]"].map((address) => ({
        address,
        type: "okta_user",
        change: { actions: ["delete"] },
      })),
    };
    // WHEN
    const result = guardPlan(plan, { allow: ["okta_user.e1*", "module.hr.okta_user.staff[*]"] });
    // THEN
    expect(result.findings.map((f) => [f.address, f.allowedBy])).toEqual([
      ["okta_user.e1001", "okta_user.e1*"],
      ["okta_user.e2001", undefined],
      ['module.hr.okta_user.staff["e1"]', "module.hr.okta_user.staff[*]"],
    ]);
    expect(result.blocked).toBe(true);
  });

  test("an allow glob matches the whole address; ? matches one character", () => {
    // GIVEN
    const plan = planOf("okta_user.e1001", ["delete"]);
    // THEN
    expect(guardPlan(plan, { allow: ["okta_user.e1"] }).blocked).toBe(true);
    expect(guardPlan(plan, { allow: ["e1001"] }).blocked).toBe(true);
    expect(guardPlan(plan, { allow: ["okta_user.e100?"] }).blocked).toBe(false);
    expect(guardPlan(plan, { allow: ["okta_user.e10?"] }).blocked).toBe(true);
  });

  test("a plan without resource changes passes", () => {
    expect(guardPlan({ format_version: "1.2" }, { production: true }).blocked).toBe(false);
  });
});

describe("cdktf-okta guard", () => {
  test("exits 0 with a one-line summary when every change is a creation", async () => {
    // WHEN
    const result = await run(fixture("all-create.plan.json"));
    // THEN
    expect(result).toEqual({
      code: 0,
      out: `cdktf-okta-guard: ${fixture("all-create.plan.json")}: 3 to add, 0 to change, 0 to replace, 0 to destroy; nothing guarded is destroyed or replaced.`,
      err: "",
    });
  });

  test("exits 1 and lists the user a rename would delete, with how to allow it", async () => {
    // WHEN
    const result = await run(fixture("rename-without-moved.plan.json"));
    // THEN
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        `cdktf-okta-guard: ${fixture("rename-without-moved.plan.json")}: 1 to add, 1 to change, 0 to replace, 1 to destroy; 1 change would delete or replace users, groups, group rules, schema properties or identity-source records (their Okta ids, memberships and history go with them):`,
        "  okta_user.jane_doe: delete (delete_because_no_resource_config)",
        "If that is intended, allow it: --allow 'okta_user.jane_doe' (a glob allows several, e.g. --allow 'okta_user.old_*').",
      ].join("\n"),
    );
  });

  test("exits 1 for a schema property replaced because its index changed", async () => {
    // WHEN
    const result = await run(fixture("schema-index-changed.plan.json"));
    // THEN
    expect(result.code).toBe(1);
    expect(result.out.split("\n").slice(1)).toEqual([
      "  okta_user_schema_property.crn_extension: replace, forced by index (replace_because_cannot_update)",
      "If that is intended, allow it: --allow 'okta_user_schema_property.crn_extension' (a glob allows several, e.g. --allow 'okta_user.old_*').",
    ]);
  });

  test("exits 0 when --allow accepts the removed user, and lists it as allowed", async () => {
    // WHEN
    const result = await run("--allow", "okta_user.e1*", fixture("user-removed.plan.json"));
    // THEN
    expect(result).toEqual({
      code: 0,
      out: [
        `cdktf-okta-guard: ${fixture("user-removed.plan.json")}: 0 to add, 1 to change, 0 to replace, 1 to destroy; 1 guarded change, allowed:`,
        "  okta_user.e1001: delete (delete_because_no_resource_config), allowed by 'okta_user.e1*'",
      ].join("\n"),
      err: "",
    });
  });

  test("with --production, exits 1 for every deletion, memberships included", async () => {
    // WHEN
    const result = await run("--production", fixture("prod-group-removed.plan.json"));
    // THEN
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        `cdktf-okta-guard: ${fixture("prod-group-removed.plan.json")}: 0 to add, 1 to change, 0 to replace, 2 to destroy; 2 changes would delete or replace objects of a production org:`,
        "  okta_group.legacy: delete (delete_because_no_resource_config)",
        "  okta_group_memberships.legacy_members: delete (delete_because_no_resource_config)",
        "If they are intended, allow them: --allow 'okta_group.legacy' --allow 'okta_group_memberships.legacy_members' (a glob allows several, e.g. --allow 'okta_user.old_*').",
      ].join("\n"),
    );
  });

  test("without --production, only the group is guarded: allowing it lets the plan pass", async () => {
    // WHEN
    const result = await run("--allow", "okta_group.legacy", fixture("prod-group-removed.plan.json"));
    // THEN
    expect(result.code).toBe(0);
  });

  test("counts imports and moves in the summary", async () => {
    // WHEN
    const result = await run("--production", fixture("moved-user.plan.json"));
    // THEN
    expect(result).toEqual({
      code: 0,
      out: `cdktf-okta-guard: ${fixture("moved-user.plan.json")}: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 imported, 1 moved; nothing is destroyed or replaced in this production stack.`,
      err: "",
    });
  });

  test("quotes addresses with for_each keys so the allow hint can be pasted into a shell", async () => {
    // GIVEN
    const file = tempFile("plan.json", JSON.stringify(planOf(`okta_user.staff["o'brien"]`, ["delete"])));
    // WHEN
    const result = await run(file);
    // THEN
    expect(result.out.split("\n")[2]).toBe(
      `If that is intended, allow it: --allow 'okta_user.staff["o'\\''brien"]' (a glob allows several, e.g. --allow 'okta_user.old_*').`,
    );
  });

  describe("exits 2 for bad input, naming the file and what is wrong", () => {
    test("a missing file", async () => {
      const result = await run(fixture("nope.plan.json"));
      expect(result).toEqual({
        code: 2,
        out: "",
        err: `cdktf-okta-guard: ${fixture("nope.plan.json")} cannot be read (no such file); give the JSON plan written by \`terraform show -json PLANFILE > ${fixture("nope.plan.json")}\`.`,
      });
    });

    test("a directory", async () => {
      expect((await run(FIXTURES)).err).toBe(
        `cdktf-okta-guard: ${FIXTURES} cannot be read (it is a directory); give the JSON plan written by \`terraform show -json PLANFILE > ${FIXTURES}\`.`,
      );
    });

    test("an empty file, as a failed terraform show leaves behind", async () => {
      const file = tempFile("okta-dev.plan.json", "");
      expect(await run(file)).toEqual({
        code: 2,
        out: "",
        err: `cdktf-okta-guard: ${file} is empty; the \`terraform show -json PLANFILE > ${file}\` that wrote it probably failed, see its output.`,
      });
    });

    test("a truncated file", async () => {
      const result = await run(fixture("truncated.plan.json"));
      expect(result.code).toBe(2);
      expect(result.err).toMatch(
        new RegExp(
          `^cdktf-okta-guard: ${escape(fixture("truncated.plan.json"))} is not valid JSON \\(.+\\); give the output of \`terraform show -json PLANFILE\` alone \\(in GitHub Actions, set terraform_wrapper: false in hashicorp/setup-terraform\\)\\.$`,
        ),
      );
    });

    test("JSON that is a state, not a plan", async () => {
      expect(await run(fixture("state.json"))).toEqual({
        code: 2,
        out: "",
        err: `cdktf-okta-guard: ${fixture("state.json")} is JSON but not a Terraform plan: expected the output of \`terraform show -json PLANFILE\`, an object with "format_version" and "resource_changes" (\`terraform show -json\` without a plan file prints the state instead).`,
      });
    });

    test("another format version", async () => {
      const file = tempFile("plan.json", JSON.stringify({ format_version: "2.0", resource_changes: [] }));
      expect((await run(file)).err).toBe(
        `cdktf-okta-guard: ${file} has format_version "2.0"; the guard reads Terraform's JSON plan format 1.x, which Terraform 1.0 and later write.`,
      );
    });

    test("a resource change without actions", async () => {
      const file = tempFile("plan.json", JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "okta_user.x", type: "okta_user", change: {} }] }));
      expect(await run(file)).toEqual({
        code: 2,
        out: "",
        err: `cdktf-okta-guard: ${file}: resource_changes[0] (okta_user.x) has no "change.actions" list; every resource change needs "address", "type" and "change.actions" (a list of strings), as \`terraform show -json\` writes them.`,
      });
    });

    test("no plan, two plans, an unknown option or an empty --allow", async () => {
      const seeHelp = "Run `cdktf-okta guard --help` for its arguments and options.";
      expect(await run()).toEqual({ code: 2, out: "", err: `error: missing required argument 'plan'\n${seeHelp}` });
      expect(await run("a.json", "b.json")).toEqual({ code: 2, out: "", err: `error: too many arguments for 'guard'. Expected 1 argument but got 2.\n${seeHelp}` });
      expect(await run("--prod", "a.json")).toEqual({ code: 2, out: "", err: `error: unknown option '--prod'\n${seeHelp}` });
      expect(await run("--allow", "", "a.json")).toEqual({
        code: 2,
        out: "",
        err: `cdktf-okta guard: --allow "" is an empty glob, which matches no address; give a glob over whole addresses ("*" matches any characters, "?" one), e.g. --allow 'okta_user.old_*'.`,
      });
    });
  });

  test("--json prints the plan file and the guard's result, and exits 1 when the plan is blocked", async () => {
    // WHEN
    const result = await run("--json", fixture("rename-without-moved.plan.json"));
    // THEN
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      plan: fixture("rename-without-moved.plan.json"),
      ...guardPlan(readFixture("rename-without-moved.plan.json")),
    });
    expect(JSON.parse(result.out).findings).toEqual([{ address: "okta_user.jane_doe", action: "delete", replacePaths: [], actionReason: "delete_because_no_resource_config" }]);
  });

  test("--help prints the usage and exits 0", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.out.split("\n")[0]).toBe("Usage: cdktf-okta guard [options] <plan>");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
