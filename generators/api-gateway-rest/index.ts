import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type {
  ApiGatewayRestEvent as ApiGatewayRestEventShape,
  ApiGatewayRestIdentity,
  ApiGatewayRestRequestContext,
} from './types.gen.ts';

export type {
  ApiGatewayClientCertificate,
  ApiGatewayRestIdentity,
  ApiGatewayRestMethod,
  ApiGatewayRestRequestContext,
  ApiGatewayRestResult,
} from './types.gen.ts';

export type ApiGatewayRestVariant = 'proxy' | 'multi-value' | 'base64-body';

/**
 * The event the builder returns: the schema's shape (which also accepts captures that omit keys) with the keys the
 * builder always sends made required; `authorizer` is absent unless overridden, as without an authorizer.
 */
export type ApiGatewayRestEvent = Omit<ApiGatewayRestEventShape, 'requestContext'> & {
  requestContext: Omit<ApiGatewayRestRequestContext, 'identity' | 'resourceId' | 'authorizer'> & {
    authorizer: ApiGatewayRestRequestContext['authorizer'] | undefined;
    resourceId: string;
    identity: ApiGatewayRestIdentity &
      Required<Pick<ApiGatewayRestIdentity, 'principalOrgId' | 'apiKey' | 'apiKeyId' | 'clientCert'>>;
  };
};

/** Overrides in AWS's shape; `body` may also be given decoded (JSON value → JSON string, bytes → base64). */
export type ApiGatewayRestOverrides = Omit<DeepPartial<ApiGatewayRestEventShape>, 'body'> & {
  body?: unknown;
};

/**
 * Builds an API Gateway REST API proxy event (payload 1.0): path, resource and pathParameters agree, headers and
 * multiValueHeaders mirror each other, query maps are null when empty, `body` is a string or null.
 * @example
 * const event = apiGatewayRestEvent({ httpMethod: 'POST', body: { sku: 'A-1' }, pathParameters: { id: '42' } });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export function apiGatewayRestEvent(
  overrides?: ApiGatewayRestOverrides,
  options?: BuildOptions<ApiGatewayRestVariant>,
): ApiGatewayRestEvent {
  return definition.build(overrides, options);
}
