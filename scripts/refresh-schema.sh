#!/usr/bin/env bash
# Refreshes schema/okta.json from the real provider: needs terraform and the Terraform registry.
# Keeps the resources and data sources this project covers, adds "provider_versions", and pretty-prints
# with sorted keys like the committed snapshot. Run `npm run gen` afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v terraform >/dev/null || { echo "schema:refresh needs terraform on PATH (and the Terraform registry)" >&2; exit 1; }

VERSION=6.12.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.tf.json" <<JSON
{ "terraform": { "required_providers": { "okta": { "source": "okta/okta", "version": "$VERSION" } } } }
JSON
(cd "$work" && terraform init -input=false -no-color >/dev/null && terraform providers schema -json > schema.json)

node scripts/snapshot-from-schema.js "$work/schema.json" schema/okta.json "$VERSION"
