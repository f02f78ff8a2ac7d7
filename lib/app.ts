import * as fs from "node:fs";
import * as path from "node:path";
import { App, AppConfig } from "cdktf";
import { deferRecords, flushRecords } from "./private/address-record";
import { OktaSynthError } from "./private/errors";
import { collectProblems } from "./private/problems";
import { findSecrets } from "./private/secrets";
import { StackFile, readStackFiles } from "./private/stack-files";

/** What a synth wrote, read once for every check: the output directory and each stack's Terraform JSON. */
export interface SynthesizedOutput {
  /** The (staging) directory the synth wrote. */
  readonly outdir: string;
  /** Each stack's cdk.tf.json, parsed. */
  readonly stacks: readonly StackFile[];
}

/** Checks synthesized output; returns one message per problem. */
export type OutputCheck = (output: SynthesizedOutput) => string[];

/** Properties of an OktaApp. */
export interface OktaAppProps extends AppConfig {
  /** More checks of the synthesized output, run before it replaces the previous output. @default - none */
  readonly outputChecks?: OutputCheck[];
}

/**
 * A cdktf App whose synth is all-or-nothing: every validation of every stack runs first and all
 * problems are reported together; the output is written to a staging directory, checked (no secrets,
 * plus `outputChecks`), and only then replaces the previous output. A failed synth leaves the
 * previous cdktf.out untouched.
 */
export class OktaApp extends App {
  /** Where the output lands once it passed every check. */
  public readonly finalOutdir: string;
  private readonly outputChecks: OutputCheck[];

  constructor(props: OktaAppProps = {}) {
    const finalOutdir = path.resolve(props.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
    super({ ...props, outdir: freshDirectory(`${finalOutdir}.staging`), skipValidation: true });
    this.finalOutdir = finalOutdir;
    this.outputChecks = props.outputChecks ?? [];
    deferRecords(this);
  }

  /** Every problem in every stack, without writing anything. */
  public validateAll(): string[] {
    return collectProblems(this);
  }

  public synth(): void {
    try {
      const problems = collectProblems(this);
      if (problems.length > 0) throw new OktaSynthError(problems);
      super.synth();
      const output: SynthesizedOutput = { outdir: this.outdir, stacks: readStackFiles(this.outdir) };
      const outputProblems = [checkSecrets, ...this.outputChecks].flatMap((check) => check(output));
      if (outputProblems.length > 0) throw new OktaSynthError(outputProblems.map((p) => this.atFinalPaths(p)));
    } catch (error) {
      fs.rmSync(this.outdir, { recursive: true, force: true });
      throw error;
    }
    fs.rmSync(this.finalOutdir, { recursive: true, force: true });
    fs.renameSync(this.outdir, this.finalOutdir);
    flushRecords(this);
  }

  /** A message about a staged file names the file where it would have landed, not the staging copy. */
  private atFinalPaths(message: string): string {
    const relative = (dir: string) => path.relative(process.cwd(), dir) || ".";
    return message.split(this.outdir).join(this.finalOutdir).split(relative(this.outdir)).join(relative(this.finalOutdir));
  }
}

/** Removes what a failed synth may have left; the App then creates the directory anew. */
function freshDirectory(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

function checkSecrets({ stacks }: SynthesizedOutput): string[] {
  return stacks.flatMap(({ file, tf }) => findSecrets(path.relative(process.cwd(), file), tf));
}
