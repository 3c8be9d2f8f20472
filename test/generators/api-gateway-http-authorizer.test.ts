import { describe, expect, it } from 'vitest';
import { apiGatewayHttpAuthorizerArbitrary } from '../../src/arbitraries.ts';
import {
  type ApiGatewayHttpAuthorizerEvent,
  type ApiGatewayHttpAuthorizerV1Event,
  type ApiGatewayHttpAuthorizerV2Event,
  apiGatewayHttpAuthorizerEvent,
  validate,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'api-gateway-http-authorizer';

function derived(event: ApiGatewayHttpAuthorizerEvent): void {
  const context = event.requestContext;
  if (event.version === '2.0') {
    const v2 = event as ApiGatewayHttpAuthorizerV2Event;
    expect(
      v2.routeArn.endsWith(`:${context.apiId}/${context.stage}/${v2.requestContext.http.method}${v2.rawPath}`),
    ).toBe(true);
    for (const name of Object.keys(v2.headers)) expect(name).toBe(name.toLowerCase());
    for (const value of v2.identitySource) expect(Object.values(v2.headers)).toContain(value);
  } else {
    const v1 = event as ApiGatewayHttpAuthorizerV1Event;
    expect(v1.methodArn.endsWith(`:${context.apiId}/${context.stage}/${v1.httpMethod}${v1.path}`)).toBe(true);
    expect(v1.authorizationToken).toBe(v1.identitySource);
  }
}

runEventContract<ApiGatewayHttpAuthorizerEvent>({
  id: ID,
  build: apiGatewayHttpAuthorizerEvent as never,
  arbitrary: apiGatewayHttpAuthorizerArbitrary as never,
  override: {
    value: { headers: { authorization: 'Bearer abc' } },
    check: (event) => {
      expect(event.headers.authorization).toBe('Bearer abc');
      expect(event.identitySource).toStrictEqual(['Bearer abc']);
    },
  },
  derived,
  requiredPath: ['identitySource'],
  breaks: {
    'arn-matches-request': (event) => {
      const v2 = event as ApiGatewayHttpAuthorizerV2Event;
      v2.routeArn = `${v2.routeArn}/extra`;
    },
    'identity-source-from-request': (event) => {
      (event as ApiGatewayHttpAuthorizerV2Event).identitySource = ['Bearer not-sent'];
    },
    'request-consistent': (event) => {
      (event as ApiGatewayHttpAuthorizerV2Event).requestContext.http.path = '/elsewhere';
    },
  },
});

describe('apiGatewayHttpAuthorizerEvent', () => {
  it('builds payload 2.0 with the route ARN, the identity source list and no body', () => {
    const event = apiGatewayHttpAuthorizerEvent();
    expect(event).toMatchObject({ version: '2.0', type: 'REQUEST' });
    expect(event.identitySource).toStrictEqual([event.headers.authorization]);
    expect('body' in event).toBe(false);
    expect('isBase64Encoded' in event).toBe(false);
  });

  it('builds payload 1.0 with methodArn and the identity source as a string, and follows an overridden token', () => {
    const event = apiGatewayHttpAuthorizerEvent({ headers: { Authorization: 'Bearer v1' } }, { variant: 'v1' });
    expect(event).toMatchObject({ version: '1.0', identitySource: 'Bearer v1', authorizationToken: 'Bearer v1' });
    expect(event.multiValueHeaders?.Authorization).toStrictEqual(['Bearer v1']);
    const broken = { ...event, authorizationToken: 'other' };
    expect(validate(ID, broken, { strict: true }).errors.map((e) => e.rule)).toContain('identity-source-from-request');
  });

  it('follows an overridden path in the route ARN', () => {
    const event = apiGatewayHttpAuthorizerEvent({
      rawPath: '/orders/7',
      routeKey: 'GET /orders/{id}',
      requestContext: { http: { method: 'GET' } },
    });
    expect(event.routeArn.endsWith('/GET/orders/7')).toBe(true);
    expect(event.pathParameters).toStrictEqual({ id: '7' });
  });

  it('accepts the simple and the IAM answer, and rejects non-scalar context values or a string isAuthorized', () => {
    const ok = (v: unknown) => validate(ID, v, { response: true }).valid;
    expect(ok({ isAuthorized: true, context: { user: 'u-1', admin: false, level: 3 } })).toBe(true);
    expect(ok({ isAuthorized: false })).toBe(true);
    expect(
      ok({
        principalId: 'u-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
        },
        context: { tier: 'gold' },
      }),
    ).toBe(true);
    expect(ok({ isAuthorized: 'true' })).toBe(false);
    expect(ok({ isAuthorized: true, context: { user: { id: 1 } } })).toBe(false);
    expect(ok({ isAuthorized: true, context: { roles: ['a'] } })).toBe(false);
    expect(ok({ principalId: 'u-1' })).toBe(false);
  });
});
