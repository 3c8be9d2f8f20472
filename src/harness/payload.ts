import type { ErrorPayload } from './ledger.ts';

/** Sync request limit: 6 MB (SEMANTICS §1.1, §6). */
export const SYNC_REQUEST_LIMIT = 6 * 1024 * 1024;
/** Sync response limit as AWS enforces it: 6 MB plus 100 bytes (docs/decisions/harness-payload-limits.md). */
export const SYNC_RESPONSE_LIMIT = 6 * 1024 * 1024 + 100;
/** Async request limit since Oct 2025: 1 MB; 256 KB before (SEMANTICS §3.1). */
export const ASYNC_REQUEST_LIMIT = 1024 * 1024;
export const LEGACY_ASYNC_REQUEST_LIMIT = 256 * 1024;

/** An error of the Invoke API itself (4xx/5xx), as opposed to a function error (SEMANTICS §1.1). */
export interface InvocationError {
  readonly statusCode: number;
  readonly errorType: string;
  readonly message: string;
  readonly reason?: string;
}

/** The payload AWS returns for a thrown value (SEMANTICS §1.2). */
export function errorPayload(value: unknown): ErrorPayload {
  if (value instanceof Error) {
    // Formatting a stack is the costliest step of a failed attempt: the trace is computed on first read.
    let trace: readonly string[] | undefined;
    return {
      errorType: value.name,
      errorMessage: value.message,
      get trace(): readonly string[] {
        trace ??= typeof value.stack === 'string' ? value.stack.split('\n') : [];
        return trace;
      },
      set trace(lines: readonly string[]) {
        trace = lines;
      },
    };
  }
  return { errorType: typeof value, errorMessage: String(value), trace: [] };
}

/** The timeout payload, current (`Sandbox.Timedout`) or legacy (typeless) form (SEMANTICS §1.2). */
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

/** RequestTooLargeException (413) for a payload over `limit` (SEMANTICS §1.1). */
export function requestTooLarge(limit: number): InvocationError {
  return {
    statusCode: 413,
    errorType: 'RequestTooLargeException',
    message: `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  };
}

/** The first `bytes` bytes of `text` in UTF-8, never cutting a character (DLQ `ErrorMessage`, SEMANTICS §3.3). */
export function truncateUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  while (end > 0 && ((buf[end] as number) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}
