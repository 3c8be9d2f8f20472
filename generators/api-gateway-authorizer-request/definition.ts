import { createRequire } from 'node:module';
import { awsScope, clfTime, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import {
  allValues,
  httpRequest,
  lastValues,
  lowerId,
  mirroredHeaders,
  overrideMap,
  syncMirror,
  syncRoute,
  touched,
  traceId,
  USER_AGENTS,
} from '../../src/core/http-request.ts';
import { overrideAt } from '../../src/core/overrides.ts';
import type { Random } from '../../src/core/random.ts';
import { jwt, methodArn, STAGES } from '../api-gateway-authorizer-token/definition.ts';
import type { ApiGatewayAuthorizerRequestOverrides, ApiGatewayAuthorizerRequestVariant } from './index.ts';
import { methodOf, rules } from './rules.ts';
import type { ApiGatewayAuthorizerRequestEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

type Map = Record<string, string>;
type MultiMap = Record<string, string[]>;

/** API Gateway's ids for connections and requests on WebSocket APIs: 15 base64 characters and a `=`. */
function apigwId(random: Random): string {
  return `${random.base64(15).replace(/\//g, 'A').replace(/\+/g, 'B')}=`;
}

function stageVariables(random: Random, stage: string): Map {
  if (random.bool(0.5)) return {};
  return { environment: stage, backendAlias: random.pick(['live', 'blue', 'green']) };
}

export const definition = defineEvent<
  ApiGatewayAuthorizerRequestEvent,
  ApiGatewayAuthorizerRequestOverrides,
  ApiGatewayAuthorizerRequestVariant
>({
  id: 'api-gateway-authorizer-request',
  title: 'Amazon API Gateway Lambda authorizer (REQUEST)',
  invocation: 'sync',
  variants: ['rest', 'websocket'],
  referenceVariants: { '-': 'rest', websocket: 'websocket' },
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html',
  schema: () => require('./schema.json'),
  rules,
  // The same IAM policy answer as TOKEN authorizers.
  response: { schema: () => require('../api-gateway-authorizer-token/response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const stage = random.pick(STAGES);
    const sourceIp = ipv4(random);
    const token = `Bearer ${jwt(random, scope, time - random.int(0, 3_000_000))}`;
    if (ctx.variant === 'websocket') {
      const userAgent = random.pick(USER_AGENTS);
      const headers: [string, string][] = [
        ['Authorization', token],
        ['Connection', 'upgrade'],
        ['content-length', '0'],
        ['Host', domainName],
        ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
        ['Sec-WebSocket-Key', random.bytes(16).toString('base64')],
        ['Sec-WebSocket-Version', '13'],
        ['Upgrade', 'websocket'],
        ['User-Agent', userAgent],
        ['X-Amzn-Trace-Id', traceId(random, time)],
        ['X-Forwarded-For', sourceIp],
        ['X-Forwarded-Port', '443'],
        ['X-Forwarded-Proto', 'https'],
      ];
      const query: [string, string][] = random.bool(0.5) ? [['room', random.pick(['general', 'support'])]] : [];
      return {
        type: 'REQUEST',
        methodArn: methodArn(scope, apiId, stage, '$connect', '').replace(/\/\$connect\/$/, '/$connect'),
        headers: lastValues(headers),
        multiValueHeaders: allValues(headers),
        queryStringParameters: lastValues(query),
        multiValueQueryStringParameters: allValues(query),
        stageVariables: stageVariables(random, stage),
        requestContext: {
          routeKey: '$connect',
          eventType: 'CONNECT',
          extendedRequestId: apigwId(random),
          requestTime: clfTime(time),
          messageDirection: 'IN',
          stage,
          connectedAt: time - random.int(0, 3),
          requestTimeEpoch: time,
          identity: { userAgent, sourceIp },
          requestId: apigwId(random),
          domainName,
          connectionId: apigwId(random),
          apiId,
        },
        isBase64Encoded: false,
        body: null,
      };
    }
    const request = httpRequest(random, { host: domainName, sourceIp, time });
    request.headers.push(['Authorization', token]);
    return {
      type: 'REQUEST',
      methodArn: methodArn(scope, apiId, stage, request.method, request.path),
      resource: request.resource,
      path: request.path,
      httpMethod: request.method,
      headers: lastValues(request.headers),
      multiValueHeaders: allValues(request.headers),
      queryStringParameters: lastValues(request.query),
      multiValueQueryStringParameters: allValues(request.query),
      pathParameters: request.pathParameters ?? {},
      stageVariables: stageVariables(random, stage),
      requestContext: {
        resourceId: lowerId(random, 6),
        resourcePath: request.resource,
        httpMethod: request.method,
        extendedRequestId: `${random.alnum(15)}=`,
        requestTime: clfTime(time),
        path: `/${stage}${request.path}`,
        accountId: scope.accountId,
        protocol: 'HTTP/1.1',
        stage,
        domainPrefix: apiId,
        requestTimeEpoch: time,
        requestId: random.uuid(),
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp,
          user: null,
          userAgent: request.userAgent,
          userArn: null,
        },
        domainName,
        deploymentId: lowerId(random, 6),
        apiId,
      },
    };
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    const context = event.requestContext as Record<string, unknown>;
    const rc = (...path: string[]) => touched(o, 'requestContext', ...path);
    const websocket = ctx.variant === 'websocket';

    const [headers, multiHeaders] = syncMirror(
      event.headers as Map,
      event.multiValueHeaders as MultiMap,
      overrideAt(o, 'headers'),
      overrideAt(o, 'multiValueHeaders'),
      false,
    );
    event.headers = headers ?? {};
    event.multiValueHeaders = multiHeaders ?? {};
    const [query, multiQuery] = syncMirror(
      event.queryStringParameters as Map,
      event.multiValueQueryStringParameters as MultiMap,
      overrideAt(o, 'queryStringParameters'),
      overrideAt(o, 'multiValueQueryStringParameters'),
      false,
    );
    event.queryStringParameters = query ?? {};
    event.multiValueQueryStringParameters = multiQuery ?? {};

    if (!websocket) {
      const route = syncRoute(
        {
          resource: String(event.resource),
          path: String(event.path),
          pathParameters: Object.keys(event.pathParameters as Map).length === 0 ? null : (event.pathParameters as Map),
        },
        o,
        { resource: 'resource', path: 'path', pathParameters: 'pathParameters' },
        ctx.random,
      );
      event.resource = route.resource;
      event.path = route.path;
      event.pathParameters = route.pathParameters ?? {};
      if (!rc('httpMethod')) context.httpMethod = event.httpMethod;
      if (!rc('resourcePath')) context.resourcePath = event.resource;
      if (!rc('path')) context.path = `/${String(context.stage)}${String(event.path)}`;
    }
    if (rc('requestTimeEpoch') && !rc('requestTime')) context.requestTime = clfTime(Number(context.requestTimeEpoch));
    if (websocket && rc('requestTimeEpoch') && !rc('connectedAt')) context.connectedAt = context.requestTimeEpoch;
    if (rc('apiId') && !rc('domainName')) {
      const region = String(context.domainName).split('.')[2];
      context.domainName = `${String(context.apiId)}.execute-api.${region}.amazonaws.com`;
    }
    if (!websocket && !rc('domainPrefix')) context.domainPrefix = String(context.domainName).split('.')[0];
    const hostSet = [overrideMap(o, 'headers'), overrideMap(o, 'multiValueHeaders')].some((m) =>
      Object.keys(m).some((k) => k.toLowerCase() === 'host'),
    );
    const access = mirroredHeaders(event.headers as Map, event.multiValueHeaders as MultiMap);
    if (!hostSet && access.get('host') !== undefined) access.set('Host', String(context.domainName));

    if (!touched(o, 'methodArn')) {
      const parts = String(event.methodArn).split(':');
      const region = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(String(context.domainName))?.[1];
      if (region !== undefined) parts[3] = region;
      if (!websocket) parts[4] = String(context.accountId);
      parts.splice(
        5,
        parts.length - 5,
        `${String(context.apiId)}/${String(context.stage)}/${methodOf(event as never)}`,
      );
      event.methodArn = parts.join(':');
    }
  },
});
