/**
 * Address globs, as --ignore (promotion diff) and --allow (plan guard) take them.
 */

/**
 * A pattern matching whole Terraform addresses: "*" matches any run of characters, none included
 * ("okta_user.e1*" matches "okta_user.e1001", and "module.hr.okta_user.*" matches
 * 'module.hr.okta_user.staff["e1001"]'), "?" matches exactly one character; everything else matches itself.
 */
export function addressGlob(glob: string): RegExp {
  const source = [...glob].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, "s");
}
