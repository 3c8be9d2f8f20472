import { checkOptions, defineOptions, type OptionSet } from '../options.ts';
import { checkOneOf, describeValue, ScenarioError } from '../errors.ts';
import { albResponse } from './alb.ts';
import { API_GATEWAY_HTTP_TIMEOUT_MS, apiGatewayHttpResponse } from './api-gateway-http.ts';
import { API_GATEWAY_REST_TIMEOUT_MS, apiGatewayRestResponse } from './api-gateway-rest.ts';
import { functionUrlResponse } from './function-url.ts';
import type {
  AlbOptions,
  ApiGatewayHttpOptions,
  ApiGatewayRestOptions,
  FrontEnd,
  FrontEndClientResponse,
  FrontEndOptions,
  FrontEndResult,
  FunctionUrlOptions,
} from './types.ts';

export { ALB_BODY_LIMIT_BYTES, albResponse } from './alb.ts';
export { API_GATEWAY_HTTP_TIMEOUT_MS, apiGatewayHttpResponse } from './api-gateway-http.ts';
export { API_GATEWAY_REST_TIMEOUT_MS, apiGatewayRestResponse } from './api-gateway-rest.ts';
export { functionUrlResponse } from './function-url.ts';
export type {
  AlbOptions,
  ApiGatewayHttpOptions,
  ApiGatewayRestOptions,
  CommonFrontEndOptions,
  FailureKind,
  FrontEnd,
  FrontEndClientResponse,
  FrontEndOptions,
  FrontEndResult,
  FunctionUrlOptions,
} from './types.ts';

/** Every front-end, in aws-behaviour §2 order. */
export const FRONT_ENDS: readonly FrontEnd[] = ['api-gateway-rest', 'api-gateway-http', 'alb', 'function-url'];

/**
 * What the HTTP client sees when a front-end gets `result` from Lambda (aws-behaviour §2).
 * A `LedgerInvocation` is a valid `result`; add `timedOutBy: 'caller'` when the front-end's own timeout fired.
 * @example
 * toClientResponse('api-gateway-rest', { status: 'timeout', timedOutBy: 'caller' });
 * // { statusCode: 504, headers: { 'content-type': 'application/json', … }, body: '{"message": "Endpoint request timed out"}' }
 */
export function toClientResponse(
  frontEnd: 'api-gateway-rest',
  result: FrontEndResult,
  options?: ApiGatewayRestOptions,
): FrontEndClientResponse;
export function toClientResponse(
  frontEnd: 'api-gateway-http',
  result: FrontEndResult,
  options?: ApiGatewayHttpOptions,
): FrontEndClientResponse;
export function toClientResponse(frontEnd: 'alb', result: FrontEndResult, options?: AlbOptions): FrontEndClientResponse;
export function toClientResponse(
  frontEnd: 'function-url',
  result: FrontEndResult,
  options?: FunctionUrlOptions,
): FrontEndClientResponse;
export function toClientResponse(
  frontEnd: FrontEnd,
  result: FrontEndResult,
  options?: FrontEndOptions,
): FrontEndClientResponse;
export function toClientResponse(
  frontEnd: FrontEnd,
  result: FrontEndResult,
  options?: FrontEndOptions,
): FrontEndClientResponse {
  checkFrontEndOptions(frontEnd, options);
  switch (frontEnd) {
    case 'api-gateway-rest':
      return apiGatewayRestResponse(result, options);
    case 'api-gateway-http':
      return apiGatewayHttpResponse(result, options);
    case 'alb':
      return albResponse(result, options);
    case 'function-url':
      return functionUrlResponse(result, options);
    default:
      throw unknownFrontEnd(frontEnd);
  }
}

const COMMON_OPTIONS = defineOptions(['failureResponses']);
const FRONT_END_OPTIONS: Record<FrontEnd, OptionSet> = {
  'api-gateway-rest': defineOptions(
    ['integrationTimeoutMs', 'binaryMediaTypes', 'accept'],
    {
      contentHandling:
        'integration content handling is not simulated; use binaryMediaTypes (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html)',
    },
    COMMON_OPTIONS,
  ),
  'api-gateway-http': defineOptions(
    ['integrationTimeoutMs', 'stringResult'],
    {
      payloadFormatVersion:
        'only payload format 2.0 is simulated (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html)',
    },
    COMMON_OPTIONS,
  ),
  alb: defineOptions(['multiValueHeaders', 'strictResponse'], {}, COMMON_OPTIONS),
  'function-url': defineOptions(
    ['stringResult'],
    {
      invokeMode:
        'only BUFFERED is simulated; RESPONSE_STREAM is not (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html)',
    },
    COMMON_OPTIONS,
  ),
};

/**
 * Checks `options` against what `frontEnd` reads: an unknown key is an error naming the known ones, an AWS setting
 * the harness does not simulate raises UnsimulatedSettingError. `prefix` names where they sit (`frontEnd.`).
 * @example
 * checkFrontEndOptions('alb', { multiValueHeaders: true });
 */
export function checkFrontEndOptions(frontEnd: FrontEnd, options: unknown, prefix = ''): void {
  const set = FRONT_END_OPTIONS[frontEnd];
  if (set === undefined) throw unknownFrontEnd(frontEnd as never);
  checkOptions(set, options, prefix);
}

/**
 * The front-end's own timeout in ms: REST 29 s (configurable), HTTP API 30 s; `undefined` for ALB and function
 * URLs, where only the function's timeout applies (aws-behaviour §2).
 * @example
 * integrationTimeoutMs('api-gateway-rest', { integrationTimeoutMs: 10_000 }); // 10000
 */
export function integrationTimeoutMs(
  frontEnd: FrontEnd,
  options?: Pick<FrontEndOptions, 'integrationTimeoutMs'>,
): number | undefined {
  switch (frontEnd) {
    case 'api-gateway-rest':
      return checkTimeout(options?.integrationTimeoutMs ?? API_GATEWAY_REST_TIMEOUT_MS, Number.POSITIVE_INFINITY);
    case 'api-gateway-http':
      return checkTimeout(options?.integrationTimeoutMs ?? API_GATEWAY_HTTP_TIMEOUT_MS, API_GATEWAY_HTTP_TIMEOUT_MS);
    case 'alb':
    case 'function-url':
      return undefined;
    default:
      throw unknownFrontEnd(frontEnd);
  }
}

/**
 * Whose clock runs out first: the invocation should be raced against `timeoutMs`, and a timeout reported with
 * `timedOutBy`. The front-end wins only when its timeout is strictly shorter than the function's.
 * @example
 * frontEndDeadline('api-gateway-rest', 60_000); // { timeoutMs: 29000, timedOutBy: 'caller' }
 */
export function frontEndDeadline(
  frontEnd: FrontEnd,
  functionTimeoutMs: number,
  options?: Pick<FrontEndOptions, 'integrationTimeoutMs'>,
): { timeoutMs: number; timedOutBy: 'function' | 'caller' } {
  const caller = integrationTimeoutMs(frontEnd, options);
  return caller !== undefined && caller < functionTimeoutMs
    ? { timeoutMs: caller, timedOutBy: 'caller' }
    : { timeoutMs: functionTimeoutMs, timedOutBy: 'function' };
}

/**
 * The exact bytes the client received, whether the body was decoded to text or kept as base64.
 * @example
 * clientBodyBytes(toClientResponse('alb', result)); // Uint8Array
 */
export function clientBodyBytes(response: FrontEndClientResponse): Uint8Array {
  return new Uint8Array(Buffer.from(response.body, response.isBase64Encoded ? 'base64' : 'utf8'));
}

// API Gateway accepts integration timeouts from 50 ms (aws-behaviour §2).
function checkTimeout(ms: number, max: number): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 50 || ms > max) {
    const range = max === Number.POSITIVE_INFINITY ? 'at least 50' : `50–${max}`;
    throw new ScenarioError('integrationTimeoutMs', `expected ${range} ms, received ${describeValue(ms)}`);
  }
  return ms;
}

function unknownFrontEnd(frontEnd: never): ScenarioError {
  checkOneOf('frontEnd', frontEnd, FRONT_ENDS);
  return new ScenarioError('frontEnd', `unknown front-end ${describeValue(frontEnd)}`);
}
