/**
 * Okta resources, data sources and providers made from bindings other than cdktf-okta's, such as
 * @cdktf/provider-okta (built for okta 4.20): cdktf's generated classes record the provider version
 * they were made for in terraformGeneratorMetadata, and an org stack runs them with the version it pins.
 * Serves the org's checks (directory.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformDataSource, TerraformProvider, TerraformProviderGeneratorMetadata, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { problem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { schemaDir } from "../util/schema-dir";

const OKTA_SOURCE = "registry.terraform.io/okta/okta";

/** What cdktf-okta's okta bindings were generated from: schema/okta.json. */
interface OwnBindings {
  readonly version: string;
  readonly resources: ReadonlySet<string>;
  readonly dataSources: ReadonlySet<string>;
}

let own: OwnBindings | undefined;

function ownBindings(): OwnBindings {
  if (own === undefined) {
    const snapshot = JSON.parse(fs.readFileSync(path.join(schemaDir(), "okta.json"), "utf8"));
    const schema = snapshot.provider_schemas[OKTA_SOURCE];
    own = {
      version: snapshot.provider_versions[OKTA_SOURCE],
      resources: new Set(Object.keys(schema.resource_schemas ?? {})),
      dataSources: new Set(Object.keys(schema.data_source_schemas ?? {})),
    };
  }
  return own;
}

/** One problem per okta element among `constructs` whose bindings were made for another provider version. */
export function foreignBindingProblems(constructs: readonly IConstruct[]): Problem[] {
  const problems: Problem[] = [];
  for (const construct of constructs) {
    const element = oktaElement(construct);
    if (element === undefined) continue;
    const version = element.metadata.providerVersion ?? element.metadata.providerVersionConstraint;
    const { version: pin, resources, dataSources } = ownBindings();
    if (version === undefined || version === pin || version === `~> ${pin}`) continue;
    const { kind, type } = element;
    const what = kind === "provider" ? "okta provider" : `${type} ${kind}`;
    const known = kind === "provider" || (kind === "resource" ? resources : dataSources).has(type);
    problems.push(
      known
        ? problem.foreignBinding(construct.node.path, what, version, pin, ownImport(kind, type))
        : problem.foreignBindingUnknownType(construct.node.path, what, version, pin),
    );
  }
  return problems;
}

interface OktaElement {
  readonly kind: "resource" | "data source" | "provider";
  readonly type: string;
  readonly metadata: TerraformProviderGeneratorMetadata;
}

function oktaElement(construct: IConstruct): OktaElement | undefined {
  const kind =
    construct instanceof TerraformResource ? "resource"
    : construct instanceof TerraformDataSource ? "data source"
    : construct instanceof TerraformProvider ? "provider"
    : undefined;
  if (kind === undefined) return undefined;
  const element = construct as TerraformResource | TerraformDataSource | TerraformProvider;
  const metadata = element.terraformGeneratorMetadata;
  return metadata?.providerName === "okta" ? { kind, type: element.terraformResourceType, metadata } : undefined;
}

/** How a user imports cdktf-okta's class for a type, named as cdktf's generator names it. */
function ownImport(kind: OktaElement["kind"], type: string): string {
  if (kind === "provider") return 'import { OktaProvider } from "cdktf-okta" (an OktaOrgStack has one already: stack.provider)';
  const name = kind === "resource" ? type.replace(/^okta_/, "") : `data_${type}`;
  const className = name.split("_").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
  const namespace = className.charAt(0).toLowerCase() + className.slice(1);
  return `import { ${namespace} } from "cdktf-okta/providers/okta" and new ${namespace}.${className}(...)`;
}
