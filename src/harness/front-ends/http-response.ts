import type { ClientResponse } from '../ledger.ts';
import type { CommonFrontEndOptions, FailureKind, FrontEndClientResponse } from './types.ts';

/** Lambda's synchronous response payload limit (aws-behaviour §6): 6 MB. */
export const LAMBDA_SYNC_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

/** Response headers by lowercased name, every value kept in order. */
export type HeaderList = Map<string, string[]>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStatusCode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** AWS's JSON readers turn scalars into header strings; anything else makes the response malformed. */
export function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function addHeader(list: HeaderList, name: string, value: string): void {
  const key = name.toLowerCase();
  const values = list.get(key);
  if (values) values.push(value);
  else list.set(key, [value]);
}

/** Reads a `{name: scalar}` map into `list` (`replace`: a later name that differs only in case wins); false when malformed. */
export function readHeaders(value: unknown, list: HeaderList, mode: 'append' | 'replace'): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const [name, raw] of Object.entries(value)) {
    const text = headerValue(raw);
    if (text === undefined) return false;
    if (mode === 'replace') list.set(name.toLowerCase(), [text]);
    else addHeader(list, name, text);
  }
  return true;
}

/** Reads a `{name: scalar[]}` map into `list`; false when malformed. */
export function readMultiValueHeaders(value: unknown, list: HeaderList): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const [name, raw] of Object.entries(value)) {
    if (!Array.isArray(raw)) return false;
    for (const item of raw) {
      const text = headerValue(item);
      if (text === undefined) return false;
      addHeader(list, name, text);
    }
  }
  return true;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The payload Lambda hands to the front-end: the handler's result after the runtime's `JSON.stringify`
 * (`undefined` values dropped, `toJSON` applied); `undefined` when it cannot be serialized.
 */
export function lambdaPayload(response: unknown): { value: unknown; bytes: number } | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(response);
  } catch {
    return undefined;
  }
  text ??= 'null';
  return { value: JSON.parse(text), bytes: byteLength(text) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Builds the client's view. A base64 body is decoded; when the bytes are not UTF-8 text the body stays base64
 * and `isBase64Encoded` is set, so binary survives JSON (see docs/front-ends.md).
 */
export function clientResponse(
  statusCode: number,
  headers: HeaderList,
  body: string,
  options: { base64?: boolean; cookies?: string[] } = {},
): FrontEndClientResponse {
  // fromEntries defines own properties, so even a header named `__proto__` stays a header.
  const entries = [...headers];
  const flat: Record<string, string> = Object.fromEntries(entries.map(([name, values]) => [name, values.join(', ')]));
  const hasMulti = entries.some(([, values]) => values.length > 1);
  const multi = hasMulti ? Object.fromEntries(entries.map(([name, values]) => [name, [...values]])) : undefined;
  let text = body;
  let binary = false;
  if (options.base64) {
    const bytes = Buffer.from(body, 'base64');
    try {
      text = utf8.decode(bytes);
    } catch {
      text = bytes.toString('base64');
      binary = true;
    }
  }
  return {
    statusCode,
    headers: flat,
    body: text,
    ...(multi ? { multiValueHeaders: multi } : {}),
    ...(options.cookies ? { cookies: [...options.cookies] } : {}),
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}

/** The front-end's own answer for a failure, unless the caller replaced it. */
export function failure(
  kind: FailureKind,
  defaults: Record<FailureKind, ClientResponse>,
  options: CommonFrontEndOptions | undefined,
): FrontEndClientResponse {
  const chosen = options?.failureResponses?.[kind] ?? defaults[kind];
  return {
    ...chosen,
    headers: { ...chosen.headers },
    ...(chosen.multiValueHeaders ? { multiValueHeaders: structuredClone(chosen.multiValueHeaders) } : {}),
    ...(chosen.cookies ? { cookies: [...chosen.cookies] } : {}),
  };
}

/** Maps a non-success invocation to its failure kind; `undefined` for success. */
export function failureKindOf(result: {
  status: string;
  timedOutBy?: 'function' | 'caller';
  invocationError?: { readonly statusCode: number };
}): FailureKind | undefined {
  if (result.status !== 'throttled' && result.invocationError !== undefined) return 'rejected';
  switch (result.status) {
    case 'success':
      return undefined;
    case 'timeout':
      return result.timedOutBy === 'caller' ? 'caller-timeout' : 'function-timeout';
    case 'throttled':
      return 'throttled';
    default:
      return 'error';
  }
}
