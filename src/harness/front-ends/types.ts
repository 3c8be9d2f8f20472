import type { ClientResponse, ErrorPayload } from '../ledger.ts';

/** The tier-1 HTTP sources that sit in front of a function (aws-behaviour §2). */
export type FrontEnd = 'api-gateway-rest' | 'api-gateway-http' | 'alb' | 'function-url';

/**
 * What the front-end got back from Lambda: the invocation's status and payload.
 * A `LedgerInvocation` is one; `timedOutBy` says whose clock ran out first (default `function`).
 */
export interface FrontEndResult {
  status: 'success' | 'error' | 'timeout' | 'throttled';
  response?: unknown;
  error?: ErrorPayload;
  timedOutBy?: 'function' | 'caller';
  /** The Lambda API refused the invoke (413, 429, 5xx… — the handler did not run); from `InvokeResult`. */
  invocationError?: { readonly statusCode: number };
}

/**
 * Why the front-end answered with its own error page instead of the handler's response.
 * - `error`: the handler failed (Unhandled error, payload too large…);
 * - `malformed`: the handler's response does not follow the front-end's response format;
 * - `function-timeout`: the function hit its own timeout;
 * - `caller-timeout`: the front-end stopped waiting (integration or connection timeout);
 * - `throttled`: Lambda throttled the invocation (429);
 * - `rejected`: the Lambda API refused the invocation otherwise (413 request too large, 500 service error…);
 * - `too-large`: the response exceeds the front-end's size limit.
 */
export type FailureKind =
  | 'error'
  | 'malformed'
  | 'function-timeout'
  | 'caller-timeout'
  | 'throttled'
  | 'rejected'
  | 'too-large';

/** What the HTTP client receives; `isBase64Encoded` is set only when the body is binary and kept as base64. */
export interface FrontEndClientResponse extends ClientResponse {
  readonly isBase64Encoded?: boolean;
}

/** Options every front-end accepts. */
export interface CommonFrontEndOptions {
  /** Replaces the front-end's answer for a failure kind (for AWS behaviour that is observed, not documented: docs/aws-behaviour.md). */
  failureResponses?: Partial<Record<FailureKind, ClientResponse>>;
}

/** API Gateway REST API, Lambda proxy integration (payload 1.0). */
export interface ApiGatewayRestOptions extends CommonFrontEndOptions {
  /** Integration timeout in ms; default 29 000 (above 29 s is allowed for Regional/private APIs since 2024-06). */
  integrationTimeoutMs?: number;
  /** The API's `binaryMediaTypes`; default `['*\/*']` (always decode a base64 body). */
  binaryMediaTypes?: readonly string[];
  /** The request's `Accept` header, matched against `binaryMediaTypes`; default the response's content-type. */
  accept?: string;
}

/** API Gateway HTTP API, payload format 2.0. */
export interface ApiGatewayHttpOptions extends CommonFrontEndOptions {
  /** Integration timeout in ms; default 30 000, the maximum. */
  integrationTimeoutMs?: number;
  /**
   * How a plain string result (no `statusCode`) reaches the client: `unquoted` (default), the string as the body,
   * as the HTTP API guide shows (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html);
   * `quoted`, its JSON text.
   */
  stringResult?: 'quoted' | 'unquoted';
}

/** Application Load Balancer with a Lambda target group. */
export interface AlbOptions extends CommonFrontEndOptions {
  /** Target group attribute `lambda.multi_value_headers.enabled`; default false. */
  multiValueHeaders?: boolean;
  /** Require `isBase64Encoded` and `headers` as the ALB docs state; default true (false: only `statusCode`). */
  strictResponse?: boolean;
}

/** Lambda function URL, `BUFFERED` invoke mode. */
export interface FunctionUrlOptions extends CommonFrontEndOptions {
  /**
   * How a plain string result (no `statusCode`) reaches the client: `quoted` (default), its JSON text, as the
   * function URL guide's example shows (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html);
   * `unquoted`, the string as the body.
   */
  stringResult?: 'quoted' | 'unquoted';
}

/** The options of any front-end; each one reads only its own. */
export type FrontEndOptions = ApiGatewayRestOptions & ApiGatewayHttpOptions & AlbOptions & FunctionUrlOptions;
