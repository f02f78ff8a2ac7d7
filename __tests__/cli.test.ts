/**
 * The `cdktf-okta` program: its commands, their help, --json documents and the one exit-code policy
 * (0 ok, 1 problems found, 2 usage error), in process and through the compiled bins (dist/, as
 * `npx tsc -p tsconfig.json` or `npm run build` writes it), old aliases included.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { guardPlan } from "../lib/analysis/plan-guard";
import { promotionDiff } from "../lib/analysis/promotion-diff";
import { estimateRefreshCost } from "../lib/analysis/refresh-cost";
import { COMMANDS, cdktfOktaProgram, runCdktfOkta } from "../lib/cli/program";
import { SchemaValidator } from "../lib/validator/schema-validator";
import { CORPUS_DIR } from "./fixtures/validator/helpers";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const FIXTURES = path.join(__dirname, "fixtures");
const BLOCKED_PLAN = path.join(FIXTURES, "plan-guard", "rename-without-moved.plan.json");
const DEV = path.join(FIXTURES, "promotion-diff", "okta-dev");
const PROD = path.join(FIXTURES, "promotion-diff", "okta-prod");
const COST_OUT = path.join(FIXTURES, "refresh-cost", "out");

interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `cdktf-okta` in process and captures what it writes, one line per text. */
async function run(...args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCdktfOkta(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Runs a compiled bin of package.json with node. */
function bin(name: string, ...args: string[]): Result {
  const result = spawnSync(process.execPath, [path.join(ROOT, pkg.bin[name]), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

/** A cdktf output directory with one stack whose okta_user has a misspelt argument. */
function stackWithTypo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-cli-"));
  fs.mkdirSync(path.join(dir, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify({ resource: { okta_user: { bird: { login: "b", email: "b", first_name: "B", last_name: "R", emial: "x" } } } }));
  return dir;
}

const seeHelp = (command: string) => `Run \`${command} --help\` for its arguments and options.`;

describe("cdktf-okta", () => {
  test("has the commands init, validate, promotion-diff, cost, guard, convert and export, in that order", () => {
    const program = cdktfOktaProgram({ out: () => undefined, err: () => undefined }, () => undefined);
    expect(program.commands.map((command) => command.name())).toEqual(["init", "validate", "promotion-diff", "cost", "guard", "convert", "export"]);
    expect(COMMANDS).toHaveLength(7);
  });

  test("--help lists every command and the exit codes, and exits 0", async () => {
    // WHEN
    const { code, out, err } = await run("--help");
    // THEN
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(/^Usage: cdktf-okta \[options\] \[command\]\n/);
    for (const command of ["init [options] [dir]", "validate [options] <paths...>", "promotion-diff [options]", "cost [options] [stacks]", "guard [options] <plan>"]) {
      expect(out).toContain(`\n  ${command}`);
    }
    expect(out).toContain("Exit codes:\n  0  ok\n  1  problems found: ");
    expect(out).toContain("\n  2  usage error: unknown option, missing argument, a path holding no stack, unreadable input");
  });

  test("prints its version with --version", async () => {
    expect(await run("--version")).toEqual({ code: 0, out: pkg.version, err: "" });
  });

  test("exits 2 with the help on stderr without a command, and with commander's message on an unknown one", async () => {
    const none = await run();
    expect({ code: none.code, out: none.out }).toEqual({ code: 2, out: "" });
    expect(none.err).toMatch(/^Usage: cdktf-okta \[options\] \[command\]\n/);
    expect(await run("gaurd", "plan.json")).toEqual({ code: 2, out: "", err: `error: unknown command 'gaurd'\n(Did you mean guard?)\n${seeHelp("cdktf-okta")}` });
  });
});

describe.each([
  ["init", ["--cdktf-okta <spec>", "--force"]],
  ["validate", ["--builtin", "--schema <dir>", "--json"]],
  ["promotion-diff", ["--from <stack>", "--to <stack>", "--ignore <address>", "--fail-on-diff", "--json"]],
  ["cost", ["--tier <tier>", "--share <percent>", "--json"]],
  ["guard", ["--allow <glob>", "--production", "--json"]],
])("cdktf-okta %s", (command, options) => {
  test("--help names its options and exit codes, and exits 0", async () => {
    // WHEN
    const { code, out, err } = await run(command, "--help");
    // THEN
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(new RegExp(`^Usage: cdktf-okta ${command} \\[options\\]`));
    for (const option of [...options, "-h, --help"]) expect(out).toContain(`\n  ${option}`);
    expect(out).toContain("\nExit codes:\n  0  ");
    expect(out).toContain("\n  2  usage error");
  });

  test("exits 2 on an unknown option, with commander's message on stderr", async () => {
    const required = command === "promotion-diff" ? ["--from", DEV, "--to", PROD] : [];
    expect(await run(command, ...required, "--no-such-option", "x")).toEqual({ code: 2, out: "", err: `error: unknown option '--no-such-option'\n${seeHelp(`cdktf-okta ${command}`)}` });
  });
});

describe("--json", () => {
  test("validate: which validator ran, what it read and the problems; exits 1 when there is any", async () => {
    // GIVEN
    const dir = stackWithTypo();
    // WHEN
    const { code, out } = await run("validate", "--builtin", "--json", dir);
    // THEN
    expect(code).toBe(1);
    const file = path.join(dir, "stacks", "dev", "cdk.tf.json");
    const report = SchemaValidator.fromSnapshots().validatePaths([path.join(dir, "stacks", "dev")]);
    expect(JSON.parse(out)).toEqual({ validator: "builtin", fileCount: 1, resourceCount: 1, problems: JSON.parse(JSON.stringify(report.problems)) });
    expect(JSON.parse(out).problems).toEqual([
      expect.objectContaining({ file, path: "resource.okta_user.bird.emial", address: "okta_user.bird", message: 'unknown argument "emial" in okta_user. Did you mean "email"? Rename or remove it.' }),
    ]);
  });

  test("promotion-diff: the PromotionDiff; exits 1 with --fail-on-diff when there are differences", async () => {
    // WHEN
    const { code, out } = await run("promotion-diff", "--from", DEV, "--to", PROD, "--json", "--fail-on-diff");
    // THEN
    expect(code).toBe(1);
    const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(promotionDiff(read(DEV), read(PROD)))));
    expect(Object.keys(JSON.parse(out))).toEqual(["added", "removed", "moved", "changed", "ignored"]);
  });

  test("cost: each stack's name and RefreshCost", async () => {
    // WHEN
    const { code, out } = await run("cost", "--json", "--tier", "workforce", "--share", "80", COST_OUT);
    // THEN
    expect(code).toBe(0);
    const tf = JSON.parse(fs.readFileSync(path.join(COST_OUT, "stacks", "okta-small", "cdk.tf.json"), "utf8"));
    expect(JSON.parse(out)).toEqual({ stacks: [{ name: "okta-small", cost: JSON.parse(JSON.stringify(estimateRefreshCost(tf, { tier: "workforce", share: 80 }))) }] });
  });

  test("guard: the plan file and the PlanGuardResult; exits 1 when the plan is blocked", async () => {
    // WHEN
    const { code, out } = await run("guard", "--json", BLOCKED_PLAN);
    // THEN
    expect(code).toBe(1);
    const result = guardPlan(JSON.parse(fs.readFileSync(BLOCKED_PLAN, "utf8")));
    expect(JSON.parse(out)).toEqual({ plan: BLOCKED_PLAN, ...JSON.parse(JSON.stringify(result)) });
    expect(JSON.parse(out)).toMatchObject({ blocked: true, production: false, findings: [{ address: "okta_user.jane_doe", action: "delete" }] });
    // allowed, the same plan passes
    expect((await run("guard", "--json", "--allow", "okta_user.*", BLOCKED_PLAN)).code).toBe(0);
  });

  test("writes nothing on stdout when the input cannot be read: the error goes to stderr, with exit 2", async () => {
    const missing = path.join(os.tmpdir(), "no-such-cdktf.out");
    for (const args of [["validate", "--json", missing], ["cost", "--json", missing], ["promotion-diff", "--json", "--from", missing, "--to", PROD], ["guard", "--json", missing]]) {
      const { code, out, err } = await run(...args);
      expect({ args, code, out }).toEqual({ args, code: 2, out: "" });
      expect(err).toContain(missing);
    }
  });
});

describe("the compiled bins", () => {
  beforeAll(() => {
    const missing = Object.values<string>(pkg.bin).filter((file) => !fs.existsSync(path.join(ROOT, file)));
    if (missing.length > 0) throw new Error(`${missing.join(", ")} missing: compile first (npx tsc -p tsconfig.json).`);
  });

  test("cdktf-okta writes commander's usage errors to stderr and exits 2", () => {
    expect(bin("cdktf-okta", "guard", "--prod", "plan.json")).toEqual({ code: 2, out: "", err: `error: unknown option '--prod'\n${seeHelp("cdktf-okta guard")}\n` });
    expect(bin("cdktf-okta", "validate")).toEqual({ code: 2, out: "", err: `error: missing required argument 'paths'\n${seeHelp("cdktf-okta validate")}\n` });
  });

  test.each([
    ["cdktf-okta-guard", "guard", [BLOCKED_PLAN]],
    ["cdktf-okta-guard", "guard", ["--json", "--production", BLOCKED_PLAN]],
    ["cdktf-okta-promotion-diff", "promotion-diff", ["--from", DEV, "--to", PROD, "--fail-on-diff"]],
    ["cdktf-okta-cost", "cost", ["--tier", "free-dev", COST_OUT]],
    ["cdktf-okta-validate", "validate", ["--builtin", CORPUS_DIR]],
  ])("%s behaves like cdktf-okta %s: %j", (alias, command, args) => {
    const result = bin(alias, ...args);
    expect(result).toEqual(bin("cdktf-okta", command, ...args));
    expect(result.out).not.toBe("");
  });

  test.each([
    ["cdktf-okta-guard", "guard"],
    ["cdktf-okta-promotion-diff", "promotion-diff"],
    ["cdktf-okta-cost", "cost"],
    ["cdktf-okta-validate", "validate"],
  ])("%s has the help and usage errors of cdktf-okta %s", (alias, command) => {
    expect(bin(alias, "--help")).toEqual({ ...bin("cdktf-okta", command, "--help"), code: 0 });
    expect(bin(alias, "--no-such-option")).toEqual({ ...bin("cdktf-okta", command, "--no-such-option"), code: 2 });
  });

  test("the guard alias exits 1 for a blocked plan and 2 for a missing one, as the new policy says", () => {
    expect(bin("cdktf-okta-guard", BLOCKED_PLAN).code).toBe(1);
    expect(bin("cdktf-okta-guard", path.join(FIXTURES, "plan-guard", "nope.plan.json")).code).toBe(2);
  });
});
