#!/usr/bin/env node
// Cuts the output of `terraform providers schema -json` down to the resources and data sources this
// project covers, adds "provider_versions", and writes it with sorted keys like the committed snapshot.
// Usage: node scripts/snapshot-from-schema.js <full-schema.json> <snapshot.json> <version>
"use strict";
const fs = require("node:fs");

const FQN = "registry.terraform.io/okta/okta";
// The resources and data sources the project covers (the tests read the same list).
const { resources: RESOURCES, data_sources: DATA_SOURCES } = require("./covered-types.json");

const [input, output, version] = process.argv.slice(2);
if (!input || !output || !version) {
  console.error("usage: node scripts/snapshot-from-schema.js <full-schema.json> <snapshot.json> <version>");
  process.exit(1);
}
const full = JSON.parse(fs.readFileSync(input, "utf8"));
const provider = full.provider_schemas[FQN];
const pick = (all, names) =>
  Object.fromEntries(
    names.map((name) => {
      if (!all[name]) throw new Error(`okta/okta ${version} has no ${name}`);
      return [name, all[name]];
    }),
  );
const snapshot = {
  format_version: full.format_version,
  provider_schemas: {
    [FQN]: {
      provider: provider.provider,
      resource_schemas: pick(provider.resource_schemas, RESOURCES),
      data_source_schemas: pick(provider.data_source_schemas, DATA_SOURCES),
    },
  },
  provider_versions: { [FQN]: version },
};
const sorted = (v) =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
fs.writeFileSync(output, JSON.stringify(sorted(snapshot), null, 2) + "\n");
console.log(`wrote ${output} from okta/okta ${version}`);
