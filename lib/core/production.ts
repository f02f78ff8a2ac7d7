import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

const PRODUCTION = Symbol.for("cdktf-okta.production");

/** Marks a stack as a production org: its users, groups, rules and schema properties get prevent_destroy. */
export function markProduction(stack: TerraformStack): void {
  Object.defineProperty(stack, PRODUCTION, { value: true });
}

/** The lifecycle a generated resource gets: prevent_destroy in a production org, nothing otherwise. */
export function productionLifecycle(scope: IConstruct): { preventDestroy: true } | undefined {
  return isProduction(scope) ? { preventDestroy: true } : undefined;
}

/** True when the construct's stack is a production org. */
export function isProduction(scope: IConstruct): boolean {
  return (TerraformStack.of(scope) as unknown as Record<symbol, unknown>)[PRODUCTION] === true;
}
