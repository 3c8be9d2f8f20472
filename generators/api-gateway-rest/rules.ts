import {
  base64BodyRule,
  checkArnAccount,
  checkClfTime,
  checkLastValueMirror,
  domainPrefixRule,
} from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import { matchResource, safeDecode } from '../../src/core/http-request.ts';
import type { ApiGatewayRestEvent } from './types.gen.ts';

type Event = ApiGatewayRestEvent;

/** Cross-field rules of payload format 1.0 events (REST APIs, and HTTP APIs in format 1.0). */
export const payloadV1Rules = [
  defineRule<Event>({
    id: 'headers-last-value',
    description: '`headers` holds the last value of each `multiValueHeaders` entry, under the same names.',
    check: (e, report) => checkLastValueMirror(report, 'headers', e.headers, 'multiValueHeaders', e.multiValueHeaders),
  }),
  defineRule<Event>({
    id: 'query-last-value',
    description:
      '`queryStringParameters` holds the last value of each `multiValueQueryStringParameters` entry, under the same names.',
    check: (e, report) =>
      checkLastValueMirror(
        report,
        'queryStringParameters',
        e.queryStringParameters,
        'multiValueQueryStringParameters',
        e.multiValueQueryStringParameters,
      ),
  }),
  defineRule<Event>({
    id: 'http-method',
    description: '`requestContext.httpMethod` is the request method `httpMethod`.',
    check: (e, report) => {
      if (e.requestContext.httpMethod !== e.httpMethod)
        report({
          path: ['requestContext', 'httpMethod'],
          expected: `${show(e.httpMethod)} (httpMethod)`,
          received: show(e.requestContext.httpMethod),
        });
    },
  }),
  defineRule<Event>({
    id: 'resource-path',
    description: '`requestContext.resourcePath` is the resource template `resource`.',
    check: (e, report) => {
      if (e.requestContext.resourcePath !== e.resource)
        report({
          path: ['requestContext', 'resourcePath'],
          expected: `${show(e.resource)} (resource)`,
          received: show(e.requestContext.resourcePath),
        });
    },
  }),
  defineRule<Event>({
    id: 'path-parameters',
    description:
      '`path` matches the resource template `resource`, and `pathParameters` holds its parameters (null when it has none).',
    check: (e, report) => {
      const match = matchResource(e.resource, e.path);
      if (match === undefined) {
        report({ path: ['path'], expected: `a path matching resource ${show(e.resource)}`, received: show(e.path) });
        return;
      }
      const given = e.pathParameters;
      if (match === null || given === null) {
        if (match !== given)
          report({
            path: ['pathParameters'],
            expected: match === null ? `null (resource ${show(e.resource)} has no parameters)` : show(match),
            received: show(given),
          });
        return;
      }
      const names = Object.keys(match);
      for (const name of names) {
        const raw = match[name] as string;
        const value = given[name];
        if (value !== raw && value !== safeDecode(raw))
          report({
            path: ['pathParameters', name],
            expected: `${show(raw)}, the segment of path ${show(e.path)} under ${show(e.resource)}`,
            received: show(value),
          });
      }
      for (const name of Object.keys(given))
        if (!names.includes(name))
          report({
            path: ['pathParameters', name],
            expected: `no parameter: resource ${show(e.resource)} has only ${show(names)}`,
            received: show(given[name]),
          });
    },
  }),
  defineRule<Event>({
    id: 'request-time',
    description: '`requestContext.requestTime` is the second of `requestContext.requestTimeEpoch` (milliseconds).',
    check: (e, report) =>
      checkClfTime(
        report,
        ['requestContext', 'requestTime'],
        e.requestContext.requestTime,
        'requestContext.requestTimeEpoch',
        e.requestContext.requestTimeEpoch,
      ),
  }),
  domainPrefixRule<Event>(),
  base64BodyRule<Event>(),
  defineRule<Event>({
    id: 'caller-account',
    description: 'An IAM caller `identity.userArn` is in the caller account `identity.accountId`.',
    check: (e, report) => {
      const { userArn, accountId } = e.requestContext.identity;
      if (typeof userArn === 'string' && typeof accountId === 'string')
        checkArnAccount(
          report,
          ['requestContext', 'identity', 'userArn'],
          userArn,
          'requestContext.identity.accountId',
          accountId,
        );
    },
  }),
];

/** REST-only: `requestContext.path` is the stage and the path on the default endpoint. */
export const stagePathRule = defineRule<Event>({
  id: 'stage-path',
  description:
    '`requestContext.path` is `/<stage><path>` on the default endpoint, `path` in console test invocations, and ends with `path` behind a custom domain.',
  check: (e, report) => {
    const { stage, domainName, path } = e.requestContext;
    let expected: string | undefined;
    if (stage === 'test-invoke-stage') expected = e.path;
    else if (domainName.includes('.execute-api.')) expected = `/${stage}${e.path}`;
    if (expected !== undefined ? path !== expected : !path.endsWith(e.path))
      report({
        path: ['requestContext', 'path'],
        expected:
          expected !== undefined
            ? `${show(expected)} (requestContext.stage and path)`
            : `a path ending with ${show(e.path)} (path)`,
        received: show(path),
      });
  },
});

export const rules = [...payloadV1Rules, stagePathRule];
