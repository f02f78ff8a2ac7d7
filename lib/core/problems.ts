import { IConstruct } from "constructs";
import { VALIDATION_ID } from "../problems/messages";
import { Problem } from "../problems/problem";
import { OktaDirectory } from "./directory";

/**
 * Runs every construct's validations: an org directory's problems come with their ids and name their
 * construct paths; any other construct's validation messages get its path and the id "cdktf:validation".
 */
export function collectProblems(scope: IConstruct): Problem[] {
  const problems: Problem[] = [];
  for (const construct of scope.node.findAll()) {
    if (construct instanceof OktaDirectory) problems.push(...construct.validate());
    else if (hasValidations(construct)) {
      for (const message of construct.node.validate()) problems.push({ id: VALIDATION_ID, severity: "error", message: `[${construct.node.path}] ${message}` });
    }
  }
  return problems;
}

/**
 * Whether a construct has validations to run: false only when constructs' own list of them (its
 * private `_validations`, constructs 10.x) is there and empty, so that the 100,000 users of an org skip
 * a call that allocates a result each; when the list is not found, the validations run.
 */
function hasValidations(construct: IConstruct): boolean {
  const validations = (construct.node as unknown as { _validations?: unknown })._validations;
  return !Array.isArray(validations) || validations.length > 0;
}
