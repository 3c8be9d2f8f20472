// Request shaping shared by the HTTP sources; encodings and derived fields: docs/decisions/http-events.md.
import { type AwsScope, clfTime, fakerWords } from './aws-values.ts';
import { toBase64 } from './encoders.ts';
import type { PathSegment } from '../contracts/schema.ts';
import { isPlainObject, overrideAt } from './overrides.ts';
import type { Random } from './random.ts';
import { setOwn } from './own.ts';

/** Clients seen in front of HTTP APIs; a fixed pool keeps builders fast (no per-event faker call). */
export const USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'curl/8.7.1',
  'PostmanRuntime/7.43.0',
  'python-requests/2.32.3',
  'okhttp/4.12.0',
  'aws-sdk-js/3.693.0',
  'Go-http-client/2.0',
];

/** A route as API Gateway and ALB rules see it: a method and a resource template. */
export interface Route {
  readonly method: string;
  readonly resource: string;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', resource: '/orders' },
  { method: 'POST', resource: '/orders' },
  { method: 'GET', resource: '/orders/{id}' },
  { method: 'PUT', resource: '/orders/{id}' },
  { method: 'DELETE', resource: '/orders/{id}' },
  { method: 'GET', resource: '/customers/{customerId}/orders' },
  { method: 'PATCH', resource: '/customers/{customerId}' },
  { method: 'GET', resource: '/{proxy+}' },
  { method: 'POST', resource: '/{proxy+}' },
];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const BINARY_TYPES = ['image/png', 'image/jpeg', 'application/pdf', 'application/octet-stream'];
const LANGUAGES = ['en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.9', 'ja-JP,ja;q=0.9,en;q=0.8'];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];
const PARAMETER = /\{([^}+]+)(\+?)\}/g;

/** A request before a front-end shapes it: decoded query pairs and client-cased header pairs, in order. */
export interface HttpRequest {
  method: string;
  /** The route template (`/orders/{id}`, `/{proxy+}`). */
  resource: string;
  /** The path as sent, percent-encoded. */
  path: string;
  /** Path parameters as the segments appear in `path`, or null when the route has none. */
  pathParameters: Record<string, string> | null;
  query: [string, string][];
  headers: [string, string][];
  /** The body in AWS's encoding (base64 when `isBase64Encoded`), or null when the request has none. */
  body: string | null;
  isBase64Encoded: boolean;
  sourceIp: string;
  userAgent: string;
  /** Epoch ms of the request. */
  time: number;
}

export interface HttpRequestOptions {
  /** Value of the Host header. */
  host: string;
  /** Repeat a header and a query parameter, as multi-value events show them. */
  multiValue?: boolean;
  /** Send a binary body (base64, `isBase64Encoded` true). */
  binary?: boolean;
  sourceIp: string;
  time: number;
}

function pickUserAgent(random: Random): string {
  return random.pick(USER_AGENTS);
}

function pickRoute(random: Random, options: { body?: boolean } = {}): Route {
  const routes = options.body ? ROUTES.filter((r) => BODY_METHODS.has(r.method)) : ROUTES;
  return random.pick(routes);
}

/** A lower-case id such as API Gateway api ids (`a1b2c3d4e5`) and function URL ids. */
export function lowerId(random: Random, length: number): string {
  return random.alnum(length).toLowerCase();
}

/** `X-Amzn-Trace-Id` value: `Root=1-<epoch seconds hex>-<24 hex>`. */
export function traceId(random: Random, epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${random.hex(24)}`;
}

function parameterValue(random: Random, name: string): string {
  if (name === 'proxy') return `${random.pick(['products', 'carts', 'users'])}/${lowerId(random, 8)}`;
  if (name === 'customerId') return `cus_${random.alnum(14)}`;
  return random.uuid();
}

/** Names of a resource template's parameters (`/orders/{id}` → `id`). */
export function resourceParameters(resource: string): string[] {
  let names = parameterCache.get(resource);
  if (names === undefined) {
    names = Array.from(resource.matchAll(PARAMETER), (m) => m[1] as string);
    if (parameterCache.size < 1024) parameterCache.set(resource, names);
  }
  return [...names];
}
const parameterCache = new Map<string, readonly string[]>();

/** Fills a resource template (`/orders/{id}`) with parameter values; missing ones come from `random`. */
export function fillResource(
  resource: string,
  parameters: Readonly<Record<string, string>> | null,
  random: Random,
): string {
  return resource.replace(PARAMETER, (_, name: string) => parameters?.[name] ?? parameterValue(random, name));
}

/** The parameters of `path` under `resource`, `null` when the template has none, `undefined` when it does not match. */
export function matchResource(resource: string, path: string): Record<string, string> | null | undefined {
  let compiled = routeCache.get(resource);
  if (compiled === undefined) {
    const names: string[] = [];
    const pattern = resource
      .split(PARAMETER)
      .map((part, i) => {
        if (i % 3 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (i % 3 === 1) {
          names.push(part);
          return '';
        }
        return part === '+' ? '(.+)' : '([^/]+)';
      })
      .join('');
    compiled = { pattern: new RegExp(`^${pattern}$`), names };
    if (routeCache.size < 1024) routeCache.set(resource, compiled);
  }
  const match = compiled.pattern.exec(path);
  if (match === null) return undefined;
  const { names } = compiled;
  if (names.length === 0) return null;
  // fromEntries defines own properties: a parameter named `__proto__` stays data.
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] as string]));
}
/** Compiled route templates (a handful per process: the generators' routes and the caller's). */
const routeCache = new Map<string, { pattern: RegExp; names: readonly string[] }>();

function defaultJsonBody(random: Random, route: Route): string {
  const products = fakerWords('commerce.product_name.product');
  if (route.method === 'PATCH') return JSON.stringify({ email: `user${random.digits(5)}@example.com` });
  if (route.method === 'PUT') return JSON.stringify({ status: random.pick(STATUSES) });
  return JSON.stringify({
    customerId: `cus_${random.alnum(14)}`,
    currency: random.pick(CURRENCIES),
    items: Array.from({ length: random.int(1, 3) }, () => ({
      sku: `SKU-${random.digits(6)}`,
      name: random.pick(products),
      quantity: random.int(1, 5),
    })),
  });
}

function defaultQuery(random: Random, route: Route, multiValue: boolean): [string, string][] {
  const query: [string, string][] = [];
  if (route.method === 'GET' && (route.resource.endsWith('orders') || multiValue || random.bool(0.3))) {
    query.push(['limit', String(random.pick([10, 20, 50]))]);
    if (random.bool(0.5)) query.push(['status', random.pick(STATUSES)]);
  }
  if (multiValue) {
    query.push(['tag', random.pick(['new', 'sale'])], ['tag', random.pick(['gift', 'priority'])]);
  }
  return query;
}

/** A realistic request: a route, its path and parameters, query, client headers and a body fit for the method. */
export function httpRequest(random: Random, options: HttpRequestOptions): HttpRequest {
  const binary = options.binary === true;
  const multiValue = options.multiValue === true;
  const route = pickRoute(random, { body: binary });
  const names = resourceParameters(route.resource);
  const pathParameters =
    names.length === 0 ? null : Object.fromEntries(names.map((n) => [n, parameterValue(random, n)]));
  const userAgent = pickUserAgent(random);
  const headers: [string, string][] = [
    ['Accept', binary || random.bool(0.7) ? 'application/json' : '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
    ['Accept-Language', random.pick(LANGUAGES)],
    ['Host', options.host],
    ['User-Agent', userAgent],
    ['X-Amzn-Trace-Id', traceId(random, options.time)],
    ['X-Forwarded-For', options.sourceIp],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
  if (random.bool(0.3))
    headers.push(['Cookie', `session=${random.alnum(24)}; theme=${random.pick(['dark', 'light'])}`]);
  if (multiValue) headers.push(['Cache-Control', 'no-cache'], ['Cache-Control', 'max-age=0']);
  let body: string | null = null;
  if (binary) {
    const bytes = random.bytes(random.int(64, 2048));
    body = bytes.toString('base64');
    headers.push(['Content-Type', random.pick(BINARY_TYPES)], ['Content-Length', String(bytes.length)]);
  } else if (BODY_METHODS.has(route.method)) {
    body = defaultJsonBody(random, route);
    headers.push(['Content-Type', 'application/json'], ['Content-Length', String(Buffer.byteLength(body, 'utf8'))]);
  }
  return {
    method: route.method,
    resource: route.resource,
    path: fillResource(route.resource, pathParameters, random),
    pathParameters,
    query: defaultQuery(random, route, multiValue),
    headers,
    body,
    isBase64Encoded: binary,
    sourceIp: options.sourceIp,
    userAgent,
    time: options.time,
  };
}

/** Decodes a URL component, keeping malformed escapes as they are (as API Gateway passes them on). */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Encodes one path segment as a browser sends it (`a b` → `a%20b`, unicode in UTF-8). */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment);
}

/** Decoded pairs → a raw query string (`a=1&a=2`), each name and value percent-encoded. */
export function encodeQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Raw query string → pairs, decoded unless `decode` is false (ALB passes values as received). */
export function parseQuery(raw: string, decode = true): [string, string][] {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return decode ? [safeDecode(name), safeDecode(value)] : [name, value];
    });
}

/** Pairs → `{name: value}` keeping the last value of a repeated name (payload 1.0, ALB single-value). */
export function lastValues(pairs: readonly (readonly [string, string])[], lower = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) setOwn(out, lower ? k.toLowerCase() : k, v);
  return out;
}

/** Pairs → `{name: [values]}` (multi-value maps). */
export function allValues(pairs: readonly (readonly [string, string])[], lower = false): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    const key = lower ? k.toLowerCase() : k;
    if (Object.hasOwn(out, key)) out[key]?.push(v);
    else setOwn(out, key, [v]);
  }
  return out;
}

/** Pairs → `{name: "v1,v2"}` (payload 2.0 joins repeated headers and query parameters with commas). */
export function joinedValues(pairs: readonly (readonly [string, string])[], lower = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) {
    const key = lower ? k.toLowerCase() : k;
    setOwn(out, key, Object.hasOwn(out, key) ? `${out[key]},${v}` : v);
  }
  return out;
}

/** `{name: value | [values]}` → pairs (the arbitraries' query option). */
export function queryPairs(query: Readonly<Record<string, string | readonly string[]>>): [string, string][] {
  return Object.entries(query).flatMap(([k, v]) =>
    typeof v === 'string' ? [[k, v] as [string, string]] : v.map((x) => [k, x] as [string, string]),
  );
}

/** True when the caller's overrides mention `path`, even to remove it (`undefined`). */
export function touched(overrides: unknown, ...path: PathSegment[]): boolean {
  let current: unknown = overrides;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    if (!Object.hasOwn(current as object, segment)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** The override object at `path` when it is one, else an empty object. */
export function overrideMap(overrides: unknown, ...path: PathSegment[]): Record<string, unknown> {
  let current: unknown = overrides;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return {};
    current = (current as Record<string | number, unknown>)[segment];
  }
  return isPlainObject(current) ? current : {};
}

/** The key of `map` equal to `name` ignoring case, if any. */
export function findKey(map: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (Object.hasOwn(map, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(map).find((k) => k.toLowerCase() === lower);
}

/** Read and write access to a front-end's request headers, whatever maps it keeps them in. */
export interface HeaderAccess {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** Headers kept in one `{name: value}` map (client casing unless `lower`). */
export function singleHeaders(map: Record<string, string>, lower: boolean): HeaderAccess {
  return {
    get: (name) => {
      const key = findKey(map, name);
      return key === undefined ? undefined : map[key];
    },
    set: (name, value) => {
      setOwn(map, lower ? name.toLowerCase() : (findKey(map, name) ?? name), value);
    },
    delete: (name) => {
      const key = findKey(map, name);
      if (key !== undefined) delete map[key];
    },
  };
}

/** Headers kept in `{name: [values]}` only (ALB multi-value). */
export function multiHeaders(map: Record<string, string[]>, lower: boolean): HeaderAccess {
  return {
    get: (name) => {
      const key = findKey(map, name);
      return key === undefined ? undefined : map[key]?.at(-1);
    },
    set: (name, value) => {
      setOwn(map, lower ? name.toLowerCase() : (findKey(map, name) ?? name), [value]);
    },
    delete: (name) => {
      const key = findKey(map, name);
      if (key !== undefined) delete map[key];
    },
  };
}

/** Headers mirrored in a single-value and a multi-value map (API Gateway payload 1.0). */
export function mirroredHeaders(single: Record<string, string>, multi: Record<string, string[]>): HeaderAccess {
  const one = singleHeaders(single, false);
  const many = multiHeaders(multi, false);
  return {
    get: one.get,
    set: (name, value) => {
      const key = findKey(single, name) ?? findKey(multi, name) ?? name;
      setOwn(single, key, value);
      setOwn(multi, key, [value]);
    },
    delete: (name) => {
      one.delete(name);
      many.delete(name);
    },
  };
}

/**
 * Removes keys that differ only in case from a key the caller overrode (the caller's spelling wins), so that
 * `{'content-type': …}` replaces a default `Content-Type` instead of adding a second one.
 */
export function dropCaseDuplicates(map: Record<string, unknown>, overriddenNames: readonly string[]): void {
  if (overriddenNames.length === 0) return;
  const keep = new Set(overriddenNames);
  const lowered = new Set(overriddenNames.map((n) => n.toLowerCase()));
  for (const key of Object.keys(map)) if (!keep.has(key) && lowered.has(key.toLowerCase())) delete map[key];
}

/** How a front-end represents "no body": `null` (API Gateway 1.0), `''` (ALB) or an absent key (payload 2.0). */
export type EmptyBody = 'null' | 'empty' | 'absent';

/**
 * Encodes a body override in place: a string is the text body, bytes (Buffer/Uint8Array) → base64, any other
 * JSON value → JSON (adding `content-type: application/json` when none is given); `isBase64Encoded` follows
 * unless overridden too. Then recomputes `content-length` unless the caller set it.
 */
export function finalizeBody(
  event: Record<string, unknown>,
  overrides: unknown,
  headers: HeaderAccess,
  empty: EmptyBody,
  headerOverridden: (name: string) => boolean,
): void {
  const body = event.body;
  const base64Set = touched(overrides, 'isBase64Encoded');
  if (touched(overrides, 'body') && !base64Set) event.isBase64Encoded = body instanceof Uint8Array;
  if (body instanceof Uint8Array) {
    event.body = toBase64(body);
    if (headers.get('content-type') === undefined) headers.set('Content-Type', 'application/octet-stream');
  } else if (body === undefined || body === null) {
    if (empty === 'null') event.body = null;
    else if (empty === 'empty') event.body = '';
    else delete event.body;
  } else if (typeof body !== 'string') {
    event.body = JSON.stringify(body);
    if (headers.get('content-type') === undefined) headers.set('Content-Type', 'application/json');
  }
  if (headerOverridden('content-length')) return;
  const text = event.body;
  if (typeof text !== 'string' || text === '') {
    headers.delete('content-length');
    return;
  }
  const length = event.isBase64Encoded === true ? Buffer.from(text, 'base64').length : Buffer.byteLength(text, 'utf8');
  headers.set('Content-Length', String(length));
}

/** Cookies from a Cookie header value (`a=1; b=2` → `['a=1', 'b=2']`). */
export function splitCookies(header: string): string[] {
  return header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * Keeps a single-value map and its multi-value mirror (payload 1.0 headers and query parameters) in agreement
 * after overrides: an overridden single value becomes a one-element list, an overridden list gives its last
 * value, a removal removes both, and a map overridden to null nulls its mirror. Returns the two maps.
 */
export function syncMirror(
  single: Record<string, string> | null,
  multi: Record<string, string[]> | null,
  singleOverride: unknown,
  multiOverride: unknown,
  nullable: boolean,
): [Record<string, string> | null, Record<string, string[]> | null] {
  const singleNulled = singleOverride === null && multiOverride === undefined;
  const multiNulled = multiOverride === null && singleOverride === undefined;
  if (singleNulled || multiNulled) return [null, null];
  if (single === null && multi === null) return [null, null];
  const s = single ?? {};
  const m = multi ?? {};
  const so = isPlainObject(singleOverride) ? singleOverride : {};
  const mo = isPlainObject(multiOverride) ? multiOverride : {};
  for (const [name, value] of Object.entries(so)) {
    if (Object.hasOwn(mo, name)) continue;
    const key = findKey(m, name);
    if (key !== undefined) delete m[key];
    if (value !== undefined && value !== null) setOwn(m, name, [String(value)]);
  }
  for (const [name, value] of Object.entries(mo)) {
    if (Object.hasOwn(so, name)) continue;
    const key = findKey(s, name);
    if (key !== undefined) delete s[key];
    if (Array.isArray(value) && value.length > 0) setOwn(s, name, String(value.at(-1)));
  }
  dropCaseDuplicates(s, Object.keys(so));
  dropCaseDuplicates(m, Object.keys(mo));
  for (const [name, value] of Object.entries(s)) if (!Object.hasOwn(m, name)) setOwn(m, name, [value]);
  for (const [name, values] of Object.entries(m)) {
    if (!Object.hasOwn(s, name) && Array.isArray(values) && values.length > 0) setOwn(s, name, values.at(-1) as string);
  }
  if (nullable && Object.keys(s).length === 0 && Object.keys(m).length === 0) return [null, null];
  return [s, m];
}

/** A resource template for parameter names: a known route with exactly those names, else `/{a}/{b}`. */
export function routeFor(names: readonly string[]): string {
  const wanted = [...names].sort().join(',');
  const known = ROUTES.find((r) => resourceParameters(r.resource).sort().join(',') === wanted);
  return known?.resource ?? `/${names.map((n) => `{${n}}`).join('/')}`;
}

/** Keeps `resource`, `path` and `pathParameters` consistent after overrides (payload 1.0 and ALB-less v2 routes). */
export function syncRoute(
  current: { resource: string; path: string; pathParameters: Record<string, string> | null },
  overrides: unknown,
  keys: { resource: string; path: string; pathParameters: string },
  random: Random,
): { resource: string; path: string; pathParameters: Record<string, string> | null } {
  let { resource, path, pathParameters } = current;
  const pathSet = touched(overrides, keys.path);
  const parametersSet = touched(overrides, keys.pathParameters);
  const resourceSet = touched(overrides, keys.resource);
  if (parametersSet && !resourceSet && pathParameters !== null) {
    const given = Object.keys(overrideMap(overrides, keys.pathParameters));
    const names = resourceParameters(resource);
    if (given.some((n) => !names.includes(n))) {
      resource = routeFor(given);
      pathParameters = Object.fromEntries(
        given.map((n) => [n, (pathParameters as Record<string, string>)[n] as string]),
      );
    }
  }
  if (!pathSet) {
    if (parametersSet || resourceSet) {
      path = fillResource(resource, pathParameters, random);
      if (!parametersSet) pathParameters = matchResource(resource, path) ?? null;
    }
  } else if (!parametersSet) {
    const match = matchResource(resource, path);
    if (match !== undefined) pathParameters = match;
    else if (!resourceSet) {
      resource = path === '/' ? '/' : '/{proxy+}';
      pathParameters = path === '/' ? null : { proxy: path.slice(1) };
    }
  }
  return { resource, path, pathParameters };
}

/** The request context fields a payload 2.0 front-end (HTTP API, function URL) adds around a request. */
export interface V2Context {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  requestId: string;
  routeKey: string;
  authorizer?: Record<string, unknown>;
}

/** A payload 2.0 event (HTTP API and function URLs): lower-case comma-joined headers, cookies apart, raw query. */
export function v2Event(
  request: HttpRequest,
  context: V2Context,
  options: { pathParameters: boolean; extraHeaders?: readonly [string, string][] },
): Record<string, unknown> {
  const cookieHeaders = request.headers.filter(([k]) => k.toLowerCase() === 'cookie');
  const headers = joinedValues(
    [...request.headers.filter(([k]) => k.toLowerCase() !== 'cookie'), ...(options.extraHeaders ?? [])],
    true,
  );
  const cookies = cookieHeaders.flatMap(([, v]) => splitCookies(v));
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: request.path,
    rawQueryString: encodeQuery(request.query),
  };
  if (cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  if (request.query.length > 0) event.queryStringParameters = joinedValues(request.query);
  event.requestContext = {
    accountId: context.accountId,
    apiId: context.apiId,
    ...(context.authorizer ? { authorizer: context.authorizer } : {}),
    domainName: context.domainName,
    domainPrefix: context.domainPrefix,
    http: {
      method: request.method,
      path: request.path,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: request.userAgent,
    },
    requestId: context.requestId,
    routeKey: context.routeKey,
    stage: '$default',
    time: clfTime(request.time),
    timeEpoch: request.time,
  };
  if (options.pathParameters && request.pathParameters !== null) event.pathParameters = request.pathParameters;
  if (request.body !== null) event.body = request.body;
  event.isBase64Encoded = request.isBase64Encoded;
  return event;
}

/** Route key of a route on an HTTP API (`GET /orders/{id}`; catch-all routes are `ANY /{proxy+}`). */
export function routeKeyOf(method: string, resource: string): string {
  return `${resource === '/{proxy+}' ? 'ANY' : method} ${resource}`;
}

/**
 * Recomputes a payload 2.0 event's derived fields after overrides: lower-case comma-joined headers, cookies out
 * of the headers, `rawQueryString` ⇄ `queryStringParameters`, `http.path`, route key, time, domain, Host,
 * user agent, body encoding. `domainFor(apiId, previousDomain)` names the front-end's host.
 */
export function finalizeV2(
  event: Record<string, unknown>,
  overrides: unknown,
  random: Random,
  options: { routes: boolean; domainFor: (apiId: string, previous: string) => string },
): void {
  const o = overrides;
  const context = event.requestContext as Record<string, unknown>;
  const http = context.http as Record<string, unknown>;
  const rc = (...path: string[]) => touched(o, 'requestContext', ...path);

  const headers = event.headers as Record<string, unknown>;
  const headerOverrides = overrideMap(o, 'headers');
  for (const name of Object.keys(headerOverrides)) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (lower !== name) delete headers[name];
    if (value === undefined) {
      if (lower !== name && !Object.hasOwn(headerOverrides, lower)) delete headers[lower];
      continue;
    }
    setOwn(headers, lower, Array.isArray(value) ? value.join(',') : value);
  }
  const headerSet = (name: string) => Object.keys(headerOverrides).some((k) => k.toLowerCase() === name);
  const access = singleHeaders(headers as Record<string, string>, true);

  const cookieHeader = access.get('cookie');
  if (cookieHeader !== undefined) {
    if (!touched(o, 'cookies')) event.cookies = splitCookies(cookieHeader);
    access.delete('cookie');
  }
  if (Array.isArray(event.cookies) && event.cookies.length === 0 && !touched(o, 'cookies')) delete event.cookies;

  const rawSet = touched(o, 'rawQueryString');
  const querySet = touched(o, 'queryStringParameters');
  if (rawSet && !querySet) {
    const pairs = parseQuery(String(event.rawQueryString));
    if (pairs.length > 0) event.queryStringParameters = joinedValues(pairs);
    else delete event.queryStringParameters;
  } else if (querySet && !rawSet) {
    const query = (event.queryStringParameters ?? {}) as Record<string, string>;
    event.rawQueryString = encodeQuery(Object.entries(query));
    if (Object.keys(query).length === 0) delete event.queryStringParameters;
  }

  if (options.routes) {
    const method = String(http.method);
    const routeKey = String(event.routeKey);
    const routeSet = touched(o, 'routeKey');
    if (routeKey === '$default') {
      const given = Object.keys(overrideMap(o, 'pathParameters'));
      if (given.length > 0 && !routeSet) {
        const resource = routeFor(given);
        event.routeKey = routeKeyOf(method, resource);
        const parameters = event.pathParameters as Record<string, string>;
        event.pathParameters = Object.fromEntries(given.map((n) => [n, parameters[n] as string]));
        if (!touched(o, 'rawPath')) event.rawPath = fillResource(resource, event.pathParameters as never, random);
      } else if (!touched(o, 'pathParameters')) delete event.pathParameters;
    } else {
      const space = routeKey.indexOf(' ');
      const routeMethod = routeKey.slice(0, space);
      const resource = routeKey.slice(space + 1);
      const route = syncRoute(
        { resource, path: String(event.rawPath), pathParameters: (event.pathParameters ?? null) as never },
        o,
        { resource: 'routeKey', path: 'rawPath', pathParameters: 'pathParameters' },
        random,
      );
      event.rawPath = route.path;
      if (route.pathParameters === null) delete event.pathParameters;
      else event.pathParameters = route.pathParameters;
      if (!routeSet && (route.resource !== resource || (routeMethod !== 'ANY' && rc('http', 'method')))) {
        event.routeKey = routeKeyOf(method, route.resource);
      }
    }
  }
  if (!rc('routeKey')) context.routeKey = event.routeKey;
  if (!rc('http', 'path')) http.path = event.rawPath;
  if (rc('timeEpoch') && !rc('time')) context.time = clfTime(Number(context.timeEpoch));
  if (rc('apiId') && !rc('domainName'))
    context.domainName = options.domainFor(String(context.apiId), String(context.domainName));
  if (!rc('domainPrefix')) context.domainPrefix = String(context.domainName).split('.')[0];
  if (!headerSet('host') && access.get('host') !== undefined) access.set('host', String(context.domainName));
  if (rc('http', 'userAgent') && !headerSet('user-agent')) access.set('user-agent', String(http.userAgent));
  else if (headerSet('user-agent') && !rc('http', 'userAgent')) http.userAgent = access.get('user-agent') ?? '';
  if (rc('http', 'sourceIp') && !headerSet('x-forwarded-for') && access.get('x-forwarded-for') !== undefined) {
    access.set('x-forwarded-for', String(http.sourceIp));
  }
  finalizeBody(event, o, access, 'absent', headerSet);
}

type SingleMap = Record<string, string>;
type MultiMap = Record<string, string[]>;

/**
 * Recomputes a payload 1.0 event's derived fields after overrides (API Gateway REST, HTTP API format 1.0): header
 * and query maps mirrored (last value), resource/path/pathParameters, requestContext method, resource path,
 * path, time, domain, Host, user agent, X-Forwarded-For and the body encoding. `nullHeaders`: header maps stay
 * null when the caller gives none (console test invocations).
 */
export function finalizePayloadV1(
  event: Record<string, unknown>,
  overrides: unknown,
  random: Random,
  options: { nullHeaders: boolean },
): void {
  const o = overrides;
  const context = event.requestContext as Record<string, unknown>;
  const identity = context.identity as Record<string, unknown>;

  const [headers, multiValueHeaders] = syncMirror(
    event.headers as SingleMap | null,
    event.multiValueHeaders as MultiMap | null,
    overrideAt(o, 'headers'),
    overrideAt(o, 'multiValueHeaders'),
    options.nullHeaders,
  );
  // Console test invocations without headers send both maps as null.
  event.headers = headers ?? (options.nullHeaders ? null : {});
  event.multiValueHeaders = multiValueHeaders ?? (options.nullHeaders ? null : {});
  const access: HeaderAccess =
    event.headers === null
      ? { get: () => undefined, set: () => {}, delete: () => {} }
      : mirroredHeaders(event.headers as SingleMap, event.multiValueHeaders as MultiMap);
  const headerSet = (name: string) =>
    [overrideMap(o, 'headers'), overrideMap(o, 'multiValueHeaders')].some((m) =>
      Object.keys(m).some((k) => k.toLowerCase() === name),
    );

  const [query, multiQuery] = syncMirror(
    event.queryStringParameters as SingleMap | null,
    event.multiValueQueryStringParameters as MultiMap | null,
    overrideAt(o, 'queryStringParameters'),
    overrideAt(o, 'multiValueQueryStringParameters'),
    true,
  );
  event.queryStringParameters = query;
  event.multiValueQueryStringParameters = multiQuery;

  const route = syncRoute(
    event as { resource: string; path: string; pathParameters: Record<string, string> | null },
    o,
    { resource: 'resource', path: 'path', pathParameters: 'pathParameters' },
    random,
  );
  Object.assign(event, route);

  const rc = (...path: string[]) => touched(o, 'requestContext', ...path);
  if (!rc('httpMethod')) context.httpMethod = event.httpMethod;
  if (!rc('resourcePath')) context.resourcePath = event.resource;
  if (!rc('path'))
    context.path =
      context.stage === 'test-invoke-stage' || context.stage === '$default'
        ? event.path
        : `/${String(context.stage)}${String(event.path)}`;
  if (!rc('requestTime') && rc('requestTimeEpoch')) context.requestTime = clfTime(Number(context.requestTimeEpoch));
  if (rc('apiId') && !rc('domainName') && String(context.domainName).includes('.execute-api.')) {
    const region = String(context.domainName).split('.')[2];
    context.domainName = `${String(context.apiId)}.execute-api.${region}.amazonaws.com`;
  }
  if (!rc('domainPrefix')) context.domainPrefix = String(context.domainName).split('.')[0];
  if (!headerSet('host') && access.get('host') !== undefined) access.set('Host', String(context.domainName));
  if (rc('identity', 'userAgent') && !headerSet('user-agent')) {
    if (typeof identity.userAgent === 'string') access.set('User-Agent', identity.userAgent);
    else access.delete('User-Agent');
  } else if (headerSet('user-agent') && !rc('identity', 'userAgent')) {
    identity.userAgent = access.get('user-agent') ?? null;
  }
  const forwardedFor = access.get('x-forwarded-for');
  if (rc('identity', 'sourceIp') && !headerSet('x-forwarded-for') && forwardedFor !== undefined) {
    access.set('X-Forwarded-For', [identity.sourceIp, ...forwardedFor.split(', ').slice(1)].join(', '));
  }
  finalizeBody(event, o, access, 'null', headerSet);
}

const ROLES = ['api-client', 'ci-deployer', 'reporting', 'order-service'];

/** The IAM caller API Gateway and function URLs report for SigV4-signed requests: an assumed role, credentials from STS. */
export function iamCaller(random: Random, scope: AwsScope): Record<string, unknown> {
  const role = random.pick(ROLES);
  const session = `session-${random.digits(10)}`;
  const roleId = `AROA${random.upperAlnum(17)}`;
  return {
    accessKey: `ASIA${random.upperAlnum(16)}`,
    accountId: scope.accountId,
    callerId: `${roleId}:${session}`,
    cognitoIdentity: null,
    principalOrgId: `o-${lowerId(random, 10)}`,
    userArn: `arn:${scope.partition}:sts::${scope.accountId}:assumed-role/${role}/${session}`,
    userId: `${roleId}:${session}`,
  };
}

/** The headers a SigV4-signed request carries. */
export function sigV4Headers(random: Random, scope: AwsScope, epochMs: number, service: string): [string, string][] {
  const date = new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return [
    [
      'authorization',
      `AWS4-HMAC-SHA256 Credential=ASIA${random.upperAlnum(16)}/${date.slice(0, 8)}/${scope.region}/${service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=${random.hex(64)}`,
    ],
    ['x-amz-date', date],
    ['x-amz-security-token', `IQoJb3JpZ2luX2Vj${random.base64(200)}`],
  ];
}
