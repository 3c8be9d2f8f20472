import { describe, expect, it } from 'vitest';
import { apiGatewayWebsocketArbitrary } from '../../src/arbitraries.ts';
import { type ApiGatewayWebsocketEvent, apiGatewayWebsocketEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'api-gateway-websocket';

function derived(event: ApiGatewayWebsocketEvent): void {
  const context = event.requestContext;
  const expected =
    context.routeKey === '$connect' ? 'CONNECT' : context.routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
  expect(context.eventType).toBe(expected);
  expect(context.domainName).toMatch(new RegExp(`^${context.apiId}\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com$`));
  expect(context.messageId !== undefined).toBe(expected === 'MESSAGE');
  expect(event.headers === undefined).toBe(expected === 'MESSAGE');
  if (event.headers !== undefined) expect(event.headers.Host).toBe(context.domainName);
  expect(context.connectedAt).toBeLessThanOrEqual(context.requestTimeEpoch);
}

runEventContract<ApiGatewayWebsocketEvent>({
  id: ID,
  build: apiGatewayWebsocketEvent as never,
  arbitrary: apiGatewayWebsocketArbitrary as never,
  override: {
    value: { body: { action: 'sendmessage', message: 'hi' } },
    check: (event) => {
      expect(JSON.parse(event.body as string)).toStrictEqual({ action: 'sendmessage', message: 'hi' });
      expect(event.requestContext.routeKey).toBe('sendmessage');
    },
  },
  derived,
  requiredPath: ['requestContext', 'connectionId'],
  breaks: {
    'event-type-matches-route': (event) => {
      event.requestContext.routeKey = '$connect';
    },
    'message-parts': (event) => {
      delete event.requestContext.messageId;
    },
    'handshake-parts': (event) => {
      event.headers = { Host: event.requestContext.domainName };
    },
    'disconnect-parts': (event) => {
      event.requestContext.disconnectStatusCode = 1000;
    },
    'connection-times': (event) => {
      event.requestContext.connectedAt = event.requestContext.requestTimeEpoch + 1;
    },
    'execute-api-domain': (event) => {
      event.requestContext.domainName = 'zzzzzzzzzz.execute-api.us-east-1.amazonaws.com';
    },
  },
});

describe('apiGatewayWebsocketEvent', () => {
  it('gives $connect the handshake headers and no body, with the management endpoint in domainName and stage', () => {
    const event = apiGatewayWebsocketEvent(undefined, { variant: 'connect' });
    expect(event.requestContext).toMatchObject({ routeKey: '$connect', eventType: 'CONNECT', messageDirection: 'IN' });
    expect(event.headers['Sec-WebSocket-Version']).toBe('13');
    expect(Buffer.from(event.headers['Sec-WebSocket-Key'] as string, 'base64')).toHaveLength(16);
    expect(event.body).toBeUndefined();
    const endpoint = `https://${event.requestContext.domainName}/${event.requestContext.stage}`;
    expect(new URL(endpoint).hostname).toBe(
      `${event.requestContext.apiId}.execute-api.${endpoint.split('.')[2]}.amazonaws.com`,
    );
  });

  it('gives $disconnect a close code and reason, and rejects them on a message', () => {
    const event = apiGatewayWebsocketEvent(undefined, { variant: 'disconnect' });
    expect(event.requestContext.eventType).toBe('DISCONNECT');
    expect(event.requestContext.disconnectStatusCode).toBeGreaterThanOrEqual(1000);
    expect(typeof event.requestContext.disconnectReason).toBe('string');
    const message = apiGatewayWebsocketEvent();
    const broken = { ...message, requestContext: { ...message.requestContext, disconnectReason: 'bye' } };
    expect(validate(ID, broken, { strict: true }).errors.map((e) => e.rule)).toContain('disconnect-parts');
  });

  it('routes $default messages and keeps custom routes on the body action', () => {
    const fallback = apiGatewayWebsocketEvent(undefined, { variant: 'default-route' });
    expect(fallback.requestContext).toMatchObject({ routeKey: '$default', eventType: 'MESSAGE' });
    expect(typeof fallback.body).toBe('string');
    const custom = apiGatewayWebsocketEvent({ body: { action: 'joinroom', room: 'lobby' } });
    expect(custom.requestContext.routeKey).toBe('joinroom');
    const given = apiGatewayWebsocketEvent({ body: { action: 'x' }, requestContext: { routeKey: 'sendmessage' } });
    expect(given.requestContext.routeKey).toBe('sendmessage');
  });

  it('derives eventType from an overridden route key', () => {
    const event = apiGatewayWebsocketEvent({ requestContext: { routeKey: '$default' } });
    expect(event.requestContext.eventType).toBe('MESSAGE');
    expect(() => apiGatewayWebsocketEvent({ requestContext: { routeKey: '$connect' } })).toThrow(
      /no messageId on CONNECT/,
    );
  });

  it('encodes a binary frame as base64', () => {
    const event = apiGatewayWebsocketEvent({ body: new Uint8Array([1, 2, 3]) });
    expect(event).toMatchObject({ body: 'AQID', isBase64Encoded: true });
  });

  it('accepts a route answer with a status code and rejects one without', () => {
    expect(validate(ID, { statusCode: 200, body: 'ok' }, { response: true }).valid).toBe(true);
    expect(validate(ID, { body: 'ok' }, { response: true }).errors.map((e) => e.path)).toContain('statusCode');
    expect(validate(ID, { statusCode: '200' }, { response: true }).valid).toBe(false);
  });
});
