import * as fs from "node:fs";
import * as path from "node:path";
import { OktaGroup, OktaGroupRule, OktaOrgStack, OktaUser, OktaUserSchemaProperty, loadDirectory } from "../lib";
import { Environment } from "./environments";

/** stacks/directory (people and groups as CSV), from this file run as TypeScript or compiled into dist/. */
const DIRECTORY = path.relative(
  process.cwd(),
  [path.join(__dirname, "directory"), path.join(__dirname, "..", "..", "stacks", "directory")].find((dir) => fs.existsSync(dir)) ?? "stacks/directory",
);

/** What every org gets: the profile schema, the groups, the rules and the people. */
export function defineIdentity(stack: OktaOrgStack, env: Environment): void {
  new OktaUserSchemaProperty(stack, "dob_extension", {
    index: "date_of_birth",
    title: "Date of Birth",
    type: "string",
    master: "PROFILE_MASTER",
  });
  new OktaUserSchemaProperty(stack, "crn_extension", {
    index: "customer_reference_number",
    title: "Customer Reference Number",
    required: true,
    type: "string",
    master: "PROFILE_MASTER",
  });

  const garden = new OktaGroup(stack, "garden", { name: "The Garden", description: "Terraform created this group" });
  const engineering = new OktaGroup(stack, "engineering", { name: "Engineering", description: "Everyone in the Engineering department" });
  new OktaGroupRule(stack, "engineering_rule", {
    name: "Engineering department",
    expression: 'user.department == "Engineering"',
    groups: [engineering],
  });

  new OktaUser(stack, "bird", {
    firstName: "Selasphorus",
    lastName: "rufous",
    login: "rufous.hummingbird@example.com",
    email: "rufous.hummingbird@example.com",
    customProfile: { customer_reference_number: "CRN-0001" },
    groups: [garden],
  });
  new OktaUser(stack, "butterfly", {
    firstName: "Papilio",
    lastName: "zelicaon",
    login: "swallowtail.butterfly@example.com",
    email: "swallowtail.butterfly@example.com",
    customProfile: { customer_reference_number: "CRN-0002", date_of_birth: "1990-01-01" },
    groups: [garden],
  });

  // Employees and their groups from files (paths relative to the project directory, where cdktf runs the app).
  loadDirectory(stack, { users: path.join(DIRECTORY, "users.csv"), groups: path.join(DIRECTORY, "groups.csv") });

  if (env.testUsers) {
    new OktaUser(stack, "test_engineer", {
      firstName: "Test",
      lastName: "Engineer",
      login: `test.engineer@${env.name}.example.com`,
      email: `test.engineer@${env.name}.example.com`,
      department: "Engineering",
      customProfile: { customer_reference_number: "CRN-TEST-1" },
    });
  }
}
