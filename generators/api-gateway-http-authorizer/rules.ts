import { parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import { joinedValues, parseQuery } from '../../src/core/http-request.ts';
import type {
  ApiGatewayHttpAuthorizerEvent,
  ApiGatewayHttpAuthorizerV1Event,
  ApiGatewayHttpAuthorizerV2Event,
} from './types.gen.ts';

type Event = ApiGatewayHttpAuthorizerEvent;

export function isV2(event: Event): event is ApiGatewayHttpAuthorizerV2Event {
  return event.version === '2.0';
}

/** The ARN suffix of the request: `{apiId}/{stage}/{METHOD}/{path without leading slash}`. */
export function arnResource(event: Event): string {
  const context = event.requestContext;
  const [method, path] = isV2(event)
    ? [event.requestContext.http.method, event.rawPath]
    : [(event as ApiGatewayHttpAuthorizerV1Event).httpMethod, (event as ApiGatewayHttpAuthorizerV1Event).path];
  return `${context.apiId}/${context.stage}/${method}/${path.replace(/^\//, '')}`;
}

const arnMatchesRequest = defineRule<Event>({
  id: 'arn-matches-request',
  description:
    'routeArn (2.0) or methodArn (1.0) is in the account of the request and ends {apiId}/{stage}/{METHOD}/{path}',
  check(event, report) {
    const key = isV2(event) ? 'routeArn' : 'methodArn';
    const value = isV2(event) ? event.routeArn : (event as ApiGatewayHttpAuthorizerV1Event).methodArn;
    const arn = parseArn(value);
    if (arn === undefined) return;
    const expected = arnResource(event);
    if (arn.resource !== expected || arn.account !== event.requestContext.accountId)
      report({
        path: [key],
        expected: `an ARN in account ${event.requestContext.accountId} ending ${show(expected)} (requestContext, ${isV2(event) ? 'rawPath' : 'httpMethod, path'})`,
        received: show(value),
      });
  },
});

const identitySourceFromRequest = defineRule<Event>({
  id: 'identity-source-from-request',
  description:
    'identitySource values come from the request (headers, query, stage variables); in 1.0 authorizationToken equals identitySource',
  check(event, report) {
    const values = isV2(event)
      ? event.identitySource
      : (event as ApiGatewayHttpAuthorizerV1Event).identitySource.split(',');
    const known = new Set(
      [event.headers, event.queryStringParameters ?? {}, event.stageVariables ?? {}].flatMap((m) =>
        Object.values(m).flatMap((v) => [v, ...v.split(',')]),
      ),
    );
    values.forEach((value, i) => {
      if (!known.has(value))
        report({
          path: isV2(event) ? ['identitySource', i] : ['identitySource'],
          expected: 'a value of a header, query parameter or stage variable of the request',
          received: show(value),
        });
    });
    if (!isV2(event)) {
      const v1 = event as ApiGatewayHttpAuthorizerV1Event;
      if (v1.authorizationToken !== v1.identitySource)
        report({
          path: ['authorizationToken'],
          expected: `${show(v1.identitySource)} (identitySource)`,
          received: show(v1.authorizationToken),
        });
    }
  },
});

const requestConsistent = defineRule<Event>({
  id: 'request-consistent',
  description:
    '2.0: lower-case headers, rawQueryString agrees with queryStringParameters, routeKey and http.path with the request, time with timeEpoch; 1.0: requestContext agrees with httpMethod, resource and path',
  check(event, report) {
    if (isV2(event)) {
      const context = event.requestContext;
      const query = parseQuery(event.rawQueryString);
      const expectedQuery = query.length === 0 ? undefined : joinedValues(query);
      if (JSON.stringify(expectedQuery) !== JSON.stringify(event.queryStringParameters))
        report({
          path: ['queryStringParameters'],
          expected: `${show(expectedQuery)} (rawQueryString ${show(event.rawQueryString)})`,
          received: show(event.queryStringParameters),
        });
      if (context.routeKey !== event.routeKey)
        report({
          path: ['requestContext', 'routeKey'],
          expected: `${show(event.routeKey)} (routeKey)`,
          received: show(context.routeKey),
        });
      if (context.http.path !== event.rawPath)
        report({
          path: ['requestContext', 'http', 'path'],
          expected: `${show(event.rawPath)} (rawPath)`,
          received: show(context.http.path),
        });
      if (context.time !== clfTime(context.timeEpoch))
        report({
          path: ['requestContext', 'time'],
          expected: `${show(clfTime(context.timeEpoch))} (requestContext.timeEpoch)`,
          received: show(context.time),
        });
      return;
    }
    const v1 = event as ApiGatewayHttpAuthorizerV1Event;
    const context = v1.requestContext;
    if (context.httpMethod !== v1.httpMethod)
      report({
        path: ['requestContext', 'httpMethod'],
        expected: `${show(v1.httpMethod)} (httpMethod)`,
        received: show(context.httpMethod),
      });
    if (context.resourcePath !== v1.resource)
      report({
        path: ['requestContext', 'resourcePath'],
        expected: `${show(v1.resource)} (resource)`,
        received: show(context.resourcePath),
      });
    if (context.path !== v1.path)
      report({ path: ['requestContext', 'path'], expected: `${show(v1.path)} (path)`, received: show(context.path) });
    if (context.requestTime !== clfTime(context.requestTimeEpoch))
      report({
        path: ['requestContext', 'requestTime'],
        expected: `${show(clfTime(context.requestTimeEpoch))} (requestContext.requestTimeEpoch)`,
        received: show(context.requestTime),
      });
  },
});

export const rules = [arnMatchesRequest, identitySourceFromRequest, requestConsistent];
