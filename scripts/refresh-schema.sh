#!/usr/bin/env bash
# Refreshes the okta provider snapshot with every resource and data source it has. Run `npm run gen` afterwards.
#
#   npm run schema:refresh -- --source <terraform-provider-okta git dir or work tree> [--tag v6.12.0]
#     offline: runs the schema extractor (scripts/schema-extract) on the provider's Go source and writes
#     schema/okta.json and schema/behaviour/okta.json (replacements and defaults, which only the source has).
#   npm run schema:refresh -- --registry [--tag v6.12.0]
#     needs terraform and the Terraform registry: `terraform providers schema -json` of the released
#     provider, written to schema/okta.json by scripts/snapshot-from-schema.js; schema/behaviour/okta.json
#     is left as it is (refresh it from the source of the same tag).
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: npm run schema:refresh -- (--source <provider git dir or work tree> | --registry) [--tag v6.12.0]"
source_dir="" registry=false tag=v6.12.0
while [ $# -gt 0 ]; do
  case "$1" in
    --source) source_dir="${2:?$usage}"; shift 2 ;;
    --registry) registry=true; shift ;;
    --tag) tag="${2:?$usage}"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
modes=0
[ -n "$source_dir" ] && modes=$((modes + 1))
$registry && modes=$((modes + 1))
[ "$modes" -eq 1 ] || { echo "$usage" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "$source_dir" ]; then
  node scripts/schema-extract/cli.js "$source_dir" --tag "$tag" --out "$work"
  cp "$work/okta.json" schema/okta.json
  cp "$work/behaviour/okta.json" schema/behaviour/okta.json
  echo "wrote schema/okta.json and schema/behaviour/okta.json from $source_dir at $tag (report: npm run schema:extract -- $source_dir --tag $tag --out DIR)"
else
  command -v terraform >/dev/null || { echo "schema:refresh --registry needs terraform on PATH (and the Terraform registry)" >&2; exit 1; }
  version=${tag#v}
  cat > "$work/main.tf.json" <<JSON
{ "terraform": { "required_providers": { "okta": { "source": "okta/okta", "version": "$version" } } } }
JSON
  (cd "$work" && terraform init -input=false -no-color >/dev/null && terraform providers schema -json > schema.json)
  node scripts/snapshot-from-schema.js "$work/schema.json" schema/okta.json "$version"
  echo "schema/behaviour/okta.json is unchanged: refresh it with --source at $tag"
fi
