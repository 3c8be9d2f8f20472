import type { ClientResponse } from '../ledger.ts';
import { failure, failureKindOf, LAMBDA_SYNC_RESPONSE_LIMIT_BYTES, lambdaPayload } from './http-response.ts';
import { readPayloadV2 } from './payload-v2.ts';
import type { FailureKind, FrontEndClientResponse, FrontEndResult, FunctionUrlOptions } from './types.ts';

const badGateway: ClientResponse = { statusCode: 502, headers: {}, body: 'Internal Server Error' };

// Inferred, not documented by AWS; see docs/decisions/front-ends-function-url.md.
const FAILURES: Record<FailureKind, ClientResponse> = {
  error: badGateway,
  malformed: badGateway,
  'function-timeout': badGateway,
  'caller-timeout': badGateway,
  throttled: {
    statusCode: 429,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
    body: '{"message":"Rate Exceeded."}',
  },
  rejected: badGateway,
  'too-large': badGateway,
};

/**
 * What a client of a Lambda function URL (`BUFFERED`, payload 2.0) receives (aws-behaviour §2).
 * @example
 * functionUrlResponse({ status: 'timeout' }).statusCode; // 502
 */
export function functionUrlResponse(result: FrontEndResult, options?: FunctionUrlOptions): FrontEndClientResponse {
  const kind = failureKindOf(result);
  if (kind) return failure(kind, FAILURES, options);
  const payload = lambdaPayload(result.response);
  if (!payload) return failure('error', FAILURES, options);
  if (payload.bytes > LAMBDA_SYNC_RESPONSE_LIMIT_BYTES) return failure('too-large', FAILURES, options);
  return readPayloadV2(payload.value, options?.stringResult ?? 'quoted') ?? failure('malformed', FAILURES, options);
}
