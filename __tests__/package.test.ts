import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("the npm package", () => {
  // What `npm pack` would put in the tarball (scripts skipped: `npm test` has just built dist/).
  const packed: string[] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  )[0].files.map((f: { path: string }) => f.path);

  test("is named cdktf-okta, with cdktf and constructs as peer dependencies", () => {
    expect(pkg.name).toBe("cdktf-okta");
    expect(pkg.peerDependencies).toEqual({ cdktf: "0.21.0", constructs: "^10.4.0" });
    expect(pkg.dependencies.cdktf).toBeUndefined();
  });

  test("points main, types, exports and bin at compiled files that the tarball contains", () => {
    const exported = Object.entries<string | { types: string; default: string }>(pkg.exports)
      .filter(([subpath]) => subpath !== "./package.json")
      .flatMap(([, target]) => (typeof target === "string" ? [target] : [target.types, target.default]));
    const typesVersions = Object.values<string[]>(pkg.typesVersions?.["*"] ?? {}).flat();
    const entries = [pkg.main, pkg.types, ...exported, ...typesVersions, ...Object.values<string>(pkg.bin)];
    expect(entries.filter((entry) => !packed.includes(entry.replace(/^\.\//, "")))).toEqual([]);
  });

  test("ships the compiled okta bindings and the schema snapshots, and no TypeScript sources or tests", () => {
    expect(packed).toEqual(expect.arrayContaining(["dist/.gen/providers/okta/user/index.js", "dist/.gen/providers/okta/index.js", "schema/okta.json", "schema/time.json"]));
    // every okta type's binding, and the lazily loading entry cdktf-okta/providers/okta
    expect(packed.filter((f) => /^dist\/\.gen\/providers\/okta\/[^/]+\/index\.js$/.test(f))).toHaveLength(145 + 99 + 1);
    expect(packed).toEqual(expect.arrayContaining(["dist/.gen/providers/okta/namespaces.js", "dist/.gen/providers/okta/index.d.ts"]));
    // The test provider behind cdktf-okta-validate: its entry point, protocol definition and provider data.
    expect(packed).toEqual(expect.arrayContaining(["dist/lib/test-provider/provider-main.js", "dist/lib/test-provider/tfplugin6.proto", "schema/tfe.json", "schema/behaviour/okta.json"]));
    expect(packed.filter((f) => /^(lib|__tests__|\.gen)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);
  });
});
