/**
 * The `cdktf-okta` program: one commander program whose subcommands come from COMMANDS, with one
 * exit-code policy (EXIT) and one Output for all of them.
 */
import { Command, CommanderError } from "commander";
import { convertCommand, exportCommand } from "../adopt/commands";
import { cliMessages } from "../problems/sections/cli";
import { cdktfOktaVersion } from "../starter/starter";
import { CommandFactory, CONSOLE, EXIT, exitCodesHelp, Output } from "./command";
import { costCommand } from "./commands/cost";
import { guardCommand } from "./commands/guard";
import { initCommand } from "./commands/init";
import { promotionDiffCommand } from "./commands/promotion-diff";
import { validateCommand } from "./commands/validate";

/** The commands of `cdktf-okta`, in the order its help lists them: a new command is one more entry. */
export const COMMANDS: readonly CommandFactory[] = [
  initCommand,
  validateCommand,
  promotionDiffCommand,
  costCommand,
  guardCommand,
  ({ output, exit }) => convertCommand(output, process.cwd(), exit),
  ({ output, exit }) => exportCommand(output, process.env, process.cwd(), exit),
];

/** The program name, as `cdktf-okta --help` shows it. */
const PROGRAM = "cdktf-okta";

/**
 * Builds the program for one run: every command writes to `output` (commander's help to `out`, its
 * usage errors to `err`), commander throws instead of exiting, and `exit` receives the exit code of the
 * command that ran.
 */
export function cdktfOktaProgram(output: Output, exit: (code: number) => void): Command {
  const program = new Command(PROGRAM)
    .description("Okta orgs as code with cdktf: write a starter app, validate, compare and cost synthesized stacks, guard plans, convert HCL and export a live org.")
    .version(cdktfOktaVersion())
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(withoutNewline(text)), writeErr: (text) => output.err(withoutNewline(text)) })
    .showHelpAfterError(cliMessages.seeHelp(PROGRAM))
    .addHelpText(
      "after",
      exitCodesHelp({
        ok: "ok",
        problems: "problems found: validation problems, guarded deletions, differences (--fail-on-diff)",
        usage: "usage error: unknown option, missing argument, a path holding no stack, unreadable input",
      }),
    );
  for (const factory of COMMANDS) {
    const command = factory({ output, exit }).copyInheritedSettings(program);
    program.addCommand(command.showHelpAfterError(cliMessages.seeHelp(`${PROGRAM} ${command.name()}`)));
  }
  return program;
}

/** Runs `cdktf-okta` on `args` (without node and the script); resolves to the exit code (EXIT). */
export async function runCdktfOkta(args: readonly string[], output: Output = CONSOLE): Promise<number> {
  let status: number = EXIT.ok;
  const program = cdktfOktaProgram(output, (code) => (status = code));
  try {
    await program.parseAsync([...args], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version exit 0; every other exit of commander's is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return status;
}

/** The main of a bin: runs `cdktf-okta` with `command` (an alias's subcommand) before the process's arguments. */
export function runBin(...command: string[]): void {
  void runCdktfOkta([...command, ...process.argv.slice(2)]).then((code) => {
    process.exitCode = code;
  });
}

/** commander ends what it writes with a newline; Output adds its own. */
function withoutNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}
