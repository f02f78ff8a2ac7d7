import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { formatPromotionDiff, hasDifferences, OktaGroup, OktaOrgStack, OktaUser, promotionDiff, SynthesizedStack } from "../lib";
import { runCdktfOkta } from "../lib/cli/program";

const FIXTURES = path.join(__dirname, "fixtures", "promotion-diff");
const DEV_DIR = path.join(FIXTURES, "okta-dev");
const PROD_DIR = path.join(FIXTURES, "okta-prod");
const dev: SynthesizedStack = JSON.parse(fs.readFileSync(path.join(DEV_DIR, "cdk.tf.json"), "utf8"));
const prod: SynthesizedStack = JSON.parse(fs.readFileSync(path.join(PROD_DIR, "cdk.tf.json"), "utf8"));

/** What JSON.parse says about `text` (worded by the JavaScript engine). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the text is valid JSON");
}

/** A cdktf output directory holding the given stacks. */
function outdir(stacks: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promotion-diff-"));
  for (const [name, tf] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(tf));
  }
  return dir;
}

/** Runs `cdktf-okta promotion-diff` and captures what it writes. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCdktfOkta(["promotion-diff", ...args], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("promotionDiff", () => {
  test("reports exactly what production would gain, lose and change, attribute by attribute", () => {
    // WHEN
    const diff = promotionDiff(dev, prod);
    // THEN
    expect(diff).toEqual({
      added: ["okta_user.test_engineer"],
      removed: ["okta_group.legacy"],
      moved: [],
      changed: [
        {
          address: "okta_group.garden",
          attributes: [{ path: "description", before: "The garden, before the rename", after: "Terraform created this group" }],
        },
        {
          address: "okta_group_memberships.garden_members",
          attributes: [{ path: "users", before: ["${okta_user.bird.id}"], after: ["${okta_user.bird.id}", "${okta_user.test_engineer.id}"] }],
        },
        {
          address: "okta_user.bird",
          attributes: [{ path: "custom_profile_attributes.date_of_birth", before: undefined, after: "1990-01-01" }],
        },
        {
          address: "okta_user_schema_property.crn_extension",
          attributes: [
            { path: "lifecycle", before: { ignore_changes: ["title"] }, after: undefined },
            { path: "master_override_priority[0].value", before: "0oa-hr-prod", after: "0oa-hr" },
          ],
        },
      ],
      ignored: [],
    });
    expect(hasDifferences(diff)).toBe(true);
  });

  test("ignores cdktf metadata, prevent_destroy, provider configuration, backends and depends_on spelling", () => {
    // GIVEN: okta_group.engineering differs only in "//" metadata and prevent_destroy; the stacks'
    // providers and backends differ; okta_user.bird's depends_on is spelled with and without ${}
    // WHEN
    const diff = promotionDiff(dev, prod);
    // THEN
    const addresses = [...diff.added, ...diff.removed, ...diff.changed.map((c) => c.address)];
    expect(addresses).not.toContain("okta_group.engineering");
    expect(addresses).not.toContain("data.okta_group.everyone");
    expect(diff.changed.find((c) => c.address === "okta_user.bird")?.attributes.map((a) => a.path)).toEqual(["custom_profile_attributes.date_of_birth"]);
  });

  test("ignored addresses drop out, and so do the list entries that reference them", () => {
    // WHEN
    const diff = promotionDiff(dev, prod, { ignore: ["okta_user.test_*"] });
    // THEN
    expect(diff.added).toEqual([]);
    expect(diff.ignored).toEqual(["okta_user.test_engineer"]);
    expect(diff.changed.map((c) => c.address)).toEqual(["okta_group.garden", "okta_user.bird", "okta_user_schema_property.crn_extension"]);
  });

  test("a stack compared with itself has no differences", () => {
    expect(hasDifferences(promotionDiff(prod, prod))).toBe(false);
  });

  test("compares two stacks synthesized by OktaOrgStack: production's prevent_destroy is no difference", () => {
    // GIVEN
    const app = Testing.app();
    const stacks = ["okta-dev", "okta-prod"].map((id) => {
      const stack = new OktaOrgStack(app, id, { orgName: id, environment: id, production: id === "okta-prod" });
      const garden = new OktaGroup(stack, "garden", { name: "The Garden", description: id === "okta-dev" ? "new" : "old" });
      new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "B", lastName: "Ird", groups: [garden] });
      if (id === "okta-dev") new OktaUser(stack, "test_engineer", { login: "t@example.com", email: "t@example.com", firstName: "T", lastName: "E", groups: [garden] });
      return JSON.parse(Testing.synth(stack));
    });
    // WHEN
    const diff = promotionDiff(stacks[0], stacks[1], { ignore: ["okta_user.test_engineer"] });
    // THEN
    expect(diff).toEqual({
      added: [],
      removed: [],
      moved: [],
      changed: [{ address: "okta_group.garden", attributes: [{ path: "description", before: "old", after: "new" }] }],
      ignored: ["okta_user.test_engineer"],
    });
  });
});

/** okta-dev renamed okta_user.bird (renamedFrom) and changed its first name; okta-prod is the synth from before. */
function renamedBird(): { dev: SynthesizedStack; prod: SynthesizedStack } {
  const app = Testing.app();
  const [dev, prod] = ["okta-dev", "okta-prod"].map((id) => {
    const stack = new OktaOrgStack(app, id, { orgName: id, environment: id });
    const renamed = id === "okta-dev";
    const bird = new OktaUser(stack, renamed ? "hummingbird" : "bird", {
      login: "bird@example.com", email: "bird@example.com", firstName: renamed ? "Humming" : "B", lastName: "Ird", ...(renamed ? { renamedFrom: "bird" } : {}),
    });
    new OktaGroup(stack, "garden", { name: "The Garden", members: [bird] });
    return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  });
  return { dev, prod };
}

describe("promotionDiff moves", () => {
  test("a renamedFrom is one move, compared across it; references to the old address are no difference", () => {
    // GIVEN
    const { dev, prod } = renamedBird();
    // WHEN
    const diff = promotionDiff(dev, prod);
    // THEN
    expect(diff).toEqual({
      added: [],
      removed: [],
      moved: [{ from: "okta_user.bird", to: "okta_user.hummingbird" }],
      changed: [{ address: "okta_user.hummingbird", attributes: [{ path: "first_name", before: "B", after: "Humming" }] }],
      ignored: [],
    });
    expect(formatPromotionDiff(diff, { from: "okta-dev", to: "okta-prod" })).toBe(
      [
        "Promoting okta-dev into okta-prod: 0 to add, 0 to remove, 1 to change, 1 to move.",
        "> okta_user.bird -> okta_user.hummingbird",
        '~ okta_user.hummingbird: first_name "B" -> "Humming"',
      ].join("\n"),
    );
  });

  test("a moved block only in the target, or one whose old address the source still has, is no move", () => {
    // GIVEN
    const user = { login: "b", email: "b", first_name: "B", last_name: "R" };
    const moved = [{ from: "okta_user.bird", to: "okta_user.hummingbird" }];
    // THEN
    expect(promotionDiff({ resource: { okta_user: { bird: user } } }, { resource: { okta_user: { hummingbird: user } }, moved })).toMatchObject({
      added: ["okta_user.bird"], removed: ["okta_user.hummingbird"], moved: [],
    });
    expect(promotionDiff({ resource: { okta_user: { bird: user, hummingbird: user } }, moved }, { resource: { okta_user: { bird: user } } })).toMatchObject({
      added: ["okta_user.hummingbird"], removed: [], moved: [],
    });
  });
});

describe("formatPromotionDiff", () => {
  test("prints one line per difference: + gained, - lost, ~ changed (target value -> promoted value)", () => {
    expect(formatPromotionDiff(promotionDiff(dev, prod), { from: "okta-dev", to: "okta-prod" })).toBe(
      [
        "Promoting okta-dev into okta-prod: 1 to add, 1 to remove, 4 to change.",
        "+ okta_user.test_engineer",
        "- okta_group.legacy",
        '~ okta_group.garden: description "The garden, before the rename" -> "Terraform created this group"',
        '~ okta_group_memberships.garden_members: users ["${okta_user.bird.id}"] -> ["${okta_user.bird.id}","${okta_user.test_engineer.id}"]',
        '~ okta_user.bird: custom_profile_attributes.date_of_birth (absent) -> "1990-01-01"',
        '~ okta_user_schema_property.crn_extension: lifecycle {"ignore_changes":["title"]} -> (absent)',
        '~ okta_user_schema_property.crn_extension: master_override_priority[0].value "0oa-hr-prod" -> "0oa-hr"',
      ].join("\n"),
    );
  });

  test("never prints a sensitive value", () => {
    // GIVEN two stacks whose users differ in their password (a sensitive argument)
    const stackWith = (password: string): SynthesizedStack => ({ resource: { okta_user: { bird: { login: "b", email: "b", first_name: "B", last_name: "R", password } } } });
    // THEN
    expect(formatPromotionDiff(promotionDiff(stackWith("hunter2"), stackWith("correct horse")))).toBe(
      ["Promoting from into to: 0 to add, 0 to remove, 1 to change.", "~ okta_user.bird: password (sensitive value) -> (sensitive value)"].join("\n"),
    );
  });

  test("says so when there is nothing to promote, and lists what was ignored", () => {
    expect(formatPromotionDiff({ added: [], removed: [], moved: [], changed: [], ignored: ["okta_user.test_engineer"] }, { from: "okta-dev", to: "okta-prod" })).toBe(
      "No differences: okta-prod already has the resources of okta-dev.\nIgnored: okta_user.test_engineer",
    );
  });
});

describe("cdktf-okta promotion-diff", () => {
  test("prints the report and exits 0 (stack directories)", async () => {
    const result = await run("--from", DEV_DIR, "--to", PROD_DIR);
    expect(result.code).toBe(0);
    expect(result.out.split("\n")).toContain("+ okta_user.test_engineer");
    expect(result.err).toBe("");
  });

  test("exits 1 with --fail-on-diff when there are differences (cdk.tf.json files)", async () => {
    const result = await run("--from", path.join(DEV_DIR, "cdk.tf.json"), "--to", path.join(PROD_DIR, "cdk.tf.json"), "--fail-on-diff");
    expect(result.code).toBe(1);
  });

  test("exits 0 with --fail-on-diff when there is nothing to promote", async () => {
    expect((await run("--from", PROD_DIR, "--to", PROD_DIR, "--fail-on-diff")).code).toBe(0);
  });

  test("--json prints the diff as JSON; --ignore may repeat", async () => {
    const result = await run("--from", DEV_DIR, "--to", PROD_DIR, "--json", "--ignore", "okta_user.test_*", "--ignore", "okta_group.legacy");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(
      JSON.parse(JSON.stringify(promotionDiff(dev, prod, { ignore: ["okta_user.test_*", "okta_group.legacy"] }))),
    );
    expect(JSON.parse(result.out).ignored).toEqual(["okta_group.legacy", "okta_user.test_engineer"]);
  });

  test("takes a cdktf output directory that holds the one stack, and prints moves with >", async () => {
    // GIVEN
    const { dev, prod } = renamedBird();
    const devOut = outdir({ "okta-dev": dev });
    const prodFile = path.join(outdir({ "okta-prod": prod }), "stacks", "okta-prod", "cdk.tf.json");
    // WHEN
    const result = await run("--from", devOut, "--to", prodFile);
    // THEN
    expect(result).toEqual({
      code: 0,
      out: [
        `Promoting ${devOut} into ${prodFile}: 0 to add, 0 to remove, 1 to change, 1 to move.`,
        "> okta_user.bird -> okta_user.hummingbird",
        '~ okta_user.hummingbird: first_name "B" -> "Humming"',
      ].join("\n"),
      err: "",
    });
  });

  test("exits 2 on a cdktf output directory with several stacks, naming them", async () => {
    // GIVEN
    const dir = outdir({ "okta-dev": dev, "okta-prod": prod });
    // WHEN
    const result = await run("--from", dir, "--to", PROD_DIR);
    // THEN
    expect(result).toEqual({
      code: 2,
      out: "",
      err: `promotion-diff: --from ${dir} holds 2 stacks (okta-dev, okta-prod); a promotion compares one stack with one other: give one of them, e.g. ${path.join(dir, "stacks", "okta-dev")}.`,
    });
  });

  test("exits 2 naming the path when a stack does not exist", async () => {
    const missing = path.join(FIXTURES, "okta-qa");
    const result = await run("--from", missing, "--to", PROD_DIR);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `promotion-diff: --from ${missing} does not exist; give the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json, after \`cdktf synth\`.`,
    );
    expect(result.out).toBe("");
  });

  test("exits 2 on a directory that is neither a stack nor a cdktf output directory", async () => {
    const result = await run("--from", DEV_DIR, "--to", FIXTURES);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `promotion-diff: --to ${FIXTURES} is a directory with neither a cdk.tf.json nor a stacks directory; give the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json.`,
    );
  });

  test("exits 2 on a file that is not JSON", async () => {
    const file = path.join(FIXTURES, "truncated.json");
    const result = await run("--from", file, "--to", PROD_DIR);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`promotion-diff: --from ${file}: not valid Terraform JSON (${jsonError(fs.readFileSync(file, "utf8"))}); synthesize again (cdktf synth) or name another file.`);
  });

  test("exits 2 on JSON that is not a synthesized stack", async () => {
    const file = path.join(FIXTURES, "not-a-stack.json");
    const result = await run("--from", DEV_DIR, "--to", file);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `promotion-diff: --to ${file} is not a synthesized Terraform JSON stack (expected an object with "resource" or "terraform"); give a cdk.tf.json written by \`cdktf synth\`.`,
    );
  });

  test("exits 2 with commander's message on a missing or unknown option", async () => {
    const seeHelp = "Run `cdktf-okta promotion-diff --help` for its arguments and options.";
    expect(await run("--from", DEV_DIR)).toEqual({ code: 2, out: "", err: `error: required option '--to <stack>' not specified\n${seeHelp}` });
    expect(await run("--from", DEV_DIR, "--to", PROD_DIR, "--fail-on-drift")).toEqual({
      code: 2,
      out: "",
      err: `error: unknown option '--fail-on-drift'\n(Did you mean --fail-on-diff?)\n${seeHelp}`,
    });
  });

  test("--help prints usage and exits 0", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: cdktf-okta promotion-diff \[options\]\n/);
    expect(result.out).toContain("--from <stack>");
  });
});
