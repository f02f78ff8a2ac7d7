import { TerraformResource } from "cdktf";
import { Construct } from "constructs";

/**
 * A built-in terraform_data resource whose only job is to be replaced when `revision` changes.
 * cdktf's DataResource does the same but adds a validation that runs `terraform version`, which fails
 * the synth on machines without terraform.
 */
export class RevisionTrigger extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly revision: string,
  ) {
    super(scope, id, { terraformResourceType: "terraform_data" });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { triggers_replace: { revision: this.revision } };
  }
}
