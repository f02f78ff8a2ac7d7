/**
 * The messages of the `cdktf-okta` command itself (lib/cli/): the usage errors its commands find in
 * option values, and what `cdktf-okta init` reports. Errors of the inputs the commands read (stacks,
 * plans, schema snapshots) are in messages.ts.
 */

import { show } from "../messages";

/** Message factories of the `cdktf-okta` command; each names what was received, what is allowed and how to fix it. */
export const cliMessages = {
  /** Follows each of commander's usage errors (unknown option, missing argument, ...). */
  seeHelp: (command: string) => `Run \`${command} --help\` for its arguments and options.`,
  emptyGlob: (command: string, option: string) =>
    `${command}: ${option} "" is an empty glob, which matches no address; give a glob over whole addresses ("*" matches any characters, "?" one), e.g. ${option} 'okta_user.old_*'.`,
  initEmptySpec: () =>
    `cdktf-okta init: --cdktf-okta "" is empty; give a version range or a tarball path, e.g. --cdktf-okta ./cdktf-okta-0.1.0.tgz, or leave the option out for ^<this version>.`,
  initNotADirectory: (dir: string) => `cdktf-okta init: ${dir} exists and is not a directory; give a new or empty directory.`,
  initNotEmpty: (dir: string, entries: string[]) =>
    `cdktf-okta init: ${dir} is not empty (${entries.length} ${entries.length === 1 ? "entry" : "entries"}: ${listed(entries)}); nothing was written. Give a new or empty directory, or add --force to write the starter files over it (files of the same names are replaced, nothing else is touched).`,
  initTarballMissing: (spec: string, file: string) =>
    `cdktf-okta init: --cdktf-okta ${show(spec)} names ${file}, which does not exist; give the tarball npm pack wrote (cdktf-okta-<version>.tgz) or a version range.`,
  initWriteFailed: (file: string, reason: string) =>
    `cdktf-okta init: cannot write ${file} (${reason}); the app is incomplete: fix that and run again with --force.`,
  initWritten: (dir: string, files: string[]) =>
    [
      `cdktf-okta init: wrote a cdktf-okta app into ${dir} (${files.length} files):`,
      ...files.map((file) => `  ${file}`),
      "Next:",
      ...(dir === "." ? [] : [`  cd ${dir}`]),
      "  npm install",
      "  npm run synth   # cdktf.out/stacks/okta-dev, okta-staging, okta-prod",
      "  npm test",
      "Then put your org names in main.ts and your people in directory/, and commit okta-addresses/ (the production address record) after the first synth.",
    ].join("\n"),
};

/** The first five entries, and how many more there are. */
function listed(entries: string[]): string {
  const shown = entries.slice(0, 5).join(", ");
  return entries.length > 5 ? `${shown}, and ${entries.length - 5} more` : shown;
}
