/**
 * cdktf-okta init: the CLI, and end to end the app it writes: this package packed (dist/ as built, no
 * scripts), the app written by the packed CLI, installed from the npm registry, synthesized by the real
 * cdktf CLI and tested by its own `npm test`. The end-to-end part needs the registry: a quick `npm ping`
 * decides, and without an answer it says once that it was skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCdktfOkta } from "../lib/cli/program";
import { STARTER_VERSIONS } from "../lib/starter/starter";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));

/** Every file the starter app has, as init writes them. */
const APP_FILES = [
  "package.json",
  ".github/workflows/okta.yml",
  ".gitignore",
  "README.md",
  "__tests__/main.test.ts",
  "cdktf.json",
  "directory/groups.csv",
  "directory/users.csv",
  "jest.config.js",
  "main.ts",
  "tsconfig.json",
];

/** Temporary directories, removed after all tests. */
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-init-"));
  temps.push(dir);
  return dir;
}

/** Runs `cdktf-okta` and captures what it writes. */
async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCdktfOkta(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out, err };
}

/** The files under dir, relative, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    })
    .sort();
}

describe("cdktf-okta init", () => {
  test("writes the starter app into a new directory", async () => {
    // GIVEN
    const app = path.join(tempDir(), "My Okta Orgs");
    // WHEN
    const { code, out, err } = await run(["init", app]);
    // THEN
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(filesUnder(app)).toEqual([...APP_FILES].sort());
    expect(out.join("\n")).toContain(`cdktf-okta init: wrote a cdktf-okta app into ${app} (${APP_FILES.length} files):\n  package.json\n`);
    expect(fs.readFileSync(path.join(app, "main.ts"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "lib/starter/app/main.ts.tmpl"), "utf8"));
    expect(fs.readFileSync(path.join(app, ".gitignore"), "utf8").split("\n")).toEqual(
      expect.arrayContaining(["node_modules/", "dist/", "cdktf.out/", "cdktf.out.lock", "cdktf.out.staging/", "cdktf.out.previous/", ".terraform/", "*.tfstate*"]),
    );
  });

  test("writes a package.json with pinned versions, the scripts build, synth and test, and this version of cdktf-okta", async () => {
    // GIVEN
    const app = path.join(tempDir(), "okta");
    // WHEN
    await run(["init", app]);
    // THEN
    const written = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));
    expect(written.name).toBe("okta");
    expect(written.scripts).toEqual({ build: "tsc", synth: "tsc && cdktf synth", test: "tsc && jest" });
    expect(written.dependencies).toEqual({ cdktf: "0.21.0", "cdktf-okta": `^${pkg.version}`, constructs: STARTER_VERSIONS.constructs });
    expect(Object.values(written.devDependencies).filter((version) => !/^\d+\.\d+\.\d+$/.test(String(version)))).toEqual([]);
  });

  test("names the app after its directory", async () => {
    const app = path.join(tempDir(), "Acme Okta_Orgs");
    await run(["init", app]);
    expect(JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")).name).toBe("acme-okta_orgs");
  });

  test("pins what this package is built and tested with", async () => {
    expect(STARTER_VERSIONS).toEqual({
      cdktf: pkg.peerDependencies.cdktf,
      "cdktf-cli": pkg.devDependencies["cdktf-cli"],
      constructs: lock.packages["node_modules/constructs"].version,
      typescript: pkg.devDependencies.typescript,
      jest: pkg.devDependencies.jest,
      "ts-jest": pkg.devDependencies["ts-jest"],
      "@types/jest": pkg.devDependencies["@types/jest"],
      "@types/node": pkg.devDependencies["@types/node"],
    });
  });

  test("asks for a tarball by its path from the app directory", async () => {
    // GIVEN
    const dir = tempDir();
    const tarball = path.join(dir, "cdktf-okta-0.1.0.tgz");
    fs.writeFileSync(tarball, "");
    // WHEN
    const { code } = await run(["init", path.join(dir, "apps", "okta"), "--cdktf-okta", tarball]);
    // THEN
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "apps", "okta", "package.json"), "utf8")).dependencies["cdktf-okta"]).toBe("file:../../cdktf-okta-0.1.0.tgz");
  });

  test("fails when the tarball does not exist", async () => {
    const dir = tempDir();
    const tarball = path.join(dir, "cdktf-okta-9.9.9.tgz");
    const { code, err } = await run(["init", path.join(dir, "okta"), "--cdktf-okta", tarball]);
    expect({ code, err }).toEqual({
      code: 2,
      err: [`cdktf-okta init: --cdktf-okta "${tarball}" names ${tarball}, which does not exist; give the tarball npm pack wrote (cdktf-okta-<version>.tgz) or a version range.`],
    });
    expect(fs.existsSync(path.join(dir, "okta"))).toBe(false);
  });

  test("refuses a directory that is not empty, writes nothing and exits 2", async () => {
    // GIVEN
    const app = tempDir();
    fs.writeFileSync(path.join(app, "main.ts"), "mine");
    // WHEN
    const { code, out, err } = await run(["init", app]);
    // THEN
    expect({ code, out, err }).toEqual({
      code: 2,
      out: [],
      err: [
        `cdktf-okta init: ${app} is not empty (1 entry: main.ts); nothing was written. Give a new or empty directory, or add --force to write the starter files over it (files of the same names are replaced, nothing else is touched).`,
      ],
    });
    expect(filesUnder(app)).toEqual(["main.ts"]);
  });

  test("lists at most five entries of a directory that is not empty", async () => {
    const app = tempDir();
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) fs.writeFileSync(path.join(app, name), "");
    expect((await run(["init", app])).err[0]).toContain("is not empty (7 entries: a, b, c, d, e, and 2 more); nothing was written.");
  });

  test("writes over a directory that is not empty with --force, keeping the other files", async () => {
    // GIVEN
    const app = tempDir();
    fs.writeFileSync(path.join(app, "main.ts"), "mine");
    fs.writeFileSync(path.join(app, "notes.txt"), "mine");
    // WHEN
    const { code } = await run(["init", "--force", app]);
    // THEN
    expect(code).toBe(0);
    expect(filesUnder(app)).toEqual([...APP_FILES, "notes.txt"].sort());
    expect(fs.readFileSync(path.join(app, "main.ts"), "utf8")).toContain("new OktaOrgStack(");
    expect(fs.readFileSync(path.join(app, "notes.txt"), "utf8")).toBe("mine");
  });

  test("takes a directory that holds only a fresh git repository as empty", async () => {
    const app = tempDir();
    fs.mkdirSync(path.join(app, ".git"));
    expect((await run(["init", app])).code).toBe(0);
  });

  test("writes into the current directory without a directory argument", async () => {
    const app = tempDir();
    const cwd = process.cwd();
    process.chdir(app);
    try {
      const { code, out } = await run(["init"]);
      expect(code).toBe(0);
      expect(out.join("\n")).toContain("Next:\n  npm install\n");
    } finally {
      process.chdir(cwd);
    }
    expect(filesUnder(app)).toEqual([...APP_FILES].sort());
  });

  test("exits 2 when the directory is a file", async () => {
    const file = path.join(tempDir(), "okta");
    fs.writeFileSync(file, "");
    expect(await run(["init", file])).toEqual({ code: 2, out: [], err: [`cdktf-okta init: ${file} exists and is not a directory; give a new or empty directory.`] });
  });

  test("prints the usage with --help and exits 0", async () => {
    const { code, out, err } = await run(["init", "--help"]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join("\n")).toMatch(/^Usage: cdktf-okta init \[options\] \[dir\]\n/);
    expect(out.join("\n")).toContain("  --cdktf-okta <spec>");
    expect(out.join("\n")).toContain("  --force");
    expect(out.join("\n")).toContain("Exit codes:\n  0  written\n  1  a file could not be written (the app is incomplete)\n  2  usage error, or a directory that is not empty (nothing written)");
  });

  const seeHelp = (command: string) => `Run \`${command} --help\` for its arguments and options.`;
  test.each([
    [["create", "okta"], ["error: unknown command 'create'", seeHelp("cdktf-okta")]],
    [["init", "a", "b"], ["error: too many arguments for 'init'. Expected 1 argument but got 2.", seeHelp("cdktf-okta init")]],
    [["init", "--overwrite", "okta"], ["error: unknown option '--overwrite'", seeHelp("cdktf-okta init")]],
    [
      ["init", "--cdktf-okta", "", "okta"],
      [`cdktf-okta init: --cdktf-okta "" is empty; give a version range or a tarball path, e.g. --cdktf-okta ./cdktf-okta-0.1.0.tgz, or leave the option out for ^<this version>.`],
    ],
  ])("exits 2 on bad usage: %j", async (args, message) => {
    expect(await run(args)).toEqual({ code: 2, out: [], err: message });
  });

  test("exits 2 with the commands on stderr when none is given", async () => {
    const { code, out, err } = await run([]);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err[0]).toMatch(/^Usage: cdktf-okta \[options\] \[command\]\n/);
    expect(err[0]).toContain("\n  init [options] [dir]");
  });
});

/** Whether the npm registry answers within a few seconds. */
function registryReachable(): boolean {
  const ping = spawnSync("npm", ["ping", "--fetch-timeout=5000", "--fetch-retries=0"], { stdio: "ignore", timeout: 15_000 });
  return ping.status === 0;
}

const ONLINE = registryReachable();
if (!ONLINE) console.log("Starter app end-to-end test skipped: the npm registry does not answer `npm ping` (it installs the app's dependencies from there).");
const describeOnline = ONLINE ? describe : describe.skip;

/** Runs a command in dir; fails the test with its output when it fails. Returns the seconds it took. */
function timed(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} in ${cwd} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stdout}\n${result.stderr}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

describe("the packed package", () => {
  const work = tempDir();
  const app = path.join(work, "okta-orgs");
  const seconds: Record<string, number> = {};
  let packed: string[] = [];

  beforeAll(() => {
    // dist/ as `npm test` (or `npm run build`) just built it: packing without scripts skips the minute-long prepare.
    const [report] = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    );
    packed = report.files.map((f: { path: string }) => f.path);
    const tarball = path.join(work, report.filename);
    execFileSync("tar", ["xzf", tarball, "-C", work]);
    // The CLI as the package ships it, templates from dist/; its dependencies (commander) from this repository's node_modules.
    const env = { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") };
    execFileSync("node", [path.join(work, "package", pkg.bin["cdktf-okta"]), "init", app, "--cdktf-okta", tarball], { stdio: "ignore", env });
  });

  afterAll(() => {
    if (Object.keys(seconds).length > 0) console.log(`Starter app end to end, seconds: ${Object.entries(seconds).map(([step, s]) => `${step} ${s.toFixed(1)}`).join(", ")}`);
  });

  test("has the cdktf-okta command and its aliases, and init in it writes every template", () => {
    expect(pkg.bin).toEqual({
      "cdktf-okta": "dist/lib/cli/bin/cdktf-okta.js",
      "cdktf-okta-validate": "dist/lib/cli/bin/cdktf-okta-validate.js",
      "cdktf-okta-promotion-diff": "dist/lib/cli/bin/cdktf-okta-promotion-diff.js",
      "cdktf-okta-cost": "dist/lib/cli/bin/cdktf-okta-cost.js",
      "cdktf-okta-guard": "dist/lib/cli/bin/cdktf-okta-guard.js",
    });
    const templates = filesUnder(path.join(ROOT, "lib", "starter", "app")).map((file) => `dist/lib/starter/app/${file}`);
    expect(templates.length).toBeGreaterThan(0);
    expect([...templates, ...Object.values<string>(pkg.bin), "dist/lib/cli/program.js", "dist/lib/starter/starter.js"].filter((file) => !packed.includes(file))).toEqual([]);
    expect(filesUnder(app)).toEqual([...APP_FILES].sort());
  });

  describeOnline("the starter app it writes", () => {
    test("installs, synthesizes dev, staging and prod with the cdktf CLI, and passes its own tests", () => {
      seconds["npm install"] = timed("npm", ["install", "--no-audit", "--no-fund"], app);
      seconds["tsc"] = timed("npm", ["run", "build"], app);
      seconds["cdktf synth"] = timed("npx", ["cdktf", "synth"], app);
      expect(fs.readdirSync(path.join(app, "cdktf.out", "stacks")).sort()).toEqual(["okta-dev", "okta-prod", "okta-staging"]);
      for (const stack of ["okta-dev", "okta-staging", "okta-prod"]) {
        expect(JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8")).resource.okta_user).toHaveProperty("e1001");
      }
      // The production address record, to be committed.
      expect(fs.existsSync(path.join(app, "okta-addresses", "okta-prod.json"))).toBe(true);
      // The commands as the app has them: init itself, and the guard run from a stack directory as the workflow does.
      timed(path.join(app, "node_modules", ".bin", "cdktf-okta"), ["--help"], app);
      timed("npx", ["cdktf-okta", "guard", "--help"], path.join(app, "cdktf.out", "stacks", "okta-prod"));
      timed("npx", ["cdktf-okta-guard", "--help"], path.join(app, "cdktf.out", "stacks", "okta-prod"));
      seconds["npm test"] = timed("npm", ["test"], app);
    }, 600_000);
  });
});
