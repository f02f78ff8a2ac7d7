import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import {
  OktaIdentitySource,
  OktaIdentitySourceGroup,
  OktaIdentitySourceImport,
  OktaIdentitySourceImportUser,
  OktaIdentitySourceUser,
  OktaIdentitySourceUserProfile,
} from "../lib";
import { orgStack, problems, synthJson, warnings } from "./util";

const { parse } = require("@cdktf/hcl2json") as { parse: (file: string, hcl: string) => Promise<any> };

// The guide's HCL examples, shared with the schema validator's seed tests.
const FIXTURES = path.join(__dirname, "fixtures", "validator", "seeds");
const SOURCE_ID = "<identity-source-id>";

/** The guide's HCL example, as Terraform JSON. */
async function guideExample(file: string): Promise<any> {
  return parse(file, fs.readFileSync(path.join(FIXTURES, file), "utf8"));
}

/**
 * Makes HCL-derived and synthesized JSON comparable: drops cdktf's "//" metadata, and unwraps
 * one-element lists of objects (hcl2json writes every block as a list, cdktf writes single nested
 * blocks as objects).
 */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && isObject(value[0])) return normalise(value[0]);
    return value.map(normalise);
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "//").map(([key, v]) => [key, normalise(v)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function profile(name: string): OktaIdentitySourceUserProfile {
  return { userName: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Example" };
}

function users(count: number, prefix = "U"): OktaIdentitySourceImportUser[] {
  return Array.from({ length: count }, (_, i) => ({ externalId: `${prefix}${i}`, profile: profile(`user${i}`) }));
}

describe("the guide's examples", () => {
  test("look up a user and a group's members", async () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    source.lookupUser("user_example", "USEREXT123456EXAMPLE");
    source.lookupGroupMemberships("group_members", "GROUPEXT123456EXAMPLE");
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(normalise(synthJson(stack).data)).toEqual(normalise((await guideExample("004-identity-01-data-sources.tf")).data));
  });

  test("manage a single user, group and group membership", async () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    source.addUser("example", {
      externalId: "USEREXT123456EXAMPLE",
      profile: { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Jane", lastName: "Doe" },
    });
    source.addGroup("example", { externalId: "GRPEXT123456EXAMPLE", displayName: "Engineering", description: "Engineering team group" });
    source.addMembership("example", { groupExternalId: "GRPEXT123456EXAMPLE", memberExternalId: "USEREXT123456EXAMPLE" });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(normalise(synthJson(stack).resource)).toEqual(normalise((await guideExample("004-identity-02-records.tf")).resource));
  });

  test("bulk user adjustments and group management inside a single job", async () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    const job = new OktaIdentitySourceImport(stack, "example", {
      source,
      upsertUsers: [
        {
          externalId: "USEREXT_NEW",
          profile: { userName: "new.user@example.com", email: "new.user@example.com", firstName: "New", lastName: "User" },
        },
      ],
      upsertMemberships: [{ groupExternalId: "GROUPEXT001", memberExternalIds: ["USEREXT_NEW"] }],
      deleteUsers: ["USEREXT_OLD"],
      upsertGroups: [{ externalId: "GROUPEXT001", displayName: "Engineering", description: "Engineering team" }],
      deleteGroups: ["GROUPEXT_DEPRECATED"],
    });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(warnings(job)).toEqual([]);
    expect(normalise(synthJson(stack).resource)).toEqual(normalise((await guideExample("004-identity-03-import.tf")).resource));
  });
});

describe("OktaIdentitySource", () => {
  test("looks up groups and sessions, including the session an import job ran", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    const job = new OktaIdentitySourceImport(stack, "sync", { source, deleteGroups: ["G_OLD"] });
    // WHEN
    source.lookupGroup("engineering", "G_ENG");
    source.lookupSession("last_sync", job.sessionIds[0]);
    // THEN
    const data = synthJson(stack).data;
    expect(data.okta_identity_source_groups.engineering).toEqual({ identity_source_id: SOURCE_ID, external_id: "G_ENG" });
    expect(data.okta_identity_source_sessions.last_sync).toEqual({
      identity_source_id: SOURCE_ID,
      session_id: "${okta_identity_source_import.sync.session_id}",
    });
  });

  test("orders a membership after the records it names when given their externalId", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    const user = source.addUser("jdoe", { externalId: "U1", profile: { ...profile("jdoe"), mobilePhone: "+1 555 0100" } });
    const group = new OktaIdentitySourceGroup(stack, "eng", { source, externalId: "G1", displayName: "Engineering" });
    // WHEN
    source.addMembership("jdoe_in_eng", { groupExternalId: group.externalId, memberExternalId: user.externalId });
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.okta_identity_source_group_membership.jdoe_in_eng).toEqual({
      identity_source_id: SOURCE_ID,
      group_or_external_id: "${okta_identity_source_group.eng.external_id}",
      member_external_id: "${okta_identity_source_user.jdoe.id}",
    });
    expect(resource.okta_identity_source_user.jdoe.profile.mobile_phone).toEqual("+1 555 0100");
    expect(resource.okta_identity_source_group.eng.profile).toEqual({ display_name: "Engineering" });
  });

  test("production protects records with prevent_destroy but not import jobs, which delete nothing", () => {
    // GIVEN
    const stack = orgStack("okta-prod", { production: true });
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    source.addUser("jdoe", { externalId: "U1", profile: profile("jdoe") });
    source.addGroup("eng", { externalId: "G1", displayName: "Engineering" });
    source.addMembership("jdoe_in_eng", { groupExternalId: "G1", memberExternalId: "U1" });
    new OktaIdentitySourceImport(stack, "sync", { source, deleteUsers: ["U_OLD"] });
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.okta_identity_source_user.jdoe.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_identity_source_group.eng.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_identity_source_group_membership.jdoe_in_eng.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource.okta_identity_source_import.sync.lifecycle).toBeUndefined();
  });

  test("the generated resource is the child 'Resource' and the address is the construct id", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    const user = source.addUser("jdoe", { externalId: "U1", profile: profile("jdoe") });
    // THEN
    expect(user.node.defaultChild).toBe(user.resource);
    expect(user.node.path).toEqual("okta-dev/HrSource/Users/jdoe");
    expect(Object.keys(synthJson(stack).resource.okta_identity_source_user)).toEqual(["jdoe"]);
  });

  test("fails when a record has an incomplete profile or empty ids", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: " " });
    // WHEN
    new OktaIdentitySourceUser(stack, "ghost", {
      source,
      externalId: "U1",
      profile: { userName: "ghost@example.com", email: "not-an-email", firstName: "", lastName: "Ghost" },
    });
    source.addGroup("nameless", { externalId: "", displayName: "" });
    source.addMembership("nobody", { groupExternalId: "G1", memberExternalId: "" });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/HrSource: identitySourceId is empty; give it a value.",
      `okta-dev/ghost: profile (external id "U1") has no firstName; Okta would create a user with an empty profile. Give every user profile userName, email, firstName and lastName.`,
      "okta-dev/HrSource/Groups/nameless: externalId is empty; give it a value.",
      "okta-dev/HrSource/Groups/nameless: displayName is empty; give it a value.",
      "okta-dev/HrSource/Memberships/nobody: memberExternalId is empty; give it a value.",
    ]);
  });

  test("fails when a record's email is not an email address", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    source.addUser("jdoe", { externalId: "U1", profile: { ...profile("jdoe"), email: "jdoe", secondEmail: "jdoe@" } });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/HrSource/Users/jdoe: profile.email "jdoe" is not a valid email address; use the form "name@example.com".`,
      `okta-dev/HrSource/Users/jdoe: profile.secondEmail "jdoe@" is not a valid email address; use the form "name@example.com".`,
    ]);
  });

  test("fails when two lookups or records would share a Terraform address", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    source.lookupUser("jdoe", "U1");
    source.addUser("jdoe", { externalId: "U1", profile: profile("jdoe") });
    new OktaIdentitySourceUser(stack, "jdoe", { source, externalId: "U2", profile: profile("jdoe2") });
    source.addGroup("bad name", { externalId: "G1", displayName: "Engineering" });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/HrSource/Groups/bad name: construct id "bad name" is used as the Terraform resource name, which must start with a letter or underscore and contain only letters, digits, underscores and dashes. Choose an id such as "bad_name".`,
      "okta-dev/HrSource/Users/jdoe and okta-dev/jdoe: both would be okta_identity_source_user.jdoe. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
    ]);
  });
});

describe("OktaIdentitySourceImport", () => {
  test("fails when two jobs import into the same identity source in one org (rule 1)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: "0oa1hr" });
    const sameSource = new OktaIdentitySource(stack, "SameSource", { identitySourceId: "0oa1hr" });
    const otherSource = new OktaIdentitySource(stack, "OtherSource", { identitySourceId: "0oa2other" });
    // WHEN
    new OktaIdentitySourceImport(stack, "joiners", { source, upsertUsers: users(1) });
    new OktaIdentitySourceImport(stack, "leavers", { source: sameSource, deleteUsers: ["U_OLD"] });
    new OktaIdentitySourceImport(stack, "contractors", { source: otherSource, deleteUsers: ["C_OLD"] });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/joiners and okta-dev/leavers: each runs an import job on identity source "0oa1hr"; Okta opens one import session per identity source every five minutes, so the second job of an apply fails. Merge them into one OktaIdentitySourceImport (with waves: true if a block then has more than 200 entries).`,
    ]);
  });

  test("fails when a block has more than 200 entries and the job does not run in waves (rule 2)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: users(450),
      deleteGroups: Array.from({ length: 201 }, (_, i) => `G${i}`),
    });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/sync: upsertUsers has 450 entries; Okta accepts at most 200 per upload request and the job sends each block as one request. Split the work across applies: keep at most 200 in this job, apply, then replace them with the next 200 and apply again at least five minutes later (3 applies in all); or set waves: true to run the job in waves five minutes apart within one apply.",
      "okta-dev/sync: deleteGroups has 201 entries; Okta accepts at most 200 per upload request and the job sends each block as one request. Split the work across applies: keep at most 200 in this job, apply, then replace them with the next 200 and apply again at least five minutes later (2 applies in all); or set waves: true to run the job in waves five minutes apart within one apply.",
    ]);
  });

  test("accepts exactly 200 entries per block", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", { source, upsertUsers: users(200), deleteUsers: Array.from({ length: 200 }, (_, i) => `OLD${i}`) });
    // THEN
    expect(problems(stack)).toEqual([]);
  });

  test("fails when an external id appears twice in a block (rule 3)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: [...users(2), { externalId: "U0", profile: profile("again") }],
      upsertGroups: [
        { externalId: "G1", displayName: "One" },
        { externalId: "G1", displayName: "Uno" },
      ],
      upsertMemberships: [
        { groupExternalId: "G1", memberExternalIds: ["U0", "U1", "U0"] },
        { groupExternalId: "G1", memberExternalIds: ["U1"] },
      ],
      deleteUsers: ["X1", "X1", ""],
      deleteGroups: ["GX", "GX"],
      deleteMemberships: [{ groupExternalId: "G2", memberExternalIds: ["X2", "X2"] }],
    });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/sync: upsertUsers lists external id "U0" 2 times (entries 0, 2); an external id may appear once per block. Merge those entries into one.`,
      `okta-dev/sync: upsertGroups lists external id "G1" 2 times (entries 0, 1); an external id may appear once per block. Merge those entries into one.`,
      "okta-dev/sync: deleteUsers[2] is empty; give it a value.",
      `okta-dev/sync: deleteUsers lists external id "X1" 2 times (entries 0, 1); an external id may appear once per block. Merge those entries into one.`,
      `okta-dev/sync: deleteGroups lists external id "GX" 2 times (entries 0, 1); an external id may appear once per block. Merge those entries into one.`,
      `okta-dev/sync: upsertMemberships lists external id "G1" 2 times (entries 0, 1); an external id may appear once per block. Merge those entries into one.`,
      `okta-dev/sync: upsertMemberships[0].memberExternalIds lists external id "U0" 2 times (entries 0, 2); an external id may appear once per block. Merge those entries into one.`,
      `okta-dev/sync: deleteMemberships[0].memberExternalIds lists external id "X2" 2 times (entries 0, 1); an external id may appear once per block. Merge those entries into one.`,
    ]);
  });

  test("fails when one job upserts and deletes the same user, group or membership (rule 3)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: users(2),
      upsertGroups: [{ externalId: "G1", displayName: "One" }],
      upsertMemberships: [{ groupExternalId: "G1", memberExternalIds: ["U0", "U1"] }],
      deleteUsers: ["U1"],
      deleteGroups: ["G1"],
      deleteMemberships: [{ groupExternalId: "G1", memberExternalIds: ["U0"] }],
    });
    // THEN
    const tail =
      "one job cannot upsert and delete the same record (Okta applies both in one session, in an order the job does not control). Keep it in one of the two, or delete it in a later job.";
    expect(problems(stack)).toEqual([
      `okta-dev/sync: user external id "U1" is in both upsertUsers and deleteUsers; ${tail}`,
      `okta-dev/sync: group external id "G1" is in both upsertGroups and deleteGroups; ${tail}`,
      `okta-dev/sync: the membership of user "U0" in group "G1" is in both upsertMemberships and deleteMemberships; ${tail}`,
    ]);
  });

  test("fails when a user profile lacks a field Okta needs (rule 4)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN: data from an HR export, typed loosely
    const fromExport = { userName: "jdoe@example.com", firstName: " " } as unknown as OktaIdentitySourceUserProfile;
    new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: [
        { externalId: "U0", profile: profile("ok") },
        { externalId: "U1", profile: fromExport },
        { externalId: "U2", profile: undefined as unknown as OktaIdentitySourceUserProfile },
        { externalId: "U3", profile: { ...profile("bad"), email: "bad@@example.com" } },
      ],
      upsertGroups: [{ externalId: "G1", displayName: "" }],
    });
    // THEN
    const tail = "Okta would create a user with an empty profile. Give every user profile userName, email, firstName and lastName.";
    expect(problems(stack)).toEqual([
      `okta-dev/sync: upsertUsers[1].profile (external id "U1") has no email, firstName, lastName; ${tail}`,
      `okta-dev/sync: upsertUsers[2].profile (external id "U2") has no userName, email, firstName, lastName; ${tail}`,
      `okta-dev/sync: upsertUsers[3].profile.email "bad@@example.com" is not a valid email address; use the form "name@example.com".`,
      "okta-dev/sync: upsertGroups[0].displayName is empty; give it a value.",
    ]);
  });

  test("warns when a membership names a user or group the job neither upserts nor looks up (rule 5)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    source.lookupUser("known_user", "U_LOOKED_UP");
    source.lookupGroup("known_group", "G_LOOKED_UP");
    source.addUser("record", { externalId: "U_RECORD", profile: profile("record") });
    // WHEN
    const job = new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: users(1),
      upsertMemberships: [
        { groupExternalId: "G_LOOKED_UP", memberExternalIds: ["U0", "U_LOOKED_UP", "U_RECORD"] },
        { groupExternalId: "G_TYPO", memberExternalIds: ["U_TYPO"] },
      ],
    });
    // THEN
    expect(problems(stack)).toEqual([]);
    expect(warnings(job)).toEqual([
      `okta-dev/sync: upsertMemberships[1] names group external id "G_TYPO", which this job does not upsert and okta-dev/HrSource neither looks up nor manages; a membership fails at import if the group is not in the identity source. Add it to upsertGroups, or, if it already exists, look it up with lookupGroup(id, "G_TYPO") on the source.`,
      `okta-dev/sync: upsertMemberships[1] names user external id "U_TYPO", which this job does not upsert and okta-dev/HrSource neither looks up nor manages; a membership fails at import if the user is not in the identity source. Add it to upsertUsers, or, if it already exists, look it up with lookupUser(id, "U_TYPO") on the source.`,
    ]);
  });

  test("fails when the job uploads nothing", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", { source, upsertUsers: [] });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/sync: the import job uploads nothing, yet it would open an import session (one per identity source every five minutes). Give it at least one of upsertUsers, upsertGroups, upsertMemberships, deleteUsers, deleteGroups or deleteMemberships, or remove it.",
    ]);
  });

  test("warns when the waves of one job keep an apply waiting for more than an hour", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "Hr", { identitySourceId: "0oa1hr" });
    const upsertUsers = Array.from({ length: 2401 }, (_, i) => ({
      externalId: `U${i}`,
      profile: { userName: `u${i}@example.com`, email: `u${i}@example.com`, firstName: "U", lastName: `${i}` },
    }));
    // WHEN
    const job = new OktaIdentitySourceImport(stack, "sync", { source, upsertUsers, waves: true });
    // THEN
    expect(warnings(job)).toEqual([
      "okta-dev/sync: the job runs in 13 waves, so one apply spends 72 minutes waiting between them, and long runs may time out (HCP Terraform limits run time). Split the data across applies at least five minutes apart, with at most 11 waves (2,200 entries per block) in each.",
    ]);
  });

  test("revision re-runs an unchanged job through replace_triggered_by on terraform_data (rule 6)", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", { source, deleteUsers: ["U_OLD"], revision: "2025-06-01" });
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.terraform_data.sync_revision).toEqual({ triggers_replace: { revision: "2025-06-01" } });
    expect(resource.okta_identity_source_import.sync.lifecycle).toEqual({ replace_triggered_by: ["terraform_data.sync_revision"] });
    expect(problems(stack)).toEqual([]);
  });

  test("without revision there is no terraform_data and no lifecycle", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", { source, deleteUsers: ["U_OLD"] });
    // THEN
    const resource = synthJson(stack).resource;
    expect(resource.terraform_data).toBeUndefined();
    expect(resource.okta_identity_source_import.sync.lifecycle).toBeUndefined();
  });
});

describe("OktaIdentitySourceImport with waves (rule 7)", () => {
  function bigJob(options: { revision?: string } = {}) {
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    const job = new OktaIdentitySourceImport(stack, "sync", {
      source,
      upsertUsers: users(450),
      upsertGroups: [{ externalId: "G_ALL", displayName: "Everyone" }],
      upsertMemberships: [
        { groupExternalId: "G_ALL", memberExternalIds: ["U0", "U449"] },
        { groupExternalId: "G_EARLY", memberExternalIds: ["U1"] },
      ],
      deleteUsers: ["U_OLD"],
      waves: true,
      ...options,
    });
    return { stack, job, source };
  }

  test("splits a job into waves of at most 200 entries per block, five minutes and more apart", () => {
    // GIVEN
    const { stack } = bigJob();
    // WHEN
    const json = synthJson(stack);
    // THEN
    const imports = json.resource.okta_identity_source_import;
    expect(Object.keys(imports)).toEqual(["sync", "sync_wave2", "sync_wave3"]);
    expect(imports.sync.upsert_users.profiles).toHaveLength(200);
    expect(imports.sync_wave2.upsert_users.profiles).toHaveLength(200);
    expect(imports.sync_wave3.upsert_users.profiles).toHaveLength(50);
    expect(imports.sync_wave3.upsert_users.profiles[49].external_id).toEqual("U449");
    expect(imports.sync.delete_users).toEqual({ entity_type: "USERS", profiles: [{ external_id: "U_OLD" }] });
    expect(imports.sync_wave2.delete_users).toBeUndefined();
    expect(imports.sync.depends_on).toBeUndefined();
    expect(imports.sync_wave2.depends_on).toEqual(["time_sleep.sync_wait2"]);
    expect(imports.sync_wave3.depends_on).toEqual(["time_sleep.sync_wait3"]);
    expect(json.resource.time_sleep).toEqual({
      sync_wait2: { create_duration: "6m", triggers: { previous_session_id: "${okta_identity_source_import.sync.session_id}" } },
      sync_wait3: { create_duration: "6m", triggers: { previous_session_id: "${okta_identity_source_import.sync_wave2.session_id}" } },
    });
    expect(json.provider.time).toEqual([{}]);
    expect(json.terraform.required_providers.time).toEqual({ source: "hashicorp/time", version: "0.13.1" });
    expect(problems(stack)).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("puts each membership in a wave no earlier than its group and members", () => {
    // GIVEN
    const { stack } = bigJob();
    // WHEN
    const imports = synthJson(stack).resource.okta_identity_source_import;
    // THEN
    expect(imports.sync.upsert_group_memberships).toEqual({
      memberships: [{ group_external_id: "G_EARLY", member_external_ids: ["U1"] }],
    });
    expect(imports.sync_wave2.upsert_group_memberships).toBeUndefined();
    expect(imports.sync_wave3.upsert_group_memberships).toEqual({
      memberships: [{ group_external_id: "G_ALL", member_external_ids: ["U0", "U449"] }],
    });
  });

  test("every wave is replaced by a new revision", () => {
    // GIVEN
    const { stack } = bigJob({ revision: "7" });
    // WHEN
    const imports = synthJson(stack).resource.okta_identity_source_import;
    // THEN
    for (const wave of ["sync", "sync_wave2", "sync_wave3"]) {
      expect(imports[wave].lifecycle).toEqual({ replace_triggered_by: ["terraform_data.sync_revision"] });
    }
  });

  test("waves still count as the one job of their identity source", () => {
    // GIVEN
    const { stack, source } = bigJob();
    // WHEN
    new OktaIdentitySourceImport(stack, "cleanup", { source, deleteGroups: ["G_OLD"] });
    // THEN
    expect(problems(stack)).toEqual([
      `okta-dev/sync and okta-dev/cleanup: each runs an import job on identity source "<identity-source-id>"; Okta opens one import session per identity source every five minutes, so the second job of an apply fails. Merge them into one OktaIdentitySourceImport (with waves: true if a block then has more than 200 entries).`,
    ]);
  });

  test("a job that fits in one wave renders as without waves and adds no time provider", () => {
    // GIVEN
    const stack = orgStack();
    const source = new OktaIdentitySource(stack, "HrSource", { identitySourceId: SOURCE_ID });
    const plainStack = orgStack();
    const plainSource = new OktaIdentitySource(plainStack, "HrSource", { identitySourceId: SOURCE_ID });
    // WHEN
    new OktaIdentitySourceImport(stack, "sync", { source, upsertUsers: users(200), waves: true });
    new OktaIdentitySourceImport(plainStack, "sync", { source: plainSource, upsertUsers: users(200) });
    // THEN
    const json = synthJson(stack);
    expect(json.resource).toEqual(synthJson(plainStack).resource);
    expect(json.provider.time).toBeUndefined();
  });

  test("the waves' addresses are checked with the rest of the org", () => {
    // GIVEN
    const { stack, source } = bigJob();
    // WHEN
    new OktaIdentitySourceImport(source, "sync_wave2", { source: new OktaIdentitySource(stack, "Other", { identitySourceId: "0oa2" }), deleteUsers: ["Z"] });
    // THEN
    expect(problems(stack)).toEqual([
      "okta-dev/sync and okta-dev/HrSource/sync_wave2: both would be okta_identity_source_import.sync_wave2. Terraform addresses come from construct ids alone (not from the scope they are in), so give each a different id.",
    ]);
  });
});
