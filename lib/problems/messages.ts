/**
 * Every message a cdktf-okta construct or tool reports, in one place.
 *
 * A message names where the problem is (construct path, or file and row), the value received, what is
 * allowed and how to fix it.
 */

import { Problem, formatProblem, kebabCase, problemsOf } from "./problem";


/** Quotes a glob or an address for a shell command line: okta_user.old_* -> 'okta_user.old_*'. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The most of a received value a message quotes. */
export const SHOWN_LENGTH = 80;

/** Quote a received value for a message, cut to 80 characters. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  const length = typeof value === "string" ? value.length : text.length;
  return text.length <= SHOWN_LENGTH ? text : `${text.slice(0, SHOWN_LENGTH - 1)}… (${length} characters)`;
}

function oneOf(allowed: readonly string[]): string {
  return allowed.map((a) => show(a)).join(", ");
}

/** One construct's use of a value that must be unique: where it is, and the value as it wrote it. */
export interface Use {
  readonly place: string;
  readonly shown: string;
}

/** "a and b", "a, b and c". */
export function joinAnd(parts: readonly string[]): string {
  return parts.length <= 2 ? parts.join(" and ") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** "A has login "x" and B has login "X"": each use with its own spelling. */
function each(uses: readonly Use[], says: (shown: string) => string): string {
  return joinAnd(uses.map((use) => `${use.place} ${says(use.shown)}`));
}

/** What every command that reads synthesized stacks accepts. */
const STACK_INPUTS = "the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json";

export const messages = {
  invalidAddress: (path: string, id: string) =>
    `${path}: construct id ${show(id)} is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes. Choose an id such as ${show(suggestAddress(id))}.`,
  duplicateAddress: (type: string, address: string, paths: string[]) =>
    `${paths.join(" and ")}: both would be ${type}.${address}. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.`,
  addressLeftProduction: (stackPath: string, address: string, record: string) =>
    `${stackPath}: ${address} is in this production org's record (${record}) but no longer in the code, so the next apply would destroy it in Okta. If it was renamed, give the new construct renamedFrom; to stop managing it and keep it in Okta, call retire(${show(address)}, { destroy: false }); to delete it from Okta, retire(${show(address)}, { destroy: true }).`,
  retiredButDefined: (stackPath: string, address: string) =>
    `${stackPath}: retire(${show(address)}) names an address the code still defines. Remove the construct, or the retire() call.`,
  badAddressRecord: (file: string, reason: string) =>
    `${file}: the production address record is not valid JSON (${reason}). Restore it from version control; it lists the addresses this org manages.`,
  weakenedProtection: (path: string, what: string) =>
    `${path}: ${what} in a production org would let Terraform destroy the object. Production objects keep prevent_destroy; to delete one, retire its address with retire(address, { destroy: true }) on the stack.`,
  productionImportDeletes: (path: string, counts: string) =>
    `${path}: this identity-source import deletes ${counts} in a production org. Check the lists before applying; Okta deletes what the job names.`,
  stackOverrideOfOwnedAddress: (stackPath: string, address: string, ownerPath: string) =>
    `${stackPath}: addOverride("resource.${address}", ...) defines ${address}, which ${ownerPath} already defines; the construct's rendering would silently replace the override. Change it through the construct's escape hatch (its .resource.addOverride(...)) instead, or give one of them another address.`,
  notInEnum: (path: string, field: string, value: unknown, allowed: readonly string[]) =>
    `${path}: ${field} is ${show(value)}; allowed values are ${oneOf(allowed)}.`,
  emptyString: (path: string, field: string) => `${path}: ${field} is empty; give it a value.`,
  tooLong: (path: string, field: string, value: string, bytes: number, max: number) =>
    `${path}: ${field} ${show(value)} is ${bytes} bytes long; Okta allows at most ${max} bytes. Shorten it.`,
  profileTooLong: (path: string, field: string, value: string, length: number, max: number) =>
    `${path}: ${field} ${show(value)} is too long: Okta allows at most ${max} characters in ${field} (this has ${length}) and rejects the user at apply time. Shorten it.`,
  badLogin: (path: string, login: string) =>
    `${path}: login ${show(login)} is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).`,
  badEmail: (path: string, field: string, email: string) =>
    `${path}: ${field} ${show(email)} is not a valid email address; use the form "name@example.com".`,
  duplicateLogin: (users: readonly Use[]) =>
    `${each(users, (login) => `has login ${show(login)}`)}; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.`,
  duplicateGroupName: (groups: readonly Use[]) =>
    `${each(groups, (name) => `is named ${show(name)}`)}; Okta group names must be unique in an org (case-insensitive). Rename one of them.`,
  badIndex: (path: string, index: string) =>
    `${path}: index ${show(index)} is not a valid Okta variable name; start with a letter and use only letters, digits and underscores, e.g. ${show(suggestIndex(index))}.`,
  notBaseAttribute: (path: string, index: string, base: readonly string[]) =>
    `${path}: index ${show(index)} is not one of Okta's base attributes (${oneOf(base)}); to add an attribute of your own use OktaUserSchemaProperty.`,
  reservedIndex: (path: string, index: string) =>
    `${path}: index ${show(index)} is reserved by Okta; choose another name, e.g. ${show(index + "_attr")}.`,
  duplicateIndex: (index: string, paths: string[]) =>
    `${paths.join(" and ")}: both declare the user schema property ${show(index)}; each index may be declared once per org. Remove one.`,
  tooManyUnique: (paths: string[], max: number) =>
    `${paths.join(", ")}: ${paths.length} user schema properties are unique: "UNIQUE_VALIDATED", Okta allows at most ${max} per user type. Make the others "NOT_UNIQUE".`,
  overrideNeedsPriority: (path: string) =>
    `${path}: master is "OVERRIDE" but masterOverridePriority is empty; list the profile sources in priority order, e.g. [{ type: "ORG_APP", value: "<app id>" }], or use master "PROFILE_MASTER".`,
  priorityNeedsOverride: (path: string, master: string | undefined) =>
    `${path}: masterOverridePriority is set but master is ${show(master ?? "PROFILE_MASTER")}; set master: "OVERRIDE" or remove masterOverridePriority.`,
  enumWithUnique: (path: string) =>
    `${path}: enum/oneOf cannot be combined with unique: "UNIQUE_VALIDATED"; remove one of them.`,
  enumWithArray: (path: string) =>
    `${path}: enum/oneOf cannot be combined with type "array"; use arrayEnum/arrayOneOf for the items of an array property.`,
  arrayTypeWithoutArray: (path: string, type: string) =>
    `${path}: arrayType is only allowed when type is "array", but type is ${show(type)}; remove arrayType or set type: "array".`,
  arrayWithoutArrayType: (path: string) =>
    `${path}: type is "array" but arrayType is missing; set arrayType to "string", "number", "integer" or "boolean".`,
  enumValueType: (path: string, field: string, value: unknown, type: string) =>
    `${path}: ${field} contains ${show(value)}, which is not a ${type}; every value must match the property's type.`,
  lengthOnNonString: (path: string, type: string) =>
    `${path}: minLength/maxLength only apply to string properties, but type is ${show(type)}; remove them.`,
  minAboveMax: (path: string, min: number, max: number) =>
    `${path}: minLength ${min} is greater than maxLength ${max}; swap them or fix one.`,
  undeclaredCustomKey: (path: string, key: string, declared: string[]) =>
    `${path}: customProfile key ${show(key)} is not a user schema property declared in this org (declared: ${declared.length ? declared.join(", ") : "none"}). Declare it with new OktaUserSchemaProperty(this, "...", { index: ${show(key)}, ... }) (an existing property is adopted), or remove the key.`,
  customValueType: (path: string, key: string, value: unknown, expected: string) =>
    `${path}: customProfile.${key} is ${show(value)}, which does not fit the declared type ${expected}; give a value of type ${expected}.`,
  customValueNotAllowed: (path: string, key: string, value: unknown, allowed: readonly unknown[]) =>
    `${path}: customProfile.${key} is ${show(value)}; the schema property allows only ${allowed.map((a) => show(a)).join(", ")}.`,
  invisibleCharacters: (path: string, field: string, value: string, found: string, fix: string) =>
    `${path}: ${field} ${show(value)} has ${found}; ${fix}.`,
  missingRequiredCustom: (path: string, key: string, propertyPath: string) =>
    `${path}: customProfile has no ${show(key)}, which ${propertyPath} declares required: Okta rejects the user at apply time. Add customProfile.${key}.`,
  ruleTooManyGroups: (path: string, count: number, max: number) =>
    `${path}: the rule assigns ${count} groups; Okta allows at most ${max} per rule. Split it into several rules with the same expression.`,
  ruleTooManyExcluded: (path: string, count: number, max: number) =>
    `${path}: the rule excludes ${count} users; Okta allows at most ${max} per rule. Exclude a group of users in the expression instead (e.g. not isMemberOfAnyGroup(...)).`,
  ruleWithoutGroups: (path: string) => `${path}: groups is empty; a group rule must assign at least one group.`,
  ruleAndMembers: (groupPath: string, rulePaths: string[]) =>
    `${groupPath}: the group has explicit members and is also filled by group rule ${rulePaths.join(", ")}; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.`,
  crossOrg: (path: string, what: string, otherPath: string) =>
    `${path}: ${what} ${otherPath} belongs to another org's stack; a stack can only reference users and groups of its own org. Define it in this stack too, or import it with OktaUser.fromUserId / OktaGroup.fromGroupId.`,
  crossOrgToken: (what: string, ownPath: string, usedIn: string) =>
    `${ownPath}: its ${what} is used in stack ${usedIn}, which is another org; each org's stack can only reference its own users and groups. Define the object in ${usedIn} too, or reference it there with OktaUser.fromUserId / OktaGroup.fromGroupId.`,
  noProvider: (stackPath: string) =>
    `${stackPath}: this stack has Okta constructs but no okta provider. Use OktaOrgStack, or add new OktaProvider(stack, "okta", { orgName, baseUrl }) from cdktf-okta's bindings.`,
  missingScopes: (path: string, missing: string[]) =>
    `${path}: auth.scopes lacks ${missing.join(", ")}, which this org's constructs need; Okta answers 403 at apply time. Grant ${missing.length === 1 ? "it" : "them"} to the org's API service app and add ${missing.length === 1 ? "it" : "them"} to auth.scopes (or omit auth.scopes to use stack.requiredScopes).`,
  directoryDerivedIds: (file: string, count: number, example: string) =>
    `${file}: ${count} user${count === 1 ? " has" : "s have"} no id, so the Terraform address comes from the login (e.g. okta_user.${example}): changing a login would replace the user. Add an id column with a stable key, e.g. the employee number (to keep the current addresses, use the derived ids as they are).`,
  schemaNotFound: (from: string) =>
    `cdktf-okta: schema/okta.json not found in any directory above ${from}; the package is incomplete, reinstall cdktf-okta.`,
  noCrossOrgState: (path: string) =>
    `${path}: cross-stack references between org stacks are not supported; each org is managed on its own. Reference the object in this org with OktaUser.fromUserId / OktaGroup.fromGroupId instead.`,
  outOfRange: (path: string, field: string, value: number, min: number, max: number) =>
    `${path}: ${field} is ${value}; the provider accepts ${min} to ${max}. Use a value in that range.`,
  minWaitAboveMax: (path: string, min: number, max: number) =>
    `${path}: rateLimit.minWaitSeconds ${min} is greater than rateLimit.maxWaitSeconds ${max}; swap them or fix one.`,
  productionWithLocalState: (path: string) =>
    `${path}: a production org with local state (terraform.${path}.tfstate on this machine): deploying from another machine, or after losing the file, would try to create every user again. Give the stack cloud: { organization, workspace }.`,
  placeholderCloudOrganization: (path: string, organization: string) =>
    `${path}: the workspaces are written for the placeholder organization ${show(organization)}; give the Terraform Cloud organization that runs the org stacks before deploying this stack.`,
  literalWebhookUrl: (path: string) =>
    `${path}: driftNotification.url is a literal webhook URL, a secret that would be written to cdk.tf.json and state. Pass a sensitive TerraformVariable's stringValue instead, or leave url out to use var.drift_notification_url (TF_VAR_drift_notification_url).`,
  longWaveApply: (path: string, waves: number, minutes: number) =>
    `${path}: the job runs in ${waves} waves, so one apply spends ${minutes} minutes waiting between them, and long runs may time out (HCP Terraform limits run time). Split the data across applies at least five minutes apart, with at most 11 waves (2,200 entries per block) in each.`,
  webhookInOutput: (file: string, path: string) =>
    `${file}: ${path} holds a webhook URL, a secret (anyone with it can post): it would be written to cdk.tf.json and state. Pass it through a sensitive TerraformVariable (TF_VAR_...) instead.`,
  environmentSecretInOutput: (file: string, path: string, variable: string) =>
    `${file}: ${path} contains the value of ${variable}, a credential from this machine's environment (value not shown). Remove it: the provider reads credentials from the environment at plan and apply, never from cdk.tf.json.`,
  secretInOutput: (file: string, address: string, attribute: string) =>
    `${file}: ${address} sets ${attribute}, a secret. Secrets never go into synthesized Terraform: the provider reads credentials from its OKTA_* environment variables, and users set passwords through Okta's activation flow. Remove it (check addOverride calls).`,
  terraformVerdictFailed: (stacks: readonly string[], output: string) =>
    `${stacks.join(", ")}: terraform validate through the cdktf-okta test provider did not finish, so Terraform gave no verdict on these stacks (not a problem in them). Fix the terraform installation, or pass validate: "builtin" to OktaApp to validate with the built-in validator only. It said:\n${output}`,
  outputLocked: (lockFile: string, outdir: string, pid: number, hostname: string, started: string, waitedSeconds: number) =>
    `${lockFile}: another synth into ${outdir} holds this lock (pid ${pid} on ${hostname}, since ${started}); waited ${waitedSeconds} s for it. Let it finish and synth again; if process ${pid} on ${hostname} no longer runs, delete ${lockFile} and synth again.`,
  directoryFileExtension: (file: string, extension: string) =>
    `${file}: ${extension ? `files ending ${show(extension)} are` : "a file without an extension is"} not supported; use a .csv, .json, .yaml or .yml file.`,
  directoryFileUnreadable: (file: string, reason: string) => `${file}: cannot be read (${reason}); check the path.`,
  directoryFileSyntax: (file: string, reason: string) => `${file}: cannot be parsed: ${reason}. Fix the syntax.`,
  directoryNotUtf8: (where: string, byte: number, csv: boolean) =>
    `${where}: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} is not UTF-8; the file is in another encoding (often Windows-1252 or Latin-1), whose accented letters would be read wrongly. Save it as UTF-8${csv ? ' (in Excel: "CSV UTF-8")' : ""}.`,
  directoryNotThatKind: (file: string, kind: string, format: "csv" | "json" | "yaml", columns: readonly string[]) =>
    `${file}: not a ${kind} file: ${format === "csv" ? "its first line names none of the columns" : "its entries have none of the fields"} of a ${kind} file (${columns.map((c) => show(c)).join(", ")}), so none of its content is shown. Check that the ${kind} path names the right file (a symbolic link is read as the file it points to).`,
  directoryNotAList: (file: string) =>
    `${file}: the file must hold a list with one object per entry (a JSON array, or a YAML sequence of "- key: value" items).`,
  directoryEntryNotObject: (where: string, value: unknown) =>
    `${where}: is ${show(value)}; each entry must be an object of fields, e.g. { "login": "jane.doe@example.com", ... }.`,
  directoryFieldCount: (where: string, fields: number, columns: number) =>
    `${where}: has ${fields} fields but the header has ${columns} columns; quote values that contain commas, and give every row the header's columns.`,
  directoryDuplicateColumn: (where: string) => `${where}: the header names this column more than once; keep one.`,
  directoryMissingColumns: (where: string, columns: string[]) =>
    `${where}: the header has no column ${columns.map((c) => show(c)).join(", ")}; add ${columns.length === 1 ? "it" : "them"}: every row needs a value there.`,
  directoryUnknownColumn: (where: string, noun: string, column: string, suggestion: string | undefined, suggested: readonly string[] | "ignored" | undefined) =>
    suggestion === undefined
      ? `${where}: unknown ${noun}; map it to a known ${noun} (columns: { ${show(column)}: "<${noun}>" }) or leave it out (ignoreColumns: [${show(column)}]).`
      : suggested === undefined
        ? `${where}: unknown ${noun}; did you mean ${show(suggestion)}? Rename it, map it (columns: { ${show(column)}: ${show(suggestion)} }), or leave it out (ignoreColumns: [${show(column)}]).`
        : suggested === "ignored"
          ? `${where}: unknown ${noun}; did you mean ${show(suggestion)}, which ignoreColumns leaves out? Correct the header or the ignoreColumns entry.`
          : `${where}: unknown ${noun}; did you mean ${show(suggestion)}, which columns maps to ${suggested.map((c) => show(c)).join(" and ")}? Correct the header or the mapping, or leave it out (ignoreColumns: [${show(column)}]).`,
  directoryKnownColumns: (file: string, kind: string, noun: string, known: readonly string[]) =>
    `${file}: the ${noun}s a ${kind} file knows are ${oneOf(known)}; map other headers to them with columns, or leave them out with ignoreColumns.`,
  directoryMappingFile: (file: string, reason: string) =>
    `${file}: ${reason}; a columns file holds { "columns": { "<header>": "<column>", ... }, "ignoreColumns": ["<header>", ...] }.`,
  directoryMappingUnused: (source: string, option: "columns" | "ignoreColumns", header: string, files: readonly string[], suggestion: string | undefined) =>
    `${source}: ${option} names ${show(header)}, which is ${files.length === 1 ? `not a header of ${files[0]}` : `a header of neither ${files.join(" nor ")}`}${suggestion !== undefined ? ` (did you mean ${show(suggestion)}?)` : ""}. Correct the name or remove the entry.`,
  directoryMappingTarget: (where: string, target: string, kind: string, suggestion: string | undefined) =>
    `${where}: columns maps it to ${show(target)}, which is not a column of a ${kind} file${suggestion !== undefined ? `; did you mean ${show(suggestion)}?` : "; map it to one of the known columns."}`,
  directoryMappedAndIgnored: (where: string) => `${where}: columns maps it and ignoreColumns leaves it out; keep one of the two.`,
  directoryFilledTwice: (where: string, column: string, other: string) =>
    `${where}: fills ${show(column)}, which ${show(other)} already fills; keep one of them (or leave one out with ignoreColumns).`,
  directoryNotPerOrg: (where: string, column: string, allowed: string) =>
    `${where}: ${show(column)} cannot have a value per org: it identifies the row, the same in every org (per-org columns are for ${allowed}). Use one ${show(column)} column for every org.`,
  directoryUnknownOrg: (where: string, org: string, suggestion: string | undefined, orgs: readonly string[], column: string) =>
    `${where}: the part after "@" names org ${show(org)}, but the app has no org stack with that id${suggestion !== undefined ? `; did you mean ${show(suggestion)}?` : ""} (its orgs: ${orgs.length > 0 ? oneOf(orgs) : "none"}). Rename the column, or leave it out (ignoreColumns: [${show(column)}]).`,
  directorySharedImportId: (where: string, orgs: number, column: string, mapped: boolean, example: string) =>
    `${where}: one import id column feeds ${orgs} orgs, but an Okta id exists in one org only: the others would import an object they do not have, or the wrong one. Say which org the ids come from: ${mapped ? `map it to importId@<org> (columns: { ${show(column)}: ${show(`importId@${example}`)} })` : `rename the column importId@<org>, e.g. ${show(`importId@${example}`)}`}, one such column per org.`,
  directoryInvisible: (where: string, value: string, found: string, fix: string) => `${where}: ${show(value)} has ${found}; ${fix}.`,
  directoryValueType: (where: string, value: unknown, field: string, type: string, propertyPath: string) =>
    `${where}: ${show(value)} is not ${typeNoun(type)} (${field} is declared ${type} in ${propertyPath}). ${typeHint(type)}`,
  directoryItemType: (where: string, item: string, value: string, field: string, type: string, propertyPath: string) =>
    `${where}: ${show(item)} in ${show(value)} is not ${typeNoun(type.replace("array of ", ""))} (${field} is declared ${type} in ${propertyPath}). Separate the items with ";" and write each ${typeHint(type.replace("array of ", "")).replace(/^Write /, "as ")}`,
  directoryValueNotAllowed: (where: string, value: unknown, field: string, propertyPath: string, allowed: readonly string[]) =>
    `${where}: ${show(value)} is not allowed: ${field} (declared in ${propertyPath}) allows only ${oneOf(allowed)}. Write one of them.`,
  directoryUndeclared: (where: string, field: string, declared: readonly string[], column: string | undefined) =>
    `${where}: ${field} is not a user schema property declared in the org (declared: ${declared.length > 0 ? declared.join(", ") : "none"}). Declare it with new OktaUserSchemaProperty(stack, "...", { index: ${show(field.slice("custom.".length))}, ... }) (an existing property is adopted), or ${column === undefined ? "remove the field" : `leave the column out (ignoreColumns: [${show(column)}])`}.`,
  directoryMissingRequired: (where: string, field: string, propertyPath: string, column: string, csv: boolean) =>
    `${where}: no value, but ${field} is declared required in ${propertyPath}: Okta rejects the user at apply time. ${csv ? `Fill the ${show(column)} column.` : `Add ${show(column)} to the entry.`}`,
  directoryRequiredWithoutColumn: (where: string, field: string, propertyPath: string, users: number) =>
    `${where}: no column fills ${field}, which is declared required in ${propertyPath}: Okta rejects ${users === 1 ? "the file's user" : `all ${users} users of the file`} at apply time. Add a ${show(field)} column (or map one to it with columns) and fill it.`,
  directoryDeclaredAfterLoad: (where: string, field: string, type: string, propertyPath: string) =>
    `${where}: its cells were read as text, but ${field} is declared ${type} in ${propertyPath}, after loadDirectory read the file. Declare the schema properties before calling loadDirectory: it converts each cell to the declared type as it reads it.`,
  directoryProtoKey: (where: string) =>
    `${where}: "__proto__" cannot be an attribute name: Okta attribute names start with a letter (then letters, digits and underscores), and JavaScript objects would not keep "__proto__" as data. Remove it, or rename the attribute.`,
  directoryMissingValue: (where: string) => `${where}: no value; it is required, fill it in.`,
  directoryNotText: (where: string, value: unknown) => `${where}: ${show(value)} is not a string; quote it, e.g. ${show(String(value))}.`,
  directoryNotAnObject: (where: string, value: unknown) =>
    `${where}: ${show(value)} is not an object; write the custom attributes as { "<index>": value, ... }.`,
  directoryBadLogin: (where: string, login: string) =>
    `${where}: ${show(login)} is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).`,
  directoryBadEmail: (where: string, email: string) =>
    `${where}: ${show(email)} is not a valid email address; use the form "name@example.com".`,
  directoryTooLong: (where: string, value: string, length: number, max: number) =>
    `${where}: ${show(value)} is too long: Okta allows at most ${max} characters here (this has ${length}) and rejects the user at apply time. Shorten it.`,
  directoryNotInEnum: (where: string, value: string, allowed: readonly string[]) =>
    `${where}: ${show(value)} is not allowed; use one of ${oneOf(allowed)}.`,
  directoryBadId: (where: string, id: string) =>
    `${where}: ${show(id)} is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes; use e.g. ${show(suggestAddress(id))}.`,
  directoryPrototypeId: (where: string, id: string) =>
    `${where}: ${show(id)} cannot be an id: the constructs library keeps a scope's children in a plain object, where ${show(id)} is taken by JavaScript's Object.prototype. Choose another id, e.g. the employee number.`,
  directoryDuplicate: (where: string, value: string, firstLine: number, why: string) =>
    `${where}: ${show(value)} is already used on line ${firstLine}; ${why}. Remove one of the rows or change the value.`,
  directoryDuplicateDerivedId: (where: string, id: string, firstLine: number) =>
    `${where}: the id derived from this login, ${show(id)}, is already used on line ${firstLine}; give one of the two rows an explicit id.`,
  directoryBadCustomValue: (where: string, value: unknown) =>
    `${where}: ${show(value)} is not a custom attribute value; use a string, number or boolean, or a list of one of them.`,
  directoryBadGroups: (where: string, value: unknown) =>
    `${where}: ${show(value)} is not a list of group ids; write "id1;id2" or a list of strings.`,
  directoryUnknownGroup: (where: string, groupId: string, suggestion: string | undefined) =>
    `${where}: group ${show(groupId)} is not defined in the groups file${suggestion !== undefined ? `; did you mean ${show(suggestion)}?` : "; add it there or remove it here."}`,
  directoryMoreProblems: (count: number) => `... and ${count} more problem${count === 1 ? "" : "s"} in the directory files.`,
  refreshCostBadShare: (share: string | number) =>
    `share is ${share}; give the percentage of each rate-limit bucket the token may use, from 1 to 100 (Okta's default is 50).`,
  refreshCostBadTier: (tier: string, allowed: readonly string[], suggestion: string | undefined) =>
    `--tier ${show(tier)} is not an Okta org tier${suggestion !== undefined ? `; did you mean ${show(suggestion)}?` : ";"} Use one of ${oneOf(allowed)}.`,
  badStackJson: (file: string, reason: string) =>
    `${file}: not valid Terraform JSON (${reason}); synthesize again (cdktf synth) or name another file.`,
  refreshCostSlow: (stack: string, minutes: string, calls: number, where: string, threshold: string, hasSuggestions: boolean) =>
    `${stack}: a plan spends at least ${minutes} refreshing (${calls} Okta API calls, ${where}), more than ${threshold}. Run \`npx cdktf-okta-cost\` for the breakdown${hasSuggestions ? " and cheaper shapes" : ""}.`,
  noCloudOrgs: (path: string) =>
    `${path}: orgs is empty; give one entry per Okta org, e.g. { stackId: "okta-dev", workspace: "okta-dev", orgName: "acme-dev", baseUrl: "oktapreview.com" }.`,
  badWorkspaceName: (path: string, stackId: string, name: string) =>
    `${path}: org ${show(stackId)} has workspace ${show(name)}; Terraform Cloud workspace names use only letters, digits, "-" and "_" (at most 90). Use e.g. ${show(name.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 90) || "okta-dev")}.`,
  duplicateCloudOrg: (path: string, field: string, value: string, first: string, second: string) =>
    `${path}: orgs ${show(first)} and ${show(second)} both have ${field} ${show(value)}${field === "stackId" ? ' (stack ids name resources and variables, with "-" read as "_")' : ""}; give each org its own.`,
  emailWithoutRecipients: (path: string) =>
    `${path}: driftNotification.destinationType is "email" but neither emailUserIds nor emailAddresses is set; list HCP Terraform organization membership ids ("ou-...") in emailUserIds (emailAddresses works on Terraform Enterprise only).`,
  unknownCloudOrg: (path: string, stackId: string, known: string[]) =>
    `${path}: no workspace for stack ${show(stackId)}; the stack has workspaces for ${known.map((k) => show(k)).join(", ")}.`,
  promotionDiffInput: (option: string, problem: string) => `promotion-diff: ${option} ${problem}`,
  promotionDiffSeveralStacks: (option: string, given: string, names: string[], example: string) =>
    `promotion-diff: ${option} ${given} holds ${names.length} stacks (${names.join(", ")}); a promotion compares one stack with one other: give one of them, e.g. ${example}.`,
  stackInputMissing: (given: string) => `${given} does not exist; give ${STACK_INPUTS}, after \`cdktf synth\`.`,
  stackInputUnknownDirectory: (dir: string) => `${dir} is a directory with neither a cdk.tf.json nor a stacks directory; give ${STACK_INPUTS}.`,
  stackInputNoStacks: (outdir: string) =>
    `${outdir} has a stacks directory without any stack in it (no stacks/<name>/cdk.tf.json); run \`cdktf synth\` first, or give ${STACK_INPUTS}.`,
  stackInputNotStack: (file: string) =>
    `${file} is not a synthesized Terraform JSON stack (expected an object with "resource" or "terraform"); give a cdk.tf.json written by \`cdktf synth\`.`,
  planFileUnreadable: (file: string, reason: string) =>
    `cdktf-okta-guard: ${file} cannot be read (${reason}); give the JSON plan written by \`terraform show -json PLANFILE > ${file}\`.`,
  planFileEmpty: (file: string) =>
    `cdktf-okta-guard: ${file} is empty; the \`terraform show -json PLANFILE > ${file}\` that wrote it probably failed, see its output.`,
  planFileBadJson: (file: string, reason: string) =>
    `cdktf-okta-guard: ${file} is not valid JSON (${reason}); give the output of \`terraform show -json PLANFILE\` alone (in GitHub Actions, set terraform_wrapper: false in hashicorp/setup-terraform).`,
  planFileNotPlan: (file: string) =>
    `cdktf-okta-guard: ${file} is JSON but not a Terraform plan: expected the output of \`terraform show -json PLANFILE\`, an object with "format_version" and "resource_changes" (\`terraform show -json\` without a plan file prints the state instead).`,
  planFileFormatVersion: (file: string, version: unknown) =>
    `cdktf-okta-guard: ${file} has format_version ${show(version)}; the guard reads Terraform's JSON plan format 1.x, which Terraform 1.0 and later write.`,
  planFileBadChange: (file: string, where: string, problem: string) =>
    `cdktf-okta-guard: ${file}: ${where} ${problem}; every resource change needs "address", "type" and "change.actions" (a list of strings), as \`terraform show -json\` writes them.`,
  planGuardBlocked: (file: string, counts: string, count: number, production: boolean) =>
    `cdktf-okta-guard: ${file}: ${counts}; ${count} change${count === 1 ? "" : "s"} would delete or replace ${
      production
        ? "objects of a production org"
        : "users, groups, group rules, schema properties or identity-source records (their Okta ids, memberships and history go with them)"
    }:`,
  planGuardAllowHint: (addresses: string[]) =>
    `If ${addresses.length === 1 ? "that is" : "they are"} intended, allow ${addresses.length === 1 ? "it" : "them"}: ${addresses.map((a) => `--allow ${shellQuote(a)}`).join(" ")} (a glob allows several, e.g. --allow 'okta_user.old_*').`,
  planGuardAllowed: (file: string, counts: string, count: number) =>
    `cdktf-okta-guard: ${file}: ${counts}; ${count} guarded change${count === 1 ? "" : "s"}, allowed:`,
  planGuardPassed: (file: string, counts: string, production: boolean) =>
    `cdktf-okta-guard: ${file}: ${counts}; nothing ${production ? "is destroyed or replaced in this production stack" : "guarded is destroyed or replaced"}.`,
  importJobsPerSource: (sourceId: string, paths: string[]) =>
    `${paths.join(" and ")}: each runs an import job on identity source ${show(sourceId)}; Okta opens one import session per identity source every five minutes, so the second job of an apply fails. Merge them into one OktaIdentitySourceImport (with waves: true if a block then has more than 200 entries).`,
  importBlockTooLarge: (path: string, block: string, count: number, max: number) =>
    `${path}: ${block} has ${count} entries; Okta accepts at most ${max} per upload request and the job sends each block as one request. Split the work across applies: keep at most ${max} in this job, apply, then replace them with the next ${max} and apply again at least five minutes later (${Math.ceil(count / max)} applies in all); or set waves: true to run the job in waves five minutes apart within one apply.`,
  duplicateExternalId: (path: string, block: string, externalId: string, positions: number[]) =>
    `${path}: ${block} lists external id ${show(externalId)} ${positions.length} times (entries ${positions.join(", ")}); an external id may appear once per block. Merge those entries into one.`,
  upsertedAndDeleted: (path: string, what: string, upsertBlock: string, deleteBlock: string) =>
    `${path}: ${what} is in both ${upsertBlock} and ${deleteBlock}; one job cannot upsert and delete the same record (Okta applies both in one session, in an order the job does not control). Keep it in one of the two, or delete it in a later job.`,
  incompleteProfile: (path: string, where: string, externalId: string, missing: string[]) =>
    `${path}: ${where} (external id ${show(externalId)}) has no ${missing.join(", ")}; Okta would create a user with an empty profile. Give every user profile userName, email, firstName and lastName.`,
  unknownMembershipId: (path: string, where: string, kind: "user" | "group", externalId: string, sourcePath: string) =>
    `${path}: ${where} names ${kind} external id ${show(externalId)}, which this job does not upsert and ${sourcePath} neither looks up nor manages; a membership fails at import if the ${kind} is not in the identity source. Add it to ${kind === "user" ? "upsertUsers" : "upsertGroups"}, or, if it already exists, look it up with ${kind === "user" ? "lookupUser" : "lookupGroup"}(id, ${show(externalId)}) on the source.`,
  foreignBinding: (path: string, what: string, version: string, pin: string, use: string) =>
    `${path}: this ${what} comes from bindings for okta provider ${version} (such as @cdktf/provider-okta), but the stack pins okta ${pin} (cdktf-okta's bindings): Terraform runs okta ${pin} for the whole stack, and those bindings were not made for its schema. Use cdktf-okta's bindings instead: ${use}.`,
  foreignBindingUnknownType: (path: string, what: string, version: string, pin: string) =>
    `${path}: this ${what} comes from bindings for okta provider ${version} (such as @cdktf/provider-okta), but the stack pins okta ${pin} (cdktf-okta's bindings), which do not include it. Generate bindings for okta/okta@${pin} (cdktf get, with "okta/okta@${pin}" in cdktf.json's terraformProviders) and create it from those.`,
  testingNoResource: (path: string) =>
    `${path}: defines no Terraform resource or data source (an existing object referenced by id creates none); pass the construct that defines it.`,
  testingNoSuchType: (path: string, type: string, types: readonly string[]) =>
    `${path}: defines no ${type}; it defines ${oneOf(types)}.`,
  testingNoTerraform: (what: string) =>
    `${what} skipped: no terraform binary on PATH (install terraform 1.x to run it).`,
  emptyImportJob: (path: string) =>
    `${path}: the import job uploads nothing, yet it would open an import session (one per identity source every five minutes). Give it at least one of upsertUsers, upsertGroups, upsertMemberships, deleteUsers, deleteGroups or deleteMemberships, or remove it.`,
} as const;

/**
 * The topic of each message: a problem's id is "okta:<topic>/<message name in kebab case>", e.g.
 * "okta:user/duplicate-login". Ids are public: renaming a message or moving it to another topic
 * changes its id, so do neither lightly.
 */
const TOPICS = {
  address: ["invalidAddress", "duplicateAddress", "stackOverrideOfOwnedAddress"],
  production: ["addressLeftProduction", "retiredButDefined", "badAddressRecord", "weakenedProtection", "productionImportDeletes", "productionWithLocalState"],
  value: ["notInEnum", "emptyString", "tooLong", "invisibleCharacters"],
  user: ["profileTooLong", "badLogin", "badEmail", "duplicateLogin", "undeclaredCustomKey", "customValueType", "customValueNotAllowed", "missingRequiredCustom"],
  group: ["duplicateGroupName", "ruleAndMembers"],
  "schema-property": [
    "badIndex", "notBaseAttribute", "reservedIndex", "duplicateIndex", "tooManyUnique", "overrideNeedsPriority", "priorityNeedsOverride",
    "enumWithUnique", "enumWithArray", "arrayTypeWithoutArray", "arrayWithoutArrayType", "enumValueType", "lengthOnNonString", "minAboveMax",
  ],
  "group-rule": ["ruleTooManyGroups", "ruleTooManyExcluded", "ruleWithoutGroups"],
  org: ["crossOrg", "crossOrgToken", "noProvider", "missingScopes", "noCrossOrgState", "outOfRange", "minWaitAboveMax", "longWaveApply", "foreignBinding", "foreignBindingUnknownType"],
  "identity-source": ["importJobsPerSource", "importBlockTooLarge", "duplicateExternalId", "upsertedAndDeleted", "incompleteProfile", "unknownMembershipId", "emptyImportJob"],
  "directory-file": [
    "directoryDerivedIds", "directoryFileExtension", "directoryFileUnreadable", "directoryFileSyntax", "directoryNotThatKind", "directoryNotAList",
    "directoryEntryNotObject", "directoryFieldCount", "directoryDuplicateColumn", "directoryMissingColumns", "directoryUnknownColumn", "directoryKnownColumns",
    "directoryMappingFile", "directoryMappingUnused", "directoryMappingTarget", "directoryMappedAndIgnored", "directoryFilledTwice", "directoryNotPerOrg",
    "directoryUnknownOrg", "directorySharedImportId", "directoryInvisible", "directoryValueType", "directoryItemType", "directoryValueNotAllowed",
    "directoryUndeclared", "directoryMissingRequired", "directoryRequiredWithoutColumn", "directoryDeclaredAfterLoad", "directoryProtoKey",
    "directoryMissingValue", "directoryNotText", "directoryNotAnObject", "directoryBadLogin", "directoryBadEmail", "directoryTooLong", "directoryNotInEnum",
    "directoryBadId", "directoryPrototypeId", "directoryDuplicate", "directoryDuplicateDerivedId", "directoryBadCustomValue", "directoryBadGroups",
    "directoryUnknownGroup", "directoryMoreProblems", "directoryNotUtf8",
  ],
  workspaces: ["placeholderCloudOrganization", "literalWebhookUrl", "noCloudOrgs", "badWorkspaceName", "duplicateCloudOrg", "emailWithoutRecipients", "unknownCloudOrg"],
  output: ["webhookInOutput", "environmentSecretInOutput", "secretInOutput", "terraformVerdictFailed", "outputLocked", "schemaNotFound"],
  "stack-input": ["badStackJson", "stackInputMissing", "stackInputUnknownDirectory", "stackInputNoStacks", "stackInputNotStack"],
  cost: ["refreshCostBadShare", "refreshCostBadTier", "refreshCostSlow"],
  "promotion-diff": ["promotionDiffInput", "promotionDiffSeveralStacks"],
  guard: [
    "planFileUnreadable", "planFileEmpty", "planFileBadJson", "planFileNotPlan", "planFileFormatVersion", "planFileBadChange",
    "planGuardBlocked", "planGuardAllowHint", "planGuardAllowed", "planGuardPassed",
  ],
  testing: ["testingNoResource", "testingNoSuchType", "testingNoTerraform"],
} as const satisfies Record<string, readonly (keyof typeof messages)[]>;

/** Every message name, and the topic it is under (a test checks that each has one). */

const TOPIC_OF = new Map<string, string>(Object.entries(TOPICS).flatMap(([topic, names]) => names.map((name): [string, string] => [name, topic])));

/** The id of a message of the catalog, e.g. problemId("duplicateLogin") = "okta:user/duplicate-login". */
export function problemId(name: keyof typeof messages): string {
  const topic = TOPIC_OF.get(name);
  // Data-file messages are named directoryX; their topic says so already.
  const short = topic === "directory-file" ? name.replace(/^directory([A-Z])/, (_, first: string) => first.toLowerCase()) : name;
  return `okta:${topic}/${kebabCase(short)}`;
}

/**
 * The catalog as Problems: `problem.duplicateLogin(...)` is messages.duplicateLogin's text with the id
 * "okta:user/duplicate-login" and severity "error" (warnOnce reports one as a warning).
 */
export const problem = problemsOf(problemId, messages);

/** "an integer", "a number", "a boolean", "a list of integers". */
function typeNoun(type: string): string {
  if (type.startsWith("array of ")) return `a list of ${type.slice("array of ".length)}s`;
  return `${type === "integer" ? "an" : "a"} ${type}`;
}

/** How to write a value of the type in a data file. */
function typeHint(type: string): string {
  switch (type) {
    case "integer":
      return "Write a whole number, e.g. 3.";
    case "number":
      return 'Write a number, with "." before any decimals, e.g. 2.5.';
    case "boolean":
      return "Write true or false.";
    case "string":
      return 'Quote it, e.g. "3".';
    default:
      return `Write a list of ${type.slice("array of ".length)}s.`;
  }
}

function suggestAddress(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function suggestIndex(index: string): string {
  const cleaned = index.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `attr_${cleaned}`;
}

/** The problems of one org (stack), as a failed synth reports them. */
export interface OrgProblems {
  /** The stack's id, e.g. "okta-dev"; "" for problems outside any stack. */
  readonly org: string;
  /** Its problems, each once. */
  readonly problems: readonly Problem[];
}

/** What a failed synth left behind, when nothing else is said. */
const NOTHING_WRITTEN = "nothing was written";

/** The id of a problem reported as text only (a cdktf validation of a construct that is not ours). */
export const VALIDATION_ID = "cdktf:validation";

/** A problem given as text gets an id: VALIDATION_ID unless told. */
export function asProblem(found: Problem | string, id = VALIDATION_ID): Problem {
  return typeof found === "string" ? { id, severity: "error", message: found } : found;
}

/**
 * Thrown when cdktf-okta finds problems: every problem at once, each named by its construct path or
 * data-file position, with its id.
 */
export class OktaSynthError extends Error {
  /** The problems of every org (stack) that has any, in the order given: what OktaApp and OktaOrgStack throw. */
  public static byOrg(orgs: readonly OrgProblems[], outcome = NOTHING_WRITTEN): OktaSynthError {
    // A problem several orgs share (a row of a file they all load) names them all, the same in each: listed once, under the first.
    const listed = new Set<string>();
    const found = orgs
      .map(({ org, problems }) => ({ org, problems: problems.filter((p) => !listed.has(p.message) && listed.add(p.message)) }))
      .filter(({ problems }) => problems.length > 0);
    return new OktaSynthError(found.flatMap(({ problems }) => problems), outcome, found);
  }

  /** Every problem's message, each once (the details carry their ids). */
  public readonly problems: readonly string[];
  /** Every problem, each once, with its id. */
  public readonly details: readonly Problem[];
  /** The same problems by org (stack); one group under "" when the thrower did not sort them. */
  public readonly orgs: readonly OrgProblems[];

  /**
   * @param problems every problem, each once (text is taken as a problem with VALIDATION_ID)
   * @param outcome what the failed synth left, e.g. "nothing was written"
   * @param orgs the same problems by org (stack)
   */
  constructor(
    problems: readonly (Problem | string)[],
    private readonly outcome = NOTHING_WRITTEN,
    orgs?: readonly OrgProblems[],
  ) {
    const details = problems.map((found) => asProblem(found));
    super(`cdktf-okta found ${count(details.length, "problem")}; ${outcome}:\n  ${details.map((p) => p.message).join("\n  ")}`);
    this.name = "OktaSynthError";
    this.details = details;
    this.problems = details.map((p) => p.message);
    this.orgs = orgs ?? [{ org: "", problems: details }];
  }

  /** What a failed synth prints: every problem once, under the org (stack) it belongs to, with its id. */
  public get report(): string {
    const stacks = this.orgs.filter(({ org }) => org !== "").length;
    if (stacks === 0) return `cdktf-okta found ${count(this.details.length, "problem")}; ${this.outcome}:\n  ${this.details.map(formatProblem).join("\n  ")}`;
    const sections = this.orgs.map(({ org, problems }) => `${org || "outside any stack"}: ${count(problems.length, "problem")}\n  ${problems.map(formatProblem).join("\n  ")}`);
    return [`cdktf-okta found ${count(this.details.length, "problem")} in ${count(stacks, "stack")}; ${this.outcome}.`, ...sections].join("\n\n");
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
