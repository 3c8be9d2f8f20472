import { describe, expect, it } from 'vitest';
import { getEventType, sqsEventFromSns, snsEvent } from '../../src/index.ts';

/** An object with one own, enumerable `key` (a literal `{ __proto__: … }` would set the prototype instead). */
function own(key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Every object in `value` keeps a plain prototype: a key never replaced one. */
function prototypesIntact(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const proto = Object.getPrototypeOf(value);
  const bad = proto === Object.prototype || proto === Array.prototype || proto === null ? [] : [path];
  return [
    ...bad,
    ...Object.keys(value).flatMap((k) => prototypesIntact((value as Record<string, unknown>)[k], `${path}.${k}`)),
  ];
}

const cases: [string, string, Record<string, unknown>][] = [];
for (const key of ['__proto__', 'constructor', 'prototype']) {
  cases.push(
    ['api-gateway-rest', 'proxy', { headers: own(key, 'h'), queryStringParameters: own(key, 'q') }],
    [
      'api-gateway-rest',
      'multi-value',
      { multiValueHeaders: own(key, ['h']), multiValueQueryStringParameters: own(key, ['q']) },
    ],
    ['api-gateway-rest', 'proxy', { pathParameters: own(key, 'p') }],
    ['api-gateway-http', 'v2', { headers: own(key, 'h'), queryStringParameters: own(key, 'q') }],
    ['api-gateway-http', 'v2', { rawQueryString: `${key}=1&a=2` }],
    ['function-url', 'buffered', { headers: own(key, 'h'), rawQueryString: `${key}=1` }],
    ['alb', 'single-value', { headers: own(key, 'h'), queryStringParameters: own(key, 'q') }],
    ['alb', 'multi-value', { multiValueHeaders: own(key, ['h']), multiValueQueryStringParameters: own(key, ['q']) }],
    ['sqs', 'standard', { Records: [{ messageAttributes: own(key, { dataType: 'String', stringValue: 'v' }) }] }],
  );
}

describe('keys such as __proto__ in HTTP requests and attribute maps', () => {
  it.each(cases)('stay plain data in %s (%s) %j', (id, variant, overrides) => {
    const event = getEventType(id).build(overrides, { variant, validate: false });
    expect(prototypesIntact(event)).toStrictEqual([]);
    expect(({} as Record<string, unknown>).h ?? ({} as Record<string, unknown>).q).toBeUndefined();
  });

  it('keep the value under the key, in both mirrored maps', () => {
    const event = getEventType('api-gateway-rest').build({ headers: own('__proto__', 'h') }, { variant: 'proxy' }) as {
      headers: Record<string, string>;
      multiValueHeaders: Record<string, string[]>;
    };
    expect(Object.hasOwn(event.headers, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(event.multiValueHeaders, '__proto__')?.value).toStrictEqual(['h']);
  });

  it('keep a __proto__ query parameter parsed from a raw query string', () => {
    const event = getEventType('api-gateway-http').build({ rawQueryString: '__proto__=1&a=2' }) as {
      queryStringParameters: Record<string, string>;
    };
    expect(Object.getOwnPropertyDescriptor(event.queryStringParameters, '__proto__')?.value).toBe('1');
    expect(event.queryStringParameters.a).toBe('2');
  });

  it('stay plain data when SNS attributes become SQS attributes', () => {
    const sns = snsEvent({
      Records: [{ Sns: { MessageAttributes: own('__proto__', { Type: 'String', Value: 'v' }) as never } }],
    });
    const event = sqsEventFromSns(sns, { rawMessageDelivery: true });
    expect(prototypesIntact(event)).toStrictEqual([]);
    expect(Object.hasOwn(event.Records[0]?.messageAttributes ?? {}, '__proto__')).toBe(true);
  });
});
