/** What the validator reads and reports. */
import { Problem } from "../problems/problem";

/** One thing wrong in a Terraform JSON file. */
export interface ValidationProblem {
  /** The file, as it was given (a path relative to the working directory stays relative). */
  readonly file: string;
  /** The JSON path of the offending value, e.g. `resource.okta_user.bird.status`; "" for the whole file. */
  readonly path: string;
  /** The Terraform address of the enclosing block, e.g. `okta_user.bird`, `data.okta_group.g`, `provider.okta`. */
  readonly address?: string;
  /** Stable id of the kind of problem, e.g. "validator:reference/undeclared" ("terraform:validate" for Terraform's own verdict). */
  readonly id: string;
  /** What was received, what is allowed and how to fix it. */
  readonly message: string;
}

/** A Terraform JSON document to validate, already parsed. */
export interface TerraformJsonFile {
  /** Where it comes from; files in the same directory form one module. */
  readonly path: string;
  /** The parsed JSON. */
  readonly json: unknown;
  /**
   * How deep its arrays and objects nest, when whoever built the JSON knows (a writer that walked it
   * all): the checker then need not walk it again to see that Terraform can read it. @default - measured
   */
  readonly depth?: number;
}

/** The outcome of validating files read from disk. */
export interface ValidationReport {
  /** Every problem found, in file order. */
  readonly problems: ValidationProblem[];
  /** How many *.tf.json files were read and parsed. */
  readonly fileCount: number;
  /** How many resources and data sources they declare. */
  readonly resourceCount: number;
}

/** The part of a Problem a ValidationProblem keeps (its file and path travel next to it). */
export function idAndMessage(found: Problem): { id: string; message: string } {
  return { id: found.id, message: found.message };
}
