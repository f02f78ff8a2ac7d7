/**
 * Offline validation of Terraform JSON (what `cdktf synth` writes) against provider schema
 * snapshots (what `terraform providers schema -json` prints), without terraform or a network.
 */
import { schemaDir } from "../util/schema-dir";
import { groupByDirectory, readTerraformJson } from "./files";
import { checkModule } from "./module-checker";
import { SchemaSet } from "./schema";
import type { TerraformJsonFile, ValidationProblem, ValidationReport } from "./types";

export type { TerraformJsonFile, ValidationProblem, ValidationReport } from "./types";

/**
 * Validates Terraform JSON against the provider schema snapshots in schema/ (okta/okta and any
 * other *.json snapshot found there): resource and data source types, arguments and blocks,
 * value types, references, meta-arguments, and the import and moved blocks.
 *
 * @example
 * const problems = SchemaValidator.fromSnapshots().validateDirectory("cdktf.out");
 * if (problems.length > 0) console.error(formatValidationProblems(problems));
 */
export class SchemaValidator {
  /**
   * Loads every *.json file with "provider_schemas" in a directory and merges them.
   *
   * @param dir the snapshot directory.
   * @default - the schema/ directory of the cdktf-okta package
   */
  public static fromSnapshots(dir?: string): SchemaValidator {
    return new SchemaValidator(SchemaSet.load(dir ?? schemaDir()));
  }

  private constructor(private readonly schemas: SchemaSet) {}

  /**
   * Validates parsed Terraform JSON documents. Documents whose paths share a directory form one
   * module: references between them resolve.
   */
  public validate(files: readonly TerraformJsonFile[]): ValidationProblem[] {
    return this.check(files).problems;
  }

  /**
   * Validates every *.tf.json file under a directory (recursively; node_modules, .terraform and
   * .git are skipped). Each directory is one module, so cdktf.out validates stack by stack.
   */
  public validateDirectory(dir: string): ValidationProblem[] {
    return this.validatePaths([dir]).problems;
  }

  /** Validates files and directories, counting what was read: what the validate CLI runs. */
  public validatePaths(paths: readonly string[]): ValidationReport {
    const read = readTerraformJson(paths);
    const checked = this.check(read.files);
    return {
      problems: [...read.problems, ...checked.problems],
      fileCount: read.files.length,
      resourceCount: checked.resourceCount,
    };
  }

  private check(files: readonly TerraformJsonFile[]): { problems: ValidationProblem[]; resourceCount: number } {
    let problems: ValidationProblem[] = [];
    let resourceCount = 0;
    for (const module of groupByDirectory(files)) {
      const result = checkModule(this.schemas, module);
      problems = problems.concat(result.problems);
      resourceCount += result.resources;
    }
    return { problems, resourceCount };
  }
}

/**
 * Formats problems one per line: `file: path (address): message`.
 */
export function formatValidationProblems(problems: readonly ValidationProblem[]): string {
  return problems
    .map((problem) => {
      const where = [problem.path, problem.address === undefined ? "" : `(${problem.address})`].filter((part) => part !== "").join(" ");
      return where === "" ? `${problem.file}: ${problem.message}` : `${problem.file}: ${where}: ${problem.message}`;
    })
    .join("\n");
}

