/**
 * Reading the provider's Go source from a git directory at a tag (bare or not) or from a work tree.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Read access to one revision of a source tree. */
export interface SourceTree {
  /** Every file path, relative to the root, with forward slashes. */
  readonly files: readonly string[];
  /** Human-readable origin, e.g. "v6.12.0 (commit e59c...)". */
  readonly revision: string;
  /** The commit, when read from git. */
  readonly commit?: string;
  /** The tag or ref, when read from git. */
  readonly ref?: string;
  /** The contents of several files at once (missing files fail). */
  readAll(paths: readonly string[]): Map<string, string>;
  read(path: string): string;
}

/** Whether a directory is a git directory (bare, or a work tree's .git). */
export function isGitDirectory(dir: string): boolean {
  return fs.existsSync(path.join(dir, "HEAD")) && fs.existsSync(path.join(dir, "objects")) && fs.existsSync(path.join(dir, "refs"));
}

/** A revision in a git directory, read with `git ls-tree` and `git cat-file --batch`. */
export class GitTree implements SourceTree {
  readonly files: readonly string[];
  readonly commit: string;
  readonly revision: string;
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly gitDir: string,
    readonly ref: string,
  ) {
    const git = (...args: string[]): string => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] });
    try {
      this.commit = git("rev-parse", "--verify", `${ref}^{commit}`).trim();
    } catch {
      throw new Error(`${gitDir} has no revision ${ref}`);
    }
    this.files = git("ls-tree", "-r", "--name-only", this.commit).split("\n").filter((f) => f !== "");
    this.revision = `${ref} (commit ${this.commit})`;
  }

  readAll(paths: readonly string[]): Map<string, string> {
    const missing = paths.filter((p) => !this.cache.has(p));
    if (missing.length > 0) {
      const out = execFileSync("git", ["--git-dir", this.gitDir, "cat-file", "--batch"], {
        input: missing.map((p) => `${this.commit}:${p}\n`).join(""),
        maxBuffer: 1 << 30,
      });
      let at = 0;
      for (const p of missing) {
        const headerEnd = out.indexOf(10, at);
        const header = out.subarray(at, headerEnd).toString("utf8");
        if (header.endsWith(" missing")) throw new Error(`${p} is not in ${this.revision}`);
        const size = Number(header.split(" ")[2]);
        this.cache.set(p, out.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
        at = headerEnd + 1 + size + 1;
      }
    }
    return new Map(paths.map((p) => [p, this.cache.get(p)!]));
  }

  read(p: string): string {
    return this.readAll([p]).get(p)!;
  }
}

/** A directory on disk, read as it is. */
export class WorkTree implements SourceTree {
  readonly files: readonly string[];
  readonly revision: string;

  constructor(private readonly root: string) {
    const files: string[] = [];
    const walk = (rel: string): void => {
      for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
        if (entry.name === ".git" || entry.name === "node_modules") continue;
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(child);
        else if (entry.isFile()) files.push(child);
      }
    };
    walk("");
    this.files = files.sort();
    this.revision = `work tree ${root}`;
  }

  readAll(paths: readonly string[]): Map<string, string> {
    return new Map(paths.map((p) => [p, this.read(p)]));
  }

  read(p: string): string {
    return fs.readFileSync(path.join(this.root, p), "utf8");
  }
}

/**
 * Opens `dir`: with a ref (tag), as a git directory (a bare one, or a work tree's .git); without,
 * a bare git directory at HEAD, or else the work tree as it is on disk.
 */
export function openSource(dir: string, ref?: string): SourceTree {
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist`);
  const gitDir = isGitDirectory(dir) ? dir : isGitDirectory(path.join(dir, ".git")) ? path.join(dir, ".git") : undefined;
  if (ref !== undefined) {
    if (!gitDir) throw new Error(`--tag ${ref} needs a git directory, and ${dir} is not one`);
    return new GitTree(gitDir, ref);
  }
  if (isGitDirectory(dir)) return new GitTree(dir, "HEAD");
  return new WorkTree(dir);
}
