import { defineRule, show } from '../../src/contracts/rules.ts';
import { clfTime } from '../../src/core/aws-values.ts';
import type { ApiGatewayWebsocketEvent } from './types.gen.ts';

type Event = ApiGatewayWebsocketEvent;

/** The longest a WebSocket connection lives (API Gateway quota: 2 hours). */
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;

/** The event type a route key gets: the two lifecycle routes have their own, every other route is a message. */
export function eventTypeOf(routeKey: string): 'CONNECT' | 'DISCONNECT' | 'MESSAGE' {
  if (routeKey === '$connect') return 'CONNECT';
  if (routeKey === '$disconnect') return 'DISCONNECT';
  return 'MESSAGE';
}

const eventTypeMatchesRoute = defineRule<Event>({
  id: 'event-type-matches-route',
  description: 'eventType is CONNECT on $connect, DISCONNECT on $disconnect and MESSAGE on every other route',
  check(event, report) {
    const { routeKey, eventType } = event.requestContext;
    const expected = eventTypeOf(routeKey);
    if (eventType !== expected)
      report({
        path: ['requestContext', 'eventType'],
        expected: `${show(expected)} (requestContext.routeKey ${show(routeKey)})`,
        received: show(eventType),
      });
  },
});

const messageParts = defineRule<Event>({
  id: 'message-parts',
  description: 'messageId and body come with MESSAGE events only; $connect and $disconnect carry neither',
  check(event, report) {
    const message = event.requestContext.eventType === 'MESSAGE';
    const { messageId } = event.requestContext;
    if ((messageId !== undefined) !== message)
      report({
        path: ['requestContext', 'messageId'],
        expected: message
          ? 'the id of the frame on a MESSAGE event'
          : `no messageId on ${event.requestContext.eventType}`,
        received: show(messageId),
      });
    if (!message && event.body !== undefined)
      report({
        path: ['body'],
        expected: `no body on ${event.requestContext.eventType} (only messages carry a frame)`,
        received: show(event.body),
      });
  },
});

const handshakeParts = defineRule<Event>({
  id: 'handshake-parts',
  description:
    'headers and query parameters come with $connect and $disconnect only, each map mirrored by its multi-value map',
  check(event, report) {
    const message = event.requestContext.eventType === 'MESSAGE';
    const pairs = [
      ['headers', 'multiValueHeaders'],
      ['queryStringParameters', 'multiValueQueryStringParameters'],
    ] as const;
    for (const [single, multi] of pairs) {
      const one = event[single];
      const many = event[multi];
      if (message && (one !== undefined || many !== undefined)) {
        report({
          path: [one !== undefined ? single : multi],
          expected: 'nothing on a MESSAGE event (frames have no headers or query)',
          received: 'a map',
        });
        continue;
      }
      if (one === undefined && many === undefined) continue;
      if (one === undefined || many === undefined) {
        report({
          path: [one === undefined ? single : multi],
          expected: `the mirror of ${one === undefined ? multi : single}`,
          received: 'nothing',
        });
        continue;
      }
      const keys = new Set([...Object.keys(one), ...Object.keys(many)]);
      for (const key of keys) {
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

const disconnectParts = defineRule<Event>({
  id: 'disconnect-parts',
  description: 'disconnectStatusCode and disconnectReason come with DISCONNECT events only',
  check(event, report) {
    const disconnect = event.requestContext.eventType === 'DISCONNECT';
    for (const key of ['disconnectStatusCode', 'disconnectReason'] as const) {
      const value = event.requestContext[key];
      if (value !== undefined && !disconnect)
        report({
          path: ['requestContext', key],
          expected: `no ${key} on ${event.requestContext.eventType}`,
          received: show(value),
        });
    }
  },
});

const connectionTimes = defineRule<Event>({
  id: 'connection-times',
  description:
    'requestTime is requestTimeEpoch in CLF form, and the request falls within the connection (connectedAt, at most 2 hours before)',
  check(event, report) {
    const { requestTime, requestTimeEpoch, connectedAt } = event.requestContext;
    if (requestTime !== clfTime(requestTimeEpoch))
      report({
        path: ['requestContext', 'requestTime'],
        expected: `${show(clfTime(requestTimeEpoch))} (requestContext.requestTimeEpoch)`,
        received: show(requestTime),
      });
    if (connectedAt > requestTimeEpoch || requestTimeEpoch - connectedAt > MAX_CONNECTION_MS)
      report({
        path: ['requestContext', 'connectedAt'],
        expected: `an instant at most 2 hours before requestContext.requestTimeEpoch (${requestTimeEpoch})`,
        received: show(connectedAt),
      });
  },
});

const executeApiDomain = defineRule<Event>({
  id: 'execute-api-domain',
  description: 'a default endpoint domainName is {apiId}.execute-api.{region}.amazonaws.com, and Host names it',
  check(event, report) {
    const { domainName, apiId } = event.requestContext;
    const match = /^([^.]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.exec(domainName);
    if (match !== null && match[1] !== apiId)
      report({
        path: ['requestContext', 'domainName'],
        expected: `${apiId}.execute-api.<region>.amazonaws.com (requestContext.apiId)`,
        received: show(domainName),
      });
    const host = event.headers?.Host ?? event.headers?.host;
    if (host !== undefined && host !== domainName)
      report({
        path: ['headers', event.headers?.Host !== undefined ? 'Host' : 'host'],
        expected: `${show(domainName)} (requestContext.domainName)`,
        received: show(host),
      });
  },
});

export const rules = [
  eventTypeMatchesRoute,
  messageParts,
  handshakeParts,
  disconnectParts,
  connectionTimes,
  executeApiDomain,
];
