import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ApiGatewayHttpEvent } from './types.gen.ts';

export type {
  ApiGatewayHttpAuthorizer,
  ApiGatewayHttpEvent,
  ApiGatewayHttpIamCaller,
  ApiGatewayHttpRequest,
  ApiGatewayHttpRequestContext,
  ApiGatewayHttpResult,
} from './types.gen.ts';

export type ApiGatewayHttpVariant = 'v2' | 'jwt-authorizer' | 'lambda-authorizer' | 'iam';

/**
 * Overrides in AWS's shape; `body` may be given decoded (JSON value → JSON string, bytes → base64), a header as
 * a list of values (comma-joined) and a `cookie` header (moved to `cookies`).
 */
export type ApiGatewayHttpOverrides = Omit<DeepPartial<ApiGatewayHttpEvent>, 'body' | 'headers'> & {
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
};

/**
 * Builds an API Gateway HTTP API event (payload 2.0): routeKey, rawPath and pathParameters agree, rawQueryString
 * and queryStringParameters match, headers are lower-case with repeats comma-joined, cookies apart.
 * @example
 * const event = apiGatewayHttpEvent({ rawQueryString: 'tag=a&tag=b', body: { sku: 'A-1' } }, { variant: 'jwt-authorizer' });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function apiGatewayHttpEvent(
  overrides?: ApiGatewayHttpOverrides,
  options?: BuildOptions<ApiGatewayHttpVariant>,
): ApiGatewayHttpEvent {
  return definition.build(overrides, options);
}
