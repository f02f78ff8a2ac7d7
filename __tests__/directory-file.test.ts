import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { Group } from "../.gen/providers/okta/group";
import { GroupMemberships } from "../.gen/providers/okta/group-memberships";
import { User } from "../.gen/providers/okta/user";
import { DirectoryFiles, OktaApp, OktaGroup, OktaGroupRule, OktaOrgStack, OktaSynthError, OktaUser, OktaUserSchemaProperty, loadDirectory, userIdFromLogin } from "../lib";
import { OktaTesting } from "../lib/testing";
import { orgStack, problems, synthJson, warnings } from "./util";

const FIXTURES = "__tests__/fixtures/directory-file";
const fixture = (name: string) => path.join(FIXTURES, name);

/** The problems loadDirectory throws, or a failure when it throws nothing. */
function loadProblems(files: DirectoryFiles, scope: IConstruct = orgStack()): readonly string[] {
  try {
    loadDirectory(scope as Construct, files);
  } catch (error) {
    if (error instanceof OktaSynthError) return error.problems;
    throw error;
  }
  throw new Error("loadDirectory did not fail");
}

describe("loadDirectory", () => {
  test("loads users and groups from CSV into okta_user, okta_group and okta_group_memberships", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const loaded = loadDirectory(stack, { users: fixture("users.csv"), groups: fixture("groups.csv") });
    // THEN
    expect([...loaded.users.keys()]).toEqual(["ada", "grace_hopper_at_example_com", "alan_at_example_com"]);
    expect([...loaded.groups.keys()]).toEqual(["engineering", "support"]);
    const json = synthJson(stack);
    expect(json.resource.okta_user.ada).toEqual({
      login: "ada@example.com",
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      status: "STAGED",
      department: "Engineering",
      cost_center: "CC-1",
      custom_profile_attributes: '{"customer_reference_number":"CRN-1"}',
    });
    expect(json.resource.okta_user.alan_at_example_com).toEqual({
      login: "alan@example.com",
      email: "alan@example.com",
      first_name: "Alan",
      last_name: "Turing",
      custom_profile_attributes: '{"customer_reference_number":"CRN-3"}',
    });
    expect(json.resource.okta_group).toEqual({
      engineering: { name: "Engineering", description: "Engineers, all of them" },
      support: { name: "Support" },
    });
    expect(json.resource.okta_group_memberships.engineering_members.users).toEqual([
      "${okta_user.ada.id}",
      "${okta_user.grace_hopper_at_example_com.id}",
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(GroupMemberships, {
      group_id: "${okta_group.support.id}",
      users: ["${okta_user.grace_hopper_at_example_com.id}"],
    });
  });

  test("loads YAML with typed custom attributes, a customProfile object and a list of groups", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    loadDirectory(stack, { users: fixture("users.yaml"), groups: fixture("groups.yaml") });
    // THEN
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(User, {
      login: "ada@example.com",
      custom_profile_attributes: '{"customer_reference_number":"CRN-1","floor":3,"remote":true,"languages":["en","fr"]}',
    });
    expect(synthesized).toHaveResourceWithProperties(User, {
      login: "grace@example.com",
      custom_profile_attributes: '{"customer_reference_number":"CRN-2"}',
    });
    expect(synthesized).toHaveResourceWithProperties(Group, { name: "Engineering", description: "Engineers" });
    expect(synthJson(stack).resource.okta_group_memberships.support_members.users).toEqual([
      "${okta_user.ada.id}",
      "${okta_user.grace_at_example_com.id}",
    ]);
  });

  test("loads JSON, keeping its types, and the users pass the org's schema checks", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "crn", { index: "customer_reference_number", title: "CRN", type: "string", required: true });
    new OktaUserSchemaProperty(stack, "floor", { index: "floor", title: "Floor", type: "integer" });
    // WHEN
    const loaded = loadDirectory(stack, { users: fixture("users.json"), groups: fixture("groups.csv") });
    // THEN
    expect(customProfileOf(loaded.users.get("ada")!)).toEqual({ customer_reference_number: "CRN-1", floor: 3 });
    expect(OktaTesting.resourceOf(loaded.users.get("ada")!)).toMatchObject({ title: "Countess" });
    expect(problems(stack)).toEqual([]);
  });

  test("the stack's checks still apply: a loaded user without a required custom attribute fails the synth, naming its file and line", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "crn", { index: "customer_reference_number", title: "CRN", type: "string" });
    new OktaUserSchemaProperty(stack, "floor", { index: "floor", title: "Floor", type: "integer" });
    new OktaUserSchemaProperty(stack, "badge", { index: "badge", title: "Badge", type: "string", required: true });
    // WHEN
    loadDirectory(stack, { users: fixture("users.json"), groups: fixture("groups.csv") });
    // THEN
    expect(problems(stack)).toEqual([
      `${FIXTURES}/users.json line 2 (user ada, org okta-dev): no value, but custom.badge is declared required in okta-dev/badge: Okta rejects the user at apply time. Add "customProfile.badge" to the entry.`,
    ]);
  });

  test("a CSV column of an undeclared custom attribute is reported once, at its header", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    loadDirectory(stack, { users: fixture("users.csv"), groups: fixture("groups.csv") });
    // THEN
    expect(problems(stack)).toEqual([
      `${FIXTURES}/users.csv line 1 (org okta-dev), column "custom.customer_reference_number": custom.customer_reference_number is not a user schema property declared in the org (declared: none). Declare it with new OktaUserSchemaProperty(stack, "...", { index: "customer_reference_number", ... }) (an existing property is adopted), or leave the column out (ignoreColumns: ["custom.customer_reference_number"]).`,
    ]);
  });

  test("fails when a user of the file and one in code share a login, quoting each as written", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "crn", { index: "customer_reference_number", title: "CRN", type: "string" });
    loadDirectory(stack, { users: fixture("users.csv"), groups: fixture("groups.csv") });
    // WHEN
    new OktaUser(stack, "grace", { login: "GRACE.HOPPER@example.com", email: "grace@example.com", firstName: "Grace", lastName: "Hopper" });
    // THEN
    expect(problems(stack)).toEqual([
      `${FIXTURES}/users.csv line 3 (user grace_hopper_at_example_com, org okta-dev), column "login" has login "Grace.Hopper@example.com" and okta-dev/grace has login "GRACE.HOPPER@example.com"; Okta logins are unique in an org (case-insensitive). Remove one user or change its login.`,
    ]);
  });

  test("fails when a group of the file and one in code share a name or an address, naming the file's line", () => {
    // GIVEN
    const stack = orgStack();
    loadDirectory(new Construct(stack, "Directory"), { groups: fixture("groups.csv") });
    // WHEN
    new OktaGroup(stack, "helpdesk", { name: "SUPPORT" });
    new OktaGroup(stack, "engineering", { name: "Engineers" });
    // THEN
    expect(problems(stack)).toEqual([
      `${FIXTURES}/groups.csv line 3 (group support, org okta-dev), column "name" is named "Support" and okta-dev/helpdesk is named "SUPPORT"; Okta group names must be unique in an org (case-insensitive). Rename one of them.`,
      `${FIXTURES}/groups.csv line 2 (group engineering, org okta-dev), column "id" and okta-dev/engineering: both would be okta_group.engineering. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.`,
    ]);
  });

  test("a loaded user made a member in another org, and a loaded group a rule fills, are named by their file and line", () => {
    // GIVEN
    const app = Testing.app();
    const dev = orgStack("okta-dev", {}, app);
    const prod = orgStack("okta-prod", {}, app);
    new OktaUserSchemaProperty(prod, "crn", { index: "customer_reference_number", title: "CRN", type: "string" });
    const loaded = loadDirectory(prod, { users: fixture("users.csv"), groups: fixture("groups.csv") });
    // WHEN
    new OktaGroup(dev, "garden", { name: "The Garden" }).addUser(loaded.users.get("ada")!);
    new OktaGroupRule(prod, "everyone", { name: "Everyone", expression: "true", groups: [loaded.groups.get("support")!] });
    // THEN
    expect(problems(dev)).toEqual([
      `okta-dev/garden: member ${FIXTURES}/users.csv line 2 (user ada, org okta-prod) belongs to another org's stack; a stack can only reference users and groups of its own org. Define it in this stack too, or import it with OktaUser.fromUserId / OktaGroup.fromGroupId.`,
    ]);
    expect(warnings(prod)).toEqual([
      `${FIXTURES}/users.csv: 2 users have no id, so the Terraform address comes from the login (e.g. okta_user.grace_hopper_at_example_com): changing a login would replace the user. Add an id column with a stable key, e.g. the employee number (to keep the current addresses, use the derived ids as they are).`,
      `${FIXTURES}/groups.csv line 3 (group support, org okta-prod): the group has explicit members and is also filled by group rule okta-prod/everyone; the two fight each other (perpetual drift). Let the rule fill the group, or remove the group from the rule.`,
    ]);
  });

  test("derives an id from the login when the row has none", () => {
    expect(userIdFromLogin("Jane.Doe@example.com")).toBe("jane_doe_at_example_com");
    expect(userIdFromLogin("o'neil+test@ex-ample.com")).toBe("o_neil_test_at_ex-ample_com");
    expect(userIdFromLogin("7eleven@example.com")).toBe("_7eleven_at_example_com");
  });

  test("warns that rows without an id get their address from the login, once per file", () => {
    // GIVEN
    const stack = orgStack();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-dir-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "login,email,firstName,lastName\nada@example.com,ada@example.com,Ada,L\nbob@example.com,bob@example.com,Bob,B\n");
    // WHEN
    loadDirectory(stack, { users });
    // THEN
    expect(warnings(stack)).toEqual([
      `${users}: 2 users have no id, so the Terraform address comes from the login (e.g. okta_user.ada_at_example_com): changing a login would replace the user. Add an id column with a stable key, e.g. the employee number (to keep the current addresses, use the derived ids as they are).`,
    ]);
  });

  test("renamedFrom and importId columns move and adopt users and groups", () => {
    // GIVEN
    const stack = orgStack();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-okta-dir-"));
    fs.writeFileSync(path.join(dir, "groups.csv"), "id,name,importId,renamedFrom\nstaff,Staff,00g1,everyone\n");
    fs.writeFileSync(path.join(dir, "users.csv"), "id,login,email,firstName,lastName,renamedFrom,groups\ne1,ada@example.com,ada@example.com,Ada,L,ada_at_example_com,staff\n");
    // WHEN
    loadDirectory(stack, { users: path.join(dir, "users.csv"), groups: path.join(dir, "groups.csv") });
    // THEN
    const json = synthJson(stack);
    expect(json.import).toEqual([{ to: "okta_group.staff", id: "00g1" }]);
    expect(json.moved).toEqual([
      { from: "okta_user.ada_at_example_com", to: "okta_user.e1" },
      { from: "okta_group.everyone", to: "okta_group.staff" },
      { from: "okta_group_memberships.everyone_members", to: "okta_group_memberships.staff_members" },
    ]);
    expect(warnings(stack)).toEqual([]);
  });

  test("reports every problem of a CSV users file at once, with line, user, org and column", () => {
    expect(loadProblems({ users: fixture("bad-users.csv"), groups: fixture("groups.csv") })).toEqual([
      `${FIXTURES}/bad-users.csv line 8 (org okta-dev): has 9 fields but the header has 10 columns; quote values that contain commas, and give every row the header's columns.`,
      `${FIXTURES}/bad-users.csv line 1 (org okta-dev), column "Department": unknown column; did you mean "department"? Rename it, map it (columns: { "Department": "department" }), or leave it out (ignoreColumns: ["Department"]).`,
      `${FIXTURES}/bad-users.csv line 1 (org okta-dev), column "cost_center": unknown column; did you mean "costCenter"? Rename it, map it (columns: { "cost_center": "costCenter" }), or leave it out (ignoreColumns: ["cost_center"]).`,
      `${FIXTURES}/bad-users.csv line 3 (user ada, org okta-dev), column "email": "bob@" is not a valid email address; use the form "name@example.com".`,
      `${FIXTURES}/bad-users.csv line 3 (user ada, org okta-dev), column "status": "active" is not allowed; use one of "ACTIVE", "STAGED", "SUSPENDED", "DEPROVISIONED".`,
      `${FIXTURES}/bad-users.csv line 3 (user ada, org okta-dev), column "id": "ada" is already used on line 2; user ids become Terraform addresses (okta_user.<id>). Remove one of the rows or change the value.`,
      `${FIXTURES}/bad-users.csv line 3 (user ada, org okta-dev), column "groups": group "enginering" is not defined in the groups file; did you mean "engineering"?`,
      `${FIXTURES}/bad-users.csv line 5 (user carol, org okta-dev), column "lastName": no value; it is required, fill it in.`,
      `${FIXTURES}/bad-users.csv line 5 (user carol, org okta-dev), column "login": "carol example.com" is not a valid Okta login; use an email-style login such as "first.last@example.com" (no spaces, one @, a domain after it).`,
      `${FIXTURES}/bad-users.csv line 5 (user carol, org okta-dev), column "groups": group "nobody" is not defined in the groups file; add it there or remove it here.`,
      `${FIXTURES}/bad-users.csv line 7 (user ada_at_example_com, org okta-dev), column "login": "ADA@example.com" is already used on line 2; Okta logins are unique in an org (case-insensitive). Remove one of the rows or change the value.`,
    ]);
  });

  test("throws one OktaSynthError listing every problem, and creates nothing", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const load = () => loadDirectory(stack, { users: fixture("bad-users.csv"), groups: fixture("groups.csv") });
    // THEN
    expect(load).toThrow(OktaSynthError);
    expect(load).toThrow(/^cdktf-okta found 11 problems; nothing was written:\n {2}__tests__/);
    expect(synthJson(stack).resource).toBeUndefined();
  });

  test("reports required columns missing from a CSV header once", () => {
    expect(loadProblems({ users: fixture("missing-columns.csv") })).toEqual([
      `${FIXTURES}/missing-columns.csv line 1 (org okta-dev): the header has no column "lastName"; add it: every row needs a value there.`,
    ]);
  });

  test("reports duplicate ids and names, bad ids and missing values in a groups file", () => {
    expect(loadProblems({ groups: fixture("bad-groups.csv") })).toEqual([
      `${FIXTURES}/bad-groups.csv line 3 (group engineering, org okta-dev), column "id": "engineering" is already used on line 2; group ids become Terraform addresses (okta_group.<id>). Remove one of the rows or change the value.`,
      `${FIXTURES}/bad-groups.csv line 4 (org okta-dev), column "id": "eng team" is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes; use e.g. "eng_team".`,
      `${FIXTURES}/bad-groups.csv line 4 (org okta-dev), column "name": "ENGINEERING" is already used on line 2; Okta group names are unique in an org (case-insensitive). Remove one of the rows or change the value.`,
      `${FIXTURES}/bad-groups.csv line 5 (group support, org okta-dev), column "name": no value; it is required, fill it in.`,
    ]);
  });

  test("names the line a YAML entry starts on, with its user id", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const file = path.join(dir, "users.yaml");
    fs.writeFileSync(file, "# people\n- id: e1001\n  login: ada@example.com\n  email: ada@example.com\n  firstName: Ada\n  lastName: L\n\n- id: e1006\n  login: bob@example.com\n  email: bob@\n  firstName: Bob\n  lastName: B\n");
    // THEN
    expect(loadProblems({ users: file })).toEqual([
      `${path.relative(process.cwd(), file)} line 8 (user e1006, org okta-dev), field "email": "bob@" is not a valid email address; use the form "name@example.com".`,
    ]);
  });

  test("names no org when the files are loaded outside a stack", () => {
    expect(loadProblems({ users: fixture("missing-columns.csv") }, Testing.app())).toEqual([
      `${FIXTURES}/missing-columns.csv line 1: the header has no column "lastName"; add it: every row needs a value there.`,
    ]);
  });

  test("reports entries, fields and value types of a JSON users file", () => {
    expect(loadProblems({ users: fixture("bad-users.json"), groups: fixture("groups.yaml") })).toEqual([
      `${FIXTURES}/bad-users.json line 2 (org okta-dev): is "ada@example.com"; each entry must be an object of fields, e.g. { "login": "jane.doe@example.com", ... }.`,
      `${FIXTURES}/bad-users.json line 3 (user bob_at_example_com, org okta-dev), field "emial": unknown field; did you mean "email"? Rename it, map it (columns: { "emial": "email" }), or leave it out (ignoreColumns: ["emial"]).`,
      `${FIXTURES}/bad-users.json line 3 (user bob_at_example_com, org okta-dev), field "firstName": 7 is not a string; quote it, e.g. "7".`,
      `${FIXTURES}/bad-users.json line 3 (user bob_at_example_com, org okta-dev), field "customProfile.address": {"city":"Paris"} is not a custom attribute value; use a string, number or boolean, or a list of one of them.`,
      `${FIXTURES}/bad-users.json line 3 (user bob_at_example_com, org okta-dev), field "groups": [1,2] is not a list of group ids; write "id1;id2" or a list of strings.`,
      `${FIXTURES}/bad-users.json line 12 (user carol_at_example_com, org okta-dev), field "lastName": no value; it is required, fill it in.`,
      `${FIXTURES}/bad-users.json line 12 (user carol_at_example_com, org okta-dev), field "customProfile": "CRN-3" is not an object; write the custom attributes as { "<index>": value, ... }.`,
    ]);
  });

  test("reports a derived id that collides with another row's", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const file = path.join(dir, "users.csv");
    fs.writeFileSync(file, "login,email,firstName,lastName\na.b@example.com,a@example.com,A,B\na_b@example.com,b@example.com,A,B\n");
    // THEN
    expect(loadProblems({ users: file })).toEqual([
      `${path.relative(process.cwd(), file)} line 3 (user a_b_at_example_com, org okta-dev), column "login": the id derived from this login, "a_b_at_example_com", is already used on line 2; give one of the two rows an explicit id.`,
    ]);
  });

  test("reports unknown columns without a close match, and lists the known ones once per file", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const file = path.join(dir, "groups.csv");
    fs.writeFileSync(file, "id,name,owner,team lead\nops,Ops,me,you\n");
    // THEN
    const shown = path.relative(process.cwd(), file);
    expect(loadProblems({ groups: file })).toEqual([
      `${shown} line 1 (org okta-dev), column "owner": unknown column; map it to a known column (columns: { "owner": "<column>" }) or leave it out (ignoreColumns: ["owner"]).`,
      `${shown} line 1 (org okta-dev), column "team lead": unknown column; map it to a known column (columns: { "team lead": "<column>" }) or leave it out (ignoreColumns: ["team lead"]).`,
      `${shown}: the columns a groups file knows are "id", "name", "description", "importId", "renamedFrom"; map other headers to them with columns, or leave them out with ignoreColumns.`,
    ]);
  });

  test("reports files it cannot read, parse or use", () => {
    expect(loadProblems({ users: fixture("not-a-list.yaml") })).toEqual([
      `${FIXTURES}/not-a-list.yaml: the file must hold a list with one object per entry (a JSON array, or a YAML sequence of "- key: value" items).`,
    ]);
    expect(loadProblems({ users: fixture("syntax-error.json") })).toEqual([
      expect.stringMatching(/^__tests__\/fixtures\/directory-file\/syntax-error\.json: cannot be parsed: .*\. Fix the syntax\.$/),
    ]);
    expect(loadProblems({ users: fixture("users.txt") })).toEqual([
      `${FIXTURES}/users.txt: files ending ".txt" are not supported; use a .csv, .json, .yaml or .yml file.`,
    ]);
    expect(loadProblems({ users: fixture("missing.csv"), groups: fixture("users.txt") })).toEqual([
      `${FIXTURES}/users.txt: files ending ".txt" are not supported; use a .csv, .json, .yaml or .yml file.`,
      `${FIXTURES}/missing.csv: cannot be read (ENOENT: no such file or directory, open '${FIXTURES}/missing.csv'); check the path.`,
    ]);
  });

  test("lists at most 200 problems and counts the rest", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const file = path.join(dir, "users.csv");
    const rows = Array.from({ length: 250 }, (_, i) => `user${i}@example.com,not-an-email,A,B`);
    fs.writeFileSync(file, ["login,email,firstName,lastName", ...rows].join("\n"));
    // WHEN
    const problems = loadProblems({ users: file });
    // THEN
    expect(problems).toHaveLength(201);
    expect(problems[200]).toBe("... and 50 more problems in the directory files.");
  });

  test("the example directory of the app loads", () => {
    // GIVEN
    const stack = orgStack();
    // WHEN
    const loaded = loadDirectory(stack, { users: "stacks/directory/users.csv", groups: "stacks/directory/groups.csv" });
    // THEN
    expect(loaded.users.size).toBeGreaterThanOrEqual(5);
    for (const user of loaded.users.values()) {
      expect(customProfileOf(user).customer_reference_number).toMatch(/^CRN-/);
    }
  });
});

describe("loadDirectory on unusual files", () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
  const USER_ROW = "ada,ada@example.com,ada@example.com,Ada,Lovelace";

  test("accepts a UTF-8 byte order mark in CSV, JSON and YAML", () => {
    for (const name of ["bom-users.csv", "bom-users.json", "bom-users.yaml"]) {
      // GIVEN
      const stack = orgStack();
      // WHEN
      const loaded = loadDirectory(stack, { users: fixture(name) });
      // THEN
      expect([...loaded.users.keys()]).toEqual(["ada"]);
      expect(synthJson(stack).resource.okta_user.ada).toMatchObject({ login: "ada@example.com", first_name: "Ada" });
    }
  });

  test("fails on bytes that are not UTF-8, naming the file, line and column", () => {
    expect(loadProblems({ users: fixture("latin1-users.csv") })).toEqual([
      `${FIXTURES}/latin1-users.csv line 3 (org okta-dev), column 43: byte 0xE9 is not UTF-8; the file is in another encoding (often Windows-1252 or Latin-1), whose accented letters would be read wrongly. Save it as UTF-8 (in Excel: "CSV UTF-8").`,
    ]);
    expect(loadProblems({ users: fixture("latin1-users.yaml") })).toEqual([
      `${FIXTURES}/latin1-users.yaml line 4 (org okta-dev), column 16: byte 0xEB is not UTF-8; the file is in another encoding (often Windows-1252 or Latin-1), whose accented letters would be read wrongly. Save it as UTF-8.`,
    ]);
  });

  test("rejects __proto__ as a field, a custom column or a customProfile key instead of dropping it", () => {
    const rejected = '"__proto__" cannot be an attribute name: Okta attribute names start with a letter (then letters, digits and underscores), and JavaScript objects would not keep "__proto__" as data. Remove it, or rename the attribute.';
    expect(loadProblems({ users: fixture("proto-users.json") })).toEqual([
      `${FIXTURES}/proto-users.json line 2 (user ada, org okta-dev), field "__proto__": ${rejected}`,
      `${FIXTURES}/proto-users.json line 10 (user grace, org okta-dev), field "custom.__proto__": ${rejected}`,
      `${FIXTURES}/proto-users.json line 19 (user alan, org okta-dev), field "customProfile.__proto__": ${rejected}`,
    ]);
    expect(loadProblems({ users: fixture("proto-users.csv") })).toEqual([`${FIXTURES}/proto-users.csv line 1 (org okta-dev), column "custom.__proto__": ${rejected}`]);
    expect(loadProblems({ users: fixture("proto-users.yaml") })).toEqual([`${FIXTURES}/proto-users.yaml line 1 (user ada, org okta-dev), field "customProfile.__proto__": ${rejected}`]);
  });

  test("keeps custom attributes named like Object.prototype members as data", () => {
    // GIVEN
    const dir = tmp();
    const users = path.join(dir, "users.json");
    fs.writeFileSync(users, JSON.stringify([{ id: "ada", login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L", customProfile: { constructor: "c", toString: "t" } }]));
    // WHEN
    const loaded = loadDirectory(orgStack(), { users });
    // THEN
    const customProfile = customProfileOf(loaded.users.get("ada")!);
    expect(Object.entries(customProfile)).toEqual([["constructor", "c"], ["toString", "t"]]);
  });

  test("rejects ids the constructs library cannot hold (Object.prototype's names) instead of crashing", () => {
    // GIVEN
    const dir = tmp();
    const groups = path.join(dir, "groups.csv");
    fs.writeFileSync(groups, "id,name\ntoString,Strings\n");
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, `id,login,email,firstName,lastName\nconstructor,ada@example.com,ada@example.com,Ada,L\n__proto__,bob@example.com,bob@example.com,Bob,B\n`);
    // THEN
    const taken = (id: string) => `"${id}" cannot be an id: the constructs library keeps a scope's children in a plain object, where "${id}" is taken by JavaScript's Object.prototype. Choose another id, e.g. the employee number.`;
    expect(loadProblems({ users, groups })).toEqual([
      `${path.relative(process.cwd(), groups)} line 2 (group toString, org okta-dev), column "id": ${taken("toString")}`,
      `${path.relative(process.cwd(), users)} line 2 (user constructor, org okta-dev), column "id": ${taken("constructor")}`,
      `${path.relative(process.cwd(), users)} line 3 (user __proto__, org okta-dev), column "id": ${taken("__proto__")}`,
    ]);
  });

  test("reports a file that is not a users or groups file, through a link too, without showing any of its content", () => {
    // GIVEN
    const dir = tmp();
    const link = path.join(dir, "users.csv");
    fs.symlinkSync(path.resolve(fixture("netrc.csv")), link);
    // WHEN
    const problems = loadProblems({ users: link, groups: fixture("not-groups.yaml") });
    // THEN
    expect(problems).toEqual([
      `${FIXTURES}/not-groups.yaml: not a groups file: its entries have none of the fields of a groups file ("id", "name"), so none of its content is shown. Check that the groups path names the right file (a symbolic link is read as the file it points to).`,
      `${path.relative(process.cwd(), link)}: not a users file: its first line names none of the columns of a users file ("login", "email", "firstName", "lastName"), so none of its content is shown. Check that the users path names the right file (a symbolic link is read as the file it points to).`,
    ]);
    expect(problems.join("\n")).not.toMatch(/machine|deploy|example-not-a-secret|another-example/);
    expect(loadProblems({ users: fixture("not-users.json") })).toEqual([
      `${FIXTURES}/not-users.json: not a users file: its entries have none of the fields of a users file ("login", "email", "firstName", "lastName"), so none of its content is shown. Check that the users path names the right file (a symbolic link is read as the file it points to).`,
    ]);
  });

  test("a header misspelling every column is still read as a users file, with suggestions", () => {
    // GIVEN
    const dir = tmp();
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "Login,E-mail,First Name,last_name\nada@example.com,ada@example.com,Ada,L\n");
    // THEN
    expect(loadProblems({ users })).toEqual([
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev): the header has no column "login", "email", "firstName", "lastName"; add them: every row needs a value there.`,
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "Login": unknown column; did you mean "login"? Rename it, map it (columns: { "Login": "login" }), or leave it out (ignoreColumns: ["Login"]).`,
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "E-mail": unknown column; did you mean "email"? Rename it, map it (columns: { "E-mail": "email" }), or leave it out (ignoreColumns: ["E-mail"]).`,
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "First Name": unknown column; did you mean "firstName"? Rename it, map it (columns: { "First Name": "firstName" }), or leave it out (ignoreColumns: ["First Name"]).`,
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "last_name": unknown column; did you mean "lastName"? Rename it, map it (columns: { "last_name": "lastName" }), or leave it out (ignoreColumns: ["last_name"]).`,
    ]);
  });

  test("a parse error shows no line of the file, and quotes at most 80 characters of it", () => {
    // GIVEN
    const dir = tmp();
    const yaml = path.join(dir, "users.yaml");
    fs.writeFileSync(yaml, "[default]\naws_access_key_id = EXAMPLEKEYID\n");
    const csv = path.join(dir, "users.csv");
    fs.writeFileSync(csv, `login,email,firstName,lastName\nx${"y".repeat(200)}"z,a@example.com,A,B\n`);
    // THEN
    expect(loadProblems({ users: yaml })).toEqual([`${path.relative(process.cwd(), yaml)}: cannot be parsed: Unexpected scalar at node end at line 2, column 1. Fix the syntax.`]);
    expect(loadProblems({ users: csv })).toEqual([
      `${path.relative(process.cwd(), csv)}: cannot be parsed: Invalid Opening Quote: a quote is found on field 0 at line 2, value is "x${"y".repeat(77)}… (201 characters). Fix the syntax.`,
    ]);
  });

  test("quotes values and column names of any size cut to 80 characters", () => {
    // GIVEN
    const dir = tmp();
    const users = path.join(dir, "users.csv");
    const huge = "a".repeat(1_000_000);
    fs.writeFileSync(users, `id,login,email,firstName,lastName,${huge}\n${USER_ROW},x\nb${huge},b@example.com,b@example.com,B,B,x\n`);
    // THEN
    const file = path.relative(process.cwd(), users);
    const cut = `"${"a".repeat(78)}… (1000000 characters)`;
    expect(loadProblems({ users })).toEqual([
      `${file} line 1 (org okta-dev), column ${cut}: unknown column; map it to a known column (columns: { ${cut}: "<column>" }) or leave it out (ignoreColumns: [${cut}]).`,
      `${file}: the columns a users file knows are ${["id", "login", "email", "firstName", "lastName", "status", "importId", "renamedFrom", "groups", "city", "costCenter", "countryCode", "department", "displayName", "division", "employeeNumber", "honorificPrefix", "honorificSuffix", "locale", "manager", "managerId", "middleName", "mobilePhone", "nickName", "organization", "postalAddress", "preferredLanguage", "primaryPhone", "profileUrl", "realmId", "secondEmail", "state", "streetAddress", "timezone", "title", "userType", "zipCode", "custom.<index>"].map((c) => `"${c}"`).join(", ")}; map other headers to them with columns, or leave them out with ignoreColumns.`,
    ]);
  });

  test("checks Okta's maximum lengths of profile fields, counting characters, not UTF-16 units", () => {
    expect(loadProblems({ users: fixture("too-long-users.csv") })).toEqual([
      `${FIXTURES}/too-long-users.csv line 2 (user ada, org okta-dev), column "email": "${"a".repeat(78)}… (101 characters) is too long: Okta allows at most 100 characters here (this has 101) and rejects the user at apply time. Shorten it.`,
      `${FIXTURES}/too-long-users.csv line 2 (user ada, org okta-dev), column "firstName": "${"A".repeat(51)}" is too long: Okta allows at most 50 characters here (this has 51) and rejects the user at apply time. Shorten it.`,
      `${FIXTURES}/too-long-users.csv line 2 (user ada, org okta-dev), column "mobilePhone": "${"1".repeat(78)}… (101 characters) is too long: Okta allows at most 100 characters here (this has 101) and rejects the user at apply time. Shorten it.`,
    ]);
  });

  test("the user id a message names is cut to 80 characters too, when it comes from a huge login", () => {
    // GIVEN
    const dir = tmp();
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, `login,email,firstName,lastName\n${"a".repeat(1_000_000)}@example.com,ada@example.com,Ada,L\n`);
    // THEN
    expect(loadProblems({ users })).toEqual([
      `${path.relative(process.cwd(), users)} line 2 (user ${"a".repeat(79)}…, org okta-dev), column "login": "${"a".repeat(78)}… (1000012 characters) is too long: Okta allows at most 100 characters here (this has 1000012) and rejects the user at apply time. Shorten it.`,
    ]);
  });

  test("a 1,000,000-character login is reported once, cut to 80 characters", () => {
    // GIVEN
    const dir = tmp();
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, `id,login,email,firstName,lastName\nada,${"a".repeat(1_000_000)},ada@example.com,Ada,L\n`);
    // THEN
    expect(loadProblems({ users })).toEqual([
      `${path.relative(process.cwd(), users)} line 2 (user ada, org okta-dev), column "login": "${"a".repeat(78)}… (1000000 characters) is too long: Okta allows at most 100 characters here (this has 1000000) and rejects the user at apply time. Shorten it.`,
    ]);
  });
});

/** The report a failed synth of the app prints (the unit tests' validator: the built-in one). */
function synthReport(app: OktaApp): string {
  try {
    app.synth();
  } catch (error) {
    if (error instanceof OktaSynthError) return error.report;
    throw error;
  }
  throw new Error("the synth did not fail");
}

/** An app with the org stacks dev, staging and prod, each given `define`. */
function threeOrgs(define: (stack: OktaOrgStack) => void): OktaApp {
  const app = new OktaApp({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-app-")), "cdktf.out"), validate: "builtin" });
  for (const environment of ["dev", "staging", "prod"]) define(new OktaOrgStack(app, `okta-${environment}`, { orgName: `acme-${environment}`, environment }));
  return app;
}

const HR_COLUMNS = {
  "Employee ID": "id",
  "Work Email": ["login", "email"],
  "First Name": "firstName",
  "Last Name": "lastName",
  "Legal Entity": "custom.legal_entity",
  "Clearance Level": "custom.clearance_level",
};

/** The schema properties the HR fixtures fill, declared before the files are loaded. */
function hrSchema(stack: Construct, legalRequired = false): void {
  new OktaUserSchemaProperty(stack, "legal", { index: "legal_entity", title: "Legal Entity", type: "string", required: legalRequired });
  new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance Level", type: "integer", enum: ["1", "2", "3"] });
}

describe("loadDirectory with files as HR systems export them", () => {
  test("maps headers to columns (one header to several), and leaves out the ignored ones", () => {
    // GIVEN
    const stack = orgStack();
    hrSchema(stack);
    // WHEN
    const loaded = loadDirectory(stack, { users: fixture("hr-users.csv"), columns: HR_COLUMNS, ignoreColumns: ["Manager"] });
    // THEN
    expect([...loaded.users.keys()]).toEqual(["e1001", "e1002", "e1003"]);
    expect(synthJson(stack).resource.okta_user.e1001).toMatchObject({
      login: "Ada.Lovelace@Example.com",
      email: "Ada.Lovelace@Example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      custom_profile_attributes: '{"legal_entity":"Acme GmbH","clearance_level":2}',
    });
    expect(synthJson(stack).resource.okta_user.e1001.manager).toBeUndefined();
    expect(problems(stack)).toEqual([]);
  });

  test("reads the mapping from a columns file next to the data", () => {
    // GIVEN
    const stack = orgStack();
    hrSchema(stack);
    // WHEN
    loadDirectory(stack, { users: fixture("hr-users.csv"), columns: fixture("hr-users.columns.json") });
    // THEN
    expect(synthJson(stack).resource.okta_user.e1003).toMatchObject({ login: "alan.turing@example.com", custom_profile_attributes: '{"legal_entity":"Acme Inc.","clearance_level":3}' });
  });

  test("did you mean considers the mapping's headers; the known columns are listed once per load; stale mapping entries are errors", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "Employee ID,Work Emial,First Name,Last Name,Badge Colour,Desk,Managr\ne1,a@example.com,A,B,red,4,x\n");
    const file = path.relative(process.cwd(), users);
    // THEN
    expect(loadProblems({ users, columns: { ...HR_COLUMNS, "First Name": "first_name" }, ignoreColumns: ["Manager"] })).toEqual([
      `${file} line 1 (org okta-dev): the header has no column "login", "email", "firstName"; add them: every row needs a value there.`,
      `${file} line 1 (org okta-dev), column "Work Emial": unknown column; did you mean "Work Email", which columns maps to "login" and "email"? Correct the header or the mapping, or leave it out (ignoreColumns: ["Work Emial"]).`,
      `${file} line 1 (org okta-dev), column "First Name": columns maps it to "first_name", which is not a column of a users file; did you mean "firstName"?`,
      `${file} line 1 (org okta-dev), column "Badge Colour": unknown column; map it to a known column (columns: { "Badge Colour": "<column>" }) or leave it out (ignoreColumns: ["Badge Colour"]).`,
      `${file} line 1 (org okta-dev), column "Desk": unknown column; map it to a known column (columns: { "Desk": "<column>" }) or leave it out (ignoreColumns: ["Desk"]).`,
      `${file} line 1 (org okta-dev), column "Managr": unknown column; did you mean "Manager", which ignoreColumns leaves out? Correct the header or the ignoreColumns entry.`,
      `${file}: the columns a users file knows are ${["id", "login", "email", "firstName", "lastName", "status", "importId", "renamedFrom", "groups", "city", "costCenter", "countryCode", "department", "displayName", "division", "employeeNumber", "honorificPrefix", "honorificSuffix", "locale", "manager", "managerId", "middleName", "mobilePhone", "nickName", "organization", "postalAddress", "preferredLanguage", "primaryPhone", "profileUrl", "realmId", "secondEmail", "state", "streetAddress", "timezone", "title", "userType", "zipCode", "custom.<index>"].map((c) => `"${c}"`).join(", ")}; map other headers to them with columns, or leave them out with ignoreColumns.`,
      `loadDirectory: columns names "Work Email", which is not a header of ${file} (did you mean "Work Emial"?). Correct the name or remove the entry.`,
      `loadDirectory: columns names "Legal Entity", which is not a header of ${file}. Correct the name or remove the entry.`,
      `loadDirectory: columns names "Clearance Level", which is not a header of ${file}. Correct the name or remove the entry.`,
      `loadDirectory: ignoreColumns names "Manager", which is not a header of ${file} (did you mean "Managr"?). Correct the name or remove the entry.`,
    ]);
  });

  test("reports a columns file it cannot use, a header both mapped and ignored, and two headers filling one column", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "id,login,Email,Work Email,firstName,lastName,Manager\ne1,a@example.com,a@example.com,b@example.com,A,B,x\n");
    const broken = path.join(dir, "broken.columns.json");
    fs.writeFileSync(broken, JSON.stringify({ columns: { Email: "email" }, ignore: ["Manager"] }));
    const columns = path.join(dir, "users.columns.json");
    fs.writeFileSync(columns, JSON.stringify({ columns: { Email: "email", "Work Email": "email", Manager: "managerId" }, ignoreColumns: ["Manager"] }));
    const shown = (file: string) => path.relative(process.cwd(), file);
    // THEN
    expect(loadProblems({ users, columns: broken })).toEqual([
      `${shown(broken)}: it has "ignore", which a columns file does not; a columns file holds { "columns": { "<header>": "<column>", ... }, "ignoreColumns": ["<header>", ...] }.`,
    ]);
    expect(loadProblems({ users, columns })).toEqual([
      `${shown(columns)}: "Manager": columns maps it and ignoreColumns leaves it out; keep one of the two.`,
      `${shown(users)} line 1 (org okta-dev), column "Work Email": fills "email", which "Email" already fills; keep one of them (or leave one out with ignoreColumns).`,
    ]);
  });

  test("converts CSV cells to the declared types: integer, number, boolean, and arrays separated by \";\"", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance", type: "integer" });
    new OktaUserSchemaProperty(stack, "score", { index: "score", title: "Score", type: "number" });
    new OktaUserSchemaProperty(stack, "remote", { index: "remote", title: "Remote", type: "boolean" });
    new OktaUserSchemaProperty(stack, "floors", { index: "floors", title: "Floors", type: "array", arrayType: "integer" });
    new OktaUserSchemaProperty(stack, "languages", { index: "languages", title: "Languages", type: "array", arrayType: "string" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, fs.readFileSync(fixture("typed-users.csv"), "utf8").split("\n").slice(0, 3).join("\n"));
    // WHEN
    loadDirectory(stack, { users });
    // THEN
    const json = synthJson(stack).resource.okta_user;
    expect(JSON.parse(json.e1001.custom_profile_attributes)).toEqual({ clearance_level: 2, score: 4.5, remote: true, floors: [1, 3], languages: ["en", "fr"] });
    expect(JSON.parse(json.e1002.custom_profile_attributes)).toEqual({ clearance_level: -1, score: 0.25, remote: false, floors: [2], languages: ["de"] });
    expect(problems(stack)).toEqual([]);
  });

  test("fails when a cell does not convert to its declared type, naming file, line, column and declaration", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance", type: "integer" });
    new OktaUserSchemaProperty(stack, "score", { index: "score", title: "Score", type: "number" });
    new OktaUserSchemaProperty(stack, "remote", { index: "remote", title: "Remote", type: "boolean" });
    new OktaUserSchemaProperty(stack, "floors", { index: "floors", title: "Floors", type: "array", arrayType: "integer" });
    // THEN
    const at = (line: number, id: string, column: string) => `${FIXTURES}/typed-users.csv line ${line} (user ${id}, org okta-dev), column "${column}"`;
    expect(loadProblems({ users: fixture("typed-users.csv") }, stack)).toEqual([
      `${at(4, "e1003", "custom.clearance_level")}: "three" is not an integer (custom.clearance_level is declared integer in okta-dev/clearance). Write a whole number, e.g. 3.`,
      `${at(4, "e1003", "custom.remote")}: "5" is not a boolean (custom.remote is declared boolean in okta-dev/remote). Write true or false.`,
      `${at(4, "e1003", "custom.floors")}: "x" in "1;x" is not an integer (custom.floors is declared array of integer in okta-dev/floors). Separate the items with ";" and write each as a whole number, e.g. 3.`,
      `${at(5, "e1004", "custom.clearance_level")}: "3.0" is not an integer (custom.clearance_level is declared integer in okta-dev/clearance). Write a whole number, e.g. 3.`,
      `${at(5, "e1004", "custom.score")}: "3,5" is not a number (custom.score is declared number in okta-dev/score). Write a number, with "." before any decimals, e.g. 2.5.`,
      `${at(5, "e1004", "custom.remote")}: "yes" is not a boolean (custom.remote is declared boolean in okta-dev/remote). Write true or false.`,
    ]);
  });

  test("names the mapped header when a cell does not convert", () => {
    // GIVEN
    const stack = orgStack();
    hrSchema(stack);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, fs.readFileSync(fixture("hr-users.csv"), "utf8").replace("Acme Inc.,3,", "Acme Inc.,three,"));
    // THEN
    expect(loadProblems({ users, columns: fixture("hr-users.columns.json") }, stack)).toEqual([
      `${path.relative(process.cwd(), users)} line 4 (user e1003, org okta-dev), column "Clearance Level": "three" is not an integer (custom.clearance_level is declared integer in okta-dev/clearance). Write a whole number, e.g. 3.`,
    ]);
  });

  test("a schema property declared after the file was read is reported once, at the column's header", () => {
    // GIVEN
    const stack = orgStack();
    new OktaUserSchemaProperty(stack, "legal", { index: "legal_entity", title: "Legal Entity", type: "string" });
    loadDirectory(stack, { users: fixture("hr-users.csv"), columns: fixture("hr-users.columns.json") });
    // WHEN
    new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance Level", type: "integer" });
    // THEN
    expect(problems(stack)).toEqual([
      `${FIXTURES}/hr-users.csv line 1 (org okta-dev), column "Clearance Level": its cells were read as text, but custom.clearance_level is declared integer in okta-dev/clearance, after loadDirectory read the file. Declare the schema properties before calling loadDirectory: it converts each cell to the declared type as it reads it.`,
    ]);
  });

  test("a problem of a file three orgs load is reported once, naming the orgs, the column and the fix in the file's terms", () => {
    // GIVEN
    const app = threeOrgs((stack) => {
      hrSchema(stack, true);
      loadDirectory(stack, { users: fixture("hr-users.csv"), columns: fixture("hr-users.columns.json") });
    });
    // THEN
    expect(synthReport(app)).toBe(
      [
        "cdktf-okta found 1 problem in 1 stack; nothing was written.",
        "okta-dev: 1 problem\n" +
          `  ${FIXTURES}/hr-users.csv line 3 (user e1002, orgs okta-dev, okta-staging, okta-prod), column "Legal Entity": no value, but custom.legal_entity is declared required in okta-dev/legal, okta-staging/legal and okta-prod/legal: Okta rejects the user at apply time. Fill the "Legal Entity" column. [okta:directory-file/missing-required]`,
      ].join("\n\n"),
    );
  });

  test("names only the orgs a problem holds for, and reports a required property no column fills once per file", () => {
    // GIVEN
    const app = threeOrgs((stack) => {
      new OktaUserSchemaProperty(stack, "legal", { index: "legal_entity", title: "Legal Entity", type: "string" });
      const levels = stack.node.id === "okta-prod" ? ["1", "2"] : ["1", "2", "3"];
      new OktaUserSchemaProperty(stack, "clearance", { index: "clearance_level", title: "Clearance Level", type: "integer", enum: levels });
      if (stack.node.id !== "okta-dev") new OktaUserSchemaProperty(stack, "badge", { index: "badge", title: "Badge", type: "string", required: true });
      loadDirectory(stack, { users: fixture("hr-users.csv"), columns: fixture("hr-users.columns.json") });
    });
    // THEN
    expect(synthReport(app)).toBe(
      [
        "cdktf-okta found 2 problems in 2 stacks; nothing was written.",
        "okta-staging: 1 problem\n" +
          `  ${FIXTURES}/hr-users.csv line 1 (orgs okta-staging, okta-prod): no column fills custom.badge, which is declared required in okta-staging/badge and okta-prod/badge: Okta rejects all 3 users of the file at apply time. Add a "custom.badge" column (or map one to it with columns) and fill it. [okta:directory-file/required-without-column]`,
        "okta-prod: 1 problem\n" +
          `  ${FIXTURES}/hr-users.csv line 4 (user e1003, org okta-prod), column "Clearance Level": 3 is not allowed: custom.clearance_level (declared in okta-prod/clearance) allows only "1", "2". Write one of them. [okta:directory-file/value-not-allowed]`,
      ].join("\n\n"),
    );
  });

  test("importId@<org> and title@<org> give one org its own value; the other orgs keep the column for every org", () => {
    // GIVEN
    const app = Testing.app();
    const dev = orgStack("okta-dev", {}, app);
    const prod = orgStack("okta-prod", {}, app);
    // WHEN
    for (const stack of [dev, prod]) loadDirectory(stack, { users: fixture("per-org-users.csv") });
    // THEN
    expect(synthJson(dev).resource.okta_user.e1001.title).toBe("Engineer (test account)");
    expect(synthJson(dev).import).toBeUndefined();
    expect(synthJson(prod).resource.okta_user.e1001.title).toBe("Engineer");
    expect(synthJson(prod).import).toEqual([{ to: "okta_user.e1001", id: "00u1ada" }]);
    expect(synthJson(dev).resource.okta_user.e1002.title).toBe("Support");
    expect([...problems(dev), ...problems(prod)]).toEqual([]);
  });

  test("fails when one importId column feeds several orgs, and when a per-org column names no org stack", () => {
    // GIVEN
    const app = threeOrgs((stack) => loadDirectory(stack, { users: fixture("shared-import-users.csv") }));
    // THEN
    expect(synthReport(app)).toBe(
      [
        "cdktf-okta found 2 problems in 1 stack; nothing was written.",
        "okta-dev: 2 problems\n" +
          `  ${FIXTURES}/shared-import-users.csv line 1 (orgs okta-dev, okta-staging, okta-prod), column "importId": one import id column feeds 3 orgs, but an Okta id exists in one org only: the others would import an object they do not have, or the wrong one. Say which org the ids come from: rename the column importId@<org>, e.g. "importId@okta-prod", one such column per org. [okta:directory-file/shared-import-id]\n` +
          `  ${FIXTURES}/shared-import-users.csv line 1 (orgs okta-dev, okta-staging, okta-prod), column "importId@okta-prdo": the part after "@" names org "okta-prdo", but the app has no org stack with that id; did you mean "okta-prod"? (its orgs: "okta-dev", "okta-staging", "okta-prod"). Rename the column, or leave it out (ignoreColumns: ["importId@okta-prdo"]). [okta:directory-file/unknown-org]`,
      ].join("\n\n"),
    );
  });

  test("an importId column for every org is fine in a file only one org loads; a mapped one is told to map to importId@<org>", () => {
    // GIVEN
    const single = new OktaApp({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-app-")), "cdktf.out"), validate: "builtin" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "id,login,email,firstName,lastName,Okta ID\ne1001,ada@example.com,ada@example.com,Ada,Lovelace,00u1ada\n");
    loadDirectory(new OktaOrgStack(single, "okta-prod", { orgName: "acme", environment: "prod" }), { users, columns: { "Okta ID": "importId" } });
    const shared = threeOrgs((stack) => loadDirectory(stack, { users, columns: { "Okta ID": "importId" } }));
    // THEN
    expect(problems(single)).toEqual([]);
    expect(problems(shared)[0]).toBe(
      `${path.relative(process.cwd(), users)} line 1 (orgs okta-dev, okta-staging, okta-prod), column "Okta ID": one import id column feeds 3 orgs, but an Okta id exists in one org only: the others would import an object they do not have, or the wrong one. Say which org the ids come from: map it to importId@<org> (columns: { "Okta ID": "importId@okta-prod" }), one such column per org.`,
    );
  });

  test("columns that identify a row cannot have a value per org", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "id,login,email,firstName,lastName,login@okta-dev\ne1001,ada@example.com,ada@example.com,Ada,Lovelace,ada@dev.example.com\n");
    // THEN
    expect(loadProblems({ users })).toEqual([
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "login@okta-dev": "login" cannot have a value per org: it identifies the row, the same in every org (per-org columns are for "email", "firstName", "lastName" and the other profile columns). Use one "login" column for every org.`,
    ]);
  });

  test("rejects values with invisible characters at either end or inside, naming the character, instead of trimming them", () => {
    expect(loadProblems({ users: fixture("whitespace-users.csv") })).toEqual([
      `${FIXTURES}/whitespace-users.csv line 2 (user e1001, org okta-dev), column "login": "ada@example.com " has a trailing space; remove it.`,
      `${FIXTURES}/whitespace-users.csv line 2 (user e1001, org okta-dev), column "lastName": "Love\u00a0lace" has a non-breaking space (U+00A0) at character 5; replace it with a plain space.`,
      `${FIXTURES}/whitespace-users.csv line 3 (user e1002, org okta-dev), column "firstName": "\\tBob" has a leading tab; remove it.`,
      `${FIXTURES}/whitespace-users.csv line 3 (user e1002, org okta-dev), column "title": "Lead\u200b" has a trailing zero-width space (U+200B); remove it.`,
      `${FIXTURES}/whitespace-users.csv line 4 (user e1003, org okta-dev), column "firstName": "  " has nothing but 2 spaces; give it a value.`,
    ]);
  });

  test("spaces around the \";\" of a list cell are allowed; a header with invisible characters is rejected", () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-file-"));
    const users = path.join(dir, "users.csv");
    fs.writeFileSync(users, "id,login,email,firstName,lastName ,groups\ne1,a@example.com,a@example.com,A,B,engineering ; support\n");
    // THEN
    expect(loadProblems({ users, groups: fixture("groups.csv") })).toEqual([
      `${path.relative(process.cwd(), users)} line 1 (org okta-dev), column "lastName ": "lastName " has a trailing space; remove it.`,
    ]);
  });
});

/** The custom profile attributes a user synthesizes to, parsed. */
function customProfileOf(user: OktaUser): Record<string, unknown> {
  return JSON.parse(OktaTesting.resourceOf(user).custom_profile_attributes);
}
