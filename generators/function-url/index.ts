import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type {
  FunctionUrlEvent as FunctionUrlEventShape,
  FunctionUrlIamCaller,
  FunctionUrlRequestContext,
} from './types.gen.ts';

export type {
  FunctionUrlAuthorizer,
  FunctionUrlIamCaller,
  FunctionUrlRequest,
  FunctionUrlRequestContext,
  FunctionUrlResponse,
  FunctionUrlResult,
} from './types.gen.ts';

export type FunctionUrlVariant = 'buffered' | 'iam-auth';

/**
 * The event the builder returns: the schema's shape (which also accepts the documented `null`s) without the
 * `null`s, since a function URL omits path parameters, stage variables and authentication it does not have.
 */
export type FunctionUrlEvent = Omit<FunctionUrlEventShape, 'pathParameters' | 'stageVariables' | 'requestContext'> & {
  pathParameters?: NonNullable<FunctionUrlEventShape['pathParameters']>;
  stageVariables?: NonNullable<FunctionUrlEventShape['stageVariables']>;
  requestContext: Omit<FunctionUrlRequestContext, 'authentication'> & {
    authentication?: NonNullable<FunctionUrlRequestContext['authentication']>;
  };
};

/**
 * Overrides in AWS's shape; `body` may be given decoded (JSON value → JSON string, bytes → base64), a header as
 * a list of values (comma-joined) and a `cookie` header (moved to `cookies`).
 */
export type FunctionUrlOverrides = Omit<DeepPartial<FunctionUrlEventShape>, 'body' | 'headers'> & {
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
};

/** A request to a URL whose auth type is AWS_IAM: the SigV4 caller, outside any Cognito identity pool. */
export type FunctionUrlIamAuthEvent = Omit<FunctionUrlEvent, 'requestContext'> & {
  requestContext: Omit<FunctionUrlEvent['requestContext'], 'authorizer'> & {
    authorizer: {
      iam: Omit<FunctionUrlIamCaller, 'principalOrgId' | 'cognitoIdentity'> & {
        principalOrgId: string;
        cognitoIdentity: null;
      };
    };
  };
};

/**
 * Builds a Lambda function URL event (payload 2.0, route `$default`): `domainPrefix` and `apiId` are the URL id,
 * `accountId` is "anonymous" unless the URL uses IAM auth (`iam-auth` variant, whose return type carries the
 * IAM caller), rawQueryString and queryStringParameters agree.
 * @example
 * const event = functionUrlEvent({ rawPath: '/hooks/stripe', body: { id: 'evt_1' } }, { variant: 'iam-auth' });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 */
export function functionUrlEvent(
  overrides: FunctionUrlOverrides | undefined,
  options: BuildOptions<'iam-auth'> & { variant: 'iam-auth' },
): FunctionUrlIamAuthEvent;
export function functionUrlEvent(
  overrides?: FunctionUrlOverrides,
  options?: BuildOptions<FunctionUrlVariant>,
): FunctionUrlEvent;
export function functionUrlEvent(
  overrides?: FunctionUrlOverrides,
  options?: BuildOptions<FunctionUrlVariant>,
): FunctionUrlEvent {
  return definition.build(overrides, options);
}
