import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { functionUrlArbitrary } from '../../src/arbitraries.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { joinedValues, parseQuery } from '../../src/core/http-request.ts';
import { type FunctionUrlEvent, functionUrlEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: FunctionUrlEvent): void {
  for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
  expect(event.headers).not.toHaveProperty('cookie');
  const pairs = parseQuery(event.rawQueryString);
  expect(event.queryStringParameters).toStrictEqual(pairs.length === 0 ? undefined : joinedValues(pairs));
  const context = event.requestContext;
  expect([event.routeKey, context.routeKey, context.stage]).toStrictEqual(['$default', '$default', '$default']);
  expect(event).not.toHaveProperty('pathParameters');
  expect(context.http.path).toBe(event.rawPath);
  expect(context.time).toBe(clfTime(context.timeEpoch));
  expect(context.domainPrefix).toBe(context.apiId);
  expect(context.domainName).toMatch(new RegExp(`^${context.apiId}\\.lambda-url\\.[a-z0-9-]+\\.on\\.aws$`));
  expect(event.headers.host).toBe(context.domainName);
  expect(event.headers['user-agent']).toBe(context.http.userAgent);
  expect(context.accountId === 'anonymous').toBe(context.authorizer === undefined);
  if (context.authorizer) expect(context.accountId).toBe(context.authorizer.iam.accountId);
  if (event.isBase64Encoded) expect(Buffer.from(event.body ?? '', 'base64').toString('base64')).toBe(event.body);
  const length = event.headers['content-length'];
  if (event.body === undefined || event.body === '') expect(length).toBeUndefined();
  else {
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    expect(length).toBe(String(bytes.length));
  }
}

runEventContract<FunctionUrlEvent>({
  id: 'function-url',
  build: functionUrlEvent as never,
  arbitrary: functionUrlArbitrary as never,
  override: {
    value: { rawPath: '/hooks/stripe', rawQueryString: 'a=1&a=2', body: { id: 'evt_1' } },
    check: (event) => {
      expect(event.requestContext.http.path).toBe('/hooks/stripe');
      expect(event.queryStringParameters).toStrictEqual({ a: '1,2' });
      expect(event.body).toBe('{"id":"evt_1"}');
    },
  },
  derived,
  requiredPath: ['requestContext', 'domainPrefix'],
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
    'request-time': (e) => {
      e.requestContext.timeEpoch += 5_000;
    },
    'base64-body': (e) => {
      e.body = 'not base64!';
      e.isBase64Encoded = true;
    },
    'caller-account': (e) => {
      const { iam } = functionUrlEvent(undefined, { variant: 'iam-auth', seed: 5 }).requestContext.authorizer;
      e.requestContext.accountId = iam.accountId;
      e.requestContext.authorizer = {
        iam: { ...iam, accountId: iam.accountId === '111122223333' ? '444455556666' : '111122223333' },
      };
    },
    'url-id': (e) => {
      e.requestContext.apiId = 'a'.repeat(32);
      e.requestContext.domainPrefix = 'a'.repeat(32);
    },
    'auth-account': (e) => {
      e.requestContext.accountId = '123456789012';
    },
  },
});

describe('functionUrlEvent', () => {
  it('keeps derived fields consistent for edge events: odd paths, queries, headers and bodies (property)', () => {
    fc.assert(
      fc.property(functionUrlArbitrary({ edge: true }), (event) => derived(event)),
      { numRuns: 60, seed: 6 },
    );
  });

  it('fails the derived checks when a derived field is tampered with', () => {
    const [event] = fc.sample(functionUrlArbitrary(), { numRuns: 1, seed: 1 });
    const tampered = structuredClone(event) as unknown as Record<string, unknown>;
    tampered.body = 'tampered body of another length';
    expect(() => derived(tampered as never)).toThrow();
  });

  it('uses the URL id as apiId, domainPrefix and host name', () => {
    const event = functionUrlEvent();
    expect(event.requestContext.apiId).toMatch(/^[a-z0-9]{32}$/);
    expect(event.headers.host).toBe(
      `${event.requestContext.apiId}.${event.headers.host?.split('.').slice(1).join('.')}`,
    );
    const moved = functionUrlEvent({ requestContext: { apiId: 'x'.repeat(32) } });
    expect(moved.requestContext.domainName).toMatch(/^x{32}\.lambda-url\./);
    expect(moved.requestContext.domainPrefix).toBe('x'.repeat(32));
  });

  it('reports an anonymous caller for auth type NONE and the IAM caller for iam-auth', () => {
    expect(functionUrlEvent().requestContext.accountId).toBe('anonymous');
    const iam = functionUrlEvent(undefined, { variant: 'iam-auth' });
    expect(iam.requestContext.accountId).toMatch(/^\d{12}$/);
    expect(iam.requestContext.authorizer?.iam.userArn).toMatch(/^arn:aws:sts::\d{12}:assumed-role\//);
    expect(iam.headers.authorization).toMatch(/\/lambda\/aws4_request/);
  });

  it('rejects a route key other than $default', () => {
    expect(validate('function-url', { ...functionUrlEvent(), routeKey: 'GET /x' }).valid).toBe(false);
  });

  it('moves cookies out of the headers and joins repeated header values', () => {
    const event = functionUrlEvent({ headers: { Cookie: 'a=1', 'X-Tag': ['a', 'b'] } });
    expect(event.cookies).toStrictEqual(['a=1']);
    expect(event.headers['x-tag']).toBe('a,b');
  });

  it('omits body when there is none and encodes bytes as base64', () => {
    expect(functionUrlEvent({ body: null })).not.toHaveProperty('body');
    expect(functionUrlEvent({ body: Buffer.from('hi') })).toMatchObject({ body: 'aGk=', isBase64Encoded: true });
  });

  it('replaces the query with the arbitrary query option', () => {
    const [event] = fc.sample(functionUrlArbitrary({ query: fc.constant({ q: 'ü' }) }), { numRuns: 1, seed: 2 });
    expect(event?.rawQueryString).toBe('q=%C3%BC');
    expect(event?.queryStringParameters).toStrictEqual({ q: 'ü' });
  });
});

describe('function-url strict rules and response contract', () => {
  const strictErrors = (event: unknown) => validate('function-url', event, { strict: true }).errors;

  it('sends "anonymous" without IAM auth and the caller account with it', () => {
    expect(functionUrlEvent().requestContext.accountId).toBe('anonymous');
    const iam = functionUrlEvent(undefined, { variant: 'iam-auth' });
    expect(iam.requestContext.accountId).toMatch(/^\d{12}$/);
    expect(strictErrors(iam)).toStrictEqual([]);
    const anonymous = structuredClone(iam);
    anonymous.requestContext.accountId = 'anonymous';
    expect(strictErrors(anonymous).map((e) => e.rule)).toStrictEqual(['auth-account']);
  });

  it('accepts the documented nulls in shape and rejects a URL id that is not the domain label in strict', () => {
    const event = { ...functionUrlEvent(), pathParameters: null, stageVariables: null };
    expect(validate('function-url', event).errors).toStrictEqual([]);
    const other = structuredClone(functionUrlEvent());
    other.requestContext.domainPrefix = 'b'.repeat(32);
    expect(strictErrors(other).map((e) => [e.path, e.rule])).toStrictEqual([['requestContext.domainPrefix', 'url-id']]);
  });

  const check = (response: unknown) => validate('function-url', response, { response: true });

  it('accepts structured results and any JSON value without statusCode', () => {
    for (const response of [{ statusCode: 201, body: 'ok', cookies: ['a=1'] }, { ok: true }, 'text', [1], null]) {
      expect({ response, errors: check(response).errors }).toStrictEqual({ response, errors: [] });
    }
  });

  it('rejects malformed structured results', () => {
    expect(check({ statusCode: '200' }).valid).toBe(false);
    expect(check({ statusCode: 200, body: { a: 1 } }).valid).toBe(false);
    expect(check({ statusCode: 200, headers: { a: [1] } }).valid).toBe(false);
  });
});
