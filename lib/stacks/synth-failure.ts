/**
 * How a failed synth is reported (OktaApp, and OktaOrgStack under a plain cdktf App): problems sorted
 * by the org (stack) they belong to, and, when the OktaSynthError escapes the app (its `app.synth()` is
 * usually the last statement, uncaught), that report printed once on stderr with exit status 1 instead
 * of Node's stack trace.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { OktaSynthError, OrgProblems, asProblem } from "../problems/messages";
import { Problem } from "../problems/problem";
import { collectProblems } from "../core/problems";
import { StackFile } from "../analysis/stack-files";

/** Every construct's validation problems, by stack; those of constructs outside any stack first, under "". */
export function problemsByOrg(app: IConstruct): OrgProblems[] {
  const stacks: TerraformStack[] = [];
  const outside: IConstruct[] = [];
  // One walk of the tree, in findAll's order: the stacks (a nested one too), and what no stack holds.
  const visit = (construct: IConstruct, inStack: boolean) => {
    const isStack = TerraformStack.isStack(construct);
    if (isStack) stacks.push(construct);
    else if (!inStack) outside.push(construct);
    for (const child of construct.node.children) visit(child, inStack || isStack);
  };
  visit(app, false);
  const problems = outside.flatMap((construct) => construct.node.validate().map((message) => asProblem(`[${construct.node.path}] ${message}`)));
  return [{ org: "", problems }, ...stacks.map((stack) => ({ org: stack.node.id, problems: collectProblems(stack) }))];
}

/** Problems with written files, by the stack whose directory each names (as given, or relative to the working directory); others under "". */
export function problemsByStackFile(stacks: readonly StackFile[], problems: readonly Problem[]): OrgProblems[] {
  const owners = stacks.map((stack) => {
    const dir = path.dirname(stack.file);
    return { org: stack.name, prefixes: [dir, path.relative(process.cwd(), dir)].flatMap((d) => [d + path.sep, `${d}:`]) };
  });
  const groups = new Map<string, Problem[]>([["", []], ...owners.map(({ org }): [string, Problem[]] => [org, []])]);
  for (const found of problems) {
    const owner = owners.find(({ prefixes }) => prefixes.some((prefix) => found.message.includes(prefix)));
    groups.get(owner?.org ?? "")!.push(found);
  }
  return [...groups].map(([org, found]) => ({ org, problems: found }));
}

let reporting = false;

/**
 * From now on an OktaSynthError that nobody catches ends the process as a failed synth should: its
 * report on stderr, once, and exit status 1, without Node's stack trace (which points into this library,
 * not at the problem). Any other uncaught error is a bug and keeps Node's own report, stack trace and
 * all; an app that handles uncaught exceptions itself (process.on("uncaughtException")) keeps doing so.
 */
export function reportUncaughtSynthErrors(): void {
  if (reporting) return;
  reporting = true;
  process.on("uncaughtExceptionMonitor", (error) => {
    if (!(error instanceof OktaSynthError) || process.listenerCount("uncaughtException") > 0 || process.hasUncaughtExceptionCaptureCallback()) return;
    fs.writeSync(process.stderr.fd, `${error.report}\n`);
    process.exit(1);
  });
}
