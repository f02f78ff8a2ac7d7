/**
 * The messages of `cdktf-okta convert` and `cdktf-okta export`: each names the file:line or URL, the
 * value received (cut short), what is allowed and how to fix it.
 */
import { show } from "../messages";

/** The most of an HCL expression or API answer a message quotes. */
const SHOWN = 60;

function cut(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= SHOWN ? oneLine : `${oneLine.slice(0, SHOWN - 1)}…`;
}

export const adoptMessages = {
  // convert
  hclUnparsable: (where: string, detail: string) =>
    `${where}: not valid HCL (${cut(detail)}). Fix the syntax (terraform validate shows the same error), then convert again.`,
  pathNotFound: (file: string) => `${file}: no such file or directory. Name .tf files or directories that hold them.`,
  noTerraformFiles: (dir: string) => `${dir}: no .tf files in this directory. Name a directory that holds the configuration's .tf files.`,
  unknownResourceType: (where: string, kind: "resource" | "data source", type: string, suggestion: string | undefined) =>
    `${where}: ${kind} type ${show(type)} is not an okta/okta 6.12.0 type${suggestion ? `; did you mean ${show(suggestion)}?` : "."} Only okta types can be converted: correct the type, or leave this block out of the files you convert.`,
  unsupportedExpression: (where: string, attribute: string, expression: string) =>
    `${where}: ${attribute} = ${show(cut(expression))} is an expression the converter cannot rewrite; it converts literals, var.<name>, local.<name>, references to another block's attributes (okta_group.garden.id) and strings mixing them. Write this value in the generated code by hand.`,
  providerAlias: (where: string, alias: string) =>
    `${where}: provider "okta" with alias ${show(alias)}: one OktaOrgStack manages one org with one provider, so aliased providers cannot be converted. Convert each org's configuration into its own stack.`,
  aliasedProviderUse: (where: string, address: string, provider: string) =>
    `${where}: ${address} uses provider ${show(provider)}: one OktaOrgStack manages one org with one provider. Move it into the configuration (and the stack) of that org.`,
  otherProvider: (where: string, name: string) =>
    `${where}: provider ${show(name)} is not okta; cdktf-okta converts okta configurations only. Add that provider's cdktf bindings to the generated stack by hand.`,
  repetition: (where: string, address: string, meta: "count" | "for_each", expression: string) =>
    `${where}: ${address} has ${meta} = ${show(cut(expression))}; repeated blocks are not converted (their addresses are ${address}[key]). Write a TypeScript loop over the values in the generated code, with moved blocks from ${address}[key] to the names it makes.`,
  lifecycleBlock: (where: string, address: string) =>
    `${where}: ${address} has a lifecycle block, which the converter does not carry over. Set production: true on the OktaOrgStack for prevent_destroy, or add it with the construct's escape hatch.`,
  remoteModule: (where: string, name: string, source: string) =>
    `${where}: module ${show(name)} has source ${show(cut(source))}; only local modules ("./path") can be inlined. Download the module into the repository and point source at it, or write its objects by hand.`,
  outputBlock: (where: string, name: string) =>
    `${where}: output ${show(name)} is not converted; a cdktf TerraformOutput in the generated code does the same.`,
  undeclaredCustomAttribute: (where: string, address: string, index: string) =>
    `${where}: ${address} sets custom attribute ${show(index)}, which no okta_user_schema_property of the converted files declares; OktaUser checks customProfile against the declared properties. Convert the file that declares it together with this one, or list the attribute in custom_profile_attributes_to_ignore.`,
  customProfileNotJson: (where: string, address: string, value: string) =>
    `${where}: ${address}.custom_profile_attributes is ${show(cut(value))}, not a JSON object literal. Write it as jsonencode-free JSON text ("{\\"key\\":\\"value\\"}") or set customProfile in the generated code.`,
  convertIncomplete: (count: number) =>
    `cdktf-okta convert: ${count} ${count === 1 ? "part" : "parts"} of the configuration could not be converted (listed above); nothing was written. Fix them, or pass --allow-partial to write the rest with a comment naming what was left out.`,
  convertFailed: (count: number) => `cdktf-okta convert: ${count} ${count === 1 ? "problem" : "problems"} (listed above); nothing was written.`,
  // both
  badThreshold: (value: string) => `--data-threshold is ${show(value)}; give a whole number of 0 or more (default 50).`,
  outNotDirectory: (dir: string) => `--out ${show(dir)} is a file; name a directory (it is created when missing).`,
  // export
  badOrgUrl: (value: string) =>
    `--org-url is ${show(cut(value))}; give the org's address, e.g. https://dev-123456.okta.com (no path, no trailing /admin).`,
  noCredentials: () =>
    "cdktf-okta export needs credentials in the okta provider's environment variables: OKTA_API_TOKEN, or OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY and OKTA_API_SCOPES (and OKTA_API_PRIVATE_KEY_ID) for an OAuth service app. Nothing was read.",
  conflictingCredentials: () =>
    "cdktf-okta export: both OKTA_API_TOKEN and OKTA_API_CLIENT_ID are set; set one way of signing in (the provider refuses both, too).",
  incompleteOAuth: (missing: readonly string[]) =>
    `cdktf-okta export: OKTA_API_CLIENT_ID is set but ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not; an OAuth service app needs all of OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY and OKTA_API_SCOPES.`,
  badCapacity: (value: string) => `--max-api-capacity is ${show(value)}; give a percentage from 1 to 100 (default 50, like the provider's max_api_capacity).`,
  unknownInclude: (value: string, suggestion: string | undefined, supported: readonly string[]) =>
    `--include ${show(value)} is not an okta resource type that export can read${suggestion ? `; did you mean ${show(suggestion)}?` : "."} Export reads users, groups, memberships, group rules and user schema properties, and with --include: ${supported.join(", ")}.`,
  orgUnreachable: (url: string, detail: string) =>
    `cdktf-okta export: cannot reach ${url} (${cut(detail)}). Check --org-url and the network (a proxy: OKTA_HTTP_PROXY); nothing was written.`,
  unauthorized: (url: string) =>
    `cdktf-okta export: ${url} answered 401 Unauthorized: Okta did not accept the credentials. Check that OKTA_API_TOKEN (or the service app's key) belongs to this org and is not revoked or expired; nothing was written.`,
  forbidden: (url: string, scope: string) =>
    `cdktf-okta export: ${url} answered 403 Forbidden: the credentials lack the ${scope} scope. Grant ${scope} to the service app (Okta API Scopes tab) and add it to OKTA_API_SCOPES, or use a token of an admin who may read this; nothing was written.`,
  apiError: (url: string, status: number, summary: string) =>
    `cdktf-okta export: ${url} answered ${status} (${cut(summary)}); nothing was written. Run again later (an interrupted export resumes where it stopped).`,
  rateLimited: (url: string, retries: number) =>
    `cdktf-okta export: ${url} still answered 429 Too Many Requests after ${retries} retries; nothing was written. Run again later, or lower --max-api-capacity (the export resumes where it stopped).`,
};
