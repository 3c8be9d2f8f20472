import { createRequire } from 'node:module';
import { awsScope, clfTime, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { overrideAt } from '../../src/core/overrides.ts';
import type { Random } from '../../src/core/random.ts';
import {
  allValues,
  finalizeBody,
  httpRequest,
  lastValues,
  lowerId,
  mirroredHeaders,
  overrideMap,
  syncMirror,
  syncRoute,
  touched,
} from '../../src/core/http-request.ts';
import type { ApiGatewayRestEvent, ApiGatewayRestOverrides, ApiGatewayRestVariant } from './index.ts';

const require = createRequire(import.meta.url);

const STAGES = ['prod', 'dev', 'staging', 'v1'];
const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'JP', 'IN', 'BR', 'CA'];

function cloudFrontHeaders(random: Random, userAgent: string): [string, string][] {
  const mobile = /iPhone|Android/.test(userAgent);
  return [
    ['CloudFront-Forwarded-Proto', 'https'],
    ['CloudFront-Is-Desktop-Viewer', String(!mobile)],
    ['CloudFront-Is-Mobile-Viewer', String(mobile)],
    ['CloudFront-Is-SmartTV-Viewer', 'false'],
    ['CloudFront-Is-Tablet-Viewer', 'false'],
    ['CloudFront-Viewer-ASN', String(random.int(1000, 65000))],
    ['CloudFront-Viewer-Country', random.pick(COUNTRIES)],
    ['Via', `2.0 ${random.hex(32)}.cloudfront.net (CloudFront)`],
    ['X-Amz-Cf-Id', `${random.base64(54).replace(/\//g, '_').replace(/\+/g, '-')}==`],
  ];
}

/** Adds CloudFront's headers and its edge address to X-Forwarded-For. */
function viaCloudFront(random: Random, headers: [string, string][], sourceIp: string, userAgent: string): void {
  headers.push(...cloudFrontHeaders(random, userAgent));
  const forwarded = headers.find(([k]) => k === 'X-Forwarded-For');
  if (forwarded) forwarded[1] = `${sourceIp}, ${ipv4(random)}`;
}

type Headers = Record<string, string>;
type MultiHeaders = Record<string, string[]>;

export const definition = defineEvent<ApiGatewayRestEvent, ApiGatewayRestOverrides, ApiGatewayRestVariant>({
  id: 'api-gateway-rest',
  title: 'Amazon API Gateway REST API (proxy integration)',
  invocation: 'sync',
  variants: ['proxy', 'multi-value', 'base64-body'],
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html',
  schema: () => require('./schema.json'),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, {
      host: domainName,
      multiValue: ctx.variant === 'multi-value',
      binary: ctx.variant === 'base64-body',
      sourceIp: ipv4(random),
      time,
    });
    // Edge-optimized endpoints (the REST default) are fronted by CloudFront, which adds its headers.
    if (random.bool(0.5)) viaCloudFront(random, request.headers, request.sourceIp, request.userAgent);
    const stage = random.pick(STAGES);
    const hasQuery = request.query.length > 0;
    return {
      resource: request.resource,
      path: request.path,
      httpMethod: request.method,
      headers: lastValues(request.headers),
      multiValueHeaders: allValues(request.headers),
      queryStringParameters: hasQuery ? lastValues(request.query) : null,
      multiValueQueryStringParameters: hasQuery ? allValues(request.query) : null,
      pathParameters: request.pathParameters,
      stageVariables: null,
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
          cognitoIdentityPoolId: null,
          accountId: null,
          cognitoIdentityId: null,
          caller: null,
          sourceIp: request.sourceIp,
          principalOrgId: null,
          accessKey: null,
          cognitoAuthenticationType: null,
          cognitoAuthenticationProvider: null,
          userArn: null,
          userAgent: request.userAgent,
          user: null,
          apiKey: null,
          apiKeyId: null,
          clientCert: null,
        },
        domainName,
        apiId,
      },
      body: request.body,
      isBase64Encoded: request.isBase64Encoded,
    };
  },
  finalize(event, ctx) {
    const o = ctx.overrides;
    const context = event.requestContext as Record<string, unknown>;
    const identity = context.identity as Record<string, unknown>;

    const [headers, multiValueHeaders] = syncMirror(
      event.headers as Headers,
      event.multiValueHeaders as MultiHeaders,
      overrideAt(o, 'headers'),
      overrideAt(o, 'multiValueHeaders'),
      false,
    );
    event.headers = headers ?? {};
    event.multiValueHeaders = multiValueHeaders ?? {};
    const access = mirroredHeaders(event.headers as Headers, event.multiValueHeaders as MultiHeaders);
    const headerSet = (name: string) =>
      [overrideMap(o, 'headers'), overrideMap(o, 'multiValueHeaders')].some((m) =>
        Object.keys(m).some((k) => k.toLowerCase() === name),
      );

    const [query, multiQuery] = syncMirror(
      event.queryStringParameters as Headers | null,
      event.multiValueQueryStringParameters as MultiHeaders | null,
      overrideAt(o, 'queryStringParameters'),
      overrideAt(o, 'multiValueQueryStringParameters'),
      true,
    );
    event.queryStringParameters = query;
    event.multiValueQueryStringParameters = multiQuery;

    const route = syncRoute(
      event as { resource: string; path: string; pathParameters: Record<string, string> | null },
      o,
      { resource: 'resource', path: 'path', pathParameters: 'pathParameters' },
      ctx.random,
    );
    Object.assign(event, route);

    const rc = (...path: string[]) => touched(o, 'requestContext', ...path);
    if (!rc('httpMethod')) context.httpMethod = event.httpMethod;
    if (!rc('resourcePath')) context.resourcePath = event.resource;
    if (!rc('path')) context.path = `/${String(context.stage)}${String(event.path)}`;
    if (!rc('requestTime') && rc('requestTimeEpoch')) context.requestTime = clfTime(Number(context.requestTimeEpoch));
    if (rc('apiId') && !rc('domainName')) {
      const region = String(context.domainName).split('.')[2];
      context.domainName = `${String(context.apiId)}.execute-api.${region}.amazonaws.com`;
    }
    if (!rc('domainPrefix')) context.domainPrefix = String(context.domainName).split('.')[0];
    if (!headerSet('host') && access.get('host') !== undefined) access.set('Host', String(context.domainName));
    if (rc('identity', 'userAgent') && !headerSet('user-agent')) {
      if (typeof identity.userAgent === 'string') access.set('User-Agent', identity.userAgent);
      else access.delete('User-Agent');
    } else if (headerSet('user-agent') && !rc('identity', 'userAgent')) {
      identity.userAgent = access.get('user-agent') ?? null;
    }
    const forwardedFor = access.get('x-forwarded-for');
    if (rc('identity', 'sourceIp') && !headerSet('x-forwarded-for') && forwardedFor !== undefined) {
      access.set('X-Forwarded-For', [identity.sourceIp, ...forwardedFor.split(', ').slice(1)].join(', '));
    }
    finalizeBody(event, o, access, 'null', headerSet);
  },
});
