import { createRequire } from 'node:module';
import { awsScope, clfTime, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { toBase64 } from '../../src/core/encoders.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import {
  allValues,
  lastValues,
  lowerId,
  overrideMap,
  syncMirror,
  touched,
  traceId,
  USER_AGENTS,
} from '../../src/core/http-request.ts';
import { overrideAt } from '../../src/core/overrides.ts';
import type { Random } from '../../src/core/random.ts';
import type { ApiGatewayWebsocketOverrides, ApiGatewayWebsocketVariant } from './index.ts';
import { eventTypeOf, MAX_CONNECTION_MS, rules } from './rules.ts';
import type { ApiGatewayWebsocketEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const STAGES = ['production', 'prod', 'dev', 'staging'];
/** Custom routes of a `$request.body.action` route selection expression. */
const ACTIONS = ['sendmessage', 'joinroom', 'leaveroom', 'subscribe', 'ping'];
const ROOMS = ['general', 'support', 'trading', 'lobby'];
const ORIGINS = ['https://app.example.com', 'https://chat.example.org', 'https://dashboard.example.net'];
/** Close codes API Gateway reports on $disconnect, with its reason texts. */
const CLOSES: readonly [number, string][] = [
  [1000, ''],
  [1001, 'Going away'],
  [1005, 'Client-side close frame status not set'],
  [1006, 'Going away'],
];

/** API Gateway's ids for connections, messages and requests: 15 base64 characters and a `=`. */
function apigwId(random: Random): string {
  return `${random.base64(15).replace(/\//g, 'A').replace(/\+/g, 'B')}=`;
}

function messageBody(random: Random, routeKey: string): string {
  if (routeKey === '$default') {
    return random.bool(0.5)
      ? JSON.stringify({ type: random.pick(['typing', 'presence', 'heartbeat']), at: random.int(1, 1e6) })
      : random.pick(['hello', 'ping', 'are you there?']);
  }
  if (routeKey === 'ping') return JSON.stringify({ action: 'ping' });
  if (routeKey === 'sendmessage') {
    return JSON.stringify({
      action: 'sendmessage',
      room: random.pick(ROOMS),
      message: random.pick(['Hello everyone!', 'Is the deploy done?', 'Price alert: AAPL > 200', 'brb']),
    });
  }
  return JSON.stringify({ action: routeKey, room: random.pick(ROOMS) });
}

function routeOf(ctx: GenerateContext<ApiGatewayWebsocketVariant>): string {
  switch (ctx.variant) {
    case 'connect':
      return '$connect';
    case 'disconnect':
      return '$disconnect';
    case 'default-route':
      return '$default';
    default:
      return ctx.random.pick(ACTIONS);
  }
}

export const definition = defineEvent<
  ApiGatewayWebsocketEvent,
  ApiGatewayWebsocketOverrides,
  ApiGatewayWebsocketVariant
>({
  id: 'api-gateway-websocket',
  title: 'Amazon API Gateway WebSocket API',
  invocation: 'sync',
  variants: ['custom-route', 'default-route', 'connect', 'disconnect'],
  referenceVariants: { MESSAGE: 'custom-route', CONNECT: 'connect', DISCONNECT: 'disconnect' },
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html',
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const routeKey = routeOf(ctx);
    const eventType = eventTypeOf(routeKey);
    const time = recentEpochMs(random, ctx.now, 5_000);
    const connectedAt =
      eventType === 'CONNECT'
        ? time - random.int(0, 3)
        : time - random.int(1_000, eventType === 'MESSAGE' ? 600_000 : MAX_CONNECTION_MS - 1);
    const sourceIp = ipv4(random);
    const userAgent = random.pick(USER_AGENTS);
    const context: Record<string, unknown> = {
      routeKey,
      ...(eventType === 'MESSAGE' ? { messageId: apigwId(random) } : {}),
      eventType,
      extendedRequestId: apigwId(random),
      requestTime: clfTime(time),
      messageDirection: 'IN',
      stage: random.pick(STAGES),
      connectedAt,
      requestTimeEpoch: time,
      identity: eventType === 'MESSAGE' ? { sourceIp } : { userAgent, sourceIp },
      requestId: apigwId(random),
      domainName,
      connectionId: apigwId(random),
      apiId,
    };
    const event: Record<string, unknown> = {};
    if (eventType === 'CONNECT') {
      const headers: [string, string][] = [
        ['Host', domainName],
        ['Origin', random.pick(ORIGINS)],
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
        ['Sec-WebSocket-Key', random.bytes(16).toString('base64')],
        ['Sec-WebSocket-Version', '13'],
        ['User-Agent', userAgent],
        ['X-Amzn-Trace-Id', traceId(random, time)],
        ['X-Forwarded-For', sourceIp],
        ['X-Forwarded-Port', '443'],
        ['X-Forwarded-Proto', 'https'],
      ];
      event.headers = lastValues(headers);
      event.multiValueHeaders = allValues(headers);
      if (random.bool(0.6)) {
        const query: [string, string][] = [['token', random.alnum(32)]];
        if (random.bool(0.5)) query.push(['room', random.pick(ROOMS)]);
        event.queryStringParameters = lastValues(query);
        event.multiValueQueryStringParameters = allValues(query);
      }
    } else if (eventType === 'DISCONNECT') {
      // What API Gateway sends on $disconnect: the host and empty placeholders, not the client's handshake.
      const headers: [string, string][] = [
        ['Host', domainName],
        ['x-api-key', ''],
        ['X-Forwarded-For', ''],
        ['x-restapi', ''],
      ];
      event.headers = lastValues(headers);
      event.multiValueHeaders = allValues(headers);
      const [code, reason] = random.pick(CLOSES);
      context.disconnectStatusCode = code;
      context.disconnectReason = reason;
    }
    event.requestContext = context;
    if (eventType === 'MESSAGE') event.body = messageBody(random, routeKey);
    event.isBase64Encoded = false;
    return event;
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    const context = event.requestContext as Record<string, unknown>;
    const rc = (...path: string[]) => touched(o, 'requestContext', ...path);

    // A custom route follows the action of an overridden body, as `$request.body.action` selects it.
    const body = event.body;
    if (
      touched(o, 'body') &&
      !rc('routeKey') &&
      ctx.variant === 'custom-route' &&
      body !== null &&
      typeof body === 'object' &&
      !(body instanceof Uint8Array) &&
      typeof (body as Record<string, unknown>).action === 'string' &&
      /^[A-Za-z0-9_-]{1,128}$/.test((body as Record<string, string>).action as string)
    ) {
      context.routeKey = (body as Record<string, unknown>).action;
    }
    if (body instanceof Uint8Array) {
      event.body = toBase64(body);
      if (!touched(o, 'isBase64Encoded')) event.isBase64Encoded = true;
    } else if (body === null) delete event.body;
    else if (body !== undefined && typeof body !== 'string') event.body = JSON.stringify(body);

    if (!rc('eventType')) context.eventType = eventTypeOf(String(context.routeKey));
    if (rc('requestTimeEpoch') && !rc('requestTime')) context.requestTime = clfTime(Number(context.requestTimeEpoch));
    if (rc('requestTimeEpoch') && !rc('connectedAt') && context.eventType === 'CONNECT')
      context.connectedAt = context.requestTimeEpoch;
    if (rc('apiId') && !rc('domainName')) {
      const region = String(context.domainName).split('.')[2];
      context.domainName = `${String(context.apiId)}.execute-api.${region}.amazonaws.com`;
    }

    if (event.headers !== undefined || event.multiValueHeaders !== undefined) {
      const [headers, multi] = syncMirror(
        (event.headers ?? null) as Record<string, string> | null,
        (event.multiValueHeaders ?? null) as Record<string, string[]> | null,
        overrideAt(o, 'headers'),
        overrideAt(o, 'multiValueHeaders'),
        false,
      );
      event.headers = headers ?? {};
      event.multiValueHeaders = multi ?? {};
      const hostSet = [overrideMap(o, 'headers'), overrideMap(o, 'multiValueHeaders')].some((m) =>
        Object.keys(m).some((k) => k.toLowerCase() === 'host'),
      );
      if (!hostSet && (event.headers as Record<string, string>).Host !== undefined) {
        (event.headers as Record<string, string>).Host = String(context.domainName);
        (event.multiValueHeaders as Record<string, string[]>).Host = [String(context.domainName)];
      }
    }
    if (event.queryStringParameters !== undefined || event.multiValueQueryStringParameters !== undefined) {
      const [query, multi] = syncMirror(
        (event.queryStringParameters ?? null) as Record<string, string> | null,
        (event.multiValueQueryStringParameters ?? null) as Record<string, string[]> | null,
        overrideAt(o, 'queryStringParameters'),
        overrideAt(o, 'multiValueQueryStringParameters'),
        true,
      );
      if (query === null || multi === null) {
        delete event.queryStringParameters;
        delete event.multiValueQueryStringParameters;
      } else {
        event.queryStringParameters = query;
        event.multiValueQueryStringParameters = multi;
      }
    }
  },
});
