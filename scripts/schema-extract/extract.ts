/**
 * The extraction: every resource and data source the okta provider registers, its schema as
 * `terraform providers schema -json` prints it, and its replacement / default behaviour.
 *
 * Registrations are read where the provider makes them: okta/provider/provider.go (the provider
 * block), okta/services/idaas/idaas.go (ProviderResources, ProviderDataSources: SDKv2 maps keyed by
 * okta/resources constants; FWProviderResources, FWProviderDataSources: lists of constructors) and
 * okta/services/governance/governance.go (framework lists). A framework type's name comes from
 * running its Metadata method, its schema from running its Schema method.
 */
import { Element, Expr, FuncDecl, forEachExpr, formatPos } from "./ast";
import { TypeBehaviour, behaviourText, ordered } from "./behaviour";
import { EvalError, FileScope, Interpreter } from "./interpreter";
import { FrameworkConversion } from "./framework";
import { JsonBlock, JsonSchema, sortedKeys } from "./schema-json";
import { SdkV2Lowering } from "./sdkv2";
import { SourceTree } from "./source";
import { FuncVal, Opaque, Ptr, Value, describe } from "./values";

export const PROVIDER_ADDRESS = "registry.terraform.io/okta/okta";
const PROVIDER_TYPE_NAME = "okta";
const FRAMEWORK = "github.com/hashicorp/terraform-plugin-framework/";

export type TypeKind = "resource" | "data source";

/** A hand-written schema for a type the extractor cannot compute (scripts/schema-extract/overrides.json). */
export interface Override {
  /** The Go source the hand-written schema follows, "file:line". */
  readonly follows: string;
  readonly why: string;
  readonly schema: JsonSchema;
}

export interface Overrides {
  readonly $comment?: string;
  readonly resources?: Record<string, Override>;
  readonly data_sources?: Record<string, Override>;
}

/** How each registered type was obtained. */
export interface TypeReport {
  readonly kind: TypeKind;
  readonly name: string;
  /** Where it is registered, "file:line". */
  readonly registered: string;
  readonly sdk: "SDKv2" | "framework";
  readonly outcome: "extracted" | "overridden" | "left out";
  /** Why it is left out, or why the extraction failed for an overridden type. */
  readonly reason?: string;
  /** For an overridden type whose extraction succeeded: whether it equals the override. */
  readonly overrideMatchesExtraction?: boolean;
}

export interface Extraction {
  readonly version: string;
  readonly source: string;
  readonly schemaJson: object;
  readonly behaviour: Map<string, TypeBehaviour>;
  readonly behaviourText: string;
  readonly reports: TypeReport[];
  readonly warnings: string[];
}

interface Registration {
  readonly kind: TypeKind;
  readonly sdk: "SDKv2" | "framework";
  readonly registered: string;
  /** The type name (evaluates the registration's key, or runs a framework type's Metadata). */
  name(): string;
  /** The evaluated schema value: the SDKv2 *schema.Resource, or the framework resource instance. */
  value(): Value;
  /** Name for reports when resolve() fails before the name is known. */
  readonly fallbackName: string;
}

function modulePath(tree: SourceTree): string {
  const m = /^module\s+(\S+)/m.exec(tree.read("go.mod"));
  if (!m) throw new Error("go.mod has no module line");
  return m[1];
}

/** The first composite literal in a function body that passes `test`. */
function findComposite(decl: FuncDecl, test: (e: Expr & { k: "composite" }) => boolean): (Expr & { k: "composite" }) | undefined {
  let found: (Expr & { k: "composite" }) | undefined;
  forEachExpr(decl.body ?? [], (e) => {
    if (!found && e.k === "composite" && test(e)) found = e;
  });
  return found;
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Extractor {
  private readonly interp: Interpreter;
  private readonly module: string;
  private readonly sdk: SdkV2Lowering;
  private readonly fw = new FrameworkConversion();
  readonly warnings: string[] = [];

  constructor(
    private readonly tree: SourceTree,
    private readonly overrides: Overrides = {},
  ) {
    this.module = modulePath(tree);
    this.interp = new Interpreter(tree, this.module);
    this.sdk = new SdkV2Lowering(this.interp);
  }

  private pkg(dir: string) {
    return this.interp.package(`${this.module}/${dir}`);
  }

  private func(dir: string, name: string): { decl: FuncDecl; file: FileScope } {
    const f = this.pkg(dir).func(name);
    if (!f) throw new Error(`${dir} has no function ${name}`);
    return f;
  }

  /** SDKv2 registrations: the elements of the map literal in ProviderResources / ProviderDataSources. */
  private sdkRegistrations(dir: string, fn: string, kind: TypeKind): Registration[] {
    const { decl, file } = this.func(dir, fn);
    const literal = findComposite(decl, (e) => e.type?.k === "map");
    if (!literal) throw new Error(`${dir}.${fn} has no map literal of types`);
    return literal.elems.map((el: Element) => ({
      kind,
      sdk: "SDKv2" as const,
      registered: formatPos(el.pos),
      fallbackName: el.key ? exprLabel(el.key) : "?",
      name: () => {
        const name = this.interp.evalIn(file, el.key!);
        if (typeof name !== "string") throw new EvalError(el.pos, `type name is ${describe(name)}`);
        return name;
      },
      value: () => this.interp.evalIn(file, el.value),
    }));
  }

  /** Framework registrations: the constructors listed in FWProviderResources / FWProviderDataSources. */
  private frameworkRegistrations(dir: string, fn: string, kind: TypeKind): Registration[] {
    const { decl, file } = this.func(dir, fn);
    const literal = findComposite(decl, (e) => e.type?.k === "slice");
    if (!literal) throw new Error(`${dir}.${fn} has no list of constructors`);
    const api = kind === "resource" ? "resource" : "datasource";
    return literal.elems.map((el: Element) => {
      let instance: Value;
      const construct = (): Value => {
        if (instance !== undefined) return instance;
        const ctor = this.interp.evalIn(file, el.value);
        if (!(ctor instanceof FuncVal)) throw new EvalError(el.pos, `constructor is ${describe(ctor)}`);
        instance = this.interp.callFunc(ctor);
        return instance;
      };
      return {
        kind,
        sdk: "framework" as const,
        registered: formatPos(el.pos),
        fallbackName: exprLabel(el.value),
        name: () => {
          const resp = new Ptr(this.interp.newStruct(FRAMEWORK + api, "MetadataResponse"));
          const req = this.interp.newStruct(FRAMEWORK + api, "MetadataRequest", { ProviderTypeName: PROVIDER_TYPE_NAME });
          this.interp.callMethod(construct(), "Metadata", [new Opaque("context.Context"), req, resp], el.pos);
          const name = resp.target.get("TypeName");
          if (typeof name !== "string") throw new EvalError(el.pos, `Metadata sets TypeName to ${describe(name)}`);
          return name;
        },
        value: construct,
      };
    });
  }

  private frameworkSchema(instance: Value, kind: TypeKind): Value {
    const api = kind === "resource" ? "resource" : "datasource";
    const resp = new Ptr(this.interp.newStruct(FRAMEWORK + api, "SchemaResponse"));
    this.interp.callMethod(instance, "Schema", [new Opaque("context.Context"), this.interp.newStruct(FRAMEWORK + api, "SchemaRequest"), resp]);
    return resp.target.get("Schema");
  }

  private providerBlock(): JsonSchema {
    const { decl, file } = this.func("okta/provider", "Provider");
    const literal = findComposite(decl, (e) => e.elems.some((el) => el.key?.k === "ident" && el.key.name === "Schema"));
    const el = literal?.elems.find((x) => x.key?.k === "ident" && x.key.name === "Schema");
    if (!el) throw new Error("okta/provider.Provider has no Schema field");
    const sdkSchema = this.sdk.providerSchema(this.interp.evalIn(file, el.value));
    try {
      const fwProvider = this.func("okta/fwprovider", "NewFrameworkProvider");
      const instance = this.interp.callFunc(new FuncVal(fwProvider.decl, `${this.module}/okta/fwprovider`, fwProvider.file, undefined), [new Opaque("version"), new Opaque("primary")]);
      const resp = new Ptr(this.interp.newStruct(FRAMEWORK + "provider", "SchemaResponse"));
      this.interp.callMethod(instance, "Schema", [new Opaque("ctx"), this.interp.newStruct(FRAMEWORK + "provider", "SchemaRequest"), resp]);
      const fwSchema = this.fw.schema(resp.target.get("Schema"));
      if (JSON.stringify(sortedKeys(fwSchema.block)) !== JSON.stringify(sortedKeys(sdkSchema.block))) {
        this.warnings.push("the framework provider's schema (okta/fwprovider) differs from the SDKv2 provider's (okta/provider); the SDKv2 one is written");
      }
    } catch (e) {
      this.warnings.push(`could not compare the framework provider's schema: ${reason(e)}`);
    }
    return sdkSchema;
  }

  run(): Extraction {
    const version = this.interp.global(`${this.module}/okta/version`, "OktaTerraformProviderVersion");
    if (typeof version !== "string") throw new Error("okta/version.OktaTerraformProviderVersion is not a string");
    const registrations = [
      ...this.sdkRegistrations("okta/services/idaas", "ProviderResources", "resource"),
      ...this.sdkRegistrations("okta/services/idaas", "ProviderDataSources", "data source"),
      ...this.frameworkRegistrations("okta/services/idaas", "FWProviderResources", "resource"),
      ...this.frameworkRegistrations("okta/services/governance", "FWProviderResources", "resource"),
      ...this.frameworkRegistrations("okta/services/idaas", "FWProviderDataSources", "data source"),
      ...this.frameworkRegistrations("okta/services/governance", "FWProviderDataSources", "data source"),
    ];
    const resources: Record<string, JsonSchema> = {};
    const dataSources: Record<string, JsonSchema> = {};
    const behaviour = new Map<string, TypeBehaviour>();
    const reports: TypeReport[] = [];
    for (const reg of registrations) {
      let name = reg.fallbackName;
      let schema: JsonSchema | undefined;
      let found: TypeBehaviour | undefined;
      let failure: string | undefined;
      try {
        name = reg.name();
        const value = reg.value();
        if (reg.sdk === "SDKv2") {
          schema = this.sdk.resourceSchema(value);
          if (reg.kind === "resource") found = this.sdk.behaviour(value);
        } else {
          const fwSchema = this.frameworkSchema(value, reg.kind);
          schema = this.fw.schema(fwSchema);
          if (reg.kind === "resource") found = this.fw.behaviour(fwSchema);
          this.checkModifyPlan(value, name);
        }
      } catch (e) {
        failure = reason(e);
      }
      const override = (reg.kind === "resource" ? this.overrides.resources : this.overrides.data_sources)?.[name];
      const target = reg.kind === "resource" ? resources : dataSources;
      if (target[name]) this.warnings.push(`${reg.kind} ${name} is registered twice (again at ${reg.registered})`);
      if (override) {
        target[name] = override.schema;
        reports.push({
          kind: reg.kind,
          name,
          registered: reg.registered,
          sdk: reg.sdk,
          outcome: "overridden",
          reason: failure,
          overrideMatchesExtraction: schema ? JSON.stringify(sortedKeys(schema)) === JSON.stringify(sortedKeys(override.schema)) : undefined,
        });
      } else if (schema) {
        target[name] = schema;
        reports.push({ kind: reg.kind, name, registered: reg.registered, sdk: reg.sdk, outcome: "extracted" });
      } else reports.push({ kind: reg.kind, name, registered: reg.registered, sdk: reg.sdk, outcome: "left out", reason: failure });
      if (reg.kind === "resource" && (schema || override)) behaviour.set(name, ordered(found ?? { replacements: [], defaults: [] }));
      if (reg.kind === "resource" && override && !found) this.warnings.push(`resource ${name}: replacement and default data not extracted (${failure ?? "override"})`);
    }
    for (const [kind, overrides] of [["resource", this.overrides.resources], ["data source", this.overrides.data_sources]] as const) {
      for (const name of Object.keys(overrides ?? {})) {
        if (!reports.some((r) => r.kind === kind && r.name === name)) this.warnings.push(`overrides.json has ${kind} ${name}, which the provider does not register`);
      }
    }
    for (const [name, s] of [...Object.entries(resources), ...Object.entries(dataSources)]) this.checkProtocol5(name, s.block);
    this.warnings.push(...this.interp.notes);
    const source = this.sourceLine();
    const schemaJson = sortedKeys({
      format_version: "1.0",
      provider_schemas: { [PROVIDER_ADDRESS]: { provider: this.providerBlock(), resource_schemas: resources, data_source_schemas: dataSources } },
      provider_versions: { [PROVIDER_ADDRESS]: version },
    });
    return { version, source, schemaJson, behaviour, behaviourText: behaviourText({ provider: PROVIDER_ADDRESS, version, source }, behaviour), reports, warnings: this.warnings };
  }

  private sourceLine(): string {
    const where = `github.com/${this.module.replace(/^github\.com\//, "")}`;
    if (this.tree.commit) return this.tree.ref && this.tree.ref !== "HEAD" ? `${where} at tag ${this.tree.ref} (commit ${this.tree.commit})` : `${where} at commit ${this.tree.commit}`;
    return `${where} (${this.tree.revision})`;
  }

  /** A framework ModifyPlan that sets RequiresReplace is not read: say so rather than miss it. */
  private checkModifyPlan(instance: Value, name: string): void {
    const m = this.interp.findMethod(instance, "ModifyPlan");
    if (!m?.decl.body) return;
    let found = false;
    forEachExpr(m.decl.body, (e) => {
      if (e.k === "sel" && e.name === "RequiresReplace") found = true;
    });
    if (found) this.warnings.push(`resource ${name}: ModifyPlan (${formatPos(m.decl.pos)}) sets RequiresReplace; those replacements are not extracted`);
  }

  /** The provider is served over protocol 5, which has no nested attributes (tf6to5server refuses them). */
  private checkProtocol5(name: string, block: JsonBlock): void {
    for (const [attr, a] of Object.entries(block.attributes ?? {})) {
      if (a.nested_type) this.warnings.push(`${name}.${attr} is a nested attribute, which protocol 5 (the provider's) cannot serve`);
    }
    for (const b of Object.values(block.block_types ?? {})) this.checkProtocol5(name, b.block);
  }
}

function exprLabel(e: Expr): string {
  if (e.k === "ident") return e.name;
  if (e.k === "sel") return `${exprLabel(e.x)}.${e.name}`;
  if (e.k === "call") return `${exprLabel(e.fn)}()`;
  return e.k;
}

/** Runs the whole extraction. */
export function extract(tree: SourceTree, overrides: Overrides = {}): Extraction {
  return new Extractor(tree, overrides).run();
}

/** The schema JSON's text: sorted keys, 2-space indent, trailing newline (scripts/snapshot-from-schema.js). */
export function schemaText(x: Extraction): string {
  return `${JSON.stringify(x.schemaJson, null, 2)}\n`;
}

