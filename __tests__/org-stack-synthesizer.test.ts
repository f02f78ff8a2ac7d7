import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Annotations, App, IAspect, Aspects, TerraformStack } from "cdktf";
import { StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";
import { IConstruct } from "constructs";
import { OktaGroup, OktaOrgStack, OktaUser } from "../lib";
import { keepWrittenJson } from "../lib/stacks/org-stack-synthesizer";

/** An app with one org stack (a group, two users, a warning), into a fresh directory. */
function orgApp(outdir: string): { app: App; stack: OktaOrgStack } {
  const app = new App({ outdir, skipValidation: true });
  const stack = new OktaOrgStack(app, "okta-dev", { orgName: "dev-1", environment: "dev" });
  const group = new OktaGroup(stack, "admins", { name: "Admins" });
  new OktaUser(stack, "bird", { login: "bird@example.com", email: "bird@example.com", firstName: "Bird", lastName: "Example", groups: [group] });
  new OktaUser(stack, "ant", { login: "ant@example.com", email: "ant@example.com", firstName: "Ant", lastName: "Example" });
  Annotations.of(group).addWarning("a warning");
  return { app, stack };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "org-synth-"));

describe("OrgStackSynthesizer", () => {
  test("writes the same cdk.tf.json and manifest as cdktf's StackSynthesizer", () => {
    // GIVEN
    const [ours, theirs] = [tmp(), tmp()];
    const first = orgApp(ours);
    const second = orgApp(theirs);
    second.stack.synthesizer = new StackSynthesizer(second.stack);

    // WHEN
    first.app.synth();
    second.app.synth();

    // THEN
    const file = path.join("stacks", "okta-dev", "cdk.tf.json");
    expect(fs.readFileSync(path.join(ours, file), "utf8")).toBe(fs.readFileSync(path.join(theirs, file), "utf8"));
    const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")).stacks["okta-dev"].annotations.map(({ constructPath, level, message }: any) => ({ constructPath, level, message }));
    expect(manifest(ours)).toEqual([{ constructPath: "okta-dev/admins", level: "@cdktf/warn", message: "a warning" }]);
    expect(manifest(ours)).toEqual(manifest(theirs));
  });

  test("invokes the stack's aspects on every construct once", () => {
    // GIVEN
    const { app, stack } = orgApp(tmp());
    const visited: string[] = [];
    const aspect: IAspect = { visit: (node: IConstruct) => void visited.push(node.node.path) };
    Aspects.of(stack).add(aspect);

    // WHEN
    app.synth();

    // THEN
    expect(visited).toEqual(stack.node.findAll().map((c) => c.node.path));
  });

  test("fails on an error annotation as cdktf does", () => {
    // GIVEN
    const { app, stack } = orgApp(tmp());
    Annotations.of(stack).addError("broken");

    // WHEN
    const synth = () => app.synth();

    // THEN
    expect(synth).toThrow("[okta-dev] broken");
  });

  test("keeps the written JSON only for an app that asked, by the file's path", () => {
    // GIVEN
    const outdir = tmp();
    const { app } = orgApp(outdir);
    new TerraformStack(app, "plain");
    const kept = keepWrittenJson(app);

    // WHEN
    app.synth();
    kept.release();

    // THEN
    const file = path.resolve(outdir, "stacks", "okta-dev", "cdk.tf.json");
    expect([...kept.written.keys()]).toEqual([file]);
    const tf = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(kept.written.get(file)).toEqual({ tf, noSuspectStrings: true, depth: depthOf(tf) });
  });
});

/** How deep a value's arrays and objects nest. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}
