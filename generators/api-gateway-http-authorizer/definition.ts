import { createRequire } from 'node:module';
import { type AwsScope, awsScope, clfTime, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import {
  allValues,
  finalizeV2,
  type HttpRequest,
  httpRequest,
  lastValues,
  lowerId,
  mirroredHeaders,
  overrideMap,
  routeKeyOf,
  syncMirror,
  syncRoute,
  touched,
  v2Event,
} from '../../src/core/http-request.ts';
import { overrideAt } from '../../src/core/overrides.ts';
import type { Random } from '../../src/core/random.ts';
import { jwt } from '../api-gateway-authorizer-token/definition.ts';
import type { ApiGatewayHttpAuthorizerOverrides, ApiGatewayHttpAuthorizerVariant } from './index.ts';
import { arnResource, rules } from './rules.ts';
import type { ApiGatewayHttpAuthorizerEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

type Map = Record<string, string>;

/** Authorizers see the request without its body: drop what describes one. */
function withoutBody(request: HttpRequest): HttpRequest {
  const headers = request.headers.filter(([k]) => !/^content-(length|type)$/i.test(k));
  return { ...request, headers, body: null, isBase64Encoded: false };
}

function stageVariables(random: Random): Map | undefined {
  return random.bool(0.4) ? { backendAlias: random.pick(['live', 'blue', 'green']) } : undefined;
}

function v2(random: Random, scope: AwsScope, now: number): Record<string, unknown> {
  const apiId = lowerId(random, 10);
  const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
  const time = recentEpochMs(random, now, 5_000);
  const token = `Bearer ${jwt(random, scope, time - random.int(0, 3_000_000))}`;
  const request = withoutBody(httpRequest(random, { host: domainName, sourceIp: ipv4(random), time }));
  request.headers.push(['Authorization', token]);
  const defaultRoute = random.bool(0.15);
  const routeKey = defaultRoute ? '$default' : routeKeyOf(request.method, request.resource);
  const base = v2Event(
    request,
    {
      accountId: scope.accountId,
      apiId,
      domainName,
      domainPrefix: apiId,
      requestId: `${random.alnum(15)}=`,
      routeKey,
    },
    { pathParameters: !defaultRoute },
  );
  const { version, body: _, isBase64Encoded: __, ...rest } = base;
  const variables = stageVariables(random);
  const event: Record<string, unknown> = {
    version,
    type: 'REQUEST',
    routeArn: '',
    identitySource: [token],
    ...rest,
    ...(variables ? { stageVariables: variables } : {}),
  };
  event.routeArn = `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${arnResource(event as never)}`;
  return event;
}

function v1(random: Random, scope: AwsScope, now: number): Record<string, unknown> {
  const apiId = lowerId(random, 10);
  const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
  const time = recentEpochMs(random, now, 5_000);
  const token = `Bearer ${jwt(random, scope, time - random.int(0, 3_000_000))}`;
  const request = withoutBody(httpRequest(random, { host: domainName, sourceIp: ipv4(random), time }));
  request.headers.push(['Authorization', token]);
  const stage = '$default';
  const event: Record<string, unknown> = {
    version: '1.0',
    type: 'REQUEST',
    methodArn: '',
    identitySource: token,
    authorizationToken: token,
    resource: request.resource,
    path: request.path,
    httpMethod: request.method,
    headers: lastValues(request.headers),
    multiValueHeaders: allValues(request.headers),
    queryStringParameters: lastValues(request.query),
    pathParameters: request.pathParameters ?? {},
    stageVariables: stageVariables(random) ?? {},
    requestContext: {
      accountId: scope.accountId,
      apiId,
      domainName,
      domainPrefix: apiId,
      extendedRequestId: `${random.alnum(15)}=`,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAmr: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: request.userAgent,
        userArn: null,
      },
      path: request.path,
      protocol: 'HTTP/1.1',
      requestId: `${random.alnum(15)}=`,
      requestTime: clfTime(time),
      requestTimeEpoch: time,
      resourceId: routeKeyOf(request.method, request.resource),
      resourcePath: request.resource,
      stage,
    },
  };
  event.methodArn = `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${arnResource(event as never)}`;
  return event;
}

function recomputeArn(event: Record<string, unknown>, key: string): void {
  const parts = String(event[key]).split(':');
  const context = event.requestContext as Record<string, unknown>;
  parts[4] = String(context.accountId);
  parts.splice(5, parts.length - 5, arnResource(event as never));
  event[key] = parts.join(':');
}

export const definition = defineEvent<
  ApiGatewayHttpAuthorizerEvent,
  ApiGatewayHttpAuthorizerOverrides,
  ApiGatewayHttpAuthorizerVariant
>({
  id: 'api-gateway-http-authorizer',
  title: 'Amazon API Gateway HTTP API Lambda authorizer',
  invocation: 'sync',
  variants: ['v2', 'v1'],
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html',
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const scope = awsScope(ctx.random);
    return ctx.variant === 'v1' ? v1(ctx.random, scope, ctx.now) : v2(ctx.random, scope, ctx.now);
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    const headerName = (m: Record<string, unknown>) => Object.keys(m).some((k) => k.toLowerCase() === 'authorization');
    const authorizationSet = headerName(overrideMap(o, 'headers')) || headerName(overrideMap(o, 'multiValueHeaders'));
    if (ctx.variant === 'v2') {
      finalizeV2(event, o, ctx.random, {
        routes: true,
        domainFor: (apiId, previous) => `${apiId}.execute-api.${previous.split('.')[2]}.amazonaws.com`,
      });
      delete event.isBase64Encoded;
      const authorization = (event.headers as Map).authorization;
      if (authorizationSet && !touched(o, 'identitySource') && authorization !== undefined)
        event.identitySource = [authorization];
      if (!touched(o, 'routeArn')) recomputeArn(event, 'routeArn');
      return;
    }
    const context = event.requestContext as Record<string, unknown>;
    const rc = (...path: string[]) => touched(o, 'requestContext', ...path);
    const [headers, multi] = syncMirror(
      event.headers as Map,
      (event.multiValueHeaders ?? null) as Record<string, string[]> | null,
      overrideAt(o, 'headers'),
      overrideAt(o, 'multiValueHeaders'),
      false,
    );
    event.headers = headers ?? {};
    if (multi !== null) event.multiValueHeaders = multi;
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
    if (!rc('resourceId')) context.resourceId = routeKeyOf(String(event.httpMethod), String(event.resource));
    if (!rc('path')) context.path = event.path;
    if (rc('requestTimeEpoch') && !rc('requestTime')) context.requestTime = clfTime(Number(context.requestTimeEpoch));
    const access = mirroredHeaders(event.headers as Map, (event.multiValueHeaders ?? {}) as Record<string, string[]>);
    const authorization = access.get('authorization');
    if (authorizationSet && authorization !== undefined) {
      if (!touched(o, 'identitySource')) event.identitySource = authorization;
      if (!touched(o, 'authorizationToken')) event.authorizationToken = authorization;
    }
    if (!touched(o, 'methodArn')) recomputeArn(event, 'methodArn');
  },
});
