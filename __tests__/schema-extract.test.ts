import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exprString, fileDeclarations } from "../scripts/schema-extract/ast";
import { Extraction, Overrides, PROVIDER_ADDRESS, extract, schemaText } from "../scripts/schema-extract/extract";
import { parseGoFile } from "../scripts/schema-extract/go-parser";
import { loadOverrides, main } from "../scripts/schema-extract/main";
import { isGitDirectory, openSource } from "../scripts/schema-extract/source";

const FIXTURES = path.join(__dirname, "fixtures", "schema-extract");
const MINI = path.join(FIXTURES, "mini-provider");

type Json = any;

function schemas(x: Extraction): Json {
  return (x.schemaJson as Json).provider_schemas[PROVIDER_ADDRESS];
}

const withoutNotes = (list: Json[]): Json[] => list.map(({ note: _note, ...rest }) => rest);

/** Every problem with a block's shape (the checks of schema-snapshot.test.ts), with the path to it. */
function blockProblems(block: Json, where: string): string[] {
  const found: string[] = [];
  const isCty = (t: Json): boolean => {
    if (typeof t === "string") return ["string", "number", "bool", "dynamic"].includes(t);
    if (!Array.isArray(t)) return false;
    if (["list", "set", "map"].includes(t[0])) return t.length === 2 && isCty(t[1]);
    if (t[0] === "object") return typeof t[1] === "object" && Object.values(t[1]).every(isCty);
    return false;
  };
  for (const [name, a] of Object.entries<Json>(block.attributes ?? {})) {
    if (name in (block.block_types ?? {})) found.push(`${where}.${name}: both attribute and block`);
    if ((a.type === undefined) === (a.nested_type === undefined)) found.push(`${where}.${name}: needs exactly one of type and nested_type`);
    if (a.type !== undefined && !isCty(a.type)) found.push(`${where}.${name}: invalid cty type ${JSON.stringify(a.type)}`);
    if (!a.required && !a.optional && !a.computed) found.push(`${where}.${name}: neither required, optional nor computed`);
    if (a.required && (a.optional || a.computed)) found.push(`${where}.${name}: required with optional/computed`);
    if (!["plain", "markdown"].includes(a.description_kind)) found.push(`${where}.${name}: description_kind ${a.description_kind}`);
  }
  for (const [name, b] of Object.entries<Json>(block.block_types ?? {})) {
    if (!["single", "list", "set", "map", "group"].includes(b.nesting_mode)) found.push(`${where}.${name}: nesting_mode ${b.nesting_mode}`);
    if (b.min_items !== undefined && b.max_items !== undefined && b.min_items > b.max_items) found.push(`${where}.${name}: min_items > max_items`);
    found.push(...blockProblems(b.block, `${where}.${name}`));
  }
  return found;
}

const plain = { description_kind: "plain" };
const optionalString = { ...plain, optional: true, type: "string" };

describe("schema extractor on a small provider tree", () => {
  let x: Extraction;
  beforeAll(() => {
    x = extract(openSource(MINI), {});
  });

  test("parses `found := false` at a line end and binds calls tighter than operators", () => {
    // GIVEN
    const file = parseGoFile("x.go", 'package p\nvar found = false\nvar s = "a" + fmt.Sprintf("%s", !d.HasChange("k"))\n');
    // WHEN
    const decls = fileDeclarations(file);
    // THEN
    expect(decls.vars.map((v) => exprString(v.values[0]))).toEqual(["false", '"a" + fmt.Sprintf("%s", !d.HasChange("k"))']);
    const sum = decls.vars[1].values[0];
    expect(sum.k === "binary" && sum.r.k).toBe("call");
  });

  test("lowers an SDKv2 resource as terraform-plugin-sdk does: merges, shared vars, id, timeouts, DefaultFunc, blocks", () => {
    // WHEN
    const widget = schemas(x).resource_schemas.okta_widget;
    // THEN
    expect(widget).toEqual({
      version: 2,
      block: {
        description: "Manages a widget. Widgets are fictional.",
        description_kind: "plain",
        attributes: {
          enabled: { ...plain, optional: true, type: "bool" },
          history: { ...plain, computed: true, type: ["list", ["object", { at: "string", count: "number" }]] },
          id: { ...plain, computed: true, optional: true, type: "string" },
          kind: { description: "Kind, `PEM` when unset.", ...optionalString },
          labels: { ...plain, optional: true, type: ["map", "string"] },
          name: { ...plain, required: true, type: "string" },
          region: { ...plain, required: true, type: "string" },
          zone: optionalString,
          secret: { ...optionalString, sensitive: true },
          secret_wo: { ...optionalString, write_only: true },
          status: { description: "Default to `ACTIVE`", ...optionalString },
        },
        block_types: {
          owner: { nesting_mode: "set", min_items: 1, block: { ...plain, attributes: { id: { ...plain, required: true, type: "string" } } } },
          rules: { nesting_mode: "list", max_items: 3, block: { ...plain, attributes: { priority: { ...plain, optional: true, type: "number" } } } },
          timeouts: { nesting_mode: "single", block: { ...plain, attributes: { create: optionalString, read: optionalString } } },
        },
      },
    });
  });

  test("runs the provider's loops and marks deprecated attributes and resources", () => {
    // WHEN
    const handmade = schemas(x).resource_schemas.okta_handmade.block;
    // THEN
    expect(Object.keys(handmade.attributes).sort()).toEqual(["call", "external_idp", "id", "push", "sms"]);
    expect(handmade.attributes.push).toEqual({ description: "Settings of the push factor.", ...plain, optional: true, type: ["map", "string"] });
    expect(handmade.attributes.external_idp).toEqual({ ...plain, deprecated: true, optional: true, type: ["map", "string"] });
    expect(handmade.deprecated).toBe(true);
  });

  test("converts a framework resource as terraform-plugin-framework does, copying struct values", () => {
    // WHEN
    const thing = schemas(x).resource_schemas.okta_thing;
    // THEN
    expect(thing).toEqual({
      version: 0,
      block: {
        description: "A framework thing.",
        description_kind: "plain",
        attributes: {
          body: { description: "Body.", ...optionalString },
          id: { computed: true, description: "The `id`.", description_kind: "markdown", type: "string" },
          limits: { ...plain, computed: true, type: "number" },
          mode: { ...optionalString, computed: true },
          old: { ...plain, deprecated: true, optional: true, type: "bool" },
          parent_id: { ...plain, required: true, type: "string" },
          shape: { ...plain, computed: true, type: ["object", { tags: ["set", "string"], w: "number" }] },
          tags: { ...plain, optional: true, type: ["list", "string"] },
        },
        block_types: {
          members: {
            nesting_mode: "set",
            block: {
              ...plain,
              attributes: { ref: { ...plain, required: true, type: "string" } },
              block_types: { notes: { nesting_mode: "list", block: { ...plain, attributes: { text: optionalString } } } },
            },
          },
          settings: { nesting_mode: "single", block: { description: "Settings.", ...plain, attributes: { on: { ...plain, computed: true, optional: true, type: "bool" } } } },
        },
      },
    });
  });

  test("reads the provider block and a framework data source", () => {
    // WHEN
    const s = schemas(x);
    // THEN
    expect(s.provider).toEqual({
      version: 0,
      block: { ...plain, attributes: { org_name: { description: "The organization to manage in Okta.", ...optionalString }, scopes: { ...plain, optional: true, type: ["set", "string"] } } },
    });
    expect(s.data_source_schemas.okta_thing.block.attributes).toEqual({ count: { ...plain, computed: true, type: "number" }, id: { ...plain, required: true, type: "string" } });
    expect(x.warnings).toEqual([]);
  });

  test("leaves out a type whose schema depends on run time, saying where and why", () => {
    // THEN
    expect(x.reports.filter((r) => r.outcome !== "extracted")).toEqual([
      {
        kind: "resource",
        name: "okta_runtime",
        registered: "okta/services/idaas/idaas.go:26",
        sdk: "SDKv2",
        outcome: "left out",
        reason: 'okta/services/idaas/resource_okta_widget.go:100: condition os.Getenv("OKTA_CLASSIC") != "" is known only when the provider runs',
      },
    ]);
    expect(schemas(x).resource_schemas.okta_runtime).toBeUndefined();
  });

  test("uses an override for a type and reports whether the extraction still equals it", () => {
    // GIVEN
    const schema = { version: 0, block: { ...plain, attributes: { classic: optionalString, id: { ...plain, computed: true, optional: true, type: "string" } } } };
    const overrides: Overrides = {
      resources: { okta_runtime: { follows: "okta/services/idaas/resource_okta_widget.go:99", why: "condition on an environment variable", schema: schema as never } },
      data_sources: { okta_gadget: { follows: "okta/services/idaas/resource_okta_widget.go:111", why: "test", schema: schemas(x).data_source_schemas.okta_gadget } },
    };
    // WHEN
    const y = extract(openSource(MINI), overrides);
    // THEN
    expect(schemas(y).resource_schemas.okta_runtime).toEqual(schema);
    expect(y.reports.filter((r) => r.outcome === "overridden").map((r) => [r.name, r.overrideMatchesExtraction, r.reason !== undefined])).toEqual([
      ["okta_runtime", undefined, true],
      ["okta_gadget", true, false],
    ]);
  });

  test("finds replacements (ForceNew, CustomizeDiff, RequiresReplace) and literal defaults with their sources", () => {
    // THEN
    expect(x.behaviour.get("okta_widget")).toEqual({
      replacements: [
        { path: ["owner", "id"], source: "okta/services/idaas/resource_okta_widget.go:67", kind: "ForceNew" },
        {
          path: ["status"],
          source: "okta/services/idaas/resource_okta_widget.go:92",
          kind: "CustomizeDiff",
          note: "customdiff.ForceNewIf on status: replacement only when the function given at okta/services/idaas/resource_okta_widget.go:92 returns true; otherwise status updates in place",
        },
        { path: ["name"], source: "okta/services/idaas/shared.go:24", kind: "ForceNew" },
      ],
      defaults: [
        { path: ["enabled"], value: false, source: "okta/services/idaas/resource_okta_widget.go:82" },
        { path: ["kind"], value: "PEM", source: "okta/services/idaas/resource_okta_widget.go:19", note: "DefaultFunc returning a constant" },
        { path: ["rules", "priority"], value: 1, source: "okta/services/idaas/resource_okta_widget.go:57" },
        { path: ["status"], value: "ACTIVE", source: "okta/services/idaas/shared.go:16", note: 'Default: StatusActive; constant StatusActive = "ACTIVE" at okta/services/idaas/shared.go:10' },
      ],
    });
    expect(x.behaviour.get("okta_thing")).toEqual({
      replacements: [
        { path: ["parent_id"], source: "okta/services/idaas/resource_okta_thing.go:58", kind: "RequiresReplace" },
        {
          path: ["members", "ref"],
          source: "okta/services/idaas/resource_okta_thing.go:85",
          kind: "RequiresReplaceIf",
          note: "stringplanmodifier.RequiresReplaceIfConfigured: replacement only when the attribute is set in the configuration",
        },
      ],
      defaults: [
        { path: ["mode"], value: "AUTO", source: "okta/services/idaas/resource_okta_thing.go:63" },
        { path: ["settings", "on"], value: true, source: "okta/services/idaas/resource_okta_thing.go:79" },
      ],
    });
  });

  test("writes the behaviour file one entry per line, like the hand-made one", () => {
    // THEN
    expect(x.behaviourText).toContain('    "okta_thing": [\n      {"path": ["parent_id"], "source": "okta/services/idaas/resource_okta_thing.go:58", "kind": "RequiresReplace"},\n');
    expect(x.behaviourText).toContain('    "okta_handmade": [],\n');
    expect(JSON.parse(x.behaviourText).defaults.okta_thing).toHaveLength(2);
  });

  test("reads a git directory at a tag the same as the work tree", () => {
    // GIVEN
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "schema-extract-git-"));
    fs.cpSync(MINI, repo, { recursive: true });
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "mini provider");
    git("tag", "v0.0.1");
    fs.writeFileSync(path.join(repo, "okta", "version", "version.go"), 'package version\n\nvar OktaTerraformProviderVersion = "9.9.9"\n');
    // WHEN
    const fromGit = extract(openSource(path.join(repo, ".git"), "v0.0.1"), {});
    // THEN
    expect(isGitDirectory(path.join(repo, ".git"))).toBe(true);
    expect(fromGit.version).toBe("0.0.1");
    expect(fromGit.source).toMatch(/^github\.com\/okta\/terraform-provider-okta at tag v0\.0\.1 \(commit [0-9a-f]{40}\)$/);
    expect(schemaText(fromGit)).toBe(schemaText(x));
    expect(() => openSource(path.join(repo, ".git"), "v7")).toThrow(`${path.join(repo, ".git")} has no revision v7`);
  });

  test("the command writes the schema, behaviour and report into --out and prints their paths", () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "schema-extract-out-"));
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      // WHEN
      const code = main([MINI, "--out", out]);
      // THEN
      expect(code).toBe(0);
      const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
      expect(printed).toContain(`wrote ${path.join(out, "okta.json")}`);
      expect(printed).toContain(`wrote ${path.join(out, "behaviour", "okta.json")}`);
      expect(printed).toContain("left out resource okta_runtime (okta/services/idaas/idaas.go:26)");
      expect(fs.readFileSync(path.join(out, "okta.json"), "utf8")).toBe(schemaText(x));
      expect(JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")).types).toHaveLength(6);
    } finally {
      log.mockRestore();
    }
  });

  test("the command fails with its usage when no source is given", () => {
    // GIVEN
    const err = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // WHEN
      const code = main([]);
      // THEN
      expect(code).toBe(2);
      expect(err).toHaveBeenCalledWith("usage: npm run schema:extract -- <provider source git dir or work tree> [--tag v6.12.0] [--out DIR]");
    } finally {
      err.mockRestore();
    }
  });
});

// The real provider source is never committed: point OKTA_PROVIDER_SOURCE at a git directory of
// okta/terraform-provider-okta (read at OKTA_PROVIDER_TAG, default v6.12.0) or at a work tree.
const SOURCE = process.env.OKTA_PROVIDER_SOURCE;
const TAG = process.env.OKTA_PROVIDER_TAG ?? (SOURCE && isGitDirectory(SOURCE) ? "v6.12.0" : undefined);
const describeWithSource = SOURCE ? describe : describe.skip;
const title = SOURCE
  ? `schema extractor on okta/terraform-provider-okta at ${SOURCE}${TAG ? ` ${TAG}` : ""}`
  : "schema extractor on okta/terraform-provider-okta (SKIPPED: set OKTA_PROVIDER_SOURCE to its git directory or work tree)";

describeWithSource(title, () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "okta-19-types.json"), "utf8"));
  const expected = fixture.provider_schemas[PROVIDER_ADDRESS];
  const handMade = JSON.parse(fs.readFileSync(path.join(FIXTURES, "behaviour-11-resources.json"), "utf8"));
  let x: Extraction;
  beforeAll(() => {
    x = extract(openSource(SOURCE!, TAG), loadOverrides());
  });

  test("finds 145 resources and 99 data sources, and extracts every one", () => {
    // THEN
    const names = (kind: string) => x.reports.filter((r) => r.kind === kind).map((r) => r.name);
    expect({ resources: names("resource").length, data_sources: names("data source").length }).toEqual({ resources: 145, data_sources: 99 });
    expect(x.reports.filter((r) => r.outcome !== "extracted")).toEqual([]);
    expect(Object.keys(schemas(x).resource_schemas)).toHaveLength(145);
    expect(Object.keys(schemas(x).data_source_schemas)).toHaveLength(99);
    expect(x.warnings).toEqual([]);
  });

  test("renders the 19 covered types exactly as `terraform providers schema -json` does", () => {
    // THEN
    for (const kind of ["resource_schemas", "data_source_schemas"]) {
      for (const name of Object.keys(expected[kind])) expect({ [name]: schemas(x)[kind][name] }).toEqual({ [name]: expected[kind][name] });
    }
  });

  test("renders the provider block, format_version and provider_versions of the snapshot", () => {
    // THEN
    expect(schemas(x).provider).toEqual(expected.provider);
    expect((x.schemaJson as Json).format_version).toBe(fixture.format_version);
    expect((x.schemaJson as Json).provider_versions).toEqual(fixture.provider_versions);
  });

  test("finds the replacements and defaults of the 11 hand-checked resources", () => {
    // THEN
    const found = JSON.parse(x.behaviourText);
    expect({ provider: found.provider, version: found.version, source: found.source }).toEqual({ provider: handMade.provider, version: handMade.version, source: handMade.source });
    for (const name of Object.keys(handMade.resources)) {
      expect({ [name]: withoutNotes(found.resources[name]) }).toEqual({ [name]: withoutNotes(handMade.resources[name]) });
      expect({ [name]: withoutNotes(found.defaults[name]) }).toEqual({ [name]: withoutNotes(handMade.defaults[name]) });
    }
  });

  test("renders every type well-formed", () => {
    // THEN
    const s = schemas(x);
    const problems = [
      ...blockProblems(s.provider.block, "provider"),
      ...Object.entries<Json>(s.resource_schemas).flatMap(([n, r]) => blockProblems(r.block, n)),
      ...Object.entries<Json>(s.data_source_schemas).flatMap(([n, d]) => blockProblems(d.block, `data.${n}`)),
    ];
    expect(problems).toEqual([]);
  });
});
