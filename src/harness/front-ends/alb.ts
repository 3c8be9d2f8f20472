import type { ClientResponse } from '../ledger.ts';
import {
  clientResponse,
  failure,
  failureKindOf,
  type HeaderList,
  isRecord,
  isStatusCode,
  lambdaPayload,
  readHeaders,
  readMultiValueHeaders,
} from './http-response.ts';
import type { AlbOptions, FailureKind, FrontEndClientResponse, FrontEndResult } from './types.ts';

/**
 * ALB's Lambda limit, each way: 1 MB for the request body and for the whole response JSON the function returns
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html).
 */
export const ALB_BODY_LIMIT_BYTES = 1024 * 1024;

// ALB's own error page; see docs/decisions/front-ends-alb.md.
function errorPage(statusCode: number, title: string): ClientResponse {
  const line = `${statusCode} ${title}`;
  return {
    statusCode,
    headers: { server: 'awselb/2.0', 'content-type': 'text/html' },
    body: `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}

const BAD_GATEWAY = errorPage(502, 'Bad Gateway');
const FAILURES: Record<FailureKind, ClientResponse> = {
  error: BAD_GATEWAY,
  malformed: BAD_GATEWAY,
  'function-timeout': BAD_GATEWAY,
  'caller-timeout': errorPage(504, 'Gateway Time-out'),
  throttled: BAD_GATEWAY,
  rejected: BAD_GATEWAY,
  'too-large': BAD_GATEWAY,
};

/**
 * What a client of an Application Load Balancer with a Lambda target receives (aws-behaviour §2).
 * @example
 * albResponse({ status: 'success', response: { statusCode: 200, isBase64Encoded: false, headers: {} } }).statusCode; // 200
 */
export function albResponse(result: FrontEndResult, options?: AlbOptions): FrontEndClientResponse {
  const kind = failureKindOf(result);
  if (kind) return failure(kind, FAILURES, options);
  const payload = lambdaPayload(result.response);
  if (!payload) return failure('error', FAILURES, options);
  // The whole response JSON counts toward ALB's 1 MB, not just `body` (aws-behaviour §2).
  if (payload.bytes > ALB_BODY_LIMIT_BYTES) return failure('too-large', FAILURES, options);
  const response = payload.value;
  const multiValue = options?.multiValueHeaders ?? false;
  const strict = options?.strictResponse ?? true;
  if (!isRecord(response) || !isStatusCode(response.statusCode)) return failure('malformed', FAILURES, options);
  const { body, isBase64Encoded } = response;
  if (body !== undefined && body !== null && typeof body !== 'string') return failure('malformed', FAILURES, options);
  const headerField = multiValue ? response.multiValueHeaders : response.headers;
  const base64Ok = typeof isBase64Encoded === 'boolean' || (!strict && isBase64Encoded == null);
  if (!base64Ok || (strict && !isRecord(headerField))) return failure('malformed', FAILURES, options);

  // The target group's multi-value setting picks which map ALB reads; without it the last duplicate wins.
  const headers: HeaderList = new Map();
  const ok = multiValue ? readMultiValueHeaders(headerField, headers) : readHeaders(headerField, headers, 'replace');
  if (!ok) return failure('malformed', FAILURES, options);
  return clientResponse(response.statusCode, headers, body ?? '', { base64: isBase64Encoded === true });
}
