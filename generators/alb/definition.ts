import { createRequire } from 'node:module';
import { arn, awsScope, fakerWords, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import {
  allValues,
  encodeQuery,
  finalizeBody,
  httpRequest,
  lastValues,
  multiHeaders,
  overrideMap,
  parseQuery,
  singleHeaders,
} from '../../src/core/http-request.ts';
import type { AlbEvent, AlbOverrides, AlbVariant } from './index.ts';
import { setOwn } from '../../src/core/own.ts';
import { responseRules, rules } from './rules.ts';

const require = createRequire(import.meta.url);

type Single = Record<string, string>;
type Multi = Record<string, string[]>;

/** Moves a map given in the other variant's form into this variant's map (lower-casing header names). */
function intoSingle(event: Record<string, unknown>, single: string, multi: string, lower: boolean): void {
  const from = event[multi] as Multi | undefined;
  if (from === undefined) return;
  const to = (event[single] ?? {}) as Single;
  for (const [name, values] of Object.entries(from)) {
    const value = values.at(-1);
    if (value !== undefined) setOwn(to, lower ? name.toLowerCase() : name, value);
  }
  event[single] = to;
  delete event[multi];
}

function intoMulti(event: Record<string, unknown>, single: string, multi: string, lower: boolean): void {
  const from = event[single] as Single | undefined;
  if (from === undefined) return;
  const to = (event[multi] ?? {}) as Multi;
  for (const [name, value] of Object.entries(from)) {
    const key = lower ? name.toLowerCase() : name;
    if (!Object.hasOwn(to, key)) setOwn(to, key, [value]);
  }
  event[multi] = to;
  delete event[single];
}

function lowerCaseKeys(map: Record<string, unknown> | undefined, names: readonly string[]): void {
  if (map === undefined) return;
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === name || !Object.hasOwn(map, name)) continue;
    setOwn(map, lower, map[name]);
    delete map[name];
  }
}

export const definition = defineEvent<AlbEvent, AlbOverrides, AlbVariant>({
  id: 'alb',
  title: 'Application Load Balancer',
  invocation: 'sync',
  variants: ['single-value', 'multi-value', 'base64-body'],
  docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
  referenceVariants: { 'single-value-headers': 'single-value', 'multi-value-headers': 'multi-value' },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json'), rules: responseRules },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const word =
      random
        .pick(fakerWords('word.noun'))
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 20) || 'app';
    const host = `${word}-alb-${random.int(100_000_000, 2_099_999_999)}.${scope.region}.elb.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const multiValue = ctx.variant === 'multi-value';
    const request = httpRequest(random, {
      host,
      multiValue,
      binary: ctx.variant === 'base64-body',
      sourceIp: ipv4(random),
      time,
    });
    const headers = request.headers.map(([k, v]) => [k.toLowerCase(), v] as [string, string]);
    // ALB passes the query string as the client encoded it (no decoding).
    const query = parseQuery(encodeQuery(request.query), false);
    return {
      requestContext: {
        elb: { targetGroupArn: arn(scope, 'elasticloadbalancing', `targetgroup/${word}-tg/${random.hex(16)}`) },
      },
      httpMethod: request.method,
      path: request.path,
      ...(multiValue
        ? { multiValueQueryStringParameters: allValues(query), multiValueHeaders: allValues(headers) }
        : { queryStringParameters: lastValues(query), headers: lastValues(headers) }),
      body: request.body ?? '',
      isBase64Encoded: request.isBase64Encoded,
    };
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    // Without overrides the generated event is already consistent.
    if (o === undefined) return;
    const headerNames = [
      ...Object.keys(overrideMap(o, 'headers')),
      ...Object.keys(overrideMap(o, 'multiValueHeaders')),
    ];
    lowerCaseKeys(event.headers as Single | undefined, headerNames);
    lowerCaseKeys(event.multiValueHeaders as Multi | undefined, headerNames);
    const multi = ctx.variant === 'multi-value';
    if (multi) {
      intoMulti(event, 'headers', 'multiValueHeaders', true);
      intoMulti(event, 'queryStringParameters', 'multiValueQueryStringParameters', false);
    } else {
      intoSingle(event, 'headers', 'multiValueHeaders', true);
      intoSingle(event, 'queryStringParameters', 'multiValueQueryStringParameters', false);
    }
    const headerSet = (name: string) => headerNames.some((k) => k.toLowerCase() === name);
    const map = event[multi ? 'multiValueHeaders' : 'headers'];
    if (map === undefined) {
      finalizeBody(event, o, { get: () => undefined, set: () => {}, delete: () => {} }, 'empty', () => true);
      return;
    }
    const access = multi ? multiHeaders(map as Multi, true) : singleHeaders(map as Single, true);
    finalizeBody(event, o, access, 'empty', headerSet);
  },
});
