import { parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { findKey, matchResource } from '../../src/core/http-request.ts';
import type {
  ApiGatewayAuthorizerRequestEvent,
  ApiGatewayAuthorizerRequestRestEvent,
  ApiGatewayAuthorizerRequestWebsocketEvent,
} from './types.gen.ts';

type Event = ApiGatewayAuthorizerRequestEvent;

export function isWebsocket(event: Event): event is ApiGatewayAuthorizerRequestWebsocketEvent {
  return 'connectionId' in event.requestContext;
}

const EXECUTE_API = /^([^.]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** What follows `{apiId}/{stage}/` in the method ARN of this request. */
export function methodOf(event: Event): string {
  if (isWebsocket(event)) return '$connect';
  return `${event.httpMethod}/${event.path.replace(/^\//, '')}`;
}

const methodArnMatchesRequest = defineRule<Event>({
  id: 'method-arn-matches-request',
  description:
    'methodArn names the request: region of the domain, account, apiId, stage, then METHOD/path (REST) or $connect (WebSocket)',
  check(event, report) {
    const arn = parseArn(event.methodArn);
    if (arn === undefined) return;
    const context = event.requestContext;
    const expected = `${context.apiId}/${context.stage}/${methodOf(event)}`;
    if (arn.resource !== expected)
      report({
        path: ['methodArn'],
        expected: `an ARN ending ${show(expected)} (requestContext.apiId, requestContext.stage, ${isWebsocket(event) ? 'the $connect route' : 'httpMethod, path'})`,
        received: show(event.methodArn),
      });
    const region = EXECUTE_API.exec(context.domainName)?.[2];
    if (region !== undefined && arn.region !== region)
      report({
        path: ['methodArn'],
        expected: `an ARN in region ${show(region)} (requestContext.domainName)`,
        received: show(event.methodArn),
      });
    if (!isWebsocket(event) && arn.account !== event.requestContext.accountId)
      report({
        path: ['methodArn'],
        expected: `an ARN in account ${show(event.requestContext.accountId)} (requestContext.accountId)`,
        received: show(event.methodArn),
      });
  },
});

function checkRest(
  event: ApiGatewayAuthorizerRequestRestEvent,
  report: Parameters<typeof methodArnMatchesRequest.check>[1],
) {
  const context = event.requestContext;
  if (context.httpMethod !== event.httpMethod)
    report({
      path: ['requestContext', 'httpMethod'],
      expected: `${show(event.httpMethod)} (httpMethod)`,
      received: show(context.httpMethod),
    });
  if (context.resourcePath !== event.resource)
    report({
      path: ['requestContext', 'resourcePath'],
      expected: `${show(event.resource)} (resource)`,
      received: show(context.resourcePath),
    });
  if (EXECUTE_API.test(context.domainName) && context.path !== `/${context.stage}${event.path}`)
    report({
      path: ['requestContext', 'path'],
      expected: `${show(`/${context.stage}${event.path}`)} (requestContext.stage, path)`,
      received: show(context.path),
    });
  const parameters = matchResource(event.resource, event.path);
  if (parameters === undefined)
    report({
      path: ['path'],
      expected: `a path matching resource ${show(event.resource)}`,
      received: show(event.path),
    });
  else if (JSON.stringify(parameters ?? {}) !== JSON.stringify(event.pathParameters))
    report({
      path: ['pathParameters'],
      expected: `${show(parameters ?? {})} (path under resource)`,
      received: show(event.pathParameters),
    });
}

const requestMatchesContext = defineRule<Event>({
  id: 'request-matches-context',
  description:
    'REST: httpMethod, resource and path agree with requestContext (path is /{stage}{path}) and pathParameters with resource',
  check(event, report) {
    if (!isWebsocket(event)) checkRest(event, report);
  },
});

const multiValueMirror = defineRule<Event>({
  id: 'multi-value-mirror',
  description:
    'headers and queryStringParameters hold the last value of multiValueHeaders and multiValueQueryStringParameters',
  check(event, report) {
    const pairs = [
      ['headers', 'multiValueHeaders'],
      ['queryStringParameters', 'multiValueQueryStringParameters'],
    ] as const;
    for (const [single, multi] of pairs) {
      const one = event[single];
      const many = event[multi];
      for (const key of new Set([...Object.keys(one), ...Object.keys(many)])) {
        const last = many[key]?.at(-1);
        if (one[key] !== last)
          report({
            path: [single, key],
            expected: `${show(last)} (last of ${multi}.${key})`,
            received: show(one[key]),
          });
      }
    }
  },
});

const requestTime = defineRule<Event>({
  id: 'request-time',
  description:
    'requestTime is requestTimeEpoch in CLF form; a WebSocket connection starts (connectedAt) before the request',
  check(event, report) {
    const { requestTime: time, requestTimeEpoch } = event.requestContext;
    if (time !== clfTime(requestTimeEpoch))
      report({
        path: ['requestContext', 'requestTime'],
        expected: `${show(clfTime(requestTimeEpoch))} (requestContext.requestTimeEpoch)`,
        received: show(time),
      });
    if (isWebsocket(event) && event.requestContext.connectedAt > requestTimeEpoch)
      report({
        path: ['requestContext', 'connectedAt'],
        expected: `at most requestContext.requestTimeEpoch (${requestTimeEpoch})`,
        received: show(event.requestContext.connectedAt),
      });
  },
});

const executeApiDomain = defineRule<Event>({
  id: 'execute-api-domain',
  description: 'a default endpoint domainName starts with apiId, domainPrefix is its first label, and Host names it',
  check(event, report) {
    const context = event.requestContext;
    const prefix = EXECUTE_API.exec(context.domainName)?.[1];
    if (prefix !== undefined && prefix !== context.apiId)
      report({
        path: ['requestContext', 'domainName'],
        expected: `${context.apiId}.execute-api.<region>.amazonaws.com (requestContext.apiId)`,
        received: show(context.domainName),
      });
    if (!isWebsocket(event) && event.requestContext.domainPrefix !== context.domainName.split('.')[0])
      report({
        path: ['requestContext', 'domainPrefix'],
        expected: `${show(context.domainName.split('.')[0])} (requestContext.domainName)`,
        received: show(event.requestContext.domainPrefix),
      });
    const host = findKey(event.headers, 'host');
    if (host !== undefined && event.headers[host] !== context.domainName)
      report({
        path: ['headers', host],
        expected: `${show(context.domainName)} (requestContext.domainName)`,
        received: show(event.headers[host]),
      });
  },
});

export const rules = [methodArnMatchesRequest, requestMatchesContext, multiValueMirror, requestTime, executeApiDomain];
