/**
 * Where an stack without Terraform Cloud keeps its state: next to the project (relative to
 * cdktf.out/stacks/<stack>), because cdktf.out is replaced on every synth.
 */
export function localStatePath(stackId: string): string {
  return `../../../terraform.${stackId}.tfstate`;
}
