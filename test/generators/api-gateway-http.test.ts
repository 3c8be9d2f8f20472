import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiGatewayHttpArbitrary } from '../../src/arbitraries.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { joinedValues, matchResource, parseQuery } from '../../src/core/http-request.ts';
import { type ApiGatewayHttpEvent, apiGatewayHttpEvent, validate } from '../../src/index.ts';
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
  expect(context.domainPrefix).toBe(context.apiId);
  expect(context.domainName.startsWith(`${context.apiId}.`)).toBe(true);
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

function derived(event: ApiGatewayHttpEvent): void {
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
});

describe('apiGatewayHttpEvent', () => {
  it('keeps derived fields consistent for edge events: odd paths, queries, headers and bodies (property)', () => {
    fc.assert(
      fc.property(apiGatewayHttpArbitrary({ edge: true }), (event) => derived(event)),
      { numRuns: 60, seed: 6 },
    );
  });

  it('fails the derived checks when a derived field is tampered with', () => {
    const [event] = fc.sample(apiGatewayHttpArbitrary(), { numRuns: 1, seed: 1 });
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
    const byPath = apiGatewayHttpEvent({ routeKey: 'GET /orders/{id}', rawPath: '/nope' });
    expect(byPath.routeKey).toBe('GET /orders/{id}');
    expect(byPath.requestContext.http.path).toBe('/nope');
  });

  it('follows an overridden method in the route key, unless the route is ANY', () => {
    const event = apiGatewayHttpEvent({ routeKey: 'GET /orders', requestContext: { http: { method: 'POST' } } });
    expect(event.routeKey).toBe('GET /orders');
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
    const [event] = fc.sample(apiGatewayHttpArbitrary({ query: fc.constant({ q: ['1+1', '50%'] }) }), {
      numRuns: 1,
      seed: 3,
    });
    expect(event?.rawQueryString).toBe('q=1%2B1&q=50%25');
    expect(event?.queryStringParameters).toStrictEqual({ q: '1+1,50%' });
  });
});
