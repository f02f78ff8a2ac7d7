#!/usr/bin/env node
// Generates the TypeScript provider bindings in .gen/ from the schema snapshots in schema/, offline.
//
// Each snapshot is the JSON that `terraform providers schema -json` prints, with "provider_versions"
// added. We call cdktf's own generator (the code `cdktf get` runs after it has fetched a schema), so the
// bindings are the ones `cdktf get` would write. A stamp file records the snapshot's sha256; `--check`
// fails when the bindings are missing or were generated from another snapshot.
"use strict";
process.env.CHECKPOINT_DISABLE = "1"; // cdktf packages send telemetry on load otherwise
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
// `--out DIR` writes the bindings elsewhere (the tests regenerate into a temporary directory and compare).
const outIndex = process.argv.indexOf("--out");
if (outIndex > 0 && !process.argv[outIndex + 1]) {
  console.error("usage: node scripts/generate-bindings.js [--check | --out DIR]");
  process.exit(1);
}
const GEN_ROOT = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(ROOT, ".gen");
const GEN_DIR = path.join(GEN_ROOT, "providers");

/** The providers this project binds: the schema snapshot and the constraint `cdktf get` would use. */
const PROVIDERS = [
  { name: "okta", snapshot: "schema/okta.json", constraint: "okta/okta@~> 6.12.0" },
  { name: "time", snapshot: "schema/time.json", constraint: "hashicorp/time@~> 0.13.0" },
];

function stampOf(snapshotPath) {
  const hash = crypto.createHash("sha256").update(fs.readFileSync(snapshotPath)).digest("hex");
  return `${hash}  ${path.relative(ROOT, snapshotPath)}\n`;
}

function stampPath(name) {
  return path.join(GEN_DIR, name, ".schema-sha256");
}

function available() {
  return PROVIDERS.filter((p) => fs.existsSync(path.join(ROOT, p.snapshot)));
}

function check() {
  const problems = [];
  for (const p of available()) {
    const expected = stampOf(path.join(ROOT, p.snapshot));
    const stamp = stampPath(p.name);
    if (!fs.existsSync(stamp)) {
      problems.push(`${p.name}: no bindings in .gen/providers/${p.name}; run \`npm run gen\``);
    } else if (fs.readFileSync(stamp, "utf8") !== expected) {
      problems.push(`${p.name}: .gen/providers/${p.name} was generated from another ${p.snapshot}; run \`npm run gen\``);
    }
  }
  return problems;
}

async function generate() {
  // Deep imports: the package root of @cdktf/provider-generator needs jsii at load time.
  const { CodeMaker } = require("codemaker");
  const { TerraformProviderGenerator } = require("@cdktf/provider-generator/lib/get/generator/provider-generator");
  const { ConstructsMakerProviderTarget } = require("@cdktf/commons/src/construct-maker-target");
  const { TerraformProviderConstraint, Language } = require("@cdktf/commons/src/config");

  for (const p of available()) {
    const snapshotPath = path.join(ROOT, p.snapshot);
    const schema = JSON.parse(fs.readFileSync(snapshotPath, "utf8"));
    const outdir = path.join(GEN_DIR, p.name);
    fs.rmSync(outdir, { recursive: true, force: true });

    const code = new CodeMaker();
    const target = new ConstructsMakerProviderTarget(new TerraformProviderConstraint(p.constraint), Language.TYPESCRIPT);
    const generator = new TerraformProviderGenerator(code, schema);
    generator.generate(target);
    // The generator writes providers/<name>/..., the layout `cdktf get` gives .gen.
    await generator.save(GEN_ROOT);
    fs.writeFileSync(stampPath(p.name), stampOf(snapshotPath));
    console.log(`generated ${path.relative(process.cwd(), outdir) || "."} from ${p.snapshot}`);
  }
}

if (process.argv.includes("--check")) {
  const problems = check();
  if (problems.length > 0) {
    console.error(`Provider bindings disagree with the schema snapshots:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
} else {
  generate().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
