/**
 * Every message the validator produces. Each says what was received, what is allowed and how to
 * fix it; the file, JSON path and Terraform address travel next to it in the problem.
 */
import { problemsOf } from "../problems/problem";

/** What the messages need of a compiled cty type (the validator's CtyType is one). */
type CtyType =
  | { readonly kind: "string" | "number" | "bool" | "dynamic"; readonly text: string }
  | { readonly kind: "list" | "set" | "map"; readonly element: { readonly text: string }; readonly text: string }
  | { readonly kind: "object"; readonly text: string }
  | { readonly kind: "tuple"; readonly elements: readonly unknown[]; readonly text: string }
  | { readonly kind: "nested"; readonly mode: "single" | "list" | "set" | "map"; readonly text: string };

/** Names listed in full up to this many; longer lists are cut. */
const LIST_LIMIT = 60;

/** Longest value excerpt quoted in a message. */
const EXCERPT_LIMIT = 80;

/** Set while a sensitive argument is checked: its value is never quoted. */
let redacting = false;

/** Runs `check` with every value its messages would quote replaced by "(sensitive value)". */
export function withoutValues<T>(check: () => T): T {
  const before = redacting;
  redacting = true;
  try {
    return check();
  } finally {
    redacting = before;
  }
}

/** Describes a JSON value briefly: `"ACTIVE"`, `42`, `["a","b"]`, `null`; never a sensitive one. */
function describe(value: unknown): string {
  if (redacting) {
    return "(sensitive value)";
  }
  const json = excerpt(value, EXCERPT_LIMIT);
  return json.length > EXCERPT_LIMIT ? `${json.slice(0, EXCERPT_LIMIT - 1)}…` : json;
}

/** Punctuation queued while a value is written out. */
class Punctuation {
  public constructor(public readonly text: string) {}
}

/**
 * The start of a value's JSON text, at least `limit` characters of it when there are that many:
 * what JSON.stringify writes, but written iteratively and stopped early, so that neither a value
 * nested a hundred thousand levels deep nor one of a hundred megabytes costs more than its start.
 */
function excerpt(value: unknown, limit: number): string {
  let text = "";
  const pending: unknown[] = [value];
  while (pending.length > 0 && text.length <= limit) {
    const item = pending.pop();
    if (item instanceof Punctuation) {
      text += item.text;
    } else if (Array.isArray(item)) {
      text += "[";
      pending.push(new Punctuation("]"));
      for (let index = item.length - 1; index >= 0; index--) {
        pending.push(item[index] ?? null);
        if (index > 0) {
          pending.push(new Punctuation(","));
        }
      }
    } else if (typeof item === "object" && item !== null) {
      text += "{";
      pending.push(new Punctuation("}"));
      const keys = Object.keys(item);
      for (let index = keys.length - 1; index >= 0; index--) {
        pending.push((item as Record<string, unknown>)[keys[index]]);
        pending.push(new Punctuation(`${index > 0 ? "," : ""}${JSON.stringify(keys[index])}:`));
      }
    } else {
      text += JSON.stringify(item) ?? String(item);
    }
  }
  return text;
}

function quoteList(names: readonly string[]): string {
  const quoted = names.slice(0, LIST_LIMIT).map((name) => `"${name}"`);
  return names.length > LIST_LIMIT ? `${quoted.join(", ")} and ${names.length - LIST_LIMIT} more` : quoted.join(", ");
}

function didYouMean(suggestion: string | undefined, quote = true): string {
  if (suggestion === undefined) {
    return "";
  }
  return quote ? ` Did you mean "${suggestion}"?` : ` Did you mean ${suggestion}?`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** What a value of a cty type may be written as in JSON. */
function expectation(type: CtyType): string {
  switch (type.kind) {
    case "string":
      return "a string (numbers and bools are converted)";
    case "number":
      return 'a number (or a numeric string such as "42")';
    case "bool":
      return 'a bool (true, false, "true" or "false")';
    case "dynamic":
      return "any value";
    case "list":
    case "set":
      return `a JSON array of ${type.element.text} (${type.text})`;
    case "map":
      return `a JSON object with ${type.element.text} values (${type.text})`;
    case "object":
      return `a JSON object (${type.text})`;
    case "tuple":
      return `a JSON array of ${plural(type.elements.length, "element")} (${type.text})`;
    case "nested":
      return type.mode === "single" ? `a JSON object (${type.text})` : type.mode === "map" ? `a JSON object of objects (${type.text})` : `a JSON array of objects (${type.text})`;
  }
}

/** Messages about the schema snapshots themselves (thrown, not collected). */
export const schemaMessages = {
  unreadableDirectory: (dir: string, error: unknown) =>
    `cannot read the schema snapshot directory ${dir}: ${reason(error)}. Pass a directory holding the *.json files that "terraform providers schema -json" prints (npm run schema:refresh writes schema/okta.json).`,
  unreadableSnapshot: (file: string, error: unknown) =>
    `cannot parse the schema snapshot ${file}: ${reason(error)}. Regenerate it with "npm run schema:refresh".`,
  noSnapshots: (dir: string, names: readonly string[]) =>
    `no provider schema snapshot in ${dir}: ${names.length === 0 ? "it has no *.json file" : `none of ${names.join(", ")} has "provider_schemas"`}. Write one with "terraform providers schema -json > ${dir}/okta.json" (npm run schema:refresh).`,
  unknownType: (json: unknown) =>
    `unknown cty type ${describe(json)} in a schema snapshot: allowed are "string", "number", "bool", "dynamic", ["list"|"set"|"map", T], ["object", {...}] and ["tuple", [...]]. Regenerate the snapshot with "npm run schema:refresh".`,
};

/** Messages about reading input files. */
export const fileMessages = {
  notJson: (error: unknown) =>
    `not valid JSON: ${reason(error)}. Fix the file or synthesize it again with "cdktf synth".`,
  unreadable: (error: unknown) => `cannot read: ${reason(error)}. Pass an existing *.tf.json file or a directory.`,
  noFiles: (dir: string) =>
    `no *.tf.json file in ${dir} or below it. Run "cdktf synth" first, or pass the directory that holds cdk.tf.json.`,
  notObject: (value: unknown) =>
    `a Terraform JSON file must hold one JSON object, received ${describe(value)}. Wrap the content in {...}.`,
  tooDeep: (depth: number, limit: number) =>
    `arrays and objects nest ${depth.toLocaleString("en-US")} levels deep here, more than the ${limit.toLocaleString("en-US")} Terraform can read: terraform 1.11 stops with a stack overflow on JSON nested about that deep. Flatten the value.`,
};

/** Messages about the structure of a Terraform JSON document. */
export const structureMessages = {
  unknownTopLevel: (key: string, suggestion: string | undefined, allowed: readonly string[]) =>
    `unknown top-level key "${key}" in a Terraform JSON file.${didYouMean(suggestion)} Allowed are ${quoteList(allowed)}; rename or remove it.`,
  notObject: (what: string, value: unknown) =>
    `${what} must be a JSON object (or an array of JSON objects), received ${describe(value)}. Write it as {...}.`,
  duplicate: (what: string, file: string, path: string) =>
    `${what} is declared twice: it is also declared in ${file} at ${path}. Rename or remove one of them.`,
  repeatedKey: (what: string, path: string) =>
    `${what} is declared twice at ${path}: a key is repeated in one JSON object (JSON.parse would keep only the last; Terraform reads both). Rename or remove one of them.`,
  commentAsLabel: (path: string) =>
    `"//" at ${path} is read as a block label, not as a comment: Terraform skips "//" only among the arguments of a block body. Move the comment into a block body or remove it.`,
  tooManyLifecycles: (owner: string, count: number) =>
    `${owner} has ${count} lifecycle blocks, but Terraform allows one. Merge them into one "lifecycle" object.`,
  duplicateProvider: (name: string, alias: string | undefined, file: string, path: string) =>
    alias === undefined
      ? `provider "${name}" is configured twice without an alias: the other one is in ${file} at ${path}. Give one of them an "alias", or merge them.`
      : `provider "${name}" alias "${alias}" is configured twice: the other one is in ${file} at ${path}. Rename one of the aliases.`,
  unknownType: (kind: string, type: string, provider: string, version: string | undefined, suggestion: string | undefined) =>
    `unknown ${kind} type "${type}": the ${provider} provider${version ? ` ${version}` : ""} schema has no such ${kind} type.${didYouMean(suggestion)} Fix the type name, or refresh schema/ (npm run schema:refresh) if a newer provider added it.`,
};

/** Messages about arguments, blocks and values checked against a schema. */
export const schemaCheckMessages = {
  repeatedArgument: (owner: string, name: string) =>
    `argument "${name}" is set twice in ${owner}: the JSON object has the key "${name}" twice (JSON.parse would keep only the last; Terraform rejects both). Remove one of them.`,
  repeatedObjectKey: (path: string, key: string) =>
    `the JSON object at ${path} has the key "${key}" twice: Terraform rejects an object value that repeats an attribute (JSON.parse would keep only the last). Remove one of them.`,
  unknownArgument: (owner: string, name: string, suggestion: string | undefined, allowed: readonly string[]) =>
    suggestion !== undefined
      ? `unknown argument "${name}" in ${owner}. Did you mean "${suggestion}"? Rename or remove it.`
      : `unknown argument "${name}" in ${owner}: ${allowed.length === 0 ? "it takes no arguments" : `allowed are ${quoteList(allowed)}`}. Remove it.`,
  missingArgument: (owner: string, name: string, type: CtyType) =>
    `missing required argument "${name}" in ${owner}: it needs ${expectation(type)}. Add "${name}".`,
  nullRequired: (owner: string, name: string, type: CtyType) =>
    `required argument "${name}" in ${owner} is null: it needs ${expectation(type)}. Set a value.`,
  computedOnly: (owner: string, name: string, value: unknown) =>
    `argument "${name}" in ${owner} is read-only (the provider computes it), received ${describe(value)}. Remove it.`,
  typeMismatch: (owner: string, where: string, type: CtyType, value: unknown) =>
    `"${where}" in ${owner} must be ${expectation(type)} or an interpolation "\${...}", received ${describe(value)}. Change it to a value of type ${type.text}.`,
  nullElement: (owner: string, where: string, type: CtyType) =>
    `"${where}" in ${owner} is null, but a ${type.text} cannot hold null elements. Remove the null or replace it with a value.`,
  missingObjectAttribute: (owner: string, where: string, name: string, type: CtyType) =>
    `"${where}" in ${owner} lacks attribute "${name}", which ${type.text} requires. Add "${name}".`,
  unknownObjectAttribute: (owner: string, where: string, name: string, type: CtyType, suggestion: string | undefined) =>
    `"${where}" in ${owner} has attribute "${name}", which ${type.text} does not have (Terraform would drop it).${didYouMean(suggestion)} Rename or remove it.`,
  tupleLength: (owner: string, where: string, type: CtyType & { kind: "tuple" }, length: number) =>
    `"${where}" in ${owner} must have ${plural(type.elements.length, "element")} (${type.text}), received ${plural(length, "element")}. Add or remove elements.`,
  blockNotObject: (owner: string, name: string, map: boolean, value: unknown) =>
    map
      ? `block "${name}" in ${owner} must be a JSON object of labelled blocks, {"<label>": {...}}, received ${describe(value)}. Write one entry per label.`
      : `block "${name}" in ${owner} must be a JSON object (or an array of JSON objects, one per block), received ${describe(value)}. Write it as {"<argument>": <value>}.`,
  tooManyBlocks: (owner: string, name: string, max: number, count: number) =>
    `${owner} allows at most ${plural(max, `"${name}" block`)}, received ${count}. Keep ${max === 1 ? "one" : max} and remove the others.`,
  tooFewBlocks: (owner: string, name: string, min: number, count: number) =>
    `${owner} needs at least ${plural(min, `"${name}" block`)}, received ${count}. Add the missing ${min - count === 1 ? "block" : "blocks"}.`,
  unknownDynamicBlock: (owner: string, name: string, suggestion: string | undefined, allowed: readonly string[]) =>
    `dynamic block "${name}" in ${owner} names no block type of ${owner}.${didYouMean(suggestion)}${
      suggestion === undefined ? ` ${allowed.length === 0 ? `${owner} has no block types` : `Its block types are ${quoteList(allowed)}`}.` : ""
    } Fix the name or remove the dynamic block.`,
};

/** Messages about references inside interpolations and meta-arguments. */
export const referenceMessages = {
  interpolatedAddress: (what: string, value: string, argument: string, takes: string, bare: string) =>
    `${what} ${JSON.stringify(value)} is an interpolation; ${argument} takes ${takes}: write ${JSON.stringify(bare)}.`,
  ignoreChangesSetIndex: (entry: string, name: string) =>
    `ignore_changes entry "${entry}" indexes "${name}", which is a set: its elements have no index. Ignore the whole of "${name}" instead.`,
  undeclared: (reference: string, what: string, suggestion: string | undefined) =>
    `reference "${reference}" points to ${what}, which is not declared in this module (the *.tf.json files of this directory).${didYouMean(suggestion, false)} Declare it or fix the reference.`,
  unknownAttribute: (reference: string, owner: string, name: string, suggestion: string | undefined, allowed: readonly string[]) =>
    `reference "${reference}" reads "${name}", which ${owner} does not have.${
      suggestion !== undefined ? ` Did you mean "${suggestion}"?` : ` It has ${quoteList(allowed)}.`
    } Fix the attribute name.`,
  missingInstanceKey: (reference: string, address: string, metaArgument: "count" | "for_each") =>
    `reference "${reference}" needs an instance key: ${address} has "${metaArgument}", so its attributes are read from one instance, ${
      metaArgument === "count" ? `${address}[0]` : `${address}["<key>"]`
    }, or from all of them, ${address}[*]. Add the key or a splat.`,
  unexpectedInstanceKey: (reference: string, address: string) =>
    `reference "${reference}" uses an instance key, but ${address} has neither "count" nor "for_each". Remove the index after ${address}.`,
  selfReference: (reference: string, address: string) =>
    `reference "${reference}" in ${address} points to ${address} itself, which Terraform rejects as a self-referential block. Remove it (inside provisioner and connection blocks, use self.<attribute>).`,
  unavailableSymbol: (reference: string, symbol: "count" | "each", owner: string) =>
    symbol === "count"
      ? `reference "${reference}" is only valid in a block that sets "count", and ${owner} does not. Set "count" or remove the reference.`
      : `reference "${reference}" is only valid in a resource, data source, module or import block that sets "for_each" (inside a dynamic block use the iterator, <block>.key and <block>.value), and ${owner} does not. Set "for_each" or remove the reference.`,
  notReference: (argument: string, value: unknown, example: string, allowed: string) =>
    `"${argument}" must be a reference to ${allowed}, such as "${example}", received ${describe(value)}. Write the address without quotes inside it, e.g. "${example}".`,
  dependsOnAttribute: (reference: string, whole: string) =>
    `depends_on entry "${reference}" names an attribute, but depends_on takes whole objects. Write "${whole}".`,
  notArray: (argument: string, value: unknown, example: string) =>
    `"${argument}" must be a JSON array of references such as ["${example}"], received ${describe(value)}. Wrap the references in an array.`,
  ignoreChanges: (value: unknown) =>
    `"ignore_changes" must be "all" or a JSON array of argument names such as ["status"], received ${describe(value)}. Write an array of names.`,
  unknownIgnoredArgument: (entry: string, owner: string, suggestion: string | undefined) =>
    `ignore_changes entry "${entry}" is not an argument of ${owner}.${didYouMean(suggestion)} Fix or remove the entry.`,
};

/** Messages about templates: the strings Terraform evaluates. */
export const templateMessages = {
  unclosed: (text: string) =>
    text.startsWith('"')
      ? `the quoted string ${describe(text)} inside an interpolation is never closed. Close it with a quote, then the interpolation with "}".`
      : `the interpolation ${describe(text)} is never closed: the string ends before its "}". Add the "}", or write "$\${" for a literal "\${".`,
  empty: (text: string) =>
    `the interpolation ${describe(text)} is empty: Terraform needs an expression between "\${" and "}". Write one, or "$\${}" for the literal text.`,
  unclosedDirective: (keyword: "if" | "for") =>
    `the template opens "%{ ${keyword} }" but never closes it with "%{ end${keyword} }". Add "%{ end${keyword} }", or write "%%{" for a literal "%{".`,
  strayDirective: (keyword: "else" | "endif" | "endfor") =>
    `the template has "%{ ${keyword} }" without an open "%{ ${keyword === "endfor" ? "for" : "if"} }" before it. Add the missing directive or remove this one (write "%%{" for a literal "%{").`,
  tooDeep: (limit: number) =>
    `the expression nests quoted strings and index expressions more than ${limit} levels deep, more than the validator checks. Simplify it.`,
  unknownFunction: (name: string, suggestion: string | undefined) =>
    `function "${name}" does not exist in Terraform 1.11.${didYouMean(suggestion)} Fix the name (the functions: https://developer.hashicorp.com/terraform/language/functions).`,
};

/** Messages about meta-arguments and the top-level blocks other than resources. */
export const metaMessages = {
  count: (value: unknown) =>
    `"count" must be a whole number of 0 or more, or an interpolation such as "\${length(var.users)}", received ${describe(value)}. Change the value.`,
  forEach: (value: unknown) =>
    Array.isArray(value)
      ? `"for_each" must be a map or a set of strings, but a JSON array is a tuple, which Terraform rejects, received ${describe(value)}. Write a JSON object, or convert the list: "\${toset([...])}".`
      : `"for_each" must be a JSON object (a map) or an interpolation such as "\${toset(var.names)}", received ${describe(value)}. Change the value.`,
  countAndForEach: (address: string) =>
    `${address} sets both "count" and "for_each", but Terraform allows only one of them. Remove one.`,
  providerReference: (value: unknown) =>
    `"provider" must name a provider configuration such as "okta" or "okta.<alias>", received ${describe(value)}. Change the value.`,
  undeclaredAlias: (name: string, alias: string, configured: readonly string[]) =>
    `provider "${name}.${alias}" is not configured: no provider "${name}" block has alias "${alias}"${
      configured.length === 0 ? "" : ` (configured are ${quoteList(configured)})`
    }. Add a provider block with "alias": "${alias}" or fix the reference.`,
  unknownProvider: (name: string, suggestion: string | undefined) =>
    `provider "${name}" is neither configured nor required in this module.${didYouMean(suggestion)} Add it to terraform.required_providers or fix the name.`,
  importIdentity: () =>
    `an import block needs "id" (the Okta id of the existing object), received neither "id" nor "identity". Add "id".`,
  importTarget: (reference: string) =>
    `import "to" points to ${reference}, which is not declared in this module (the *.tf.json files of this directory). Declare that resource, so the imported object has a configuration, or fix the address.`,
  movedStillDeclared: (address: string) =>
    `moved "from" names ${address}, which is still declared in this module; Terraform rejects moving an object that still exists. Remove the declaration of ${address} or fix "from".`,
  moduleSource: () => `a module block needs "source", received none. Add "source" (a path or registry address).`,
  literalBool: (owner: string, name: string, value: unknown) =>
    typeof value === "string" && value.includes("${")
      ? `"${name}" in ${owner} must be a literal true or false, received ${describe(value)}: Terraform reads it before it evaluates any expression, so it cannot be an interpolation. Write true or false.`
      : `"${name}" in ${owner} must be true or false (or the string "true" or "false"), received ${describe(value)}. Write true or false.`,
  duplicateImport: (address: string, path: string) =>
    `import "to" ${address} is imported twice: the import block at ${path} imports it too, and Terraform allows one import block per resource instance. Remove one of them.`,
  ambiguousMoveFrom: (from: string, to: string, otherTo: string, path: string) =>
    `moved "from" ${from} moves it to ${to}, but the moved block at ${path} moves it to ${otherTo}: an object can move to one address only. Keep one of the two moved blocks.`,
  ambiguousMoveTo: (to: string, from: string, otherFrom: string, path: string) =>
    `moved "to" ${to} receives ${from}, but the moved block at ${path} moves ${otherFrom} there: only one object can move to an address. Keep one of the two moved blocks.`,
  variableType: (name: string, type: unknown, reason: string) =>
    `"type" of var.${name} is not a type constraint: ${reason}, received ${describe(type)}. Write a type such as "string", "number", "bool", "list(string)", "map(string)" or "object({login = string})".`,
  variableDefault: (name: string, type: CtyType, where: string, reason: string, value: unknown) =>
    `"default" of var.${name}${where === "" ? "" : ` at "${where}"`} does not convert to its type ${type.text}: ${reason}, received ${describe(value)}. Change the default or the type.`,
  conditionWithoutReference: (block: string) =>
    `the condition of this ${block} refers to nothing, so it checks nothing; Terraform rejects it. Make it refer to a resource, data source, variable or local value (in a postcondition, to self).`,
  validationWithoutVariable: (name: string) =>
    `the condition of this validation does not refer to var.${name}, so it does not test the variable's value; Terraform rejects it. Refer to var.${name} in the condition.`,
};

/** The message of a thrown error (errors from another realm, as under jest, fail instanceof Error). */
function reason(error: unknown): string {
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : String(error);
}

/**
 * The validator's catalog as Problems, ids "validator:<section>/<message name in kebab case>", e.g.
 * "validator:reference/undeclared". (Schema messages are thrown, not reported, and have none.)
 */
export const fileProblems = problemsOf("validator:file", fileMessages);
export const structureProblems = problemsOf("validator:structure", structureMessages);
export const schemaCheckProblems = problemsOf("validator:schema", schemaCheckMessages);
export const referenceProblems = problemsOf("validator:reference", referenceMessages);
export const templateProblems = problemsOf("validator:template", templateMessages);
export const metaProblems = problemsOf("validator:meta-argument", metaMessages);
