import { types } from 'node:util';
import type { ErrorPayload } from './ledger.ts';

/** Sync request limit: 6 MB (aws-behaviour §1.1, §6). */
export const SYNC_REQUEST_LIMIT = 6 * 1024 * 1024;
/** Sync response limit as AWS enforces it: 6 MB plus 100 bytes (docs/decisions/harness-payload-limits.md). */
export const SYNC_RESPONSE_LIMIT = 6 * 1024 * 1024 + 100;
/** Async request limit since Oct 2025: 1 MB; 256 KB before (aws-behaviour §3.1). */
export const ASYNC_REQUEST_LIMIT = 1024 * 1024;
export const LEGACY_ASYNC_REQUEST_LIMIT = 256 * 1024;

/** An error of the Invoke API itself (4xx/5xx), as opposed to a function error (aws-behaviour §1.1). */
export interface InvocationError {
  readonly statusCode: number;
  readonly errorType: string;
  readonly message: string;
  readonly reason?: string;
}

/** Where an error payload keeps its stack text and, once split, its trace (non-enumerable, invisible to JSON). */
const TRACE_STATE: unique symbol = Symbol('lambda-harness trace');
interface TraceState {
  stack: string;
  trace: readonly string[] | undefined;
}
type LazyPayload = ErrorPayload & { [TRACE_STATE]: TraceState };

// The stack text is read when the error settles (a later `stack` write or a throwing getter cannot change or break
// an earlier payload); only splitting it into lines waits for the first read. One accessor pair is shared by every
// payload: an object literal with `get trace()` allocated two closures per failed attempt.
const TRACE_ACCESSOR: PropertyDescriptor = {
  get(this: LazyPayload): readonly string[] {
    const state = this[TRACE_STATE];
    state.trace ??= state.stack.split('\n');
    return state.trace;
  },
  set(this: LazyPayload, lines: readonly string[]) {
    this[TRACE_STATE].trace = lines;
  },
  enumerable: true,
  configurable: true,
};

/** What the runtime reports when reading a thrown value's name, message or stack throws (RIC `toRapidResponse`). */
export const UNREADABLE_ERROR: ErrorPayload = Object.freeze({
  errorType: 'handled',
  errorMessage:
    'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
});

function isErrorLike(value: unknown): value is { name: string; message: string; stack: unknown } {
  if (types.isNativeError(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; message?: unknown; stack?: unknown };
  return (
    typeof v.name === 'string' &&
    v.name !== '' &&
    typeof v.message === 'string' &&
    v.message !== '' &&
    typeof v.stack === 'string' &&
    v.stack !== ''
  );
}

/**
 * The payload AWS returns for a thrown value (aws-behaviour §1.2), read now: never throws, whatever the value
 * (`Object.create(null)`, a revoked Proxy, throwing getters all give the runtime's fallback payload).
 */
export function errorPayload(value: unknown): ErrorPayload {
  try {
    if (isErrorLike(value)) {
      const errorType = String(value.name);
      const errorMessage = String(value.message);
      const stack = value.stack;
      if (typeof stack !== 'string') return { errorType, errorMessage, trace: [] };
      const payload = { errorType, errorMessage };
      Object.defineProperty(payload, 'trace', TRACE_ACCESSOR);
      Object.defineProperty(payload, TRACE_STATE, { value: { stack, trace: undefined } satisfies TraceState });
      return payload;
    }
    return { errorType: typeof value, errorMessage: String(value), trace: [] };
  } catch {
    return { ...UNREADABLE_ERROR };
  }
}

/** The timeout payload, current (`Sandbox.Timedout`) or legacy (typeless) form (aws-behaviour §1.2). */
export function timeoutPayload(
  form: 'current' | 'legacy',
  requestId: string,
  timeoutMs: number,
  elapsedMs: number,
): ErrorPayload {
  if (form === 'legacy') {
    return {
      errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds`,
    };
  }
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  };
}

/** The UTF-8 size of a string, computed only when it could exceed `limit`. */
export function exceeds(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  const size = Buffer.byteLength(text, 'utf8');
  return size > limit ? size : undefined;
}

/** RequestTooLargeException (413) for a payload over `limit` (aws-behaviour §1.1). */
export function requestTooLarge(limit: number): InvocationError {
  return {
    statusCode: 413,
    errorType: 'RequestTooLargeException',
    message: `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  };
}

/** The first `bytes` bytes of `text` in UTF-8, never cutting a character (DLQ `ErrorMessage`, aws-behaviour §3.3). */
export function truncateUtf8(text: string, bytes: number): string {
  if (text.length * 3 <= bytes) return text; // a UTF-16 unit is at most 3 UTF-8 bytes
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  while (end > 0 && ((buf[end] as number) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** `copyJson` could not prove the value is plain JSON data within the size bound: use a real JSON round trip. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON data');
/** A property or element JSON.stringify omits (object) or writes as `null` (array). */
const OMIT: unique symbol = Symbol('omitted by JSON');
const OBJECT_PROTO = Object.prototype;
const MAX_DEPTH = 256;
let budget = 0;
let depth = 0;

/**
 * `JSON.parse(JSON.stringify(value))` without the text, for plain data: objects with `Object.prototype` or `null`
 * prototype, arrays, strings, numbers, booleans and `null` (undefined/functions/symbols are dropped or become
 * `null`, non-finite numbers become `null`, `-0` becomes `0`, exactly as the round trip does). Returns `NOT_PLAIN`
 * for anything else (toJSON, class instances, Dates, BigInt, `__proto__` keys, cycles, very deep values) or when the
 * JSON text could exceed `maxBytes` UTF-8 bytes (a cheap upper bound: 6 bytes per UTF-16 unit), so the caller falls
 * back to the real round trip and its exact size and error messages. `undefined` means JSON.stringify would
 * return `undefined`. Errors thrown by getters or proxy traps propagate, as they do from JSON.stringify.
 * A JSON round trip of small values costs ~1 µs; this costs ~0.1 µs.
 */
export function copyJson(value: unknown, maxBytes: number): unknown {
  // Getters may run user code that copies too (a nested invoke): keep the outer walk's state.
  const outerBudget = budget;
  const outerDepth = depth;
  budget = maxBytes;
  depth = 0;
  try {
    const copy = copyValue(value);
    return copy === OMIT ? undefined : copy;
  } finally {
    budget = outerBudget;
    depth = outerDepth;
  }
}

function copyValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      budget -= 6 * value.length + 3;
      return budget < 0 ? NOT_PLAIN : value;
    case 'number':
      budget -= 25;
      if (budget < 0) return NOT_PLAIN;
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'boolean':
      budget -= 6;
      return budget < 0 ? NOT_PLAIN : value;
    case 'object':
      if (value === null) {
        budget -= 5;
        return budget < 0 ? NOT_PLAIN : null;
      }
      return copyObject(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMIT;
    default:
      return NOT_PLAIN;
  }
}

function copyObject(value: object): unknown {
  if (++depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  budget -= 2;
  if (Array.isArray(value)) {
    const n = value.length;
    budget -= n;
    if (budget < 0) return NOT_PLAIN;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = copyValue(value[i]);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      if (c === OMIT) {
        budget -= 5;
        out[i] = null;
      } else out[i] = c;
    }
    depth--;
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== OBJECT_PROTO && proto !== null) return NOT_PLAIN;
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '__proto__') return NOT_PLAIN;
    const c = copyValue((value as Record<string, unknown>)[key]);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    if (c === OMIT) continue;
    budget -= 6 * key.length + 4;
    if (budget < 0) return NOT_PLAIN;
    out[key] = c;
  }
  depth--;
  return out;
}
