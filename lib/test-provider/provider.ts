/**
 * The cdktf-okta test provider: a Terraform provider written in Node.js that serves the schema
 * snapshots in schema/ over plugin protocol 6 (gRPC) and keeps a simulated org in a JSON file, so
 * that the real terraform CLI can validate, plan, apply and import what cdktf-okta synthesizes
 * without the okta provider binary. Terraform attaches to it through TF_REATTACH_PROVIDERS.
 *
 * Not simulated: provider-side validation functions (enum values, ranges the real provider checks
 * before apply), DefaultFunc values, CustomizeDiff beyond ForceNew, rate limits, eventual
 * consistency, and the API calls themselves.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { schemaDir } from "../util/schema-dir";
import { OKTA_DEFAULTS, SCHEMA_TYPES, checkOktaWrite, naturalId } from "./okta-rules";
import { OktaRefusal, SimulatedOrg, StoredObject } from "./org";
import { SchemaAttribute, SchemaBlock, Value, conformBlock, fromDynamic, resolveUnknowns, sameValue, toDynamic, unknownComputed } from "./values";

/** One provider's schemas, as `terraform providers schema -json` prints them. */
interface ProviderSchemas {
  readonly provider?: { readonly version?: number; readonly block: SchemaBlock };
  readonly resource_schemas?: Record<string, { readonly version?: number; readonly block: SchemaBlock }>;
  readonly data_source_schemas?: Record<string, { readonly version?: number; readonly block: SchemaBlock }>;
}

/** An attribute whose change replaces the object in the real provider (schema/behaviour/*.json). */
export interface Replacement {
  readonly path: string[];
  readonly source: string;
  readonly kind: "ForceNew" | "RequiresReplace" | "RequiresReplaceIf" | "CustomizeDiff";
  readonly note?: string;
}

/** A value the real provider plans for an attribute the configuration leaves out (SDKv2 Default, framework Default). */
export interface DefaultValue {
  readonly path: string[];
  readonly value: Value;
  readonly source: string;
}

/** A provider the test process serves. */
export interface ServedProvider {
  /** e.g. "registry.terraform.io/okta/okta". */
  readonly address: string;
  readonly schemas: ProviderSchemas;
  /** Replacement attributes by resource type. */
  readonly replacements: Record<string, Replacement[]>;
  /** Default values by resource type. */
  readonly defaults: Record<string, DefaultValue[]>;
}

/** Every provider in a schema directory (schema/*.json), with its schema/behaviour/*.json data. */
export function loadProviders(schemaDir: string): ServedProvider[] {
  const replaceDir = path.join(schemaDir, "behaviour");
  const replacements = new Map<string, Record<string, Replacement[]>>();
  const defaults = new Map<string, Record<string, DefaultValue[]>>();
  if (fs.existsSync(replaceDir)) {
    for (const name of fs.readdirSync(replaceDir).filter((n) => n.endsWith(".json")).sort()) {
      const data = JSON.parse(fs.readFileSync(path.join(replaceDir, name), "utf8"));
      replacements.set(data.provider, data.resources ?? {});
      defaults.set(data.provider, data.defaults ?? {});
    }
  }
  const providers: ServedProvider[] = [];
  for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".json")).sort()) {
    const snapshot = JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8"));
    for (const [address, schemas] of Object.entries<ProviderSchemas>(snapshot.provider_schemas ?? {})) {
      providers.push({ address, schemas, replacements: replacements.get(address) ?? {}, defaults: defaults.get(address) ?? {} });
    }
  }
  return providers;
}

/** Options of the test provider process. */
export interface TestProviderOptions {
  /** The directory with the schema snapshots. @default - the package's schema/ */
  readonly schemaDir?: string;
  /** The simulated org's JSON file (created when missing). */
  readonly orgFile: string;
  /** How long one write to Okta's schema API takes, so that overlapping writes can be seen. @default 250 */
  readonly schemaWriteMs?: number;
  /** How long a time_sleep really sleeps, whatever its duration says. @default 20 */
  readonly sleepMs?: number;
}

/** The running servers: what to put in TF_REATTACH_PROVIDERS, and how to stop them. */
export interface RunningProviders {
  readonly reattach: Record<string, unknown>;
  stop(): Promise<void>;
}


/** The protocol definition next to this file (the build copies it into dist/lib/test-provider). */
function protoFile(): string {
  return path.join(__dirname, "tfplugin6.proto");
}

const NESTING: Record<string, string> = { single: "SINGLE", list: "LIST", set: "SET", map: "MAP", group: "GROUP" };

function protoAttribute(name: string, a: SchemaAttribute): Record<string, unknown> {
  return {
    name,
    type: a.type !== undefined ? Buffer.from(JSON.stringify(a.type)) : Buffer.alloc(0),
    nested_type: a.nested_type
      ? { attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => protoAttribute(n, x)), nesting: NESTING[a.nested_type.nesting_mode] }
      : undefined,
    description: typeof a.description === "string" ? a.description : "",
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
    deprecated: a.deprecated === true,
    write_only: a.write_only === true,
  };
}

function protoBlock(block: SchemaBlock): Record<string, unknown> {
  return {
    attributes: Object.entries(block.attributes ?? {}).map(([n, a]) => protoAttribute(n, a)),
    block_types: Object.entries(block.block_types ?? {}).map(([n, b]) => ({
      type_name: n,
      block: protoBlock(b.block),
      nesting: NESTING[b.nesting_mode],
      min_items: b.min_items ?? 0,
      max_items: b.max_items ?? 0,
    })),
    description: typeof block.description === "string" ? block.description : "",
    deprecated: block.deprecated === true,
  };
}

function protoSchema(entry: { version?: number; block: SchemaBlock } | undefined): Record<string, unknown> {
  return { version: entry?.version ?? 0, block: protoBlock(entry?.block ?? {}) };
}

function error(summary: string, detail = ""): Record<string, unknown> {
  return { severity: "ERROR", summary, detail };
}

/** `planned` with each default set where the configuration leaves the attribute null (in every element of a nested block). */
function withDefaults(defaults: DefaultValue[], planned: Value, config: Value): Value {
  const put = (target: Value, cfg: Value, names: string[], value: Value): Value => {
    if (!target || typeof target !== "object" || Array.isArray(target)) return target;
    const object = target as Record<string, Value>;
    const c = cfg && typeof cfg === "object" && !Array.isArray(cfg) ? (cfg as Record<string, Value>) : {};
    const [name, ...rest] = names;
    if (rest.length === 0) return c[name] === null || c[name] === undefined ? { ...object, [name]: value } : object;
    const inner = object[name];
    const innerConfig = c[name] ?? null;
    if (Array.isArray(inner)) return { ...object, [name]: inner.map((item, i) => put(item, Array.isArray(innerConfig) ? innerConfig[i] : null, rest, value)) };
    return { ...object, [name]: put(inner, innerConfig, rest, value) };
  };
  return defaults.reduce((value, d) => put(value, config, d.path, d.value), planned);
}

/** A stored object with Okta's own value (the provider's default) for each top-level attribute it does not mention. */
function storedWithDefaults(defaults: DefaultValue[], stored: StoredObject): StoredObject {
  const filled: StoredObject = { ...stored };
  for (const d of defaults) if (d.path.length === 1 && !(d.path[0] in filled)) filled[d.path[0]] = d.value;
  return filled;
}

/** The attribute paths (as protocol steps) whose planned value differs from the prior one at a replacement path. */
function replacePaths(replacements: Replacement[], prior: Value, planned: Value): Record<string, unknown>[] {
  const paths: Record<string, unknown>[] = [];
  const walk = (steps: Record<string, unknown>[], names: string[], before: Value | undefined, after: Value | undefined) => {
    if (names.length === 0) {
      if (!sameValue(before ?? null, after ?? null)) paths.push({ steps });
      return;
    }
    const [name, ...rest] = names;
    const pick = (v: Value | undefined) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Value>)[name] : null);
    const b = pick(before);
    const a = pick(after);
    const here = [...steps, { attribute_name: name }];
    if (rest.length > 0 && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, i) => walk([...here, { element_key_int: i }], rest, b[i], item));
    } else if (rest.length > 0 && !Array.isArray(a) && !Array.isArray(b)) {
      walk(here, rest, b, a);
    } else if (!sameValue(b ?? null, a ?? null)) {
      paths.push({ steps: here });
    }
  };
  for (const r of replacements) {
    if (r.kind === "CustomizeDiff" || r.kind === "RequiresReplaceIf") continue;
    walk([], r.path, prior, planned);
  }
  return paths;
}

function durationMs(value: unknown): number {
  const match = typeof value === "string" ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value) : null;
  if (!match) return 0;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as "ms" | "s" | "m" | "h"];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Handler = (request: any) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** The RPC handlers of one provider. */
function handlers(provider: ServedProvider, org: SimulatedOrg, options: TestProviderOptions): Record<string, Handler> {
  const resources = provider.schemas.resource_schemas ?? {};
  const dataSources = provider.schemas.data_source_schemas ?? {};
  const blockOf = (type: string): SchemaBlock => resources[type]?.block ?? {};
  // A data source may share its name with a resource (okta_user, okta_app_oauth) and has a schema of its own.
  const dataBlockOf = (type: string): SchemaBlock => dataSources[type]?.block ?? {};
  let schemaWritesInFlight = 0;
  // An SDKv2 resource plans its Default for an attribute the configuration leaves null, which the
  // protocol allows only with legacy_type_system (as the SDK sets it); a framework Default needs a computed attribute.
  const legacy = (type: string) =>
    (provider.defaults[type] ?? []).some((d) => d.path.length > 0 && blockOf(type).attributes?.[d.path[0]]?.computed !== true);

  const write = async (type: string, op: "create" | "update" | "delete", run: () => void) => {
    if (!SCHEMA_TYPES.has(type)) return run();
    if (schemaWritesInFlight > 0) {
      throw new OktaRefusal(
        `concurrent write to Okta's user schema (${type})`,
        "another schema property was being written at the same time; Okta keeps only one of two concurrent schema writes " +
          "and silently loses the other. Chain the properties with depends_on (cdktf-okta does) or apply with -parallelism=1.",
      );
    }
    schemaWritesInFlight++;
    try {
      await sleep(options.schemaWriteMs ?? 250);
      run();
    } finally {
      schemaWritesInFlight--;
    }
    void op;
  };

  return {
    GetProviderSchema: () => ({
      provider: protoSchema(provider.schemas.provider),
      resource_schemas: Object.fromEntries(Object.entries(resources).map(([t, s]) => [t, protoSchema(s)])),
      data_source_schemas: Object.fromEntries(Object.entries(dataSources).map(([t, s]) => [t, protoSchema(s)])),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
      diagnostics: [],
    }),
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ValidateResourceConfig: () => ({ diagnostics: [] }),
    ValidateDataResourceConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: () => ({ diagnostics: [] }),
    GetFunctions: () => ({ functions: {}, diagnostics: [] }),
    StopProvider: () => ({ Error: "" }),
    UpgradeResourceState: (req) => {
      const raw = req.raw_state?.json && req.raw_state.json.length > 0 ? JSON.parse(Buffer.from(req.raw_state.json).toString("utf8")) : null;
      return { upgraded_state: toDynamic(conformBlock(blockOf(req.type_name), raw)), diagnostics: [] };
    },
    ReadResource: (req) => {
      const current = fromDynamic(req.current_state) as Record<string, Value> | null;
      const stored = current && typeof current.id === "string" ? org.get(req.type_name, current.id) : undefined;
      const object = stored ? storedWithDefaults(provider.defaults[req.type_name] ?? [], stored) : null;
      return { new_state: toDynamic(object ? conformBlock(blockOf(req.type_name), object as Value) : null), private: req.private, diagnostics: [] };
    },
    PlanResourceChange: (req) => {
      const block = blockOf(req.type_name);
      const prior = fromDynamic(req.prior_state);
      const proposed = fromDynamic(req.proposed_new_state);
      const config = fromDynamic(req.config);
      if (proposed === null) return { planned_state: toDynamic(null), requires_replace: [], diagnostics: [] };
      const defaults = provider.defaults[req.type_name] ?? [];
      const legacy_type_system = legacy(req.type_name);
      if (prior === null) {
        return { planned_state: toDynamic(withDefaults(defaults, unknownComputed(block, proposed, config), config)), requires_replace: [], legacy_type_system, diagnostics: [] };
      }
      const planned = withDefaults(defaults, proposed, config);
      const requiresReplace = replacePaths(provider.replacements[req.type_name] ?? [], prior, planned);
      return { planned_state: toDynamic(planned), requires_replace: requiresReplace, planned_private: req.prior_private, legacy_type_system, diagnostics: [] };
    },
    ApplyResourceChange: async (req) => {
      const type: string = req.type_name;
      const block = blockOf(type);
      const prior = fromDynamic(req.prior_state) as Record<string, Value> | null;
      const planned = fromDynamic(req.planned_state) as Record<string, Value> | null;
      const start = org.now();
      try {
        if (planned === null) {
          await write(type, "delete", () => org.remove(type, String(prior?.id), start));
          return { new_state: toDynamic(null), diagnostics: [] };
        }
        const defaults = OKTA_DEFAULTS[type] ?? {};
        const existingId = prior && typeof prior.id === "string" ? prior.id : undefined;
        const givenId = typeof planned.id === "string" ? planned.id : undefined;
        const id = existingId ?? givenId ?? naturalId(type, planned as StoredObject, (candidate) => org.get(type, candidate) !== undefined) ?? SimulatedOrg.newId(type);
        const state = resolveUnknowns(planned, (name) => (name === "id" ? id : ((defaults[name] as Value) ?? null))) as StoredObject;
        if (type === "time_sleep") await sleep(Math.min(durationMs(state.create_duration), options.sleepMs ?? 20));
        checkOktaWrite(org, type, existingId, state);
        const upsertUsers = type === "okta_identity_source_import" ? importedUsers(state) : undefined;
        await write(type, existingId ? "update" : "create", () =>
          org.put(type, id, state, { op: existingId ? "update" : "create", start, ...(upsertUsers ? { upsertUsers } : {}) }),
        );
        return { new_state: toDynamic(conformBlock(block, state as Value)), private: req.planned_private, legacy_type_system: legacy(type), diagnostics: [] };
      } catch (e) {
        if (e instanceof OktaRefusal) return { new_state: req.prior_state, diagnostics: [error(e.summary, e.detail)] };
        throw e;
      }
    },
    ImportResourceState: (req) => {
      const stored = org.get(req.type_name, req.id);
      if (!stored) {
        return { imported_resources: [], diagnostics: [error(`Cannot import ${req.type_name} ${req.id}`, `the simulated org has no ${req.type_name} with id ${JSON.stringify(req.id)}`)] };
      }
      const object = storedWithDefaults(provider.defaults[req.type_name] ?? [], stored);
      return { imported_resources: [{ type_name: req.type_name, state: toDynamic(conformBlock(blockOf(req.type_name), object as Value)) }], diagnostics: [] };
    },
    ReadDataSource: (req) => {
      const config = fromDynamic(req.config) as Record<string, Value> | null;
      const state = resolveUnknowns(conformBlock(dataBlockOf(req.type_name), config ?? {}), (name) => (name === "id" ? `data-${req.type_name}` : null));
      const withId = state && typeof state === "object" && !Array.isArray(state) && "id" in state && state.id === null ? { ...state, id: `data-${req.type_name}` } : state;
      return { state: toDynamic(withId as Value), diagnostics: [] };
    },
  };
}

function importedUsers(state: StoredObject): string[] {
  const block = state.upsert_users as { profiles?: Array<{ external_id?: unknown }> } | null;
  return (block?.profiles ?? []).map((p) => String(p.external_id));
}

/** Starts one gRPC server per provider on 127.0.0.1, each on a free port. */
export async function startTestProviders(options: TestProviderOptions): Promise<RunningProviders> {
  const definition = protoLoader.loadSync(protoFile(), { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const service = proto.tfplugin6.Provider.service;
  const org = SimulatedOrg.open(options.orgFile);
  const servers: grpc.Server[] = [];
  const reattach: Record<string, unknown> = {};
  for (const provider of loadProviders(options.schemaDir ?? schemaDir())) {
    const server = new grpc.Server();
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [name, handler] of Object.entries(handlers(provider, org, options))) {
      implementation[name] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
        Promise.resolve()
          .then(() => handler(call.request))
          .then((response) => callback(null, response))
          .catch((e: Error) => callback({ code: grpc.status.INTERNAL, details: `test provider: ${e.stack ?? e.message}` } as grpc.ServiceError));
      };
    }
    server.addService(service, implementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    servers.push(server);
    reattach[provider.address] = { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } };
  }
  return {
    reattach,
    stop: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve())))).then(() => undefined),
  };
}
