import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OktaApp, OktaGroup, OktaOrgStack, OktaUser } from "../lib";

function tempOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-outdir-")), "cdktf.out");
}

/** An OktaApp with one org stack whose group is named `groupName`; `broken` adds a user with an invalid login. */
function app(outdir: string, groupName: string, options: { broken?: boolean; lockWaitSeconds?: number } = {}): OktaApp {
  const result = new OktaApp({ outdir, lockWaitSeconds: options.lockWaitSeconds, validate: "builtin" });
  const stack = new OktaOrgStack(result, "okta-dev", { orgName: "acme-dev", environment: "dev" });
  new OktaGroup(stack, "garden", { name: groupName });
  if (options.broken) new OktaUser(stack, "bad", { login: "nope", email: "bad@example.com", firstName: "B", lastName: "D" });
  return result;
}

const groupName = (outdir: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "okta-dev", "cdk.tf.json"), "utf8")).resource.okta_group.garden.name;

function lockHeldBy(outdir: string, pid: number): string {
  const text = `${JSON.stringify({ pid, hostname: os.hostname(), started: "2025-01-01T00:00:00.000Z" })}\n`;
  fs.writeFileSync(`${outdir}.lock`, text);
  return text;
}

function errorOf(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("OktaApp's output directory", () => {
  let sleeper: ChildProcess | undefined;
  afterEach(() => sleeper?.kill());

  test("a synth leaves no lock, staging or previous output next to the output directory", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir, "Old").synth();
    // WHEN
    app(outdir, "New").synth();
    // THEN
    expect(groupName(outdir)).toBe("New");
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });

  test("a second synth waits while a live process holds the lock, then fails naming the lock, the pid and what to do", () => {
    // GIVEN
    const outdir = tempOutdir();
    app(outdir, "Old").synth();
    sleeper = spawn("sleep", ["30"]);
    const lock = lockHeldBy(outdir, sleeper.pid!);
    const othersStaging = path.join(`${outdir}.staging`, "stacks", "okta-dev");
    fs.mkdirSync(othersStaging, { recursive: true });
    fs.writeFileSync(path.join(othersStaging, "cdk.tf.json"), "{}");
    const second = app(outdir, "New", { lockWaitSeconds: 0.5 });
    // WHEN
    const started = Date.now();
    const error = errorOf(() => second.synth());
    // THEN
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(error.message).toBe(
      `${outdir}.lock: another synth into ${outdir} holds this lock (pid ${sleeper.pid} on ${os.hostname()}, since 2025-01-01T00:00:00.000Z); waited 0.5 s for it. ` +
        `Let it finish and synth again; if process ${sleeper.pid} on ${os.hostname()} no longer runs, delete ${outdir}.lock and synth again.`,
    );
    expect(fs.readFileSync(`${outdir}.lock`, "utf8")).toBe(lock);
    expect(fs.readFileSync(path.join(othersStaging, "cdk.tf.json"), "utf8")).toBe("{}");
    expect(groupName(outdir)).toBe("Old");
  });

  test("takes over a lock whose process is gone", () => {
    // GIVEN
    const outdir = tempOutdir();
    lockHeldBy(outdir, spawnSync(process.execPath, ["-e", ""]).pid);
    // WHEN
    app(outdir, "New", { lockWaitSeconds: 0 }).synth();
    // THEN
    expect(groupName(outdir)).toBe("New");
    expect(fs.existsSync(`${outdir}.lock`)).toBe(false);
  });

  test("restores the previous output a synth killed in the middle of its swap left, before anything else", () => {
    // GIVEN: killed after moving the old output aside, before moving the new one in
    const outdir = tempOutdir();
    app(outdir, "Old").synth();
    fs.renameSync(outdir, `${outdir}.previous`);
    fs.mkdirSync(path.join(`${outdir}.staging`, "stacks", "okta-dev"), { recursive: true });
    // WHEN
    const synth = () => app(outdir, "New", { broken: true }).synth();
    // THEN
    expect(synth).toThrow(
      'cdktf-okta found 1 problem; nothing was written:\n  okta-dev/bad: login "nope" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).',
    );
    expect(groupName(outdir)).toBe("Old");
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });

  test("removes the previous output a synth killed after its swap left", () => {
    // GIVEN: killed after moving the new output in, before removing the old one
    const outdir = tempOutdir();
    app(outdir, "Old").synth();
    fs.cpSync(outdir, `${outdir}.previous`, { recursive: true });
    // WHEN
    app(outdir, "New").synth();
    // THEN
    expect(groupName(outdir)).toBe("New");
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });
});
