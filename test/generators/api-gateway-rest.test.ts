import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiGatewayRestArbitrary } from '../../src/arbitraries.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { matchResource } from '../../src/core/http-request.ts';
import { type ApiGatewayRestEvent, apiGatewayRestEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function mirrors(single: Record<string, string> | null, multi: Record<string, string[]> | null): void {
  expect(single === null).toBe(multi === null);
  if (single === null || multi === null) return;
  expect(Object.keys(single).sort()).toStrictEqual(Object.keys(multi).sort());
  for (const [name, value] of Object.entries(single)) expect(multi[name]?.at(-1)).toBe(value);
}

function header(event: ApiGatewayRestEvent, name: string): string | undefined {
  if (event.headers === null) return undefined;
  const key = Object.keys(event.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : event.headers[key];
}

function derived(event: ApiGatewayRestEvent): void {
  mirrors(event.headers, event.multiValueHeaders);
  mirrors(event.queryStringParameters, event.multiValueQueryStringParameters);
  expect(matchResource(event.resource, event.path)).toStrictEqual(event.pathParameters);
  const context = event.requestContext;
  expect(context.httpMethod).toBe(event.httpMethod);
  expect(context.resourcePath).toBe(event.resource);
  expect(context.requestTime).toBe(clfTime(context.requestTimeEpoch));
  if (context.stage === 'test-invoke-stage') {
    expect(context.path).toBe(event.path);
    expect([context.domainName, context.domainPrefix]).toStrictEqual(['testPrefix.testDomainName', 'testPrefix']);
    expect(context.identity.sourceIp).toBe('test-invoke-source-ip');
  } else {
    expect(context.path).toBe(`/${context.stage}${event.path}`);
    expect(context.domainPrefix).toBe(context.apiId);
    const region = context.domainName.split('.')[2];
    expect(context.domainName).toBe(`${context.apiId}.execute-api.${region}.amazonaws.com`);
    expect(header(event, 'host')).toBe(context.domainName);
    expect(header(event, 'user-agent')).toBe(context.identity.userAgent);
  }
  expect(typeof event.body === 'string' || event.body === null).toBe(true);
  if (event.isBase64Encoded) expect(Buffer.from(event.body ?? '', 'base64').toString('base64')).toBe(event.body);
  const length = header(event, 'content-length');
  if (event.headers === null) return;
  if (event.body === null || event.body === '') expect(length).toBeUndefined();
  else {
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    expect(length).toBe(String(bytes.length));
  }
}

runEventContract<ApiGatewayRestEvent>({
  id: 'api-gateway-rest',
  build: apiGatewayRestEvent as never,
  arbitrary: apiGatewayRestArbitrary as never,
  override: {
    value: { httpMethod: 'POST', body: { orderId: 'o-1' } },
    check: (event) => {
      expect(event.body).toBe('{"orderId":"o-1"}');
      expect(event.isBase64Encoded).toBe(false);
      expect(event.requestContext.httpMethod).toBe('POST');
    },
  },
  derived,
  requiredPath: ['requestContext', 'identity', 'sourceIp'],
  breaks: {
    'headers-last-value': (e) => {
      e.multiValueHeaders.Accept = ['text/html', 'application/xml'];
    },
    'query-last-value': (e) => {
      e.queryStringParameters = { page: '2' };
      e.multiValueQueryStringParameters = { page: ['2', '3'] };
    },
    'http-method': (e) => {
      e.requestContext.httpMethod = e.httpMethod === 'GET' ? 'POST' : 'GET';
    },
    'resource-path': (e) => {
      e.requestContext.resourcePath = '/elsewhere';
    },
    'path-parameters': (e) => {
      e.resource = '/orders/{id}';
      e.requestContext.resourcePath = '/orders/{id}';
      e.path = '/orders/7';
      e.requestContext.path = `/${e.requestContext.stage}/orders/7`;
      e.pathParameters = { id: '8' };
    },
    'request-time': (e) => {
      e.requestContext.requestTimeEpoch += 5_000;
    },
    'domain-prefix': (e) => {
      e.requestContext.domainPrefix = 'another';
    },
    'base64-body': (e) => {
      e.body = 'not base64!';
      e.isBase64Encoded = true;
    },
    'caller-account': (e) => {
      e.requestContext.identity.accountId = '111122223333';
      e.requestContext.identity.userArn = 'arn:aws:sts::444455556666:assumed-role/reader/s-1';
    },
    'stage-path': (e) => {
      e.requestContext.path = e.path;
    },
  },
});

describe('apiGatewayRestEvent', () => {
  it('keeps derived fields consistent for edge events: odd paths, queries, headers and bodies (property)', () => {
    fc.assert(
      fc.property(apiGatewayRestArbitrary({ edge: true }), (event) => derived(event)),
      { numRuns: 60, seed: 6 },
    );
  });

  it('fails the derived checks when a derived field is tampered with', () => {
    const [event] = fc.sample(apiGatewayRestArbitrary(), { numRuns: 1, seed: 1 });
    const tampered = structuredClone(event) as unknown as Record<string, unknown>;
    tampered.body = 'tampered body of another length';
    expect(() => derived(tampered as never)).toThrow();
  });

  it('sends null query maps, path parameters and stage variables when there are none', () => {
    const event = apiGatewayRestEvent({ path: '/', queryStringParameters: null });
    expect(event.resource).toBe('/');
    expect(event.pathParameters).toBeNull();
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(validate('api-gateway-rest', { ...event, queryStringParameters: {} }).valid).toBe(true);
  });

  it('rejects a body given as an object in a raw event', () => {
    const event = apiGatewayRestEvent();
    expect(validate('api-gateway-rest', { ...event, body: { a: 1 } }).errors[0]?.path).toBe('body');
  });

  it('rebuilds path from an overridden path parameter', () => {
    const event = apiGatewayRestEvent({ pathParameters: { id: 'ord-42' } });
    expect(event.resource).toBe('/orders/{id}');
    expect(event.path).toBe('/orders/ord-42');
    expect(event.requestContext.path).toBe(`/${event.requestContext.stage}/orders/ord-42`);
  });

  it('derives path parameters from an overridden path, falling back to {proxy+} when the route does not match', () => {
    expect(apiGatewayRestEvent({ resource: '/orders/{id}', path: '/orders/7' }).pathParameters).toStrictEqual({
      id: '7',
    });
    const fallback = apiGatewayRestEvent({ path: '/carts/7/items' }, { seed: 1 });
    expect(fallback.resource).toBe('/{proxy+}');
    expect(fallback.pathParameters).toStrictEqual({ proxy: 'carts/7/items' });
  });

  it('mirrors header overrides into multiValueHeaders, replacing a differently-cased default', () => {
    const event = apiGatewayRestEvent({ headers: { 'content-type': 'text/csv', 'X-Tenant': 'acme' } });
    expect(event.multiValueHeaders['X-Tenant']).toStrictEqual(['acme']);
    expect(event.multiValueHeaders['content-type']).toStrictEqual(['text/csv']);
    expect(Object.keys(event.headers).filter((k) => k.toLowerCase() === 'content-type')).toStrictEqual([
      'content-type',
    ]);
  });

  it('takes the last value of an overridden multi-value header, and removes both on undefined', () => {
    const event = apiGatewayRestEvent({ multiValueHeaders: { 'X-Tag': ['a', 'b'] } });
    expect(event.headers['X-Tag']).toBe('b');
    const removed = apiGatewayRestEvent({ headers: { Accept: undefined } });
    expect(removed.headers).not.toHaveProperty('Accept');
    expect(removed.multiValueHeaders).not.toHaveProperty('Accept');
  });

  it('keeps overridden path parameters that disagree with an overridden path, which strict rejects', () => {
    const overrides = { path: '/orders/1', pathParameters: { id: '2' } };
    const event = apiGatewayRestEvent(overrides, { validate: 'shape' });
    expect([event.path, event.pathParameters]).toStrictEqual(['/orders/1', { id: '2' }]);
    expect(() => apiGatewayRestEvent(overrides)).toThrow(/pathParameters\.id: expected "1"/);
  });

  it('keeps an explicit mismatch between the two header maps, which strict rejects', () => {
    const overrides = { headers: { 'X-A': '1' }, multiValueHeaders: { 'X-A': ['2'] } };
    const event = apiGatewayRestEvent(overrides, { validate: 'shape' });
    expect([event.headers['X-A'], event.multiValueHeaders['X-A']]).toStrictEqual(['1', ['2']]);
    const errors = validate('api-gateway-rest', event, { strict: true }).errors;
    expect(errors.map((e) => [e.path, e.rule])).toStrictEqual([['headers.X-A', 'headers-last-value']]);
  });

  it('repeats a header and a query parameter in the multi-value variant', () => {
    const event = apiGatewayRestEvent(undefined, { variant: 'multi-value' });
    expect(event.multiValueHeaders['Cache-Control']).toHaveLength(2);
    expect(event.multiValueQueryStringParameters?.tag).toHaveLength(2);
    expect(event.queryStringParameters?.tag).toBe(event.multiValueQueryStringParameters?.tag?.[1]);
  });

  it('base64-encodes a binary body and sets the content headers', () => {
    const event = apiGatewayRestEvent({ body: Buffer.from([0, 1, 2, 255]) });
    expect(event).toMatchObject({ body: 'AAEC/w==', isBase64Encoded: true });
    expect(header(event, 'content-length')).toBe('4');
    expect(apiGatewayRestEvent({ body: 'plain' }, { variant: 'base64-body' }).isBase64Encoded).toBe(false);
  });

  it('builds a base64 body in the base64-body variant', () => {
    const event = apiGatewayRestEvent(undefined, { variant: 'base64-body' });
    expect(event.isBase64Encoded).toBe(true);
    expect(header(event, 'content-type')).not.toBe('application/json');
  });

  it('adds content-type application/json for an object body only when none is given', () => {
    const event = apiGatewayRestEvent({ httpMethod: 'GET', headers: { 'Content-Type': undefined }, body: [1] });
    expect(header(event, 'content-type')).toBe('application/json');
    const given = apiGatewayRestEvent({ headers: { 'Content-Type': 'application/vnd.api+json' }, body: {} });
    expect(header(given, 'content-type')).toBe('application/vnd.api+json');
  });

  it('follows an overridden request time, api id and user agent', () => {
    const event = apiGatewayRestEvent({
      requestContext: {
        requestTimeEpoch: Date.UTC(2026, 1, 3, 4, 5, 6),
        apiId: 'abc123defg',
        identity: { userAgent: 'probe/1' },
      },
    });
    expect(event.requestContext.requestTime).toBe('03/Feb/2026:04:05:06 +0000');
    expect(event.requestContext.domainName).toMatch(/^abc123defg\.execute-api\./);
    expect(header(event, 'host')).toBe(event.requestContext.domainName);
    expect(header(event, 'user-agent')).toBe('probe/1');
  });

  it('puts an overridden source IP first in X-Forwarded-For, keeping the proxies after it', () => {
    for (const seed of [1, 2, 3, 4]) {
      const event = apiGatewayRestEvent({ requestContext: { identity: { sourceIp: '198.51.100.7' } } }, { seed });
      const hops = header(event, 'x-forwarded-for')?.split(', ') ?? [];
      expect(hops[0]).toBe('198.51.100.7');
      expect(event.multiValueHeaders['X-Forwarded-For']).toStrictEqual([hops.join(', ')]);
    }
    const kept = apiGatewayRestEvent({ headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(kept.requestContext.identity.sourceIp).not.toBe('203.0.113.9');
  });

  it('generates bodies the arbitrary is given, encoded as AWS sends them', () => {
    const sample = fc.sample(apiGatewayRestArbitrary({ body: fc.constant({ a: 'é' }), variant: 'proxy' }), {
      numRuns: 3,
      seed: 1,
    });
    for (const event of sample) expect(event.body).toBe('{"a":"é"}');
  });

  it('puts an arbitrary query into both maps, and none as null', () => {
    const [event] = fc.sample(apiGatewayRestArbitrary({ query: fc.constant({ q: ['a b', '100%'] }) }), { numRuns: 1 });
    expect(event?.multiValueQueryStringParameters?.q).toStrictEqual(['a b', '100%']);
    const [none] = fc.sample(apiGatewayRestArbitrary({ query: fc.constant({}) }), { numRuns: 1 });
    expect(none?.queryStringParameters).toBeNull();
  });
});

describe('apiGatewayRestEvent variants', () => {
  it('passes Cognito user pool claims as strings in the cognito-authorizer variant', () => {
    const event = apiGatewayRestEvent(undefined, { variant: 'cognito-authorizer' });
    const claims = event.requestContext.authorizer.claims;
    expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
    expect(claims.iss).toMatch(/^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9-]+_\w+$/);
    expect(claims.token_use).toBe('id');
    expect(apiGatewayRestEvent().requestContext.authorizer).toBeUndefined();
  });

  it('passes a Lambda authorizer context with principalId and integrationLatency', () => {
    for (const variant of ['lambda-token-authorizer', 'lambda-request-authorizer'] as const) {
      const { authorizer } = apiGatewayRestEvent(undefined, { variant }).requestContext;
      expect(typeof authorizer.principalId).toBe('string');
      expect(Number.isInteger(authorizer.integrationLatency)).toBe(true);
    }
  });

  it('fills the IAM caller in identity in the iam variant, with a SigV4 Authorization header', () => {
    const event = apiGatewayRestEvent(undefined, { variant: 'iam' });
    const { identity } = event.requestContext;
    expect(identity.accessKey).toMatch(/^ASIA/);
    expect(identity.userArn).toContain(`:${identity.accountId}:`);
    expect(event.headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(apiGatewayRestEvent().requestContext.identity.userArn).toBeNull();
  });

  it('sends null header maps and test-invoke identity values in the console-test-invoke variant', () => {
    const event = apiGatewayRestEvent(undefined, { variant: 'console-test-invoke' });
    expect([event.headers, event.multiValueHeaders]).toStrictEqual([null, null]);
    expect(event.requestContext.identity.apiKey).toBe('test-invoke-api-key');
    expect(event.requestContext.stage).toBe('test-invoke-stage');
    const withHeaders = apiGatewayRestEvent({ headers: { Accept: '*/*' } }, { variant: 'console-test-invoke' });
    expect(withHeaders.multiValueHeaders?.Accept).toStrictEqual(['*/*']);
  });
});

describe('api-gateway-rest strict rules', () => {
  const strictErrors = (event: unknown) => validate('api-gateway-rest', event, { strict: true }).errors;

  it('accepts a custom-domain path that ends with the resource path, and rejects one that does not', () => {
    const event = structuredClone(apiGatewayRestEvent({ path: '/orders/7' }));
    event.requestContext.domainName = 'api.example.com';
    event.requestContext.domainPrefix = 'api';
    event.requestContext.path = '/v1/orders/7';
    expect(strictErrors(event)).toStrictEqual([]);
    event.requestContext.path = '/v1/orders';
    expect(strictErrors(event).map((e) => e.rule)).toStrictEqual(['stage-path']);
  });

  it('accepts decoded path parameters, and rejects parameters the resource does not have', () => {
    const event = structuredClone(apiGatewayRestEvent({ resource: '/orders/{id}', path: '/orders/a%20b' }));
    event.pathParameters = { id: 'a b' };
    expect(strictErrors(event)).toStrictEqual([]);
    event.pathParameters = { id: 'a b', extra: 'x' };
    expect(strictErrors(event).map((e) => e.path)).toStrictEqual(['pathParameters.extra']);
  });

  it('rejects a path that does not match the resource template', () => {
    const event = structuredClone(apiGatewayRestEvent({ resource: '/orders/{id}', path: '/orders/7' }));
    event.path = '/customers/7';
    event.requestContext.path = `/${event.requestContext.stage}/customers/7`;
    expect(strictErrors(event).map((e) => [e.path, e.rule])).toStrictEqual([['path', 'path-parameters']]);
  });

  it('requires both header maps null together', () => {
    const event = structuredClone(apiGatewayRestEvent(undefined, { variant: 'console-test-invoke' }));
    expect(strictErrors(event)).toStrictEqual([]);
    (event as { multiValueHeaders: unknown }).multiValueHeaders = {};
    expect(strictErrors(event).map((e) => e.rule)).toStrictEqual(['headers-last-value']);
  });

  it('judges formats in strict only: a placeholder account id passes shape', () => {
    const event = structuredClone(apiGatewayRestEvent());
    event.requestContext.accountId = '1234567890';
    expect(validate('api-gateway-rest', event).errors).toStrictEqual([]);
    expect(strictErrors(event).map((e) => e.path)).toStrictEqual(['requestContext.accountId']);
  });

  it('admits SAM-rendered "None" maps in shape, not in strict', () => {
    const event = { ...apiGatewayRestEvent(), pathParameters: 'None', stageVariables: '' };
    expect(validate('api-gateway-rest', event).errors).toStrictEqual([]);
    expect(strictErrors(event).map((e) => e.path)).toContain('pathParameters');
  });
});

describe('api-gateway-rest response contract', () => {
  const check = (response: unknown) => validate('api-gateway-rest', response, { response: true });

  it('accepts proxy results as API Gateway reads them', () => {
    for (const response of [
      { statusCode: 200 },
      { statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-Count': 2 }, body: '{}' },
      { statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: 'aGk=', isBase64Encoded: true },
      { statusCode: 204, headers: null, multiValueHeaders: null, body: null, isBase64Encoded: null },
    ]) {
      expect({ response, errors: check(response).errors }).toStrictEqual({ response, errors: [] });
    }
  });

  it('rejects what makes API Gateway answer 502: unknown keys, object bodies, missing or bad statusCode', () => {
    expect(check({ statusCode: 200, message: 'ok' }).errors.map((e) => e.path)).toStrictEqual(['message']);
    expect(check({ statusCode: 200, body: { ok: true } }).valid).toBe(false);
    expect(check({ body: 'x' }).valid).toBe(false);
    expect(check({ statusCode: '200' }).valid).toBe(false);
    expect(check({ statusCode: 600 }).valid).toBe(false);
    expect(check({ statusCode: 200, headers: { a: { b: 1 } } }).valid).toBe(false);
    expect(check('plain text').valid).toBe(false);
  });
});
