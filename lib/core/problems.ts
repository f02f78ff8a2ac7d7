import { IConstruct } from "constructs";
import { OktaDirectory } from "./directory";

/** Runs every construct's validations; messages of the Okta constructs already name their paths. */
export function collectProblems(scope: IConstruct): string[] {
  const problems: string[] = [];
  for (const construct of scope.node.findAll()) {
    for (const message of construct.node.validate()) {
      problems.push(construct instanceof OktaDirectory ? message : `[${construct.node.path}] ${message}`);
    }
  }
  return problems;
}
