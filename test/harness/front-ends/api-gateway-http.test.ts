// aws-behaviour §2 — API Gateway HTTP API (payload format 2.0).
import { describe, expect, it } from 'vitest';
import { toClientResponse } from '../../../src/harness/front-ends/index.ts';

const ok = (response: unknown) => toClientResponse('api-gateway-http', { status: 'success', response });
const json = (statusCode: number, message: string) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: `{"message":"${message}"}`,
});

describe('api-gateway-http responses', () => {
  it.each([
    ['an object', { message: 'hi' }, '{"message":"hi"}'],
    ['an array', [1, 2], '[1,2]'],
    ['a string (as-is, unquoted)', 'hello', 'hello'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['nothing (undefined)', undefined, 'null'],
    ['an object with body but no statusCode', { body: 'x' }, '{"body":"x"}'],
  ])('answers 200 JSON with the whole result as body when it has no statusCode (%s)', (_, response, body) => {
    expect(ok(response)).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body });
  });

  it('quotes a plain string result with stringResult: "quoted"', () => {
    const client = toClientResponse(
      'api-gateway-http',
      { status: 'success', response: 'hi' },
      { stringResult: 'quoted' },
    );
    expect(client.body).toBe('"hi"');
  });

  it('maps a payload 2.0 response with statusCode to status, headers and body', () => {
    expect(ok({ statusCode: 418, headers: { 'X-Tea': 'yes' }, body: 'teapot' })).toEqual({
      statusCode: 418,
      headers: { 'x-tea': 'yes' },
      body: 'teapot',
    });
  });

  it('sends each cookie as its own set-cookie header and keeps them in cookies', () => {
    const client = ok({ statusCode: 200, cookies: ['a=1; Secure', 'b=2'], body: '' });
    expect(client.cookies).toEqual(['a=1; Secure', 'b=2']);
    expect(client.multiValueHeaders).toEqual({ 'set-cookie': ['a=1; Secure', 'b=2'] });
    expect(client.headers['set-cookie']).toBe('a=1; Secure, b=2');
  });

  it('keeps a comma-joined header value as one header', () => {
    expect(ok({ statusCode: 200, headers: { vary: 'accept, origin' } }).headers).toEqual({ vary: 'accept, origin' });
  });

  it('decodes a base64 body', () => {
    expect(ok({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }).body).toBe('hi');
  });

  it.each([
    ['a string statusCode', { statusCode: '200' }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['an array header value', { statusCode: 200, headers: { a: ['b'] } }],
  ])('answers 500 Internal Server Error to a malformed response (%s)', (_, response) => {
    expect(ok(response)).toEqual(json(500, 'Internal Server Error'));
  });

  it('answers 500 Internal Server Error when the handler fails, times out or is throttled', () => {
    for (const status of ['error', 'timeout', 'throttled'] as const) {
      expect(toClientResponse('api-gateway-http', { status })).toEqual(json(500, 'Internal Server Error'));
    }
  });

  it('answers 503 Service Unavailable when the 30 s integration timeout fires first', () => {
    expect(toClientResponse('api-gateway-http', { status: 'timeout', timedOutBy: 'caller' })).toEqual(
      json(503, 'Service Unavailable'),
    );
  });

  it('uses a replaced failure status for the "Obs." cases', () => {
    const timeout = { statusCode: 504, headers: {}, body: '{"message":"Gateway Timeout"}' };
    const client = toClientResponse(
      'api-gateway-http',
      { status: 'timeout', timedOutBy: 'caller' },
      { failureResponses: { 'caller-timeout': timeout } },
    );
    expect(client).toEqual(timeout);
  });
});
