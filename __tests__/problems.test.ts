/** The one problem model: ids of the catalog, and ids through synth, tests and reports. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OktaApp, OktaGroup, OktaGroupRule, OktaOrgStack, OktaSynthError, OktaUser, problemId } from "../lib";
import { OktaTesting } from "../lib/testing";
import { messages, problem } from "../lib/problems/messages";
import { metaProblems, referenceProblems } from "../lib/validator/messages";
import { orgStack } from "./util";

const USER = { email: "bird@example.com", firstName: "Selasphorus", lastName: "rufous" };

describe("problem ids", () => {
  test("every message of the catalog has a topic, and every id is unique", () => {
    const ids = Object.keys(messages).map((name) => problemId(name as keyof typeof messages));
    expect(ids.filter((id) => !/^okta:[a-z-]+\/[a-z0-9-]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("an id is okta:<topic>/<message name in kebab case>", () => {
    expect(problemId("duplicateLogin")).toBe("okta:user/duplicate-login");
    expect(problem.ruleTooManyGroups("okta-dev/rule", 101, 100)).toEqual({
      id: "okta:group-rule/rule-too-many-groups",
      severity: "error",
      message: "okta-dev/rule: the rule assigns 101 groups; Okta allows at most 100 per rule. Split it into several rules with the same expression.",
    });
    expect(referenceProblems.selfReference("okta_user.a.id", "okta_user.a").id).toBe("validator:reference/self-reference");
    expect(metaProblems.countAndForEach("okta_user.a").id).toBe("validator:meta-argument/count-and-for-each");
  });

  test("findProblems gives each problem of a stack with its id and exact message", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    new OktaUser(stack, "bird", { ...USER, login: "bird@example.com" });
    new OktaUser(stack, "tree", { ...USER, login: "Bird@example.com" });
    // THEN
    expect(OktaTesting.findProblems(stack)).toEqual([
      {
        id: "okta:user/duplicate-login",
        severity: "error",
        message: 'okta-dev/bird has login "bird@example.com" and okta-dev/tree has login "Bird@example.com"; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.',
      },
    ]);
  });

  test("a warning carries its id: printed after the message, read back by findWarnings", () => {
    // GIVEN
    const stack = orgStack();
    const bird = new OktaUser(stack, "bird", { ...USER, login: "bird@example.com" });
    const garden = new OktaGroup(stack, "garden", { name: "Garden", members: [bird] });
    // WHEN
    new OktaGroupRule(stack, "gardeners", { name: "Gardeners", expression: 'user.department == "Garden"', groups: [garden] });
    // THEN
    const message = "okta-dev/garden: the group has explicit members and is also filled by group rule okta-dev/gardeners; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.";
    expect(OktaTesting.warnings(stack)).toEqual([message]);
    expect(stack.node.findAll().flatMap((c) => c.node.metadata.map((entry) => entry.data))).toContain(`${message} [okta:group/rule-and-members]`);
    expect(OktaTesting.findWarnings(stack)).toEqual([{ id: "okta:group/rule-and-members", severity: "warning", message }]);
  });

  test("a failed synth's report lists each problem once, by org, with its id", () => {
    // GIVEN
    const app = new OktaApp({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "problems-")), "cdktf.out"), validate: "builtin" });
    const dev = new OktaOrgStack(app, "okta-dev", { orgName: "acme-dev", environment: "dev" });
    new OktaUser(dev, "bird", { ...USER, login: "not a login" });
    // WHEN
    let error: OktaSynthError | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as OktaSynthError;
    }
    // THEN
    expect(error?.details.map((found) => found.id)).toEqual(["okta:user/bad-login"]);
    expect(error?.report).toBe(
      [
        "cdktf-okta found 1 problem in 1 stack; nothing was written.",
        'okta-dev: 1 problem\n  okta-dev/bird: login "not a login" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it). [okta:user/bad-login]',
      ].join("\n\n"),
    );
  });
});
