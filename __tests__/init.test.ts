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
import { main } from "../lib/cli/init";
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

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
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
  test("writes the starter app into a new directory", () => {
    // GIVEN
    const app = path.join(tempDir(), "My Okta Orgs");
    // WHEN
    const { code, out, err } = run(["init", app]);
    // THEN
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(filesUnder(app)).toEqual([...APP_FILES].sort());
    expect(out.join("\n")).toContain(`cdktf-okta init: wrote a cdktf-okta app into ${app} (${APP_FILES.length} files):\n  package.json\n`);
    expect(fs.readFileSync(path.join(app, "main.ts"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "lib/starter/app/main.ts.tmpl"), "utf8"));
    expect(fs.readFileSync(path.join(app, ".gitignore"), "utf8").split("\n")).toEqual(
      expect.arrayContaining(["node_modules/", "dist/", "cdktf.out/", "cdktf.out.lock", "cdktf.out.staging/", "cdktf.out.previous/", ".terraform/", "*.tfstate*"]),
    );
  });

  test("writes a package.json with pinned versions, the scripts build, synth and test, and this version of cdktf-okta", () => {
    // GIVEN
    const app = path.join(tempDir(), "okta");
    // WHEN
    run(["init", app]);
    // THEN
    const written = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));
    expect(written.name).toBe("okta");
    expect(written.scripts).toEqual({ build: "tsc", synth: "tsc && cdktf synth", test: "tsc && jest" });
    expect(written.dependencies).toEqual({ cdktf: "0.21.0", "cdktf-okta": `^${pkg.version}`, constructs: STARTER_VERSIONS.constructs });
    expect(Object.values(written.devDependencies).filter((version) => !/^\d+\.\d+\.\d+$/.test(String(version)))).toEqual([]);
  });

  test("names the app after its directory", () => {
    const app = path.join(tempDir(), "Acme Okta_Orgs");
    run(["init", app]);
    expect(JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")).name).toBe("acme-okta_orgs");
  });

  test("pins what this package is built and tested with", () => {
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

  test("asks for a tarball by its path from the app directory", () => {
    // GIVEN
    const dir = tempDir();
    const tarball = path.join(dir, "cdktf-okta-0.1.0.tgz");
    fs.writeFileSync(tarball, "");
    // WHEN
    const { code } = run(["init", path.join(dir, "apps", "okta"), "--cdktf-okta", tarball]);
    // THEN
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "apps", "okta", "package.json"), "utf8")).dependencies["cdktf-okta"]).toBe("file:../../cdktf-okta-0.1.0.tgz");
  });

  test("fails when the tarball does not exist", () => {
    const dir = tempDir();
    const tarball = path.join(dir, "cdktf-okta-9.9.9.tgz");
    const { code, err } = run(["init", path.join(dir, "okta"), "--cdktf-okta", tarball]);
    expect({ code, err }).toEqual({
      code: 1,
      err: [`cdktf-okta init: --cdktf-okta "${tarball}" names ${tarball}, which does not exist; give the tarball npm pack wrote (cdktf-okta-<version>.tgz) or a version range.`],
    });
    expect(fs.existsSync(path.join(dir, "okta"))).toBe(false);
  });

  test("refuses a directory that is not empty, writes nothing and exits 2", () => {
    // GIVEN
    const app = tempDir();
    fs.writeFileSync(path.join(app, "main.ts"), "mine");
    // WHEN
    const { code, out, err } = run(["init", app]);
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

  test("lists at most five entries of a directory that is not empty", () => {
    const app = tempDir();
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) fs.writeFileSync(path.join(app, name), "");
    expect(run(["init", app]).err[0]).toContain("is not empty (7 entries: a, b, c, d, e, and 2 more); nothing was written.");
  });

  test("writes over a directory that is not empty with --force, keeping the other files", () => {
    // GIVEN
    const app = tempDir();
    fs.writeFileSync(path.join(app, "main.ts"), "mine");
    fs.writeFileSync(path.join(app, "notes.txt"), "mine");
    // WHEN
    const { code } = run(["init", "--force", app]);
    // THEN
    expect(code).toBe(0);
    expect(filesUnder(app)).toEqual([...APP_FILES, "notes.txt"].sort());
    expect(fs.readFileSync(path.join(app, "main.ts"), "utf8")).toContain("new OktaOrgStack(");
    expect(fs.readFileSync(path.join(app, "notes.txt"), "utf8")).toBe("mine");
  });

  test("takes a directory that holds only a fresh git repository as empty", () => {
    const app = tempDir();
    fs.mkdirSync(path.join(app, ".git"));
    expect(run(["init", app]).code).toBe(0);
  });

  test("writes into the current directory without a directory argument", () => {
    const app = tempDir();
    const cwd = process.cwd();
    process.chdir(app);
    try {
      const { code, out } = run(["init"]);
      expect(code).toBe(0);
      expect(out.join("\n")).toContain("Next:\n  npm install\n");
    } finally {
      process.chdir(cwd);
    }
    expect(filesUnder(app)).toEqual([...APP_FILES].sort());
  });

  test("exits 1 when the directory is a file", () => {
    const file = path.join(tempDir(), "okta");
    fs.writeFileSync(file, "");
    expect(run(["init", file])).toEqual({ code: 1, out: [], err: [`cdktf-okta init: ${file} exists and is not a directory; give a new or empty directory.`] });
  });

  test("prints the usage with --help and exits 0", () => {
    const { code, out, err } = run(["--help"]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^Usage: cdktf-okta init \[--force\] \[--cdktf-okta <spec>\] \[dir\]\n/);
    expect(out[0]).toContain("Exit codes: 0 written, 2 the directory is not empty (nothing written), 1 bad input.");
  });

  test.each([
    [[], "cdktf-okta: give a command: init."],
    [["create", "okta"], 'cdktf-okta: unknown command "create"; the command is init.'],
    [["init", "a", "b"], "cdktf-okta: give one directory, not 2."],
    [["init", "--cdktf-okta", "", "okta"], "cdktf-okta: --cdktf-okta needs a version range or a tarball path, e.g. --cdktf-okta ./cdktf-okta-0.1.0.tgz."],
    [["init", "--overwrite", "okta"], "cdktf-okta: Unknown option '--overwrite'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--overwrite\""],
  ])("exits 1 on bad usage: %j", (args, message) => {
    const { code, out, err } = run(args);
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err[0].split("\n")[0]).toBe(message);
    expect(err[0]).toContain("\nUsage: cdktf-okta init");
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
    // The CLI as the package ships it, templates from dist/.
    execFileSync("node", [path.join(work, "package", "dist", "lib", "cli", "init.js"), "init", app, "--cdktf-okta", tarball], { stdio: "ignore" });
  });

  afterAll(() => {
    if (Object.keys(seconds).length > 0) console.log(`Starter app end to end, seconds: ${Object.entries(seconds).map(([step, s]) => `${step} ${s.toFixed(1)}`).join(", ")}`);
  });

  test("has the cdktf-okta command, and init in it writes every template", () => {
    expect(pkg.bin["cdktf-okta"]).toBe("dist/lib/cli/init.js");
    const templates = filesUnder(path.join(ROOT, "lib", "starter", "app")).map((file) => `dist/lib/starter/app/${file}`);
    expect(templates.length).toBeGreaterThan(0);
    expect([...templates, "dist/lib/cli/init.js", "dist/lib/starter/starter.js"].filter((file) => !packed.includes(file))).toEqual([]);
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
      timed("npx", ["cdktf-okta-guard", "--help"], path.join(app, "cdktf.out", "stacks", "okta-prod"));
      seconds["npm test"] = timed("npm", ["test"], app);
    }, 600_000);
  });
});
