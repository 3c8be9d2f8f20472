import type { ClientResponse } from '../ledger.ts';
import {
  clientResponse,
  failure,
  failureKindOf,
  type HeaderList,
  isRecord,
  isStatusCode,
  LAMBDA_SYNC_RESPONSE_LIMIT_BYTES,
  lambdaPayload,
  readHeaders,
  readMultiValueHeaders,
} from './http-response.ts';
import type { ApiGatewayRestOptions, FailureKind, FrontEndClientResponse, FrontEndResult } from './types.ts';

/** REST API integration timeout default (aws-behaviour §2): 29 s. */
export const API_GATEWAY_REST_TIMEOUT_MS = 29_000;

const PROXY_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

// Gateway responses carry x-amzn-ErrorType; see docs/decisions/front-ends-api-gateway-rest.md.
function gatewayError(statusCode: number, message: string): ClientResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerErrorException' },
    body: `{"message": "${message}"}`,
  };
}

const FAILURES: Record<FailureKind, ClientResponse> = {
  error: gatewayError(502, 'Internal server error'),
  malformed: gatewayError(502, 'Internal server error'),
  'function-timeout': gatewayError(502, 'Internal server error'),
  'caller-timeout': gatewayError(504, 'Endpoint request timed out'),
  throttled: gatewayError(500, 'Internal server error'),
  rejected: gatewayError(500, 'Internal server error'),
  'too-large': gatewayError(502, 'Internal server error'),
};

function mediaType(value: string): string {
  return (value.split(',')[0] ?? '').split(';')[0]!.trim().toLowerCase();
}

function matchesBinaryMediaType(type: string, binaryMediaTypes: readonly string[]): boolean {
  return binaryMediaTypes.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === '*/*' || p === type) return true;
    return p.endsWith('/*') && type.startsWith(p.slice(0, -1));
  });
}

/**
 * What a client of an API Gateway REST API (Lambda proxy, payload 1.0) receives (aws-behaviour §2).
 * @example
 * apiGatewayRestResponse({ status: 'error', error: { errorMessage: 'boom' } }).statusCode; // 502
 */
export function apiGatewayRestResponse(
  result: FrontEndResult,
  options?: ApiGatewayRestOptions,
): FrontEndClientResponse {
  const kind = failureKindOf(result);
  if (kind) return failure(kind, FAILURES, options);
  const payload = lambdaPayload(result.response);
  if (!payload) return failure('error', FAILURES, options);
  if (payload.bytes > LAMBDA_SYNC_RESPONSE_LIMIT_BYTES) return failure('too-large', FAILURES, options);
  const response = payload.value;
  if (!isRecord(response) || !isStatusCode(response.statusCode)) return failure('malformed', FAILURES, options);
  if (Object.keys(response).some((key) => !PROXY_KEYS.has(key))) return failure('malformed', FAILURES, options);
  const { body, isBase64Encoded } = response;
  if (body !== undefined && body !== null && typeof body !== 'string') return failure('malformed', FAILURES, options);
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return failure('malformed', FAILURES, options);
  }

  // Both maps merge; a name present in both keeps only its multiValueHeaders values (AWS proxy docs).
  const multi: HeaderList = new Map();
  if (!readMultiValueHeaders(response.multiValueHeaders, multi)) return failure('malformed', FAILURES, options);
  const single: HeaderList = new Map();
  if (!readHeaders(response.headers, single, 'append')) return failure('malformed', FAILURES, options);
  const headers: HeaderList = new Map(single);
  for (const [name, values] of multi) headers.set(name, values);

  let decode = isBase64Encoded === true;
  if (decode) {
    const accept = options?.accept ?? headers.get('content-type')?.[0] ?? '';
    decode = matchesBinaryMediaType(mediaType(accept), options?.binaryMediaTypes ?? ['*/*']);
  }
  return clientResponse(response.statusCode, headers, body ?? '', { base64: decode });
}
