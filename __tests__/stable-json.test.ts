import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeStableJson } from "../lib/stacks/stable-json";

/** The stringifier cdktf 0.21 writes stacks with, from cdktf's own dependencies. */
const stableStringify: (value: unknown, options: { space: number }) => string = require(require.resolve("json-stable-stringify", { paths: [path.dirname(require.resolve("cdktf"))] }));

function written(value: unknown): { text: string; plain: boolean } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stable-json-")), "cdk.tf.json");
  const { plain } = writeStableJson(file, value);
  return { text: fs.readFileSync(file, "utf8"), plain };
}

describe("writeStableJson", () => {
  test("tries every string value, in objects and arrays, with suspect, and no key", () => {
    // GIVEN
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stable-json-")), "cdk.tf.json");
    const tried: string[] = [];
    const suspect = (value: string) => {
      tried.push(value);
      return value === "hooks";
    };

    // WHEN
    const clean = writeStableJson(file, { "key/one": "a", list: ["b", { c: "d" }], n: 1 }, { suspect });
    const found = writeStableJson(file, { a: ["hooks"], b: "e" }, { suspect });

    // THEN
    expect(clean).toEqual({ plain: true, suspectStrings: false, depth: 3 });
    expect(found).toEqual({ plain: true, suspectStrings: true, depth: 2 });
    expect(tried).toEqual(["a", "b", "d", "hooks"]);
  });

  test("writes the bytes cdktf's json-stable-stringify writes, keys sorted, empty objects and arrays over two lines", () => {
    // GIVEN
    const value = {
      resource: { okta_user: { b: { login: "b@x.com", email: "b@x.com" }, a: { login: "a@x.com", depends_on: [], lifecycle: {} } } },
      "10": 1,
      "2": [1.5, true, null, "line\nbreak \"quoted\" \u2028 é 😀"],
      "": "",
    };

    // WHEN
    const { text, plain } = written(value);

    // THEN
    expect(text).toBe(stableStringify(value, { space: 2 }));
    expect(plain).toBe(true);
  });

  test("leaves out what json-stable-stringify leaves out and says the value is not plain JSON", () => {
    // GIVEN
    const value = { gone: undefined, fn: () => 1, list: [undefined, () => 2, Number.NaN, -0], date: new Date(0), custom: { toJSON: () => ({ z: 1, a: [] }) } };

    // WHEN
    const { text, plain } = written(value);

    // THEN
    expect(text).toBe(stableStringify(value, { space: 2 }));
    expect(plain).toBe(false);
  });

  test("writes a stack larger than one chunk whole", () => {
    // GIVEN
    const users = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`user${i}`, { login: `user${i}@example.com`, last_name: `Last${i}`, first_name: `First${i}` }]));

    // WHEN
    const { text } = written({ resource: { okta_user: users } });

    // THEN
    expect(text).toBe(stableStringify({ resource: { okta_user: users } }, { space: 2 }));
  });

  test("fails on a cycle as json-stable-stringify does, leaving no file", () => {
    // GIVEN
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stable-json-")), "cdk.tf.json");

    // WHEN
    const write = () => writeStableJson(file, cyclic);

    // THEN
    expect(write).toThrow("Converting circular structure to JSON");
    expect(fs.existsSync(file)).toBe(false);
  });
});
