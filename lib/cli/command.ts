/**
 * What every command of `cdktf-okta` shares: where it writes, its exit codes, and the shape of a
 * command module (a function that builds the command's commander Command).
 */
import type { Command } from "commander";
import type { Output } from "../util/output";

export { CONSOLE, Output } from "../util/output";

/** The exit codes of every command. */
export const EXIT = {
  /** Done, nothing found. */
  ok: 0,
  /** Done, and it found problems: validation problems, guarded deletions, differences with --fail-on-diff. */
  problems: 1,
  /** Not run as asked: an unknown option, a missing argument, a path holding no stack, an unreadable input. */
  usage: 2,
} as const;

/** What each exit code means for one command. */
export interface ExitMeanings {
  readonly ok: string;
  /** Omitted for a command that finds no problems, only reports. */
  readonly problems?: string;
  readonly usage: string;
}

/** The exit-code table a command's help ends with. */
export function exitCodesHelp(meanings: ExitMeanings): string {
  const rows: [number, string | undefined][] = [
    [EXIT.ok, meanings.ok],
    [EXIT.problems, meanings.problems],
    [EXIT.usage, meanings.usage],
  ];
  return ["", "Exit codes:", ...rows.filter(([, meaning]) => meaning !== undefined).map(([code, meaning]) => `  ${code}  ${meaning}`)].join("\n");
}

/** What the program gives a command module. */
export interface CommandContext {
  /** Where the command writes. */
  readonly output: Output;
  /** Receives the exit code the command's action ends with. */
  readonly exit: (code: number) => void;
}

/** A command module's export: builds its commander Command, whose action reports its exit code to the context. */
export type CommandFactory = (context: CommandContext) => Command;

/** Collects a repeatable option's values: `--allow a --allow b` gives ["a", "b"]. */
export function repeatable(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
