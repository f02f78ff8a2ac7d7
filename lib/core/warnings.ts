import { Annotations } from "cdktf";
import { IConstruct } from "constructs";
import { Problem, formatProblem } from "../problems/problem";

/**
 * Adds a problem as a warning (printed as its message and id, like aws-cdk's addWarningV2) unless
 * the construct already has it: validations run more than once (validateAll, then synth), and a
 * warning should still be printed once.
 */
export function warnOnce(construct: IConstruct, warning: Problem): void {
  const text = formatProblem(warning);
  if (!construct.node.metadata.some((entry) => entry.type === "@cdktf/warn" && entry.data === text)) {
    Annotations.of(construct).addWarning(text);
    construct.node.addMetadata(WARNING_METADATA, { ...warning, severity: "warning" });
  }
}

/** The metadata type under which a construct keeps its cdktf-okta warnings as Problems (cdktf's own entry holds the printed text). */
export const WARNING_METADATA = "cdktf-okta/warning";
