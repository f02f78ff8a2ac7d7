import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveStacks } from "../lib/analysis/stack-files";

const ACCEPTED = "the cdktf output directory (cdktf.out), one stack's directory (cdktf.out/stacks/okta-dev) or its cdk.tf.json";

/** A cdktf output directory with the given stacks (name -> cdk.tf.json content). */
function outdir(stacks: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
  fs.mkdirSync(path.join(dir, "stacks"));
  for (const [name, text] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", name));
    fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), text);
  }
  return dir;
}

describe("resolveStacks", () => {
  test("reads every stack of cdktf.out, one stack's directory, or one cdk.tf.json", () => {
    // GIVEN
    const dir = outdir({ "okta-prod": '{"terraform":{}}', "okta-dev": '{"resource":{}}' });
    const dev = path.join(dir, "stacks", "okta-dev");
    // THEN
    expect(resolveStacks(dir)).toEqual([
      { name: "okta-dev", file: path.join(dev, "cdk.tf.json"), tf: { resource: {} } },
      { name: "okta-prod", file: path.join(dir, "stacks", "okta-prod", "cdk.tf.json"), tf: { terraform: {} } },
    ]);
    expect(resolveStacks(dev)).toEqual([{ name: "okta-dev", file: path.join(dev, "cdk.tf.json"), tf: { resource: {} } }]);
    expect(resolveStacks(path.join(dev, "cdk.tf.json"))).toEqual([{ name: "okta-dev", file: path.join(dev, "cdk.tf.json"), tf: { resource: {} } }]);
  });

  test("fails naming the path and what is accepted", () => {
    // GIVEN
    const empty = outdir({});
    const notStack = path.join(outdir({ "okta-dev": "[]" }), "stacks", "okta-dev", "cdk.tf.json");
    const missing = path.join(empty, "cdktf.out");
    // THEN
    expect(() => resolveStacks(missing)).toThrow(`${missing} does not exist; give ${ACCEPTED}, after \`cdktf synth\`.`);
    expect(() => resolveStacks(path.join(empty, "stacks"))).toThrow(`${path.join(empty, "stacks")} is a directory with neither a cdk.tf.json nor a stacks directory; give ${ACCEPTED}.`);
    expect(() => resolveStacks(empty)).toThrow(`${empty} has a stacks directory without any stack in it (no stacks/<name>/cdk.tf.json); run \`cdktf synth\` first, or give ${ACCEPTED}.`);
    expect(() => resolveStacks(notStack)).toThrow(
      `${notStack} is not a synthesized Terraform JSON stack (expected an object with "resource" or "terraform"); give a cdk.tf.json written by \`cdktf synth\`.`,
    );
  });
});
