import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OktaApp, SchemaValidator, formatValidationProblems } from "../lib";
import { everything } from "./fixtures/all-features";

describe("synth without a terraform binary", () => {
  const originalPath = process.env.PATH;
  // Only node's own directory: no terraform, whatever this machine has installed.
  beforeAll(() => (process.env.PATH = path.dirname(process.execPath)));
  afterAll(() => (process.env.PATH = originalPath));

  test("every construct validates, synthesizes and passes the schema validator with no terraform on PATH", () => {
    // GIVEN
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-no-tf-")), "cdktf.out");
    const validator = SchemaValidator.fromSnapshots();
    const app = new OktaApp({ outdir, outputChecks: [({ outdir: dir }) => validator.validateDirectory(dir).map((p) => formatValidationProblems([p]))] });
    everything(app);
    // WHEN
    const found = app.validateAll();
    app.synth();
    // THEN
    expect(found).toEqual([]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["okta-prod", "okta-workspaces"]);
  });
});
