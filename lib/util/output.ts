/** Where a command writes; tests pass their own. */
export interface Output {
  /** Receives the report (stdout), one text at a time. */
  readonly out: (text: string) => void;
  /** Receives usage errors and input errors (stderr). */
  readonly err: (text: string) => void;
}

/** The process's stdout and stderr. */
export const CONSOLE: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };
