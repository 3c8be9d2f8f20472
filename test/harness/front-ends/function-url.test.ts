// aws-behaviour §2 — Lambda function URL, BUFFERED invoke mode (payload 2.0).
import { describe, expect, it } from 'vitest';
import { toClientResponse } from '../../../src/harness/front-ends/index.ts';

const ok = (response: unknown) => toClientResponse('function-url', { status: 'success', response });
const BAD_GATEWAY = { statusCode: 502, headers: {}, body: 'Internal Server Error' };

describe('function-url responses', () => {
  it('answers 200 JSON with the whole result as body when it has no statusCode', () => {
    expect(ok({ a: 1 })).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  });

  it('answers a plain string result as its JSON text, quoted (the function URL guide), or as-is on request', () => {
    expect(ok('Hello, world!')).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '"Hello, world!"',
    });
    const unquoted = toClientResponse(
      'function-url',
      { status: 'success', response: 'hi' },
      { stringResult: 'unquoted' },
    );
    expect(unquoted.body).toBe('hi');
  });

  it('maps status, headers, cookies and a base64 body', () => {
    const client = ok({
      statusCode: 302,
      headers: { Location: '/next' },
      cookies: ['s=1'],
      body: Buffer.from('moved').toString('base64'),
      isBase64Encoded: true,
    });
    expect(client).toEqual({
      statusCode: 302,
      headers: { location: '/next', 'set-cookie': 's=1' },
      body: 'moved',
      cookies: ['s=1'],
    });
  });

  it('answers 502 Internal Server Error to a malformed response', () => {
    expect(ok({ statusCode: 'two hundred' })).toEqual(BAD_GATEWAY);
  });

  it('answers 502 Internal Server Error when the handler fails or times out', () => {
    expect(toClientResponse('function-url', { status: 'error', error: { errorMessage: 'x' } })).toEqual(BAD_GATEWAY);
    expect(toClientResponse('function-url', { status: 'timeout' })).toEqual(BAD_GATEWAY);
  });

  it('answers 502 when the response exceeds 6 MB', () => {
    expect(ok({ statusCode: 200, body: 'x'.repeat(6 * 1024 * 1024) })).toEqual(BAD_GATEWAY);
  });

  it('answers 429 when Lambda throttles', () => {
    expect(toClientResponse('function-url', { status: 'throttled' })).toEqual({
      statusCode: 429,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
      body: '{"message":"Rate Exceeded."}',
    });
  });
});
