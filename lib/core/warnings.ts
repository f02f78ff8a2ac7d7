import { Annotations } from "cdktf";
import { IConstruct } from "constructs";

/**
 * Adds a warning unless the construct already has it: validations run more than once (validateAll,
 * then synth), and a warning should still be printed once.
 */
export function warnOnce(construct: IConstruct, message: string): void {
  if (!construct.node.metadata.some((entry) => entry.type === "@cdktf/warn" && entry.data === message)) {
    Annotations.of(construct).addWarning(message);
  }
}
