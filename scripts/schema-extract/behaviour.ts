/**
 * What the schema JSON does not say but a plan depends on: which attributes replace the object when
 * they change (SDKv2 ForceNew and CustomizeDiff, framework RequiresReplace plan modifiers), and the
 * literal defaults the provider plans for attributes a configuration leaves out. The format is
 * schema/behaviour/*.json's (read by lib/test-provider/provider.ts).
 */

/** A literal default: a string, number, bool, or a list of them. */
export type DefaultLiteral = string | number | boolean | DefaultLiteral[];

export interface Replacement {
  path: string[];
  source: string;
  kind: "ForceNew" | "RequiresReplace" | "RequiresReplaceIf" | "CustomizeDiff";
  note?: string;
}

export interface DefaultValue {
  path: string[];
  value: DefaultLiteral;
  source: string;
  note?: string;
}

/** Behaviour found for one resource type. */
export interface TypeBehaviour {
  replacements: Replacement[];
  defaults: DefaultValue[];
}

function compareSource(a: string, b: string): number {
  const [fa, la] = splitSource(a);
  const [fb, lb] = splitSource(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

function splitSource(s: string): [string, number] {
  const i = s.lastIndexOf(":");
  return [s.slice(0, i), Number(s.slice(i + 1))];
}

function comparePath(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Replacements in source order, defaults by path (the order of the hand-made file). */
export function ordered(b: TypeBehaviour): TypeBehaviour {
  return {
    replacements: [...b.replacements].sort((x, y) => compareSource(x.source, y.source) || comparePath(x.path, y.path)),
    defaults: [...b.defaults].sort((x, y) => comparePath(x.path, y.path)),
  };
}

/** JSON on one line with a space after each comma and colon: {"path": ["a"], "kind": "ForceNew"}. */
function compact(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(compact).join(", ")}]`;
  if (v && typeof v === "object") {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(v);
}

/** schema/behaviour/okta.json's text: one entry per line, like the hand-made file. */
export function behaviourText(header: { provider: string; version: string; source: string }, types: Map<string, TypeBehaviour>): string {
  const names = [...types.keys()].sort();
  const entry = (e: object): string => `      ${compact(e)}`;
  const section = (pick: (b: TypeBehaviour) => object[]): string =>
    names
      .map((n) => {
        const list = pick(types.get(n)!);
        return list.length === 0 ? `    ${JSON.stringify(n)}: []` : `    ${JSON.stringify(n)}: [\n${list.map(entry).join(",\n")}\n    ]`;
      })
      .join(",\n");
  return [
    "{",
    `  "provider": ${JSON.stringify(header.provider)},`,
    `  "version": ${JSON.stringify(header.version)},`,
    `  "source": ${JSON.stringify(header.source)},`,
    '  "resources": {',
    section((b) => b.replacements),
    "  },",
    '  "defaults": {',
    section((b) => b.defaults),
    "  }",
    "}",
    "",
  ].join("\n");
}
