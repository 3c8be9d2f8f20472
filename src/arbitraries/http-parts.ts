import fc from 'fast-check';
import { encodePathSegment } from '../core/http-request.ts';
import type { ArbitraryOptions } from './define-arbitrary.ts';
import { jsonValue, nastyString } from './define-arbitrary.ts';

/** Options of the HTTP sources' arbitraries: the builder's, plus the request parts a handler interprets. */
export interface HttpArbitraryOptions<V extends string, O> extends ArbitraryOptions<V, O> {
  /** Request body, decoded: a string as is, bytes base64-encoded, other values JSON. Default: realistic (edge: nasty, binary, empty, ~1 MB). */
  body?: fc.Arbitrary<unknown>;
  /** Headers added to the generated ones. Default: none (edge: odd names and values). */
  headers?: fc.Arbitrary<Record<string, string>>;
  /** Query parameters, decoded; an array repeats the name. Default: realistic (edge: unicode, `+`, `%`, repeats, empty). */
  query?: fc.Arbitrary<Record<string, string | string[]>>;
  /** Request path as sent (percent-encoded, starting with `/`). Default: the route's (edge: unicode, `+`, `%`). */
  path?: fc.Arbitrary<string>;
}

/** The largest edge body: ALB's 1 MB request body limit is the tightest of the four sources. */
export const MAX_EDGE_BODY = 1_000_000;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/** Headers the event derives from its own fields (Host, sizes, client): left to the builder. */
const DERIVED_HEADERS = new Set(['host', 'content-length', 'user-agent', 'x-forwarded-for', 'cookie']);

const key = (maxLength: number) =>
  nastyString({ minLength: 1, maxLength }).filter((k) => !FORBIDDEN.has(k) && !k.includes('&') && !k.includes('='));

export function edgeBody(): fc.Arbitrary<unknown> {
  return fc.oneof(
    nastyString(),
    jsonValue({ maxDepth: 3 }),
    fc.uint8Array({ minLength: 0, maxLength: 512 }),
    fc.constant(''),
    fc.constant(null),
    fc.constant('x'.repeat(MAX_EDGE_BODY)),
    fc.constant(Buffer.alloc(256 * 1024, 0xff)),
  );
}

const headerName = () =>
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,19}$/).filter((n) => !DERIVED_HEADERS.has(n.toLowerCase()));
const headerValue = () => fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,38}[\x21-\x7e])?$/);

export function edgeHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(headerName(), headerValue(), { maxKeys: 5 });
}

/** Repeated headers, for the sources that carry multi-value header maps (API Gateway REST, ALB). */
export function edgeMultiValueHeaders(): fc.Arbitrary<Record<string, string[]>> {
  return fc.dictionary(headerName(), fc.array(headerValue(), { minLength: 1, maxLength: 3 }), { maxKeys: 3 });
}

export function edgeQuery(): fc.Arbitrary<Record<string, string | string[]>> {
  return fc.dictionary(
    key(12),
    fc.oneof(nastyString({ maxLength: 20 }), fc.array(nastyString({ maxLength: 12 }), { minLength: 1, maxLength: 3 })),
    {
      maxKeys: 4,
    },
  );
}

export function edgePath(): fc.Arbitrary<string> {
  return fc
    .array(nastyString({ minLength: 1, maxLength: 16 }), { minLength: 0, maxLength: 4 })
    .map((segments) => `/${segments.map(encodePathSegment).join('/')}`);
}

/** The parts of one generated request, each present only when its arbitrary (option or edge default) is. */
export interface HttpParts {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  path?: string;
}

export function httpParts<V extends string, O>(
  options: HttpArbitraryOptions<V, O>,
  edge: boolean,
): fc.Arbitrary<HttpParts> {
  const body = options.body ?? (edge ? edgeBody() : undefined);
  const headers = options.headers ?? (edge ? edgeHeaders() : undefined);
  const query = options.query ?? (edge ? edgeQuery() : undefined);
  const path = options.path ?? (edge ? edgePath() : undefined);
  return fc.record(
    {
      ...(body ? { body } : {}),
      ...(headers ? { headers } : {}),
      ...(query ? { query } : {}),
      ...(path ? { path } : {}),
    },
    { requiredKeys: (['body', 'headers', 'query', 'path'] as const).filter((k) => options[k] !== undefined) },
  ) as fc.Arbitrary<HttpParts>;
}
