import * as fs from "node:fs";
import * as path from "node:path";
import { schemaDir } from "../util/schema-dir";

/**
 * The starter app's files, as `cdktf-okta init` writes them: lib/starter/app/ (copied into dist by the
 * build) plus a package.json. Each template is stored under the path it is written to; a name ending in
 * `.tmpl` loses that suffix, which keeps the app's TypeScript out of this package's own compilation and
 * its `.gitignore` in the npm package (npm never packs a file called .gitignore).
 */
const TEMPLATES = path.join(__dirname, "app");
const TEMPLATE_SUFFIX = ".tmpl";

/**
 * The versions the app pins: what this package is built and tested with (`__tests__/init.test.ts`
 * holds them to package.json and package-lock.json).
 */
export const STARTER_VERSIONS = {
  cdktf: "0.21.0",
  "cdktf-cli": "0.21.0",
  constructs: "10.4.5",
  typescript: "5.9.3",
  jest: "29.7.0",
  "ts-jest": "29.4.15",
  "@types/jest": "29.5.14",
  "@types/node": "20.19.43",
} as const;

/** What varies between starter apps. */
export interface StarterOptions {
  /** The app's package name. */
  readonly name: string;
  /** How the app's package.json asks for cdktf-okta: a version range, or a `file:` path to a tarball. */
  readonly cdktfOkta: string;
}

/** One file of the starter app. */
export interface StarterFile {
  /** Relative to the app directory, with "/" separators. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
}

/** Every file of the starter app, package.json first, then the templates by path. */
export function starterFiles(options: StarterOptions): StarterFile[] {
  const templates = listTemplates(TEMPLATES).map((template) => ({
    path: template.endsWith(TEMPLATE_SUFFIX) ? template.slice(0, -TEMPLATE_SUFFIX.length) : template,
    content: fs.readFileSync(path.join(TEMPLATES, template), "utf8"),
  }));
  return [{ path: "package.json", content: `${JSON.stringify(packageJson(options), undefined, 2)}\n` }, ...templates];
}

/** This package's version: what a starter app asks for by default. */
export function cdktfOktaVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(schemaDir()), "package.json"), "utf8")).version;
}

function packageJson(options: StarterOptions): object {
  const v = STARTER_VERSIONS;
  return {
    name: options.name,
    version: "0.1.0",
    private: true,
    description: "Okta orgs as code: one cdktf stack per org, built with cdktf-okta.",
    engines: { node: ">=20" },
    scripts: {
      build: "tsc",
      synth: "tsc && cdktf synth",
      test: "tsc && jest",
    },
    dependencies: {
      cdktf: v.cdktf,
      "cdktf-okta": options.cdktfOkta,
      constructs: v.constructs,
    },
    devDependencies: {
      "@types/jest": v["@types/jest"],
      "@types/node": v["@types/node"],
      "cdktf-cli": v["cdktf-cli"],
      jest: v.jest,
      "ts-jest": v["ts-jest"],
      typescript: v.typescript,
    },
  };
}

/** The files under `dir`, relative to it with "/" separators, sorted. */
function listTemplates(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      return entry.isDirectory() ? listTemplates(dir, relative) : [relative];
    })
    .sort();
}
