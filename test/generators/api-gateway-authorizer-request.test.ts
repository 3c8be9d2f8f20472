import { describe, expect, it } from 'vitest';
import { apiGatewayAuthorizerRequestArbitrary } from '../../src/arbitraries.ts';
import {
  type ApiGatewayAuthorizerRequestEvent,
  type ApiGatewayAuthorizerRequestRestEvent,
  apiGatewayAuthorizerRequestEvent,
  validate,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'api-gateway-authorizer-request';

function derived(event: ApiGatewayAuthorizerRequestEvent): void {
  const context = event.requestContext;
  const [, , , region, , resource] = event.methodArn.split(':');
  expect(context.domainName).toBe(`${context.apiId}.execute-api.${region}.amazonaws.com`);
  if ('connectionId' in context) {
    expect(resource).toBe(`${context.apiId}/${context.stage}/$connect`);
    expect(context).toMatchObject({ routeKey: '$connect', eventType: 'CONNECT' });
  } else {
    const rest = event as ApiGatewayAuthorizerRequestRestEvent;
    expect(resource).toBe(`${context.apiId}/${context.stage}/${rest.httpMethod}${rest.path}`);
    expect(rest.requestContext.path).toBe(`/${context.stage}${rest.path}`);
    expect(rest.requestContext.resourcePath).toBe(rest.resource);
  }
  for (const [k, v] of Object.entries(event.multiValueHeaders)) expect(event.headers[k]).toBe(v.at(-1));
  for (const [k, v] of Object.entries(event.multiValueQueryStringParameters))
    expect(event.queryStringParameters[k]).toBe(v.at(-1));
}

runEventContract<ApiGatewayAuthorizerRequestEvent>({
  id: ID,
  build: apiGatewayAuthorizerRequestEvent as never,
  arbitrary: apiGatewayAuthorizerRequestArbitrary as never,
  override: {
    value: { headers: { Authorization: 'Bearer abc' } },
    check: (event) => {
      expect(event.headers.Authorization).toBe('Bearer abc');
      expect(event.multiValueHeaders.Authorization).toStrictEqual(['Bearer abc']);
    },
  },
  derived,
  requiredPath: ['methodArn'],
  breaks: {
    'method-arn-matches-request': (event) => {
      event.methodArn = `${event.methodArn}/extra`;
    },
    'request-matches-context': (event) => {
      (event as ApiGatewayAuthorizerRequestRestEvent).requestContext.resourcePath = '/elsewhere';
    },
    'multi-value-mirror': (event) => {
      event.multiValueHeaders.Authorization = ['Bearer other'];
    },
    'request-time': (event) => {
      event.requestContext.requestTime = '01/Jan/2020:00:00:00 +0000';
    },
    'execute-api-domain': (event) => {
      event.headers.Host = 'example.com';
      event.multiValueHeaders.Host = ['example.com'];
    },
  },
});

describe('apiGatewayAuthorizerRequestEvent', () => {
  it('names the REST request in methodArn and follows overridden method, path and stage', () => {
    const event = apiGatewayAuthorizerRequestEvent({
      httpMethod: 'DELETE',
      path: '/orders/42',
      resource: '/orders/{id}',
      requestContext: { stage: 'beta' },
    });
    expect(event.methodArn).toMatch(/:[a-z0-9]{10}\/beta\/DELETE\/orders\/42$/);
    expect(event.pathParameters).toStrictEqual({ id: '42' });
    expect(event.requestContext).toMatchObject({
      httpMethod: 'DELETE',
      path: '/beta/orders/42',
      resourcePath: '/orders/{id}',
    });
  });

  it('sends empty maps as {} (not null as the console test does), which shape accepts and strict rejects as null', () => {
    const event = apiGatewayAuthorizerRequestEvent({ path: '/orders', resource: '/orders' });
    expect(event.pathParameters).toStrictEqual({});
    const consoleTest = { ...event, headers: null, multiValueHeaders: null, pathParameters: null };
    expect(validate(ID, consoleTest).valid).toBe(true);
    expect(validate(ID, consoleTest, { strict: true }).valid).toBe(false);
  });

  it('builds the WebSocket $connect form with the connection and the handshake headers', () => {
    const event = apiGatewayAuthorizerRequestEvent(undefined, { variant: 'websocket' });
    expect(event.methodArn.endsWith(`/${event.requestContext.stage}/$connect`)).toBe(true);
    expect(event.headers.Upgrade).toBe('websocket');
    expect(event.requestContext.connectionId).toMatch(/=$/);
    expect('httpMethod' in event).toBe(false);
  });

  it('rejects a WebSocket authorizer event on another route than $connect', () => {
    const event = apiGatewayAuthorizerRequestEvent(undefined, { variant: 'websocket' });
    const broken = { ...event, requestContext: { ...event.requestContext, routeKey: 'sendmessage' } };
    expect(validate(ID, broken, { strict: true }).valid).toBe(false);
  });

  it('judges the answer by the IAM policy contract', () => {
    const policy = {
      principalId: 'u-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: '*' }],
      },
    };
    expect(validate(ID, policy, { response: true }).valid).toBe(true);
    expect(validate(ID, { isAuthorized: true }, { response: true }).valid).toBe(false);
  });
});
