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
    else for (const message of construct.node.validate()) problems.push({ id: VALIDATION_ID, severity: "error", message: `[${construct.node.path}] ${message}` });
  }
  return problems;
}
