import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiGatewayHttpArbitrary } from '../../src/arbitraries.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { joinedValues, matchResource, parseQuery } from '../../src/core/http-request.ts';
import {
  type ApiGatewayHttpEvent,
  type ApiGatewayHttpV1Event,
  apiGatewayHttpEvent,
  validate,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

/** Derived-field checks shared by the payload 2.0 sources (HTTP API and function URLs). */
function derivedV2(event: ApiGatewayHttpEvent): void {
  for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
  expect(event.headers).not.toHaveProperty('cookie');
  if (event.cookies !== undefined) expect(event.cookies.length).toBeGreaterThan(0);
  const pairs = parseQuery(event.rawQueryString);
  expect(event.queryStringParameters).toStrictEqual(pairs.length === 0 ? undefined : joinedValues(pairs));
  const context = event.requestContext;
  expect(context.routeKey).toBe(event.routeKey);
  expect(context.http.path).toBe(event.rawPath);
  expect(context.time).toBe(clfTime(context.timeEpoch));
  expect(context.domainPrefix).toBe(context.domainName.split('.')[0]);
  if (context.authentication === undefined) expect(context.domainName.startsWith(`${context.apiId}.`)).toBe(true);
  expect(event.headers.host).toBe(context.domainName);
  expect(event.headers['user-agent']).toBe(context.http.userAgent);
  if (event.isBase64Encoded) expect(Buffer.from(event.body ?? '', 'base64').toString('base64')).toBe(event.body);
  const length = event.headers['content-length'];
  if (event.body === undefined || event.body === '') expect(length).toBeUndefined();
  else {
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    expect(length).toBe(String(bytes.length));
  }
}

function derivedV1(event: ApiGatewayHttpV1Event): void {
  for (const name of Object.keys(event.multiValueHeaders)) expect(name).toBe(name.toLowerCase());
  expect(Object.keys(event.headers).sort()).toStrictEqual(Object.keys(event.multiValueHeaders).sort());
  for (const [name, values] of Object.entries(event.multiValueHeaders)) expect(values).toContain(event.headers[name]);
  expect(event.queryStringParameters === null).toBe(event.multiValueQueryStringParameters === null);
  const context = event.requestContext;
  expect([context.httpMethod, context.resourcePath, context.path]).toStrictEqual([
    event.httpMethod,
    event.resource,
    event.path,
  ]);
  expect(matchResource(event.resource, event.path)).toStrictEqual(event.pathParameters);
  expect(context.requestTime).toBe(clfTime(context.requestTimeEpoch));
  expect(context.stage).toBe('$default');
  expect(event.headers.host).toBe(context.domainName);
}

function derived(event: ApiGatewayHttpEvent | ApiGatewayHttpV1Event): void {
  if (event.version === '1.0') {
    derivedV1(event);
    return;
  }
  derivedV2(event);
  if (event.routeKey === '$default') expect(event.pathParameters).toBeUndefined();
  else {
    const [method, resource] = event.routeKey.split(' ') as [string, string];
    if (method !== 'ANY') expect(method).toBe(event.requestContext.http.method);
    expect(matchResource(resource, event.rawPath)).toStrictEqual(event.pathParameters ?? null);
  }
  expect(event.requestContext.stage).toBe('$default');
}

runEventContract<ApiGatewayHttpEvent>({
  id: 'api-gateway-http',
  build: apiGatewayHttpEvent as never,
  arbitrary: apiGatewayHttpArbitrary as never,
  override: {
    value: { rawQueryString: 'tag=a&tag=b&q=caf%C3%A9', body: { orderId: 'o-1' } },
    check: (event) => {
      expect(event.queryStringParameters).toStrictEqual({ tag: 'a,b', q: 'café' });
      expect(event.body).toBe('{"orderId":"o-1"}');
      expect(event.isBase64Encoded).toBe(false);
    },
  },
  derived,
  requiredPath: ['requestContext', 'http', 'sourceIp'],
  breaks: {
    'lower-case-headers': (e) => {
      e.headers['X-Tenant'] = 'acme';
    },
    'cookie-header': (e) => {
      e.headers.cookie = 'session=1';
    },
    'raw-path': (e) => {
      e.requestContext.http.path = '/elsewhere';
    },
    'raw-query': (e) => {
      e.queryStringParameters = { ...e.queryStringParameters, injected: '1' };
    },
    'route-key': (e) => {
      e.requestContext.routeKey = e.routeKey === '$default' ? 'GET /elsewhere' : '$default';
    },
    'request-time': (e) => {
      e.requestContext.timeEpoch += 5_000;
    },
    'domain-prefix': (e) => {
      e.requestContext.domainPrefix = 'another';
    },
    'base64-body': (e) => {
      e.body = 'not base64!';
      e.isBase64Encoded = true;
    },
    'caller-account': (e) => {
      const iam = apiGatewayHttpEvent(undefined, { variant: 'iam', seed: 5 }).requestContext.authorizer.iam;
      e.requestContext.authorizer = {
        iam: { ...iam, accountId: iam.accountId === '111122223333' ? '444455556666' : '111122223333' },
      };
    },
    'v1-headers': (e) => {
      const v1 = toV1(e);
      v1.multiValueHeaders.accept = ['application/x-other'];
    },
    'v1-query': (e) => {
      const v1 = toV1(e);
      v1.queryStringParameters = { page: '1' };
      v1.multiValueQueryStringParameters = { page: ['2', '3'] };
    },
    'v1-http-method': (e) => {
      const v1 = toV1(e);
      v1.requestContext.httpMethod = v1.httpMethod === 'GET' ? 'POST' : 'GET';
    },
    'v1-resource-path': (e) => {
      toV1(e).requestContext.resourcePath = '/elsewhere';
    },
    'v1-path-parameters': (e) => {
      const v1 = toV1(e);
      Object.assign(v1, { resource: '/orders/{id}', path: '/orders/7', pathParameters: { id: '8' } });
      Object.assign(v1.requestContext, { resourcePath: '/orders/{id}', path: '/orders/7' });
    },
  },
});

/** Replaces a payload 2.0 event, in place, by a valid payload 1.0 event (to break a 1.0 rule). */
function toV1(event: ApiGatewayHttpEvent): ApiGatewayHttpV1Event {
  const target = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, structuredClone(apiGatewayHttpEvent(undefined, { variant: 'payload-1.0', seed: 5 })));
  return target as unknown as ApiGatewayHttpV1Event;
}

describe('apiGatewayHttpEvent', () => {
  it('keeps derived fields consistent for edge events: odd paths, queries, headers and bodies (property)', () => {
    fc.assert(
      fc.property(apiGatewayHttpArbitrary({ edge: true }), (event) => derived(event)),
      { numRuns: 60, seed: 6 },
    );
  });

  it('fails the derived checks when a derived field is tampered with', () => {
    const [event] = fc.sample(apiGatewayHttpArbitrary({ variant: 'v2' }), { numRuns: 1, seed: 1 });
    const tampered = structuredClone(event) as unknown as Record<string, unknown>;
    tampered.body = 'tampered body of another length';
    expect(() => derived(tampered as never)).toThrow();
  });

  it('encodes an overridden query map into rawQueryString, and removes the map when the raw query is empty', () => {
    const event = apiGatewayHttpEvent({ queryStringParameters: { q: 'a b&c' } }, { seed: 4 });
    expect(event.rawQueryString).toContain('q=a%20b%26c');
    const none = apiGatewayHttpEvent({ rawQueryString: '' });
    expect(none).not.toHaveProperty('queryStringParameters');
  });

  it('lower-cases header overrides and comma-joins repeated values', () => {
    const event = apiGatewayHttpEvent({ headers: { 'X-Tenant': 'acme', Accept: ['text/html', 'application/json'] } });
    expect(event.headers['x-tenant']).toBe('acme');
    expect(event.headers).not.toHaveProperty('X-Tenant');
    expect(event.headers.accept).toBe('text/html,application/json');
  });

  it('moves a cookie header into cookies', () => {
    const event = apiGatewayHttpEvent({ headers: { Cookie: 'a=1; b=2' } });
    expect(event.cookies).toStrictEqual(['a=1', 'b=2']);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(apiGatewayHttpEvent({ cookies: ['x=1'], headers: { cookie: 'a=1' } }).cookies).toStrictEqual(['x=1']);
  });

  it('rejects cookies sent as one string instead of a list', () => {
    const event = apiGatewayHttpEvent();
    expect(validate('api-gateway-http', { ...event, cookies: 'a=1' }).valid).toBe(false);
  });

  it('keeps routeKey, rawPath and pathParameters in agreement after overrides', () => {
    const byParameter = apiGatewayHttpEvent({ pathParameters: { id: 'ord-1' } });
    expect(byParameter.routeKey).toMatch(/^[A-Z]+ \/orders\/\{id\}$/);
    expect(byParameter.rawPath).toBe('/orders/ord-1');
    const byRoute = apiGatewayHttpEvent({ routeKey: 'GET /customers/{customerId}/orders' });
    expect(byRoute.rawPath).toMatch(/^\/customers\/[^/]+\/orders$/);
    expect(byRoute.requestContext.routeKey).toBe('GET /customers/{customerId}/orders');
    const mismatch = { routeKey: 'GET /orders/{id}', rawPath: '/nope' };
    const byPath = apiGatewayHttpEvent(mismatch, { validate: 'shape' });
    expect(byPath.routeKey).toBe('GET /orders/{id}');
    expect(byPath.requestContext.http.path).toBe('/nope');
    expect(() => apiGatewayHttpEvent(mismatch)).toThrow(
      /rawPath: expected a path matching route "GET \/orders\/\{id\}"/,
    );
  });

  it('follows an overridden method in the route key, unless the route is ANY', () => {
    const mismatch = { routeKey: 'GET /orders', requestContext: { http: { method: 'POST' as const } } };
    const event = apiGatewayHttpEvent(mismatch, { validate: 'shape' });
    expect(event.routeKey).toBe('GET /orders');
    expect(validate('api-gateway-http', event, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'route-key',
    ]);
    const derivedKey = apiGatewayHttpEvent({
      pathParameters: { id: '1' },
      requestContext: { http: { method: 'DELETE' } },
    });
    expect(derivedKey.routeKey).toBe('DELETE /orders/{id}');
  });

  it('sends each variant its authorizer, and none for v2', () => {
    expect(apiGatewayHttpEvent().requestContext).not.toHaveProperty('authorizer');
    const jwt = apiGatewayHttpEvent(undefined, { variant: 'jwt-authorizer' }).requestContext.authorizer;
    expect(jwt?.jwt?.claims.iss).toMatch(/^https:\/\/cognito-idp\./);
    const lambda = apiGatewayHttpEvent(undefined, { variant: 'lambda-authorizer' }).requestContext.authorizer;
    expect(lambda?.lambda).toHaveProperty('userId');
    const iam = apiGatewayHttpEvent(undefined, { variant: 'iam' });
    expect(iam.requestContext.authorizer?.iam?.userArn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\//);
    expect(iam.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('omits body when there is none and base64-encodes bytes', () => {
    const get = apiGatewayHttpEvent({ body: undefined });
    expect(get).not.toHaveProperty('body');
    expect(get.headers).not.toHaveProperty('content-length');
    const binary = apiGatewayHttpEvent({ body: new Uint8Array([104, 105]) });
    expect(binary).toMatchObject({ body: 'aGk=', isBase64Encoded: true });
    expect(binary.headers['content-length']).toBe('2');
  });

  it('builds the query from the arbitrary query option in both forms', () => {
    const [event] = fc.sample(apiGatewayHttpArbitrary({ query: fc.constant({ q: ['1+1', '50%'] }), variant: 'v2' }), {
      numRuns: 1,
      seed: 3,
    });
    expect(event?.rawQueryString).toBe('q=1%2B1&q=50%25');
    expect(event?.queryStringParameters).toStrictEqual({ q: '1+1,50%' });
  });
});

describe('apiGatewayHttpEvent variants', () => {
  it('sends the client certificate on a custom domain in the mtls variant', () => {
    const event = apiGatewayHttpEvent(undefined, { variant: 'mtls' });
    expect(event.requestContext.authentication.clientCert.clientCertPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(event.requestContext.domainName).not.toContain('.execute-api.');
    expect(event.headers.host).toBe(event.requestContext.domainName);
    expect(apiGatewayHttpEvent().requestContext).not.toHaveProperty('authentication');
  });

  it('sends stage variables on some seeds, as a map of strings', () => {
    const events = Array.from({ length: 12 }, (_, seed) => apiGatewayHttpEvent(undefined, { seed }));
    const withVariables = events.filter((e) => e.stageVariables !== undefined);
    expect(withVariables.length).toBeGreaterThan(0);
    expect(withVariables.length).toBeLessThan(events.length);
  });

  it('builds payload format 1.0: the REST proxy shape with version 1.0 and lower-case headers', () => {
    const event = apiGatewayHttpEvent({ headers: { 'X-Tenant': 'acme' } }, { variant: 'payload-1.0' });
    expect(event.version).toBe('1.0');
    expect(event.requestContext.stage).toBe('$default');
    expect(event.headers['x-tenant']).toBe('acme');
    expect(event.multiValueHeaders['x-tenant']).toStrictEqual(['acme']);
    expect(event.requestContext.authorizer).toStrictEqual({ claims: null, scopes: null });
  });
});

describe('api-gateway-http contract', () => {
  // The root's if/then/else (payload 1.0 or 2.0) adds one error at the root; the tests look at the others.
  const strictErrors = (event: unknown) =>
    validate('api-gateway-http', event, { strict: true }).errors.filter((e) => e.path !== '');

  it('admits a Lambda authorizer that returned no context (lambda: null) in shape only', () => {
    const event = structuredClone(
      apiGatewayHttpEvent(undefined, { variant: 'lambda-authorizer' }),
    ) as ApiGatewayHttpEvent;
    (event.requestContext.authorizer as Record<string, unknown>).lambda = null;
    expect(validate('api-gateway-http', event).errors).toStrictEqual([]);
    expect(strictErrors(event).map((e) => e.path)).toStrictEqual(['requestContext.authorizer.lambda']);
  });

  it('reports a typo in a 2.0 event at its path, without the 1.0 shape', () => {
    const event = { ...apiGatewayHttpEvent(), rawpath: '/x' };
    expect(strictErrors(event).map((e) => e.path)).toContain('rawpath');
    expect(strictErrors(event).map((e) => e.path)).not.toContain('resource');
  });

  it('accepts a named stage prefix in rawPath, and rejects a rawPath the route does not match', () => {
    const event = structuredClone(apiGatewayHttpEvent({ routeKey: 'GET /orders/{id}', rawPath: '/orders/7' }));
    event.requestContext.stage = 'prod';
    event.rawPath = '/prod/orders/7';
    event.requestContext.http.path = '/prod/orders/7';
    expect(strictErrors(event)).toStrictEqual([]);
    event.rawPath = '/prod/customers/7';
    event.requestContext.http.path = '/prod/customers/7';
    expect(strictErrors(event).map((e) => [e.path, e.rule])).toStrictEqual([['rawPath', 'route-key']]);
  });

  it('compares decoded query values with queryStringParameters, repeats comma-joined', () => {
    const event = structuredClone(apiGatewayHttpEvent({ rawQueryString: 'q=caf%C3%A9&t=a&t=b' }));
    expect(event.queryStringParameters).toStrictEqual({ q: 'café', t: 'a,b' });
    expect(strictErrors(event)).toStrictEqual([]);
    event.queryStringParameters = { q: 'caf%C3%A9', t: 'a,b' };
    expect(strictErrors(event).map((e) => e.path)).toStrictEqual(['queryStringParameters.q']);
  });

  it('accepts a 1.0 single value that is any of its list, and rejects one that is none of them', () => {
    const event = structuredClone(apiGatewayHttpEvent(undefined, { variant: 'payload-1.0' }));
    event.multiValueHeaders.accept = ['text/html', event.headers.accept as string];
    event.headers.accept = 'text/html';
    expect(strictErrors(event)).toStrictEqual([]);
    event.headers.accept = 'image/png';
    expect(strictErrors(event).map((e) => e.rule)).toStrictEqual(['v1-headers']);
  });
});

describe('api-gateway-http response contract', () => {
  const check = (response: unknown) => validate('api-gateway-http', response, { response: true });

  it('accepts structured results and any JSON value without statusCode (sent as a 200 JSON body)', () => {
    for (const response of [
      { statusCode: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } },
      { statusCode: 302, headers: { location: '/x' }, cookies: ['a=1; Secure'], isBase64Encoded: false },
      { statusCode: 204, body: null, headers: null, cookies: null },
      { ok: true },
      'plain string',
      [1, 2],
      null,
      42,
    ]) {
      expect({ response, errors: check(response).errors }).toStrictEqual({ response, errors: [] });
    }
  });

  it('rejects structured results the HTTP API answers with 500: bad statusCode, object body, cookie string', () => {
    expect(check({ statusCode: '200' }).valid).toBe(false);
    expect(check({ statusCode: 700 }).valid).toBe(false);
    expect(check({ statusCode: 200, body: { ok: true } }).valid).toBe(false);
    expect(check({ statusCode: 200, cookies: 'a=1' }).valid).toBe(false);
    expect(check({ statusCode: 200, isBase64Encoded: 'yes' }).valid).toBe(false);
  });
});
