/**
 * The package's own costs, now that it carries bindings for every okta/okta 6.12.0 type: how long
 * `require("cdktf-okta")` takes in a fresh process, how large `npm pack` makes the tarball, and (with
 * --install, it takes minutes) the time and peak memory of `npm ci` in a fresh clone.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEMP_PREFIX } from "./workload";

const ROOT = path.resolve(__dirname, "..", "..");

/** Milliseconds of `require(dist/lib/index.js)` in fresh node processes: the median and every run. */
export function requireTime(runs = 5): { medianMs: number; runsMs: number[]; bindingsLoaded: number } {
  const entry = path.join(ROOT, "dist", "lib", "index.js");
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(entry)}); const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(JSON.stringify({ ms, bindings: Object.keys(require.cache).filter((f) => f.includes("/.gen/providers/")).length }));`;
  const measured = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } })));
  const runsMs = measured.map((m) => m.ms);
  return { medianMs: [...runsMs].sort((a, b) => a - b)[Math.floor(runs / 2)], runsMs, bindingsLoaded: measured[0].bindings };
}

/** What `npm pack --dry-run --json` reports: tarball bytes, unpacked bytes, files. */
export function packSize(): { tarballBytes: number; unpackedBytes: number; files: number } {
  const [report] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 28 }),
  );
  return { tarballBytes: report.size, unpackedBytes: report.unpackedSize, files: report.entryCount };
}

/** The resident memory of a process and all its descendants, in bytes, from /proc (Linux). */
function treeRss(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parents.has(pid) && pid !== parents.get(pid) && inTree(parents.get(pid)!));
  let bytes = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) bytes += Number(match[1]) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return bytes;
}

/**
 * `npm ci` (and so `prepare`: bindings generated, everything compiled) in a fresh `git clone` of this
 * repository into a temporary directory, with the working tree's files copied over the clone (what
 * the next commit would hold): seconds, and the peak resident memory of npm and all its children
 * together, sampled every 200 ms.
 */
export async function freshInstall(): Promise<{ seconds: number; peakTreeRssMb: number; dir: string }> {
  const dir = fs.mkdtempSync(TEMP_PREFIX);
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, dir], { stdio: "ignore" });
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) {
      fs.rmSync(path.join(dir, file), { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  const started = process.hrtime.bigint();
  const child = spawn("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 200);
  const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  if (status !== 0) throw new Error(`npm ci in ${dir} exited ${status}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakTreeRssMb: peak / 2 ** 20, dir };
}

/** Prints the package measurements; with `install`, also the fresh `npm ci`. */
export async function reportPackage(install: boolean): Promise<void> {
  const req = requireTime();
  console.log(
    `require("cdktf-okta"): ${req.medianMs.toFixed(0)} ms median of ${req.runsMs.length} fresh processes (${req.runsMs.map((ms) => ms.toFixed(0)).join(", ")}), ${req.bindingsLoaded} of the generated bindings loaded`,
  );
  const pack = packSize();
  console.log(`npm pack: tarball ${(pack.tarballBytes / 2 ** 20).toFixed(1)} MB, unpacked ${(pack.unpackedBytes / 2 ** 20).toFixed(1)} MB, ${pack.files} files`);
  if (!install) {
    console.log("npm ci in a fresh clone: not measured (add --install; it takes minutes)");
    return;
  }
  const ci = await freshInstall();
  console.log(`npm ci in a fresh clone (${os.cpus().length} cores): ${ci.seconds.toFixed(0)} s, peak ${ci.peakTreeRssMb.toFixed(0)} MB resident (npm and its children together)`);
  fs.rmSync(ci.dir, { recursive: true, force: true });
}
