/**
 * Values from props and data files are literal. Terraform evaluates every JSON string of an argument
 * as a template, so "${file(\"/etc/passwd\")}" in an HR file would run on the apply machine;
 * "$${" and "%%{" are Terraform's escapes for a literal "${" and "%{". cdktf tokens
 * ("${TfToken[TOKEN.n]}") are left alone: references, TerraformVariable, Fn and Lazy values still
 * become expressions, which is how a deliberate expression is written.
 */

const TEMPLATE_START = /\$\{(?!TfToken\[)|%\{/g;

/** A string Terraform reads back exactly as given; cdktf tokens inside it still resolve. */
export function literal(value: string): string {
  return value.replace(TEMPLATE_START, (start) => (start === "%{" ? "%%{" : "$${"));
}

/** Every string in a plain value (objects, arrays) made literal; class instances (tokens, constructs) are left alone. */
export function literalDeep<T>(value: T): T {
  if (typeof value === "string") return literal(value) as T;
  if (Array.isArray(value)) return value.map(literalDeep) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalDeep(v)])) as T;
  }
  return value;
}
