/**
 * The library's layout: each folder of lib/ is one part, imports go one way (down the LAYERS list), and
 * no file imports itself through others. Type-only imports count: a part that names another's types
 * knows about it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const LIB = path.join(__dirname, "..", "lib");

/**
 * The parts, lowest first: a file may import files of its own part and of parts listed before it.
 * The README's layout table lists the same folders.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["problems"],
  ["util"],
  ["validator", "analysis", "core", "starter"],
  ["test-provider"],
  ["constructs"],
  ["stacks"],
  ["loaders"],
  ["testing"],
  ["adopt"],
  ["cli"],
  ["."],
];

/** Every .ts file of lib/, relative to it, with the lib/ files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const imports = ts
          .preProcessFile(fs.readFileSync(file, "utf8"), true, true)
          .importedFiles.map((imported) => imported.fileName)
          .filter((name) => name.startsWith("."))
          .map((name) => resolve(path.dirname(file), name))
          .filter((target): target is string => target !== undefined && target.startsWith(LIB + path.sep));
        graph.set(path.relative(LIB, file), imports.map((target) => path.relative(LIB, target)));
      }
    }
  };
  visit(LIB);
  return graph;
}

function resolve(from: string, name: string): string | undefined {
  const base = path.resolve(from, name);
  return [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
}

/** The part a file of lib/ belongs to: its first folder, "." for the files at lib/'s top. */
function partOf(file: string): string {
  const parts = file.split(path.sep);
  return parts.length === 1 ? "." : parts[0];
}

/** Strongly connected components with more than one file (Tarjan's algorithm): the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

describe("lib/ layout", () => {
  const graph = importGraph();
  const rank = new Map(LAYERS.flatMap((parts, level) => parts.map((part): [string, number] => [part, level])));

  test("every folder of lib/ is a known part", () => {
    expect([...new Set([...graph.keys()].map(partOf))].filter((part) => !rank.has(part))).toEqual([]);
  });

  test("imports go one way: a part imports only itself and the parts below it", () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const [from, to] = [partOf(file), partOf(target)];
        if (from !== to && rank.get(to)! >= rank.get(from)!) upward.push(`${file} imports ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test("no import cycles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("the cycle finder finds a cycle", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  test("the README's layout table lists every part", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    const listed = [...readme.matchAll(/^\| `lib\/([a-z-]+)\/` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(LAYERS.flat().filter((part) => part !== ".").sort());
  });
});
