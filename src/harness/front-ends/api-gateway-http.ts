import type { ClientResponse } from '../ledger.ts';
import { failure, failureKindOf, LAMBDA_SYNC_RESPONSE_LIMIT_BYTES, lambdaPayload } from './http-response.ts';
import { readPayloadV2 } from './payload-v2.ts';
import type { ApiGatewayHttpOptions, FailureKind, FrontEndClientResponse, FrontEndResult } from './types.ts';

/** HTTP API integration timeout (aws-behaviour §2): 30 s, also the maximum. */
export const API_GATEWAY_HTTP_TIMEOUT_MS = 30_000;

const json = (statusCode: number, message: string): ClientResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: `{"message":"${message}"}`,
});

// Statuses are "Obs." in aws-behaviour §2; see docs/decisions/front-ends-http-api-statuses.md.
const FAILURES: Record<FailureKind, ClientResponse> = {
  error: json(500, 'Internal Server Error'),
  malformed: json(500, 'Internal Server Error'),
  'function-timeout': json(500, 'Internal Server Error'),
  'caller-timeout': json(503, 'Service Unavailable'),
  throttled: json(500, 'Internal Server Error'),
  rejected: json(500, 'Internal Server Error'),
  'too-large': json(500, 'Internal Server Error'),
};

/**
 * What a client of an API Gateway HTTP API (payload format 2.0) receives (aws-behaviour §2).
 * @example
 * apiGatewayHttpResponse({ status: 'success', response: { ok: true } }).body; // '{"ok":true}'
 */
export function apiGatewayHttpResponse(
  result: FrontEndResult,
  options?: ApiGatewayHttpOptions,
): FrontEndClientResponse {
  const kind = failureKindOf(result);
  if (kind) return failure(kind, FAILURES, options);
  const payload = lambdaPayload(result.response);
  if (!payload) return failure('error', FAILURES, options);
  if (payload.bytes > LAMBDA_SYNC_RESPONSE_LIMIT_BYTES) return failure('too-large', FAILURES, options);
  return readPayloadV2(payload.value, options?.stringResult ?? 'unquoted') ?? failure('malformed', FAILURES, options);
}
