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
  ApiGatewayRestAuthorizer,
  ApiGatewayRestIdentity,
  ApiGatewayRestMethod,
  ApiGatewayRestRequestContext,
  ApiGatewayRestResult,
} from './types.gen.ts';

export type ApiGatewayRestVariant =
  | 'proxy'
  | 'multi-value'
  | 'base64-body'
  | 'cognito-authorizer'
  | 'lambda-token-authorizer'
  | 'lambda-request-authorizer'
  | 'iam'
  | 'console-test-invoke';

/** Variants whose event carries a Lambda authorizer's context. */
export type ApiGatewayRestLambdaAuthorizerVariant = 'lambda-token-authorizer' | 'lambda-request-authorizer';

/**
 * The event the builder returns: the schema's shape with the keys the builder always sends made required, and
 * header maps present (only console test invocations send them as null); `authorizer` is absent unless the variant
 * has an authorizer or it is overridden.
 */
export type ApiGatewayRestEvent = Omit<ApiGatewayRestEventShape, 'requestContext' | 'headers' | 'multiValueHeaders'> & {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  requestContext: Omit<ApiGatewayRestRequestContext, 'identity' | 'authorizer'> & {
    authorizer: ApiGatewayRestRequestContext['authorizer'] | undefined;
    identity: ApiGatewayRestIdentity &
      Required<Pick<ApiGatewayRestIdentity, 'principalOrgId' | 'apiKey' | 'apiKeyId' | 'clientCert'>>;
  };
};

/** A request authorized by a Cognito user pool: every claim of the ID token, as strings. */
export type ApiGatewayRestCognitoAuthorizerEvent = ApiGatewayRestEvent & {
  requestContext: { authorizer: { claims: Record<string, string> } };
};

/**
 * A request authorized by a Lambda authorizer: its `principalId`, `integrationLatency` and context keys, which
 * API Gateway passes on as strings (`TContext` names them).
 */
export type ApiGatewayRestLambdaAuthorizerEvent<TContext extends object = Record<never, never>> =
  ApiGatewayRestEvent & {
    requestContext: {
      authorizer: { [K in keyof TContext]: string } & { principalId: string; integrationLatency: number };
    };
  };

/** A console test invocation: header maps null unless headers were given, test-invoke identity values. */
export type ApiGatewayRestTestInvokeEvent = Omit<ApiGatewayRestEvent, 'headers' | 'multiValueHeaders'> & {
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
};

/** Overrides in AWS's shape; `body` may also be given decoded (JSON value → JSON string, bytes → base64). */
export type ApiGatewayRestOverrides = Omit<DeepPartial<ApiGatewayRestEventShape>, 'body'> & {
  body?: unknown;
};

/**
 * Builds an API Gateway REST API proxy event (payload 1.0): path, resource and pathParameters agree, headers and
 * multiValueHeaders mirror each other (last value), query maps are null when empty, `body` is a string or null.
 * Variants: `proxy` (default), `multi-value`, `base64-body`, `cognito-authorizer`, `lambda-token-authorizer`,
 * `lambda-request-authorizer`, `iam` (SigV4 caller in `identity`) and `console-test-invoke`; the return type
 * narrows by variant.
 * @example
 * const event = apiGatewayRestEvent({ httpMethod: 'POST', body: { sku: 'A-1' }, pathParameters: { id: '42' } });
 * const claims = apiGatewayRestEvent({}, { variant: 'cognito-authorizer' }).requestContext.authorizer.claims;
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export function apiGatewayRestEvent(
  overrides: ApiGatewayRestOverrides | undefined,
  options: BuildOptions<'cognito-authorizer'> & { variant: 'cognito-authorizer' },
): ApiGatewayRestCognitoAuthorizerEvent;
export function apiGatewayRestEvent<TContext extends object = Record<never, never>>(
  overrides: ApiGatewayRestOverrides | undefined,
  options: BuildOptions<ApiGatewayRestLambdaAuthorizerVariant> & { variant: ApiGatewayRestLambdaAuthorizerVariant },
): ApiGatewayRestLambdaAuthorizerEvent<TContext>;
export function apiGatewayRestEvent(
  overrides: ApiGatewayRestOverrides | undefined,
  options: BuildOptions<'console-test-invoke'> & { variant: 'console-test-invoke' },
): ApiGatewayRestTestInvokeEvent;
export function apiGatewayRestEvent(
  overrides?: ApiGatewayRestOverrides,
  options?: BuildOptions<ApiGatewayRestVariant>,
): ApiGatewayRestEvent;
export function apiGatewayRestEvent(
  overrides?: ApiGatewayRestOverrides,
  options?: BuildOptions<ApiGatewayRestVariant>,
): ApiGatewayRestEvent {
  return definition.build(overrides, options);
}
