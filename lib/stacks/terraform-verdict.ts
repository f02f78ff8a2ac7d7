/**
 * Terraform's verdict on a synth's stacks, beside the synth rather than after it: a worker thread
 * starts the test provider while the app validates and writes its stacks, and runs `terraform
 * validate` while the built-in checks run; the synth, which cdktf runs synchronously, waits for it at
 * the end (Atomics.wait on a shared flag, then the answer read off the worker's port). At 100,000 users
 * this takes Terraform's verdict from about 1.1 s after the built-in checks to about 0.1 s.
 *
 * This file is also the worker's script (it runs compiled, from dist/ when the synth runs from the
 * TypeScript source).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MessageChannel, MessagePort, Worker, isMainThread, receiveMessageOnPort, workerData } from "node:worker_threads";
import type { ValidationProblem } from "../validator/schema-validator";
import { TerraformSandbox, terraformOnPath } from "../test-provider/harness";
import { judgeModules } from "../test-provider/terraform-validate";

/** What the synth asks of the worker: judge these stack directories (a file's text given for a sampled stack), or stop. */
type Request = { readonly stackDirs: readonly string[]; readonly contents: ReadonlyMap<string, string> } | { readonly stop: true };

/** What the worker answers: Terraform's problems, or why there is no verdict. */
type Answer = { readonly problems: ValidationProblem[] } | { readonly failure: string } | { readonly stopped: true };

/** The data a worker is started with. */
interface WorkerStart {
  readonly cdktfOktaTerraformVerdict: true;
  readonly port: MessagePort;
  readonly done: SharedArrayBuffer;
}

/** How long a synth waits for Terraform's verdict before it reports that there is none. */
const VERDICT_TIMEOUT_MS = 10 * 60 * 1000;

/** How long a synth that failed waits for the worker to stop its provider. */
const STOP_TIMEOUT_MS = 10 * 1000;

/** The verdict that a synth's terraform worker gives, started before the synth writes anything. */
export class TerraformVerdict {
  /** Starts a worker, or gives undefined when there is no terraform on PATH (or no compiled worker script). */
  public static start(): TerraformVerdict | undefined {
    const script = workerScript();
    if (!terraformOnPath() || script === undefined) return undefined;
    return new TerraformVerdict(script);
  }

  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private asked = false;
  private finished = false;
  private cancelled = false;

  private constructor(script: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const start: WorkerStart = { cdktfOktaTerraformVerdict: true, port: port2, done: this.done.buffer as SharedArrayBuffer };
    // The environment as it is now (PATH decides which terraform judges), not as the process started.
    this.worker = new Worker(script, { workerData: start, transferList: [port2], env: { ...process.env } });
    // The synth's process need not wait for the worker, which ends once it answered.
    this.worker.unref();
  }

  /** Asks for the verdict on these stack directories; `contents` gives the text terraform reads for a file (a sampled stack). */
  public judge(stackDirs: readonly string[], contents: ReadonlyMap<string, string>): void {
    this.asked = true;
    this.port.postMessage({ stackDirs, contents } satisfies Request);
  }

  /** Terraform's problems; throws with what went wrong when there is no verdict. */
  public problems(): ValidationProblem[] {
    if (!this.asked) throw new Error("TerraformVerdict.problems() before judge()");
    const answer = this.answer(VERDICT_TIMEOUT_MS);
    if (answer === undefined) throw new Error(`no verdict within ${VERDICT_TIMEOUT_MS / 60_000} minutes`);
    if ("failure" in answer) throw new Error(answer.failure);
    if (!("problems" in answer)) throw new Error("the terraform worker stopped without a verdict");
    return answer.problems;
  }

  /**
   * Stops the worker (and its test provider) without a verdict: the synth failed, or nothing is to be
   * judged. Terraform is not started if it has not started yet; if it has, its run is waited for.
   */
  public cancel(): void {
    if (this.finished || this.cancelled) return;
    this.cancelled = true;
    this.port.postMessage({ stop: true } satisfies Request);
    this.answer(STOP_TIMEOUT_MS);
    if (!this.finished) void this.worker.terminate();
  }

  /** Waits for the worker's answer, at most `timeoutMs`. */
  private answer(timeoutMs: number): Answer | undefined {
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(this.done, 0) === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.done, 0, 0, left);
    }
    this.finished = true;
    const received = receiveMessageOnPort(this.port);
    this.port.close();
    return received?.message as Answer | undefined;
  }
}

/** This file compiled: next to this module when it runs compiled, in dist/ when it runs from the TypeScript source (ts-jest). */
function workerScript(): string | undefined {
  const compiled = path.join(__dirname, "terraform-verdict.js");
  const built = path.resolve(__dirname, "..", "..", "dist", "lib", "stacks", "terraform-verdict.js");
  return [compiled, built].find((file) => fs.existsSync(file));
}

/** The worker: starts the test provider at once, then answers one request and stops it. */
async function serve(start: WorkerStart): Promise<void> {
  const done = new Int32Array(start.done);
  let answer: Answer;
  let sandbox: TerraformSandbox | undefined;
  try {
    const created = TerraformSandbox.create({ name: "modules" });
    // Its failure is reported once the request is in (await below), not as an unhandled rejection meanwhile.
    created.catch(() => undefined);
    // The first message is the request; a stop may follow it (a synth that failed while the provider started).
    let stopAsked = false;
    const request = await new Promise<Request>((resolve) =>
      start.port.on("message", (message: Request) => {
        if ("stop" in message) stopAsked = true;
        resolve(message);
      }),
    );
    sandbox = await created;
    if ("stop" in request || stopAsked) answer = { stopped: true };
    else answer = { problems: judgeModules(sandbox, request.stackDirs, { contents: request.contents }).problems };
  } catch (error) {
    answer = { failure: (error as Error).stack ?? String(error) };
  }
  try {
    await sandbox?.stop();
  } catch {
    // The provider is gone already.
  }
  start.port.postMessage(answer);
  start.port.close();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

if (!isMainThread && (workerData as Partial<WorkerStart> | undefined)?.cdktfOktaTerraformVerdict === true) {
  void serve(workerData as WorkerStart);
}
