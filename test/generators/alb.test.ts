import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { albArbitrary } from '../../src/arbitraries.ts';
import { type AlbEvent, albEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function headerOf(event: AlbEvent, name: string): string | undefined {
  return event.headers?.[name] ?? event.multiValueHeaders?.[name]?.at(-1);
}

function derived(event: AlbEvent): void {
  expect(event.headers !== undefined && event.multiValueHeaders !== undefined).toBe(false);
  expect(event.queryStringParameters !== undefined && event.multiValueQueryStringParameters !== undefined).toBe(false);
  for (const name of Object.keys(event.headers ?? event.multiValueHeaders ?? {})) expect(name).toBe(name.toLowerCase());
  const values = Object.values(event.queryStringParameters ?? {}).concat(
    Object.values(event.multiValueQueryStringParameters ?? {}).flat(),
  );
  for (const value of values) expect(value).not.toMatch(/[\s&]/);
  expect(typeof event.body).toBe('string');
  if (event.isBase64Encoded) expect(Buffer.from(event.body ?? '', 'base64').toString('base64')).toBe(event.body);
  const length = headerOf(event, 'content-length');
  if (event.body === '' || event.body === null) expect(length).toBeUndefined();
  else {
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    expect(length).toBe(String(bytes.length));
  }
  const [, , , region] = event.requestContext.elb.targetGroupArn.split(':');
  expect(headerOf(event, 'host')).toMatch(new RegExp(`\\.${region}\\.elb\\.amazonaws\\.com$`));
}

runEventContract<AlbEvent>({
  id: 'alb',
  build: albEvent as never,
  arbitrary: albArbitrary as never,
  override: {
    value: { httpMethod: 'POST', body: { orderId: 'o-1' }, headers: { 'X-Tenant': 'acme' } },
    check: (event) => {
      expect(event.body).toBe('{"orderId":"o-1"}');
      expect(event.headers?.['x-tenant']).toBe('acme');
      expect(event.headers?.['content-length']).toBe('17');
    },
  },
  derived,
  requiredPath: ['requestContext', 'elb', 'targetGroupArn'],
  breaks: {
    'one-header-map': (e) => {
      e.multiValueHeaders = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k, [v]]));
    },
    'one-query-map': (e) => {
      e.multiValueQueryStringParameters = Object.fromEntries(
        Object.entries(e.queryStringParameters ?? {}).map(([k, v]) => [k, [v]]),
      );
    },
    'multi-value-setting': (e) => {
      e.multiValueQueryStringParameters = Object.fromEntries(
        Object.entries(e.queryStringParameters ?? {}).map(([k, v]) => [k, [v]]),
      );
      delete e.queryStringParameters;
    },
    'lower-case-headers': (e) => {
      (e.headers as Record<string, string>)['X-Tenant'] = 'acme';
    },
    'raw-query': (e) => {
      e.queryStringParameters = { ...e.queryStringParameters, q: 'a b' };
    },
    'base64-body': (e) => {
      e.body = 'not base64!';
      e.isBase64Encoded = true;
    },
    'body-size': (e) => {
      e.body = 'x'.repeat(1024 * 1024 + 1);
      e.isBase64Encoded = false;
    },
    'target-group-region': (e) => {
      const arn = e.requestContext.elb.targetGroupArn.split(':');
      arn[3] = arn[3] === 'sa-east-1' ? 'eu-west-1' : 'sa-east-1';
      e.requestContext.elb.targetGroupArn = arn.join(':');
    },
  },
});

describe('alb strict rules and response contract', () => {
  const strictErrors = (event: unknown) => validate('alb', event, { strict: true }).errors;

  it('accepts percent-encoded query values and rejects decoded ones', () => {
    const event = structuredClone(albEvent({ queryStringParameters: { q: 'caf%C3%A9%20au%20lait' } }));
    expect(strictErrors(event)).toStrictEqual([]);
    event.queryStringParameters = { q: 'café au lait' };
    expect(strictErrors(event).map((e) => e.rule)).toStrictEqual(['raw-query']);
  });

  it('accepts a 1 MB body and rejects one byte more', () => {
    const event = structuredClone(
      albEvent({ body: 'x'.repeat(1024 * 1024), headers: { 'content-length': undefined } }),
    );
    expect(strictErrors(event)).toStrictEqual([]);
    event.body += 'x';
    expect(strictErrors(event).map((e) => e.rule)).toStrictEqual(['body-size']);
  });

  it('builds a binary body in the base64-body variant', () => {
    const event = albEvent(undefined, { variant: 'base64-body' });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').length).toBeGreaterThan(0);
  });

  const check = (response: unknown) => validate('alb', response, { response: true });

  it('accepts results ALB reads: statusCode, isBase64Encoded and a header map', () => {
    for (const response of [
      {
        statusCode: 200,
        statusDescription: '200 OK',
        isBase64Encoded: false,
        headers: { 'content-type': 'text/plain' },
        body: 'ok',
      },
      { statusCode: 204, isBase64Encoded: false, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] } },
      { statusCode: 200, isBase64Encoded: true, headers: {}, body: 'aGk=' },
    ]) {
      expect({ response, errors: check(response).errors }).toStrictEqual({ response, errors: [] });
    }
  });

  it('rejects results ALB answers with 502: no header map, no isBase64Encoded, object body, over 1 MB', () => {
    expect(check({ statusCode: 200, isBase64Encoded: false }).valid).toBe(false);
    expect(check({ statusCode: 200, headers: {} }).valid).toBe(false);
    expect(check({ statusCode: 200, isBase64Encoded: false, headers: {}, body: { a: 1 } }).valid).toBe(false);
    const big = { statusCode: 200, isBase64Encoded: false, headers: {}, body: 'x'.repeat(1024 * 1024) };
    expect(check(big).errors.map((e) => e.rule)).toStrictEqual(['response-size']);
  });
});

describe('albEvent', () => {
  it('keeps derived fields consistent for edge events: odd paths, queries, headers and bodies (property)', () => {
    fc.assert(
      fc.property(albArbitrary({ edge: true }), (event) => derived(event)),
      { numRuns: 60, seed: 6 },
    );
  });

  it('fails the derived checks when a derived field is tampered with', () => {
    const [event] = fc.sample(albArbitrary(), { numRuns: 1, seed: 1 });
    const tampered = structuredClone(event) as unknown as Record<string, unknown>;
    tampered.body = 'tampered body of another length';
    expect(() => derived(tampered as never)).toThrow();
  });

  it('sends only single-value maps by default and only multi-value maps in the multi-value variant', () => {
    const single = albEvent();
    expect(single).toHaveProperty('headers');
    expect(single).toHaveProperty('queryStringParameters');
    expect(single).not.toHaveProperty('multiValueHeaders');
    const multi = albEvent(undefined, { variant: 'multi-value' });
    expect(multi).toHaveProperty('multiValueHeaders');
    expect(multi).toHaveProperty('multiValueQueryStringParameters');
    expect(multi).not.toHaveProperty('headers');
    expect(multi.multiValueHeaders?.['cache-control']).toHaveLength(2);
  });

  it('rejects an event carrying both header maps in strict, or none of them in both profiles', () => {
    const event = albEvent();
    const both = { ...event, multiValueHeaders: { a: ['1'] } };
    expect(validate('alb', both).valid).toBe(true);
    expect(validate('alb', both, { strict: true }).errors.map((e) => e.rule)).toStrictEqual(['one-header-map']);
    const { headers: _, ...none } = event;
    expect(validate('alb', none).valid).toBe(false);
    expect(validate('alb', none, { strict: true }).valid).toBe(false);
  });

  it("moves overrides given in the other variant's map into this variant's map", () => {
    const multi = albEvent(
      { headers: { 'X-A': '1' }, queryStringParameters: { q: 'a%20b' } },
      { variant: 'multi-value' },
    );
    expect(multi.multiValueHeaders?.['x-a']).toStrictEqual(['1']);
    expect(multi.multiValueQueryStringParameters?.q).toStrictEqual(['a%20b']);
    expect(multi).not.toHaveProperty('headers');
    const single = albEvent({ multiValueQueryStringParameters: { tag: ['a', 'b'] } });
    expect(single.queryStringParameters?.tag).toBe('b');
    expect(single).not.toHaveProperty('multiValueQueryStringParameters');
  });

  it('sends an empty string body when there is none, never null', () => {
    expect(albEvent({ httpMethod: 'GET', body: null }).body).toBe('');
    expect(albEvent({ body: undefined }).body).toBe('');
  });

  it('base64-encodes bytes', () => {
    expect(albEvent({ body: Buffer.from('hi') })).toMatchObject({ body: 'aGk=', isBase64Encoded: true });
  });

  it('keeps query values URL-encoded as the client sent them', () => {
    const [event] = fc.sample(albArbitrary({ query: fc.constant({ q: 'a b/ü' }), variant: 'single-value' }), {
      numRuns: 1,
      seed: 5,
    });
    expect(event?.queryStringParameters?.q).toBe('a%20b%2F%C3%BC');
  });
});
