#!/usr/bin/env node
// Turns the output of `terraform providers schema -json` into the committed snapshot: every resource and
// data source of the okta provider, "provider_versions" added, keys sorted and 2-space indented like the
// extractor's schema/okta.json (scripts/schema-extract), so both ways of refreshing write the same file.
// Usage: node scripts/snapshot-from-schema.js <full-schema.json> <snapshot.json> <version>
"use strict";
const fs = require("node:fs");

const FQN = "registry.terraform.io/okta/okta";

const [input, output, version] = process.argv.slice(2);
if (!input || !output || !version) {
  console.error("usage: node scripts/snapshot-from-schema.js <full-schema.json> <snapshot.json> <version>");
  process.exit(1);
}
const full = JSON.parse(fs.readFileSync(input, "utf8"));
const provider = full.provider_schemas[FQN];
if (!provider) {
  console.error(`${input} has no schema for ${FQN}`);
  process.exit(1);
}
const snapshot = {
  format_version: full.format_version,
  provider_schemas: {
    [FQN]: {
      provider: provider.provider,
      resource_schemas: provider.resource_schemas ?? {},
      data_source_schemas: provider.data_source_schemas ?? {},
    },
  },
  provider_versions: { [FQN]: version },
};
const sorted = (v) =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
fs.writeFileSync(output, JSON.stringify(sorted(snapshot), null, 2) + "\n");
const count = (o) => Object.keys(o ?? {}).length;
console.log(`wrote ${output} from okta/okta ${version}: ${count(provider.resource_schemas)} resources, ${count(provider.data_source_schemas)} data sources`);
