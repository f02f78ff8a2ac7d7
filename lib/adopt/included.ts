/**
 * The okta types `cdktf-okta export --include` reads, written as generated bindings: for each, the
 * Management API list it pages through and how one listed object becomes the binding's arguments.
 *
 * An argument is written when the API returns it and it differs from the provider's default, so the
 * code says what the org has and the first plan, after the import, changes nothing. Which API field
 * the provider reads into which argument: okta/terraform-provider-okta, okta/services/idaas
 * (resource_okta_trusted_origin.go, resource_okta_network_zone.go, resource_okta_app_bookmark.go, app.go).
 */
import { Value } from "./model";

/** A type --include may name. */
export interface IncludedType {
  /** The okta resource type, e.g. "okta_trusted_origin". */
  readonly type: string;
  /** The first page of the list (the Link header gives the next ones). */
  readonly list: string;
  /** The path of one object, for the origin a note names. */
  readonly path: (id: string) => string;
  /** What the object is called in the progress line and the summary. */
  readonly label: string;
  /** The text an object's Terraform name is made from. */
  readonly nameOf: (item: ApiObject) => string;
  /** Put before a name that does not start with a letter. */
  readonly prefix: string;
  /** The binding's arguments, snake_case as in Terraform. */
  readonly attributes: (item: ApiObject) => Record<string, Value>;
}

/** A listed object as the API returns it: JSON with an id. */
export type ApiObject = { readonly id: string } & { readonly [field: string]: unknown };

/** The page size every list of the export asks for (the most these lists give). */
export const PAGE = 200;

/** The non-empty strings of an array, or undefined. */
function strings(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
  return list.length > 0 ? list : undefined;
}

/** Fields whose value is defined, for an attributes object. */
function defined(fields: Record<string, Value | undefined>): Record<string, Value> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, Value>;
}

/** A text field, when it is not empty. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Zone addresses ({type: CIDR|RANGE, value}) as the provider reads them: a range of one IP is that IP. */
function addresses(value: unknown): string[] | undefined {
  return strings(
    ((value as { value?: string }[] | null) ?? []).map((a) => {
      const [start, end, ...rest] = String(a.value ?? "").split("-");
      return end !== undefined && rest.length === 0 && start === end ? start : String(a.value ?? "");
    }),
  );
}

/** Zone locations ({country, region}) as the provider reads them: the region when it has one ("US-CA"), else the country. */
function locations(value: unknown): string[] | undefined {
  return strings(((value as { country?: string; region?: string | null }[] | null) ?? []).map((l) => (l.region?.includes("-") ? l.region : l.country)));
}

interface IncludeExclude {
  include?: unknown;
  exclude?: unknown;
}

const trustedOrigin: IncludedType = {
  type: "okta_trusted_origin",
  list: `/api/v1/trustedOrigins?limit=${PAGE}`,
  path: (id) => `/api/v1/trustedOrigins/${id}`,
  label: "trusted origins",
  nameOf: (o) => String(o.name),
  prefix: "origin",
  attributes: (o) =>
    defined({
      name: String(o.name),
      origin: String(o.origin),
      scopes: ((o.scopes as { type: string }[] | undefined) ?? []).map((s) => s.type),
      active: o.status === "INACTIVE" ? false : undefined,
    }),
};

const networkZone: IncludedType = {
  type: "okta_network_zone",
  list: `/api/v1/zones?limit=${PAGE}`,
  path: (id) => `/api/v1/zones/${id}`,
  label: "network zones",
  nameOf: (z) => String(z.name),
  prefix: "zone",
  attributes: (z) => {
    const common = {
      name: String(z.name),
      type: String(z.type),
      status: z.status === "INACTIVE" ? "INACTIVE" : undefined,
      usage: z.usage === "BLOCKLIST" ? "BLOCKLIST" : undefined,
    };
    if (z.type === "DYNAMIC") {
      return defined({ ...common, dynamic_proxy_type: text(z.proxyType), asns: strings(z.asns), dynamic_locations: locations(z.locations) });
    }
    if (z.type === "DYNAMIC_V2") {
      const asns = (z.asns ?? {}) as IncludeExclude;
      const where = (z.locations ?? {}) as IncludeExclude;
      const services = (z.ipServiceCategories ?? {}) as IncludeExclude;
      return defined({
        ...common,
        asns: strings(asns.include),
        dynamic_locations: locations(where.include),
        dynamic_locations_exclude: locations(where.exclude),
        ip_service_categories_include: strings(services.include),
        ip_service_categories_exclude: strings(services.exclude),
      });
    }
    return defined({ ...common, gateways: addresses(z.gateways), proxies: addresses(z.proxies) });
  },
};

interface ApiBookmark {
  label: string;
  status: string;
  accessibility?: { selfService?: boolean; errorRedirectUrl?: string | null; loginRedirectUrl?: string | null };
  visibility?: { autoSubmitToolbar?: boolean; hide?: { iOS?: boolean; web?: boolean }; appLinks?: Record<string, boolean> };
  settings?: { app?: { url?: string; requestIntegration?: boolean }; notes?: { admin?: string | null; enduser?: string | null } };
}

const appBookmark: IncludedType = {
  type: "okta_app_bookmark",
  list: `/api/v1/apps?filter=${encodeURIComponent('name eq "bookmark"')}&limit=${PAGE}`,
  path: (id) => `/api/v1/apps/${id}`,
  label: "bookmark apps",
  nameOf: (a) => String(a.label),
  prefix: "bookmark",
  attributes: (item) => {
    const a = item as unknown as ApiBookmark;
    const links = a.visibility?.appLinks ?? {};
    const sortedLinks = Object.fromEntries(Object.keys(links).sort().map((k) => [k, links[k]]));
    const flag = (value: boolean | undefined) => (value === true ? true : undefined);
    return defined({
      label: a.label,
      url: String(a.settings?.app?.url ?? ""),
      status: a.status === "INACTIVE" ? "INACTIVE" : undefined,
      request_integration: flag(a.settings?.app?.requestIntegration),
      accessibility_self_service: flag(a.accessibility?.selfService),
      accessibility_error_redirect_url: text(a.accessibility?.errorRedirectUrl),
      accessibility_login_redirect_url: text(a.accessibility?.loginRedirectUrl),
      auto_submit_toolbar: flag(a.visibility?.autoSubmitToolbar),
      hide_ios: flag(a.visibility?.hide?.iOS),
      hide_web: flag(a.visibility?.hide?.web),
      app_links_json: Object.keys(links).length > 0 ? JSON.stringify(sortedLinks) : undefined,
      admin_note: text(a.settings?.notes?.admin),
      enduser_note: text(a.settings?.notes?.enduser),
    });
  },
};

/** The types --include may name, by type. */
export const INCLUDABLE: ReadonlyMap<string, IncludedType> = new Map([trustedOrigin, networkZone, appBookmark].map((t) => [t.type, t]));
