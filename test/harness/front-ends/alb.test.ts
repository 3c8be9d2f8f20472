// aws-behaviour §2 — Application Load Balancer, Lambda target group.
import { describe, expect, it } from 'vitest';
import { toClientResponse } from '../../../src/harness/front-ends/index.ts';

const ok = (response: unknown, options?: { multiValueHeaders?: boolean; strictResponse?: boolean }) =>
  toClientResponse('alb', { status: 'success', response }, options);
const page = (line: string) =>
  `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n</body>\r\n</html>\r\n`;
const BAD_GATEWAY = {
  statusCode: 502,
  headers: { server: 'awselb/2.0', 'content-type': 'text/html' },
  body: page('502 Bad Gateway'),
};

describe('alb responses', () => {
  it('maps a complete response to status, headers and body', () => {
    const response = { statusCode: 200, statusDescription: '200 OK', isBase64Encoded: false, headers: { A: 'b' } };
    expect(ok({ ...response, body: 'hi' })).toEqual({ statusCode: 200, headers: { a: 'b' }, body: 'hi' });
  });

  it('lets the last duplicate header win without multi-value headers', () => {
    expect(ok({ statusCode: 200, isBase64Encoded: false, headers: { 'X-A': '1', 'x-a': '2' } }).headers).toEqual({
      'x-a': '2',
    });
  });

  it('reads multiValueHeaders when the target group enables them', () => {
    const client = ok(
      { statusCode: 200, isBase64Encoded: false, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] } },
      { multiValueHeaders: true },
    );
    expect(client.multiValueHeaders).toEqual({ 'set-cookie': ['a=1', 'b=2'] });
  });

  it('decodes a base64 body', () => {
    const response = {
      statusCode: 200,
      isBase64Encoded: true,
      headers: {},
      body: Buffer.from('hi').toString('base64'),
    };
    expect(ok(response).body).toBe('hi');
  });

  it.each([
    ['no statusCode', { isBase64Encoded: false, headers: {} }],
    ['no isBase64Encoded', { statusCode: 200, headers: {} }],
    ['no headers', { statusCode: 200, isBase64Encoded: false }],
    ['an object body', { statusCode: 200, isBase64Encoded: false, headers: {}, body: {} }],
    ['a plain object', { message: 'hi' }],
  ])('answers 502 Bad Gateway to a malformed response (%s)', (_, response) => {
    expect(ok(response)).toEqual(BAD_GATEWAY);
  });

  it('accepts a response with only statusCode when strictResponse is off', () => {
    expect(ok({ statusCode: 200 }, { strictResponse: false })).toEqual({ statusCode: 200, headers: {}, body: '' });
  });

  it('answers 502 when the whole response JSON exceeds 1 MB, headers included, not just the body', () => {
    const response = { statusCode: 200, isBase64Encoded: false, headers: {} };
    const overhead = JSON.stringify({ ...response, body: '' }).length;
    expect(ok({ ...response, body: 'x'.repeat(1024 * 1024 - overhead + 1) })).toEqual(BAD_GATEWAY);
    expect(ok({ ...response, body: 'x'.repeat(1024 * 1024 - overhead) }).statusCode).toBe(200);
    const big = { ...response, headers: { 'x-big': 'y'.repeat(1000) }, body: 'x'.repeat(1024 * 1024 - 500) };
    expect(ok(big)).toEqual(BAD_GATEWAY);
  });

  it('answers 502 when the handler fails, times out or is throttled', () => {
    for (const status of ['error', 'timeout', 'throttled'] as const) {
      expect(toClientResponse('alb', { status })).toEqual(BAD_GATEWAY);
    }
  });

  it('answers 504 when Lambda does not answer before the connection timeout', () => {
    expect(toClientResponse('alb', { status: 'timeout', timedOutBy: 'caller' })).toEqual({
      ...BAD_GATEWAY,
      statusCode: 504,
      body: page('504 Gateway Time-out'),
    });
  });
});
