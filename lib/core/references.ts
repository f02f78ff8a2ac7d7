import { Lazy, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { messages } from "../problems/messages";

/**
 * A reference that may only be used in the stack (org) it belongs to; used anywhere else it fails the
 * synth with a message naming both.
 */
export function stackBoundReference(owner: IConstruct, what: string, expression: string): string {
  const ownStack = TerraformStack.of(owner);
  return Lazy.stringValue({
    produce: (context) => {
      const usedIn = TerraformStack.of(context.scope);
      if (usedIn !== ownStack) {
        throw new Error(messages.crossOrgToken(what, owner.node.path, usedIn.node.path));
      }
      return expression;
    },
  });
}
