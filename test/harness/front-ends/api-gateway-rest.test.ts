// aws-behaviour §2 — API Gateway REST API (Lambda proxy integration, payload 1.0).
import { describe, expect, it } from 'vitest';
import { clientBodyBytes, toClientResponse } from '../../../src/harness/front-ends/index.ts';

const ok = (response: unknown) => toClientResponse('api-gateway-rest', { status: 'success', response });
const INTERNAL = {
  statusCode: 502,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerErrorException' },
  body: '{"message": "Internal server error"}',
};

describe('api-gateway-rest responses', () => {
  it('passes status, headers and body of a proxy response through', () => {
    expect(ok({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Count': 3 }, body: 'made' })).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-count': '3' },
      body: 'made',
    });
  });

  it('keeps a header named __proto__ as a header', () => {
    const client = ok(JSON.parse('{"statusCode":200,"headers":{"__proto__":"x"}}'));
    expect(Object.entries(client.headers)).toEqual([['__proto__', 'x']]);
  });

  it('answers an empty body when the proxy response has none', () => {
    expect(ok({ statusCode: 204 })).toEqual({ statusCode: 204, headers: {}, body: '' });
  });

  it('reads the response as Lambda serializes it: undefined values dropped, toJSON applied', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    expect(ok({ statusCode: 200, headers: { 'x-maybe': undefined }, body: at })).toEqual({
      statusCode: 200,
      headers: {},
      body: '2026-01-01T00:00:00.000Z',
    });
  });

  it('answers 502 when the response cannot be serialized', () => {
    const circular: Record<string, unknown> = { statusCode: 200 };
    circular.self = circular;
    expect(ok(circular)).toEqual(INTERNAL);
  });

  it('merges headers and multiValueHeaders, keeping only multiValueHeaders values for a name in both', () => {
    const client = ok({
      statusCode: 200,
      headers: { 'x-single': 'a', 'set-cookie': 'ignored=1' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'x-multi': ['only'] },
      body: '',
    });
    expect(client.headers).toEqual({ 'x-single': 'a', 'set-cookie': 'a=1, b=2', 'x-multi': 'only' });
    expect(client.multiValueHeaders).toEqual({ 'x-single': ['a'], 'set-cookie': ['a=1', 'b=2'], 'x-multi': ['only'] });
  });

  it('decodes a base64 body to text', () => {
    const client = ok({ statusCode: 200, body: Buffer.from('héllo').toString('base64'), isBase64Encoded: true });
    expect(client.body).toBe('héllo');
    expect(client.isBase64Encoded).toBeUndefined();
  });

  it('keeps a binary body as base64 and flags it, so no byte is lost', () => {
    const bytes = Uint8Array.from([0xff, 0xd8, 0x00, 0x80]);
    const client = ok({ statusCode: 200, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true });
    expect(client.isBase64Encoded).toBe(true);
    expect(clientBodyBytes(client)).toEqual(bytes);
  });

  it('keeps a UTF-8 byte order mark in a decoded body', () => {
    const bytes = Buffer.from('\uFEFFtext', 'utf8');
    const client = ok({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true });
    expect(Buffer.from(clientBodyBytes(client)).equals(bytes)).toBe(true);
  });

  it('passes a base64 body through undecoded when the Accept type is not a binary media type', () => {
    const body = Buffer.from('png').toString('base64');
    const response = { statusCode: 200, body, isBase64Encoded: true };
    const options = { binaryMediaTypes: ['image/*'] };
    expect(
      toClientResponse('api-gateway-rest', { status: 'success', response }, { ...options, accept: 'text/html' }).body,
    ).toBe(body);
    expect(
      toClientResponse('api-gateway-rest', { status: 'success', response }, { ...options, accept: 'image/png, */*' })
        .body,
    ).toBe('png');
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['no statusCode', { body: 'x' }],
    ['a string statusCode', { statusCode: '200' }],
    ['a statusCode out of range', { statusCode: 99 }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['an unknown top-level key', { statusCode: 200, body: '', cookies: ['a=1'] }],
    ['a non-boolean isBase64Encoded', { statusCode: 200, isBase64Encoded: 'true' }],
    ['an object header value', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a multiValueHeaders value that is not an array', { statusCode: 200, multiValueHeaders: { a: 'b' } }],
  ])('answers 502 Internal server error to a malformed response (%s)', (_, response) => {
    expect(ok(response)).toEqual(INTERNAL);
  });

  it('answers 502 Internal server error when the handler fails', () => {
    const client = toClientResponse('api-gateway-rest', { status: 'error', error: { errorMessage: 'boom' } });
    expect(client).toEqual(INTERNAL);
  });

  it('answers 502 when the function times out before the integration', () => {
    expect(toClientResponse('api-gateway-rest', { status: 'timeout' })).toEqual(INTERNAL);
    expect(toClientResponse('api-gateway-rest', { status: 'timeout', timedOutBy: 'function' })).toEqual(INTERNAL);
  });

  it('answers 504 Endpoint request timed out when the integration times out first', () => {
    expect(toClientResponse('api-gateway-rest', { status: 'timeout', timedOutBy: 'caller' })).toEqual({
      ...INTERNAL,
      statusCode: 504,
      body: '{"message": "Endpoint request timed out"}',
    });
  });

  it('answers 500 Internal server error when Lambda throttles', () => {
    expect(toClientResponse('api-gateway-rest', { status: 'throttled' })).toEqual({ ...INTERNAL, statusCode: 500 });
  });

  it('answers 500 Internal server error when Lambda rejects the invoke (413, 5xx)', () => {
    for (const statusCode of [413, 500]) {
      expect(toClientResponse('api-gateway-rest', { status: 'error', invocationError: { statusCode } })).toEqual({
        ...INTERNAL,
        statusCode: 500,
      });
    }
  });

  it('answers 502 when the response exceeds Lambda’s 6 MB', () => {
    expect(ok({ statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024) })).toEqual(INTERNAL);
    expect(ok({ statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024 - 100) }).statusCode).toBe(200);
  });

  it('uses a replaced failure response', () => {
    const custom = { statusCode: 500, headers: {}, body: 'custom' };
    const client = toClientResponse(
      'api-gateway-rest',
      { status: 'throttled' },
      { failureResponses: { throttled: custom } },
    );
    expect(client).toEqual(custom);
  });
});
