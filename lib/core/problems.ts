import { Construct, IConstruct } from "constructs";
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
 * Whether constructs keeps a node's validations in a `_validations` list that it creates with the
 * first one (constructs 10.x), found on a probe: hasValidations relies on it, and only then.
 */
const VALIDATIONS_FIELD_KNOWN = (() => {
  const probe = new Construct(undefined as unknown as Construct, "");
  const before = (probe.node as unknown as { _validations?: unknown })._validations;
  const validation = { validate: () => [] };
  probe.node.addValidation(validation);
  const after = (probe.node as unknown as { _validations?: unknown[] })._validations;
  return before === undefined && Array.isArray(after) && after.length === 1 && after[0] === validation;
})();

/**
 * Whether a construct has validations to run: false only for a node without any (constructs' private
 * list of them not created yet, or empty), so that the 100,000 users of an org skip a call that
 * allocates a result each; if this copy of constructs keeps them otherwise, they run.
 */
function hasValidations(construct: IConstruct): boolean {
  if (!VALIDATIONS_FIELD_KNOWN) return true;
  const validations = (construct.node as unknown as { _validations?: unknown[] })._validations;
  return validations !== undefined && validations.length > 0;
}
