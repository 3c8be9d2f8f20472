import { base64BodyRule, checkArnAccount, checkClfTime, domainPrefixRule } from '../../src/contracts/rule-kit.ts';
import { type ContractRule, defineRule, type RuleFinding, show } from '../../src/contracts/rules.ts';
import { matchResource, parseQuery, safeDecode } from '../../src/core/http-request.ts';
import { payloadV1Rules } from '../api-gateway-rest/rules.ts';
import type { ApiGatewayHttpEvent, ApiGatewayHttpPayload, ApiGatewayHttpV1Event } from './types.gen.ts';

type Report = (finding: RuleFinding) => void;
type Payload = ApiGatewayHttpPayload;

const isV1 = (e: Payload): e is ApiGatewayHttpV1Event => e.version === '1.0';

/** A rule of payload format 2.0 events only. */
function v2Rule(id: string, description: string, check: (e: ApiGatewayHttpEvent, report: Report) => void) {
  return defineRule<Payload>({ id, description, check: (e, report) => (isV1(e) ? undefined : check(e, report)) });
}

/** A rule of payload format 1.0 events only. */
function v1Rule(id: string, description: string, check: (e: ApiGatewayHttpV1Event, report: Report) => void) {
  return defineRule<Payload>({ id, description, check: (e, report) => (isV1(e) ? check(e, report) : undefined) });
}

/** The REST rule of this id, for format 1.0 events (the REST proxy shape). */
function restRule(id: string): ContractRule<never> {
  const rule = payloadV1Rules.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`[lambda-harness] no payload 1.0 rule ${id}`);
  return rule as ContractRule<never>;
}

/** Format 1.0 maps: the same names in both, each single value one of its list's values. */
function checkMirror(
  report: Report,
  singlePath: string,
  single: Readonly<Record<string, string>> | null,
  multiPath: string,
  multi: Readonly<Record<string, readonly string[]>> | null,
): void {
  if (single === null || multi === null) {
    if (single !== multi)
      report({
        path: [singlePath],
        expected: `null like ${multiPath}, or a map with its names`,
        received: show(single),
      });
    return;
  }
  for (const [name, values] of Object.entries(multi)) {
    const value = single[name];
    if (value === undefined || !values.includes(value))
      report({
        path: [singlePath, name],
        expected: `one of ${show(values)} (${multiPath}.${name})`,
        received: show(value),
      });
  }
  for (const name of Object.keys(single))
    if (!Object.hasOwn(multi, name))
      report({ path: [multiPath, name], expected: `a list holding ${show(single[name])}`, received: 'nothing' });
}

/** Query pairs of a raw query string as payload 2.0 maps them: decoded, repeats joined with commas. */
function queryMap(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of parseQuery(raw)) {
    const previous = out.get(name);
    out.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  return out;
}

export const rules = [
  v2Rule('lower-case-headers', 'Payload 2.0 header names are lower-case.', (e, report) => {
    for (const name of Object.keys(e.headers))
      if (name !== name.toLowerCase())
        report({
          path: ['headers', name],
          expected: `the lower-case name ${show(name.toLowerCase())}`,
          received: show(name),
        });
  }),
  v2Rule('cookie-header', 'Payload 2.0 moves the Cookie header into `cookies`.', (e, report) => {
    if (Object.hasOwn(e.headers, 'cookie'))
      report({
        path: ['headers', 'cookie'],
        expected: 'no cookie header (cookies go in cookies)',
        received: show(e.headers.cookie),
      });
  }),
  v2Rule('raw-path', '`requestContext.http.path` is the request path `rawPath`.', (e, report) => {
    const { path } = e.requestContext.http;
    if (path !== e.rawPath && path !== safeDecode(e.rawPath))
      report({
        path: ['requestContext', 'http', 'path'],
        expected: `${show(e.rawPath)} (rawPath)`,
        received: show(path),
      });
  }),
  v2Rule(
    'raw-query',
    '`queryStringParameters` holds the parameters of `rawQueryString`, decoded, repeats joined with commas; absent without any.',
    (e, report) => {
      const expected = queryMap(e.rawQueryString);
      const given = e.queryStringParameters;
      if (given === undefined) {
        if (expected.size > 0)
          report({
            path: ['queryStringParameters'],
            expected: `${show(Object.fromEntries(expected))} (rawQueryString)`,
            received: 'nothing',
          });
        return;
      }
      for (const [name, value] of expected) {
        const got = given[name];
        const raw = value;
        if (got !== raw)
          report({
            path: ['queryStringParameters', name],
            expected: `${show(raw)} (rawQueryString ${show(e.rawQueryString)})`,
            received: show(got),
          });
      }
      for (const name of Object.keys(given))
        if (!expected.has(name))
          report({
            path: ['queryStringParameters', name],
            expected: `no such parameter in rawQueryString ${show(e.rawQueryString)}`,
            received: show(given[name]),
          });
    },
  ),
  v2Rule(
    'route-key',
    '`routeKey` is `requestContext.routeKey`; a route other than `$default` has the request method (or ANY) and a template matching `rawPath`, whose parameters are `pathParameters`.',
    (e, report) => {
      const context = e.requestContext;
      if (context.routeKey !== e.routeKey)
        report({
          path: ['requestContext', 'routeKey'],
          expected: `${show(e.routeKey)} (routeKey)`,
          received: show(context.routeKey),
        });
      if (e.routeKey === '$default') {
        if (e.pathParameters !== undefined)
          report({
            path: ['pathParameters'],
            expected: 'nothing (the $default route has no parameters)',
            received: show(e.pathParameters),
          });
        return;
      }
      const space = e.routeKey.indexOf(' ');
      const method = e.routeKey.slice(0, space);
      const template = e.routeKey.slice(space + 1);
      if (method !== 'ANY' && method !== context.http.method)
        report({
          path: ['routeKey'],
          expected: `${show(context.http.method)} or ANY (requestContext.http.method)`,
          received: show(e.routeKey),
        });
      const prefix = `/${context.stage}`;
      const path =
        context.stage !== '$default' && e.rawPath.startsWith(`${prefix}/`) ? e.rawPath.slice(prefix.length) : e.rawPath;
      const match = matchResource(template, path);
      if (match === undefined) {
        report({ path: ['rawPath'], expected: `a path matching route ${show(e.routeKey)}`, received: show(e.rawPath) });
        return;
      }
      const given = e.pathParameters ?? null;
      const names = match === null ? [] : Object.keys(match);
      for (const name of names) {
        const raw = (match as Record<string, string>)[name] as string;
        const value = given?.[name];
        if (value !== raw && value !== safeDecode(raw))
          report({
            path: ['pathParameters', name],
            expected: `${show(safeDecode(raw))}, from rawPath under ${show(template)}`,
            received: show(value),
          });
      }
      for (const name of Object.keys(given ?? {}))
        if (!names.includes(name))
          report({
            path: ['pathParameters', name],
            expected: `no parameter: route ${show(template)} has ${show(names)}`,
            received: show(given?.[name]),
          });
    },
  ),
  defineRule<Payload>({
    id: 'request-time',
    description: 'The CLF request time is the second of the epoch milliseconds beside it.',
    check: (e, report) => {
      if (isV1(e))
        checkClfTime(
          report,
          ['requestContext', 'requestTime'],
          e.requestContext.requestTime,
          'requestContext.requestTimeEpoch',
          e.requestContext.requestTimeEpoch,
        );
      else
        checkClfTime(
          report,
          ['requestContext', 'time'],
          e.requestContext.time,
          'requestContext.timeEpoch',
          e.requestContext.timeEpoch,
        );
    },
  }),
  domainPrefixRule<Payload>(),
  base64BodyRule<Payload>(),
  defineRule<Payload>({
    id: 'caller-account',
    description: 'An IAM caller ARN is in the caller account reported beside it.',
    check: (e, report) => {
      if (isV1(e)) {
        const { userArn, accountId } = e.requestContext.identity;
        if (typeof userArn === 'string' && typeof accountId === 'string')
          checkArnAccount(
            report,
            ['requestContext', 'identity', 'userArn'],
            userArn,
            'requestContext.identity.accountId',
            accountId,
          );
        return;
      }
      const iam = e.requestContext.authorizer?.iam;
      if (iam)
        checkArnAccount(
          report,
          ['requestContext', 'authorizer', 'iam', 'userArn'],
          iam.userArn,
          'requestContext.authorizer.iam.accountId',
          iam.accountId,
        );
    },
  }),
  v1Rule(
    'v1-headers',
    'Format 1.0: `headers` and `multiValueHeaders` name the same headers, each value one of its list.',
    (e, report) => checkMirror(report, 'headers', e.headers, 'multiValueHeaders', e.multiValueHeaders),
  ),
  v1Rule(
    'v1-query',
    'Format 1.0: `queryStringParameters` and `multiValueQueryStringParameters` name the same parameters (both null without any), each value one of its list.',
    (e, report) =>
      checkMirror(
        report,
        'queryStringParameters',
        e.queryStringParameters,
        'multiValueQueryStringParameters',
        e.multiValueQueryStringParameters,
      ),
  ),
  v1Rule('v1-http-method', 'Format 1.0: `requestContext.httpMethod` is `httpMethod`.', (e, report) =>
    restRule('http-method').check(e as never, report),
  ),
  v1Rule('v1-resource-path', 'Format 1.0: `requestContext.resourcePath` is `resource`.', (e, report) =>
    restRule('resource-path').check(e as never, report),
  ),
  v1Rule(
    'v1-path-parameters',
    'Format 1.0: `path` matches the route `resource` (unless `$default`) and `pathParameters` holds its parameters.',
    (e, report) => {
      if (e.resource !== '$default') restRule('path-parameters').check(e as never, report);
    },
  ),
];
