/**
 * The one problem model of cdktf-okta: every check (constructs, data files, the org's whole-org checks,
 * the validator) reports a Problem with a stable id, and every report prints it the same way.
 */

/** An error fails the synth (or the command); a warning is printed and lets it pass. */
export type Severity = "error" | "warning";

/** One thing wrong, as a check found it. */
export interface Problem {
  /**
   * Stable id of the kind of problem, e.g. "okta:user/duplicate-login" or
   * "validator:reference/undeclared": what tests and tools match on (the message may be reworded).
   */
  readonly id: string;
  readonly severity: Severity;
  /** Where it is (construct path, or file and line), what was received, what is allowed and how to fix it. */
  readonly message: string;
}

/** A catalog section: message factories by name. */
// A factory's parameters differ from one message to the next; `never[]` accepts each of them.
type Factories = Readonly<Record<string, (...args: never[]) => string>>;

/** The Problem factories of a catalog section: the same names and parameters, returning Problems. */
export type ProblemFactories<T extends Factories> = { readonly [K in keyof T]: (...args: Parameters<T[K]>) => Problem };

/** "duplicateLogin" -> "duplicate-login". */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Problem factories for a catalog section, each id `<prefix>/<name in kebab case>`, e.g.
 * problemsOf("okta:user", { badLogin }) gives badLogin(...) with id "okta:user/bad-login".
 */
export function problemsOf<T extends Factories>(prefix: string | ((name: keyof T & string) => string), section: T, severity: Severity = "error"): ProblemFactories<T> {
  const out: Record<string, (...args: never[]) => Problem> = {};
  for (const [name, factory] of Object.entries(section)) {
    // A function gives the whole id; a string is the prefix of `<prefix>/<name in kebab case>`.
    const id = typeof prefix === "string" ? `${prefix}/${kebabCase(name)}` : prefix(name as keyof T & string);
    out[name] = (...args) => ({ id, severity, message: factory(...args) });
  }
  return out as unknown as ProblemFactories<T>;
}

/** How a report prints a problem: its message, then its id in brackets. */
export function formatProblem(problem: Problem): string {
  return `${problem.message} [${problem.id}]`;
}
