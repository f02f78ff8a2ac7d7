/**
 * OktaApp's output directory (lib/app.ts): a lock that lets one synth at a time write it, and a swap
 * that replaces it so that the old or the new output is complete at every instant.
 *
 * Next to `<outdir>`: `<outdir>.lock` (the holder's pid, host and start time), `<outdir>.staging` (what
 * the synth writes) and, during the swap only, `<outdir>.previous` (the output being replaced).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { messages } from "../problems/messages";

/** How often a waiting synth looks at the lock again. */
const POLL_MS = 100;

/** A lock file without a pid is one whose holder is between creating and writing it, or died there. */
const UNWRITTEN_LOCK_MS = 5_000;

/** What a lock file says about its holder. */
interface LockHolder {
  readonly text: string;
  readonly pid?: number;
  readonly hostname?: string;
  readonly started?: string;
  readonly modified: number;
}

/**
 * Takes `<outdir>.lock`, waiting up to `waitSeconds` while another live process holds it (a lock whose
 * process is gone is taken over). Returns the function that releases it.
 */
export function lockOutput(outdir: string, waitSeconds: number): () => void {
  const file = `${outdir}.lock`;
  const own = `${JSON.stringify({ pid: process.pid, hostname: os.hostname(), started: new Date().toISOString() })}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    if (create(file, own)) return () => removeIf(file, own);
    const holder = readHolder(file);
    if (holder === undefined) continue;
    if (isStale(holder)) {
      removeIf(file, holder.text);
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0 && holder.pid !== undefined) {
      throw new Error(messages.outputLocked(file, outdir, holder.pid, holder.hostname ?? "unknown", holder.started ?? "unknown", waitSeconds));
    }
    sleep(Math.max(1, Math.min(POLL_MS, left)));
  }
}

/** Creates the lock file only if there is none (O_EXCL); false when another holds it. */
function create(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The lock's holder, or undefined when the lock was released meanwhile. */
function readHolder(file: string): LockHolder | undefined {
  try {
    const text = fs.readFileSync(file, "utf8");
    const modified = fs.statSync(file).mtimeMs;
    try {
      const { pid, hostname, started } = JSON.parse(text);
      return Number.isInteger(pid) ? { text, pid, hostname, started, modified } : { text, modified };
    } catch {
      return { text, modified };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A holder on this host whose process is gone, or a lock left without a pid. A process on another host cannot be checked. */
function isStale(holder: LockHolder): boolean {
  if (holder.pid === undefined) return Date.now() - holder.modified > UNWRITTEN_LOCK_MS;
  return holder.hostname === os.hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the lock file if it still says `text`: never a lock another process has taken since. */
function removeIf(file: string, text: string): void {
  if (readHolder(file)?.text === text) fs.rmSync(file, { force: true });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Finishes a swap a killed synth left halfway (call it holding the lock, before anything else): with
 * `<outdir>` missing, `<outdir>.previous` is the last complete output and goes back; with both there,
 * the new output was in place and `.previous` is only removed.
 */
export function recoverSwap(outdir: string): void {
  const previous = `${outdir}.previous`;
  if (!fs.existsSync(previous)) return;
  if (fs.existsSync(outdir)) fs.rmSync(previous, { recursive: true, force: true });
  else fs.renameSync(previous, outdir);
}

/** Replaces `outdir` by `staging`: old output -> `.previous`, staging -> outdir, then `.previous` removed. */
export function swapIn(staging: string, outdir: string): void {
  const previous = `${outdir}.previous`;
  const hadOutput = fs.existsSync(outdir);
  if (hadOutput) fs.renameSync(outdir, previous);
  try {
    fs.renameSync(staging, outdir);
  } catch (error) {
    if (hadOutput) fs.renameSync(previous, outdir);
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}
