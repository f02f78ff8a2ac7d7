/**
 * Terraform's own blocks (lifecycle, variable, output, import, moved...) written as provider-style
 * schemas, so that one body checker validates them all. Arguments whose values are references
 * rather than expressions (depends_on, ignore_changes, import "to"...) are typed "dynamic" here
 * and checked by the module checker itself.
 */
import { BlockTypeJson, CompiledBlock, compileBlock } from "./schema";

const OPTIONAL_STRING = { type: "string", optional: true } as const;
const OPTIONAL_BOOL = { type: "bool", optional: true } as const;
const OPTIONAL_ANY = { type: "dynamic", optional: true } as const;
const REQUIRED_ANY = { type: "dynamic", required: true } as const;

const CONDITION: BlockTypeJson = {
  nesting_mode: "list",
  block: { attributes: { condition: REQUIRED_ANY, error_message: { type: "string", required: true } } },
};

/** The lifecycle block of a managed resource. */
export const RESOURCE_LIFECYCLE = compileBlock(
  {
    attributes: {
      create_before_destroy: OPTIONAL_BOOL,
      prevent_destroy: OPTIONAL_BOOL,
      ignore_changes: OPTIONAL_ANY,
      replace_triggered_by: OPTIONAL_ANY,
    },
    block_types: { precondition: CONDITION, postcondition: CONDITION },
  },
  "lifecycle",
  false,
);

/** The lifecycle block of a data source: only conditions. */
export const DATA_LIFECYCLE = compileBlock({ block_types: { precondition: CONDITION, postcondition: CONDITION } }, "lifecycle", false);

/** A variable block. */
export const VARIABLE = compileBlock(
  {
    attributes: {
      type: OPTIONAL_ANY,
      default: OPTIONAL_ANY,
      description: OPTIONAL_STRING,
      sensitive: OPTIONAL_BOOL,
      nullable: OPTIONAL_BOOL,
      ephemeral: OPTIONAL_BOOL,
    },
    block_types: { validation: CONDITION },
  },
  "variable",
  false,
);

/** An output block. */
export const OUTPUT = compileBlock(
  {
    attributes: {
      value: REQUIRED_ANY,
      description: OPTIONAL_STRING,
      sensitive: OPTIONAL_BOOL,
      ephemeral: OPTIONAL_BOOL,
      depends_on: OPTIONAL_ANY,
    },
    block_types: { precondition: CONDITION },
  },
  "output",
  false,
);

/** The terraform block (backend and cloud settings are not checked). */
export const TERRAFORM = compileBlock(
  {
    attributes: {
      required_version: OPTIONAL_STRING,
      required_providers: OPTIONAL_ANY,
      backend: OPTIONAL_ANY,
      cloud: OPTIONAL_ANY,
      experiments: OPTIONAL_ANY,
      provider_meta: OPTIONAL_ANY,
    },
  },
  "terraform",
  false,
);

/** One entry of terraform.required_providers. */
export const REQUIRED_PROVIDER = compileBlock(
  { attributes: { source: OPTIONAL_STRING, version: OPTIONAL_STRING, configuration_aliases: OPTIONAL_ANY } },
  "required_providers",
  false,
);

/** A top-level import block. */
export const IMPORT = compileBlock(
  { attributes: { to: REQUIRED_ANY, id: OPTIONAL_STRING, identity: OPTIONAL_ANY, provider: OPTIONAL_ANY, for_each: OPTIONAL_ANY } },
  "import",
  false,
);

/** A top-level moved block. */
export const MOVED = compileBlock({ attributes: { from: REQUIRED_ANY, to: REQUIRED_ANY } }, "moved");

/** A top-level removed block. */
export const REMOVED = compileBlock(
  { attributes: { from: REQUIRED_ANY, lifecycle: OPTIONAL_ANY, provisioner: OPTIONAL_ANY, connection: OPTIONAL_ANY } },
  "removed",
  false,
);

/** Terraform's built-in terraform_data resource (terraform.io/builtin/terraform). */
export const TERRAFORM_DATA = compileBlock(
  {
    attributes: {
      input: OPTIONAL_ANY,
      triggers_replace: OPTIONAL_ANY,
      output: { type: "dynamic", computed: true },
      id: { type: "string", computed: true },
    },
  },
  "terraform_data",
  false,
);

/** The body of one dynamic block. */
export const DYNAMIC = compileBlock(
  {
    attributes: {
      for_each: REQUIRED_ANY,
      iterator: OPTIONAL_STRING,
      labels: { type: ["list", "string"], optional: true },
      content: REQUIRED_ANY,
    },
  },
  "dynamic block",
  false,
);

/**
 * Arguments Terraform reads before it evaluates anything, so only a literal will do (true, false,
 * "true", "false"), never an interpolation, by the block they belong to.
 */
export const LITERAL_ARGUMENTS: ReadonlyMap<CompiledBlock, ReadonlySet<string>> = new Map([
  [RESOURCE_LIFECYCLE, new Set(["create_before_destroy", "prevent_destroy"])],
  [VARIABLE, new Set(["sensitive", "nullable", "ephemeral"])],
  [OUTPUT, new Set(["sensitive", "ephemeral"])],
]);
