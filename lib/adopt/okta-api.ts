/**
 * Read-only pages of the Okta Management API through @okta/okta-sdk-nodejs: its authentication (SSWS
 * API token, or an OAuth service app's private key) and its 429 handling (waits until
 * X-Rate-Limit-Reset, then retries). On top: a share of each rate-limit bucket (like the provider's
 * max_api_capacity: when X-Rate-Limit-Remaining falls below the rest of the bucket, wait for the reset),
 * Link-header paging we control (so an interrupted export can resume from the next page's URL), a
 * count of the HTTP calls, and errors turned into messages.
 *
 * The SDK (8.1) accepts an http:// org URL as it is, which the offline tests use.
 */
import { Client, DefaultRequestExecutor } from "@okta/okta-sdk-nodejs";
import { adoptMessages } from "../problems/sections/adopt";

/** How the export signs in, from the okta provider's environment variables. */
export type OktaCredentials =
  | { readonly kind: "token"; readonly token: string }
  | { readonly kind: "oauth"; readonly clientId: string; readonly privateKey: string; readonly keyId?: string; readonly scopes: string[] };

/** The credentials in `env`, or the message saying what is missing. */
export function credentialsFrom(env: NodeJS.ProcessEnv): OktaCredentials | { problem: string } {
  const token = env.OKTA_API_TOKEN;
  const clientId = env.OKTA_API_CLIENT_ID;
  if (token && clientId) return { problem: adoptMessages.conflictingCredentials() };
  if (token) return { kind: "token", token };
  if (clientId) {
    const missing = ["OKTA_API_PRIVATE_KEY", "OKTA_API_SCOPES"].filter((name) => !env[name]);
    if (missing.length > 0) return { problem: adoptMessages.incompleteOAuth(missing) };
    const scopes = env.OKTA_API_SCOPES!.split(/[\s,]+/).filter((s) => s !== "");
    return { kind: "oauth", clientId, privateKey: env.OKTA_API_PRIVATE_KEY!, keyId: env.OKTA_API_PRIVATE_KEY_ID, scopes };
  }
  return { problem: adoptMessages.noCredentials() };
}

/** A failure the export reports as it is (the message names the URL and what to do). */
export class OktaApiProblem extends Error {}

/** The scope a read of this API path needs (Okta: okta.<API>.read). */
export function scopeFor(apiPath: string): string {
  if (apiPath.startsWith("/api/v1/users")) return "okta.users.read";
  if (apiPath.startsWith("/api/v1/groups")) return "okta.groups.read";
  if (apiPath.startsWith("/api/v1/meta/schemas")) return "okta.schemas.read";
  if (apiPath.startsWith("/api/v1/trustedOrigins")) return "okta.trustedOrigins.read";
  if (apiPath.startsWith("/api/v1/zones")) return "okta.networkZones.read";
  return "okta.apps.read";
}

interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

const MAX_RETRIES = 5;

/** Counts the calls and keeps the export within its share of each rate-limit bucket. */
class SharedBucketExecutor extends DefaultRequestExecutor {
  public calls = 0;
  public waitedMs = 0;
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly capacity: number) {
    super({ maxRetries: MAX_RETRIES, requestTimeout: 0 });
  }

  public fetch(request: unknown): Promise<FetchResponse> {
    return this.gate.then(() => {
      this.calls++;
      return (super.fetch(request as never) as Promise<FetchResponse>).then((response) => {
        this.share(response);
        return response;
      });
    });
  }

  /** When less than (100 - capacity)% of the bucket is left, wait for its reset before the next call. */
  private share(response: FetchResponse): void {
    const limit = Number(response.headers.get("x-rate-limit-limit"));
    const remaining = Number(response.headers.get("x-rate-limit-remaining"));
    const reset = Number(response.headers.get("x-rate-limit-reset"));
    if (!limit || !Number.isFinite(remaining) || !reset) return;
    const reserved = limit * (1 - this.capacity / 100);
    if (remaining > reserved) return;
    const date = Date.parse(response.headers.get("date") ?? "") || Date.now();
    const waitMs = Math.max(0, reset * 1000 - date) + 250;
    this.waitedMs += waitMs;
    this.gate = new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** One page of a list, and the URL of the next one. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

export class OktaApi {
  private readonly client: Client;
  private readonly executor: SharedBucketExecutor;
  public readonly baseUrl: string;

  constructor(orgUrl: string, credentials: OktaCredentials, capacity: number) {
    this.baseUrl = orgUrl.replace(/\/$/, "");
    this.executor = new SharedBucketExecutor(capacity);
    const common = { orgUrl: this.baseUrl, requestExecutor: this.executor, cacheMiddleware: null, userAgent: "cdktf-okta-export" };
    this.client =
      credentials.kind === "token"
        ? new Client({ ...common, token: credentials.token } as never)
        : new Client({
            ...common,
            authorizationMode: "PrivateKey",
            clientId: credentials.clientId,
            scopes: credentials.scopes,
            privateKey: credentials.privateKey,
            keyId: credentials.keyId,
          } as never);
  }

  /** HTTP calls made so far (retries included). */
  public get calls(): number {
    return this.executor.calls;
  }

  /** Milliseconds spent waiting to stay within the bucket share. */
  public get waitedMs(): number {
    return this.executor.waitedMs;
  }

  /** GETs a path (or a full next-page URL) and returns the JSON and the Link header's rel="next". */
  public async get<T>(pathOrUrl: string): Promise<Page<T> & { body: unknown }> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const http = (this.client as unknown as { http: { http(url: string, request: object): Promise<FetchResponse> } }).http;
    let response: FetchResponse;
    try {
      response = await http.http(url, { method: "get", headers: { Accept: "application/json" } });
    } catch (error) {
      throw this.problem(url, error);
    }
    const body = await response.json();
    return { body, items: Array.isArray(body) ? (body as T[]) : [], next: nextLink(response.headers.get("link")) };
  }

  private problem(url: string, error: unknown): OktaApiProblem {
    const e = error as { status?: number; errorSummary?: string; message?: string; code?: string };
    const shown = url.replace(/[?#].*$/, "");
    if (e.status === undefined) return new OktaApiProblem(adoptMessages.orgUnreachable(this.baseUrl, e.code ?? e.message ?? String(error)));
    if (e.status === 401) return new OktaApiProblem(adoptMessages.unauthorized(shown));
    if (e.status === 403) return new OktaApiProblem(adoptMessages.forbidden(shown, scopeFor(new URL(url).pathname)));
    if (e.status === 429) return new OktaApiProblem(adoptMessages.rateLimited(shown, MAX_RETRIES));
    return new OktaApiProblem(adoptMessages.apiError(shown, e.status, e.errorSummary || e.message || ""));
  }
}

/** The rel="next" URL of a Link header. */
function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}
