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

  it('rejects an event carrying both header maps', () => {
    const event = albEvent();
    expect(validate('alb', { ...event, multiValueHeaders: { a: ['1'] } }).valid).toBe(false);
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
