/**
 * Runs the real terraform CLI against the test provider: starts the provider process, copies a
 * stack into a scratch directory, runs `terraform <args>` there, and stops the provider.
 *
 * ```ts
 * const sandbox = await TerraformSandbox.create({ stackDir: "cdktf.out/stacks/okta-dev" });
 * sandbox.terraform(["init"]); sandbox.terraform(["apply", "-auto-approve"]);
 * await sandbox.stop();
 * ```
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SimulatedOrg } from "./org";

/** What one terraform command did. */
export interface TerraformResult {
  readonly args: string[];
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock seconds. */
  readonly seconds: number;
}

/** The terraform binary on PATH, or undefined when there is none. */
export function terraformOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "terraform");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Where to get the stack and the simulated org from. */
export interface TerraformSandboxOptions {
  /** A synthesized stack directory (with cdk.tf.json), copied into the sandbox. */
  readonly stackDir?: string;
  /** Or the files to write into the sandbox's stack directory (name -> content; objects are written as JSON). */
  readonly files?: Record<string, unknown>;
  /** The stack's name in the sandbox. @default - the stack directory's name, or "stack" */
  readonly name?: string;
  /** An existing org file to use (shared between sandboxes); a new empty one by default. */
  readonly orgFile?: string;
  /** Passed to the provider. @default 250 */
  readonly schemaWriteMs?: number;
}

/** Environment variables that carry Okta or Terraform Cloud credentials: never passed to terraform here. */
const CREDENTIAL_VARIABLES = /^(OKTA_|TFE_TOKEN$|TF_TOKEN_|TF_VAR_)/;

function providerMain(): string {
  const compiled = path.join(__dirname, "provider-main.js");
  return fs.existsSync(compiled) ? compiled : path.resolve(__dirname, "..", "..", "dist", "lib", "test-provider", "provider-main.js");
}

/** A scratch directory with one stack, a simulated org and a running test provider. */
export class TerraformSandbox {
  public static async create(options: TerraformSandboxOptions): Promise<TerraformSandbox> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-tf-"));
    const name = options.name ?? (options.stackDir ? path.basename(options.stackDir) : "stack");
    // The same layout as cdktf.out, so a local backend's "../../../terraform.<stack>.tfstate" stays inside root.
    const dir = path.join(root, "cdktf.out", "stacks", name);
    fs.mkdirSync(dir, { recursive: true });
    if (options.stackDir) fs.copyFileSync(path.join(options.stackDir, "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
    for (const [file, content] of Object.entries(options.files ?? {})) {
      fs.writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    }
    const orgFile = options.orgFile ?? path.join(root, "org.json");
    const sandbox = new TerraformSandbox(root, dir, orgFile);
    sandbox.localBackend();
    await sandbox.startProvider(options.schemaWriteMs);
    return sandbox;
  }

  /** The simulated org the provider writes to. */
  public readonly org: SimulatedOrg;
  /** Every terraform command run so far, in order. */
  public readonly history: TerraformResult[] = [];
  private provider?: ChildProcess;
  private reattach = "";

  private constructor(
    /** The scratch directory. */
    public readonly root: string,
    /** The stack's directory inside it, where terraform runs. */
    public readonly dir: string,
    orgFile: string,
  ) {
    this.org = SimulatedOrg.open(orgFile);
  }

  /** A stack that runs in Terraform Cloud keeps its state locally here instead. */
  private localBackend(): void {
    const file = path.join(this.dir, "cdk.tf.json");
    if (!fs.existsSync(file)) return;
    const tf = JSON.parse(fs.readFileSync(file, "utf8"));
    if (tf.terraform?.cloud || tf.terraform?.backend?.remote) {
      delete tf.terraform.cloud;
      tf.terraform.backend = { local: { path: "terraform.tfstate" } };
      fs.writeFileSync(file, JSON.stringify(tf, null, 2));
    }
  }

  private async startProvider(schemaWriteMs?: number): Promise<void> {
    const args = [providerMain(), "--org", this.org.file, "--stop-with-stdin"];
    if (schemaWriteMs !== undefined) args.push("--schema-write-ms", String(schemaWriteMs));
    const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.provider = child;
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    this.reattach = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += chunk;
        const newline = out.indexOf("\n");
        if (newline >= 0) resolve(out.slice(0, newline));
      });
      child.on("exit", (code) => reject(new Error(`the test provider exited (${code}) before it was ready: ${stderr}`)));
    });
  }

  /** The environment terraform runs with: the provider attached, no credentials, no CLI config, no telemetry. */
  public environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!CREDENTIAL_VARIABLES.test(key)) env[key] = value;
    const config = path.join(this.root, "terraformrc");
    if (!fs.existsSync(config)) fs.writeFileSync(config, "");
    return { ...env, TF_REATTACH_PROVIDERS: this.reattach, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", ...extra };
  }

  /** Runs `terraform <args> -no-color` in the stack directory. */
  public terraform(args: string[], env: Record<string, string> = {}): TerraformResult {
    return this.terraformAt(this.dir, args, env);
  }

  /** Runs `terraform <args> -no-color` in another directory of the sandbox, with the same provider. */
  public terraformAt(cwd: string, args: string[], env: Record<string, string> = {}): TerraformResult {
    const started = process.hrtime.bigint();
    const result = spawnSync("terraform", [...args, "-no-color"], { cwd, env: this.environment(env), encoding: "utf8", maxBuffer: 1 << 30 });
    const done: TerraformResult = {
      args,
      status: result.status ?? -1,
      stdout: result.stdout ?? "",
      stderr: result.stderr ?? String(result.error ?? ""),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
    this.history.push(done);
    return done;
  }

  /** `terraform plan -out` then `terraform show -json`: the plan as Terraform's JSON representation. */
  public planJson(args: string[] = [], env: Record<string, string> = {}): { plan: any; result: TerraformResult } {
    const result = this.terraform(["plan", "-out=plan.tfplan", ...args], env);
    if (result.status !== 0) return { plan: undefined, result };
    const shown = this.terraform(["show", "-json", "plan.tfplan"], env);
    return { plan: JSON.parse(shown.stdout), result };
  }

  /** Replaces the stack's cdk.tf.json (the next version of the code). */
  public writeStack(tf: unknown, file = "cdk.tf.json"): void {
    fs.writeFileSync(path.join(this.dir, file), typeof tf === "string" ? tf : JSON.stringify(tf, null, 2));
    this.localBackend();
  }

  /** Stops the provider and removes the scratch directory. */
  public async stop(keep = false): Promise<void> {
    const child = this.provider;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      });
    }
    if (!keep) fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** "Plan: 1 to add, 0 to change, 0 to destroy." counts, from a plan JSON's resource_changes. */
export function planCounts(plan: any): { add: number; change: number; destroy: number; replace: number; move: number; import: number; noop: number } {
  const counts = { add: 0, change: 0, destroy: 0, replace: 0, move: 0, import: 0, noop: 0 };
  for (const rc of plan?.resource_changes ?? []) {
    const actions: string[] = rc.change?.actions ?? [];
    if (actions.includes("delete") && actions.includes("create")) counts.replace++;
    else if (actions.includes("create")) counts.add++;
    else if (actions.includes("delete")) counts.destroy++;
    else if (actions.includes("update")) counts.change++;
    else counts.noop++;
    if (rc.previous_address && rc.previous_address !== rc.address) counts.move++;
    if (rc.change?.importing) counts.import++;
  }
  return counts;
}
