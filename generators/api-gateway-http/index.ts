import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type {
  ApiGatewayHttpEvent,
  ApiGatewayHttpIamCaller,
  ApiGatewayHttpRequestContext,
  ApiGatewayHttpV1Event,
} from './types.gen.ts';

export type {
  ApiGatewayHttpAuthorizer,
  ApiGatewayHttpClientCertificate,
  ApiGatewayHttpEvent,
  ApiGatewayHttpIamCaller,
  ApiGatewayHttpPayload,
  ApiGatewayHttpRequest,
  ApiGatewayHttpRequestContext,
  ApiGatewayHttpResult,
  ApiGatewayHttpV1Event,
  ApiGatewayHttpV1Identity,
  ApiGatewayHttpV1RequestContext,
} from './types.gen.ts';

export type ApiGatewayHttpVariant = 'v2' | 'jwt-authorizer' | 'lambda-authorizer' | 'iam' | 'mtls' | 'payload-1.0';

type WithContext<C> = Omit<ApiGatewayHttpEvent, 'requestContext'> & {
  requestContext: Omit<ApiGatewayHttpRequestContext, 'authorizer'> & C;
};

/** A payload 2.0 request behind a JWT authorizer: its claims and scopes. */
export type ApiGatewayHttpJwtAuthorizerEvent = WithContext<{
  authorizer: {
    principalId?: string | null;
    integrationLatency?: number | null;
    jwt: { claims: Record<string, string | number | boolean | string[]>; scopes: string[] | null };
  };
}>;

/** A payload 2.0 request behind a Lambda authorizer: the context it returned (`TContext`). */
export type ApiGatewayHttpLambdaAuthorizerEvent<TContext = Record<string, unknown>> = WithContext<{
  authorizer: { lambda: TContext };
}>;

/** A payload 2.0 request signed with SigV4 (IAM authorization): the caller, outside any Cognito identity pool. */
export type ApiGatewayHttpIamAuthorizerEvent = WithContext<{
  authorizer: {
    iam: Omit<ApiGatewayHttpIamCaller, 'principalOrgId' | 'cognitoIdentity'> & {
      principalOrgId: string;
      cognitoIdentity: null;
    };
  };
}>;

/** A payload 2.0 request over mutual TLS: the client certificate in `authentication`. */
export type ApiGatewayHttpMtlsEvent = WithContext<{
  authorizer?: ApiGatewayHttpRequestContext['authorizer'];
  authentication: NonNullable<ApiGatewayHttpRequestContext['authentication']>;
}>;

/**
 * Overrides in AWS's shape (payload 2.0, or 1.0 for the `payload-1.0` variant); `body` may be given decoded (JSON
 * value → JSON string, bytes → base64), a header as a list of values (comma-joined) and a `cookie` header (moved to
 * `cookies`).
 */
type SharedKeys =
  | 'body'
  | 'headers'
  | 'version'
  | 'requestContext'
  | 'queryStringParameters'
  | 'pathParameters'
  | 'stageVariables'
  | 'isBase64Encoded';

export type ApiGatewayHttpOverrides = Omit<DeepPartial<ApiGatewayHttpEvent>, SharedKeys> &
  Omit<DeepPartial<ApiGatewayHttpV1Event>, SharedKeys> & {
    body?: unknown;
    headers?: Record<string, string | string[] | undefined>;
    version?: '2.0' | '1.0';
    isBase64Encoded?: boolean;
    requestContext?: DeepPartial<ApiGatewayHttpRequestContext> & DeepPartial<ApiGatewayHttpV1Event['requestContext']>;
    queryStringParameters?: Record<string, string | undefined> | null;
    pathParameters?: Record<string, string | undefined> | null;
    stageVariables?: Record<string, string | undefined> | null;
  };

/**
 * Builds an API Gateway HTTP API event. Payload 2.0 (every variant but `payload-1.0`): routeKey, rawPath and
 * pathParameters agree, rawQueryString and queryStringParameters match, headers are lower-case with repeats
 * comma-joined, cookies apart. Variants: `v2` (no authorizer, default), `jwt-authorizer`, `lambda-authorizer`,
 * `iam`, `mtls` (client certificate on a custom domain) and `payload-1.0` (the REST proxy shape with `version`
 * "1.0"); the return type narrows by variant.
 * @example
 * const event = apiGatewayHttpEvent({ rawQueryString: 'tag=a&tag=b', body: { sku: 'A-1' } }, { variant: 'jwt-authorizer' });
 * event.requestContext.authorizer.jwt.claims.sub;
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function apiGatewayHttpEvent(
  overrides: ApiGatewayHttpOverrides | undefined,
  options: BuildOptions<'jwt-authorizer'> & { variant: 'jwt-authorizer' },
): ApiGatewayHttpJwtAuthorizerEvent;
export function apiGatewayHttpEvent<TContext = Record<string, unknown>>(
  overrides: ApiGatewayHttpOverrides | undefined,
  options: BuildOptions<'lambda-authorizer'> & { variant: 'lambda-authorizer' },
): ApiGatewayHttpLambdaAuthorizerEvent<TContext>;
export function apiGatewayHttpEvent(
  overrides: ApiGatewayHttpOverrides | undefined,
  options: BuildOptions<'iam'> & { variant: 'iam' },
): ApiGatewayHttpIamAuthorizerEvent;
export function apiGatewayHttpEvent(
  overrides: ApiGatewayHttpOverrides | undefined,
  options: BuildOptions<'mtls'> & { variant: 'mtls' },
): ApiGatewayHttpMtlsEvent;
export function apiGatewayHttpEvent(
  overrides: ApiGatewayHttpOverrides | undefined,
  options: BuildOptions<'payload-1.0'> & { variant: 'payload-1.0' },
): ApiGatewayHttpV1Event;
export function apiGatewayHttpEvent(
  overrides?: ApiGatewayHttpOverrides,
  options?: BuildOptions<Exclude<ApiGatewayHttpVariant, 'payload-1.0'>>,
): ApiGatewayHttpEvent;
export function apiGatewayHttpEvent(
  overrides?: ApiGatewayHttpOverrides,
  options?: BuildOptions<ApiGatewayHttpVariant>,
): ApiGatewayHttpEvent | ApiGatewayHttpV1Event {
  return definition.build(overrides, options) as ApiGatewayHttpEvent | ApiGatewayHttpV1Event;
}
