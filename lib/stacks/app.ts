import * as fs from "node:fs";
import * as path from "node:path";
import { App, AppConfig } from "cdktf";
import { Manifest } from "cdktf/lib/manifest";
import { deferRecords, flushRecords } from "../core/address-record";
import { OktaSynthError, asProblem } from "../problems/messages";
import { Problem } from "../problems/problem";

/** The id of a problem an OutputCheck of the app reports as text. */
const OUTPUT_CHECK_ID = "okta:output/check";
import { lockOutput, recoverSwap, swapIn } from "./output-dir";
import { judgeableStacks, schemaProblems, terraformSamples, verdictProblems } from "./output-validation";
import { TerraformVerdict } from "./terraform-verdict";
import { collectProblems } from "../core/problems";
import { findSecrets } from "../analysis/secrets";
import { StackFile, StackLocation, readStackJson, stacksIn } from "../analysis/stack-files";
import { WrittenJson, keepWrittenJson } from "./org-stack-synthesizer";
import { problemsByOrg, problemsByStackFile, reportUncaughtSynthErrors } from "./synth-failure";

/** What a synth wrote, read once for every check: the output directory and each stack's Terraform JSON. */
export interface SynthesizedOutput {
  /** The (staging) directory the synth wrote. */
  readonly outdir: string;
  /** Each stack's cdk.tf.json, parsed. */
  readonly stacks: readonly StackFile[];
}

/** Checks synthesized output; returns one message per problem. */
export type OutputCheck = (output: SynthesizedOutput) => readonly (Problem | string)[];

/** Properties of an OktaApp. */
export interface OktaAppProps extends AppConfig {
  /**
   * How the synthesized Terraform JSON is validated before it replaces the previous output:
   * - `true`: the built-in SchemaValidator checks every stack against the provider schema snapshots;
   *   and, if terraform is on PATH, Terraform itself judges (`terraform validate` through the
   *   cdktf-okta test provider, in a worker thread beside the synth: about 0.15 s per stack once the
   *   stacks are written) every stack whose providers the test provider serves (okta, time, tfe) and
   *   that calls no module; its verdict counts when the built-in checks found nothing;
   * - `"builtin"`: the built-in SchemaValidator only, never a terraform process (what unit tests use:
   *   the same verdict on every machine);
   * - `false`: no validation of the output (the secret scan and `outputChecks` still run).
   * @default true
   */
  readonly validate?: boolean | "builtin";
  /** More checks of the synthesized output, run before it replaces the previous output. @default - none */
  readonly outputChecks?: OutputCheck[];
  /**
   * How long a synth waits while another process synthesizes into the same output directory (it holds
   * `<outdir>.lock`) before it fails.
   * @default 30
   */
  readonly lockWaitSeconds?: number;
}

/**
 * A cdktf App whose synth is all-or-nothing: every validation of every stack runs first and all
 * problems are reported together; the output is written to a staging directory, checked (no secrets,
 * valid against the provider schemas and, with terraform on PATH, by `terraform validate`: see
 * `validate`; plus `outputChecks`), and only then replaces the previous output. A failed synth leaves
 * the previous cdktf.out untouched and throws an OktaSynthError; if nothing catches it, the process
 * prints its report (every problem once, by stack) on stderr and exits with status 1, without a stack
 * trace.
 *
 * One synth at a time writes an output directory: it holds `<outdir>.lock` (another process waits for
 * it), and the swap keeps the old or the new output complete at every instant (a synth that was
 * killed halfway through is finished by the next one).
 */
export class OktaApp extends App {
  /** Where the output lands once it passed every check. */
  public readonly finalOutdir: string;
  private readonly validate: boolean | "builtin";
  private readonly outputChecks: OutputCheck[];
  private readonly lockWaitSeconds: number;

  constructor(props: OktaAppProps = {}) {
    const finalOutdir = path.resolve(props.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
    super({ ...props, outdir: `${finalOutdir}.staging`, skipValidation: true });
    this.finalOutdir = finalOutdir;
    this.validate = props.validate ?? true;
    this.outputChecks = props.outputChecks ?? [];
    this.lockWaitSeconds = props.lockWaitSeconds ?? 30;
    deferRecords(this);
    reportUncaughtSynthErrors();
  }

  /** Every problem in every stack, without writing anything. */
  public validateAll(): string[] {
    return collectProblems(this).map((found) => found.message);
  }

  public synth(): void {
    const release = lockOutput(this.finalOutdir, this.lockWaitSeconds);
    try {
      recoverSwap(this.finalOutdir);
      this.synthToStaging();
      swapIn(this.outdir, this.finalOutdir);
      flushRecords(this);
    } finally {
      release();
    }
  }

  /** Validates, writes the staging directory and checks what it holds; on any failure removes it again. */
  private synthToStaging(): void {
    // Terraform's test provider starts while the app validates and writes its stacks.
    const verdict = this.validate === true ? TerraformVerdict.start() : undefined;
    try {
      const found = problemsByOrg(this);
      if (found.some(({ problems }) => problems.length > 0)) throw OktaSynthError.byOrg(found);
      freshDirectory(this.outdir);
      const kept = keepWrittenJson(this);
      try {
        super.synth();
        this.checkStaged(kept.written, verdict);
      } finally {
        kept.release();
      }
    } catch (error) {
      // (Before the stacks go: a verdict under way reads them.)
      verdict?.cancel();
      fs.rmSync(this.outdir, { recursive: true, force: true });
      throw error;
    } finally {
      verdict?.cancel();
    }
  }

  /**
   * Checks the staged output. The built-in checks read the JSON an org stack kept from writing it (the
   * same values as its file, keys in another order); only when they find a problem do they run again on
   * the files as parsed, so that the report is the one the files give. `outputChecks` see the files.
   */
  private checkStaged(written: ReadonlyMap<string, WrittenJson>, verdict: TerraformVerdict | undefined): void {
    const located = stacksIn(this.outdir);
    const parsed: StackFile[] = located.map((stack) => lazilyParsed(stack));
    const inMemory: StackFile[] = located.map((stack, i) => {
      const kept = written.get(path.resolve(stack.file));
      return kept === undefined ? parsed[i] : { ...stack, tf: kept.tf };
    });
    // What the writer learnt of the JSON in memory as it wrote it: the checks need not walk it for that again.
    const kept = (stacks: readonly StackFile[], file: string) => (stacks === inMemory ? written.get(path.resolve(file)) : undefined);
    const checkSecrets = ({ stacks }: SynthesizedOutput): Problem[] =>
      stacks.flatMap(({ file, tf }) => findSecrets(path.relative(process.cwd(), file), tf, { noSuspectStrings: kept(stacks, file)?.noSuspectStrings }));
    const checkSchemas = ({ stacks }: SynthesizedOutput): Problem[] =>
      schemaProblems(stacks.map(({ file, tf }) => ({ path: path.relative(process.cwd(), file), json: tf, depth: kept(stacks, file)?.depth })));
    // Terraform judges (in its worker) while the built-in checks run; its verdict counts only when they found nothing.
    const judged = verdict ? judgeableStacks(inMemory) : [];
    const judgedDirs = judged.map(({ file }) => stackDirOf(file));
    if (verdict && judged.length > 0) verdict.judge(judgedDirs, terraformSamples(judged));
    const builtin = [checkSecrets, ...(this.validate === false ? [] : [checkSchemas])];
    const clean = builtin.every((check) => check({ outdir: this.outdir, stacks: inMemory }).length === 0);
    this.checkOutput({ outdir: this.outdir, stacks: parsed }, [...(clean ? [] : builtin), ...this.outputChecks]);
    if (verdict && judged.length > 0) {
      this.checkOutput({ outdir: this.outdir, stacks: inMemory }, [() => verdictProblems(judgedDirs, () => verdict.problems())]);
    }
  }

  /** Runs checks of the staged output; their problems, by stack, fail the synth. */
  private checkOutput(output: SynthesizedOutput, checks: readonly OutputCheck[]): void {
    const problems = checks.flatMap((check) => check(output).map((found) => asProblem(found, OUTPUT_CHECK_ID)));
    if (problems.length === 0) return;
    const found = problemsByStackFile(output.stacks, problems).map(({ org, problems: atStaging }) => ({ org, problems: atStaging.map((p) => ({ ...p, message: this.atFinalPaths(p.message) })) }));
    throw OktaSynthError.byOrg(found);
  }

  /** A message about a staged file names the file where it would have landed, not the staging copy. */
  private atFinalPaths(message: string): string {
    const relative = (dir: string) => path.relative(process.cwd(), dir) || ".";
    return message.split(this.outdir).join(this.finalOutdir).split(relative(this.outdir)).join(relative(this.finalOutdir));
  }
}

/** Empties what a killed synth may have left in the staging directory, keeping the layout cdktf's App created there. */
function freshDirectory(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, Manifest.stacksFolder), { recursive: true });
}

/** A stack of the staged output whose file is read and parsed when its `tf` is first read. */
function lazilyParsed(stack: StackLocation): StackFile {
  let tf: unknown;
  let read = false;
  return {
    ...stack,
    get tf() {
      if (!read) {
        tf = readStackJson(stack.file);
        read = true;
      }
      return tf;
    },
  };
}


/** A stack's directory as Terraform's problems name it: relative to the working directory. */
function stackDirOf(file: string): string {
  return path.relative(process.cwd(), path.dirname(file));
}
