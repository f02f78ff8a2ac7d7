/** What the directory knows of identity sources, their records and import jobs, and the one check across them. */
import type { IConstruct } from "constructs";
import { isConcrete } from "./checks";
import { problem } from "../problems/messages";
import { Problem } from "../problems/problem";

/** A Terraform address a construct synthesizes: [resource type (data.<type> for data sources), name]. */
export type TerraformAddress = [type: string, name: string];

/** What the directory needs from an identity-source construct (source, record or import job). */
export interface IdentitySourceElement extends IConstruct {
  /** Its Terraform addresses, checked for valid and unique names with the rest of the org. */
  _addresses(): TerraformAddress[];
  /** Problems with its own props, each naming its path; soft limits become warnings. */
  _validate(): Problem[];
  /** The identity source it runs an import job on; undefined for anything but import jobs. */
  readonly _importSource?: IConstruct & { readonly identitySourceId: string };
}

/** Every problem with the identity-source constructs of one org, including one import job per source. */
export function validateIdentitySources(elements: readonly IdentitySourceElement[]): Problem[] {
  const problems = elements.flatMap((element) => element._validate());
  const jobsBySource = new Map<unknown, { shown: string; paths: string[] }>();
  for (const element of elements) {
    const source = element._importSource;
    if (!source) continue;
    // Two handles with the same id are the same source; a token id is only known to its own handle.
    const key = isConcrete(source.identitySourceId) ? source.identitySourceId : source;
    const entry = jobsBySource.get(key);
    if (entry) entry.paths.push(element.node.path);
    else jobsBySource.set(key, { shown: source.identitySourceId, paths: [element.node.path] });
  }
  for (const { shown, paths } of jobsBySource.values()) {
    if (paths.length > 1) problems.push(problem.importJobsPerSource(shown, paths));
  }
  return problems;
}
