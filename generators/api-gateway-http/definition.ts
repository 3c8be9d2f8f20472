import { createRequire } from 'node:module';
import { type AwsScope, awsScope, clfTime, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import {
  allValues,
  finalizePayloadV1,
  finalizeV2,
  httpRequest,
  iamCaller,
  lastValues,
  lowerId,
  routeKeyOf,
  sigV4Headers,
  v2Event,
} from '../../src/core/http-request.ts';
import type { Random } from '../../src/core/random.ts';
import type { ApiGatewayHttpEvent, ApiGatewayHttpOverrides, ApiGatewayHttpVariant } from './index.ts';
import { rules } from './rules.ts';

const require = createRequire(import.meta.url);

const SCOPES = ['orders/read', 'orders/write', 'profile', 'email', 'openid'];

function base64Url(random: Random, length: number): string {
  return random.base64(length).replace(/\+/g, '-').replace(/\//g, '_');
}

/** A JWT-looking bearer token: three base64url parts (the authorizer already verified it). */
function bearerToken(random: Random): string {
  return `Bearer eyJ${base64Url(random, 33)}.eyJ${base64Url(random, 180)}.${base64Url(random, 86)}`;
}

function authorizer(
  ctx: GenerateContext<ApiGatewayHttpVariant>,
  scope: AwsScope,
  epochMs: number,
): { authorizer?: Record<string, unknown>; headers: [string, string][] } {
  const { random } = ctx;
  const seconds = Math.floor(epochMs / 1000);
  switch (ctx.variant) {
    case 'jwt-authorizer': {
      const pool = `${scope.region}_${random.alnum(9)}`;
      const scopes = SCOPES.filter(() => random.bool(0.4));
      return {
        authorizer: {
          jwt: {
            claims: {
              auth_time: String(seconds - random.int(60, 3000)),
              client_id: lowerId(random, 26),
              exp: String(seconds + random.int(60, 3600)),
              iat: String(seconds - random.int(0, 60)),
              iss: `https://cognito-idp.${scope.region}.amazonaws.com/${pool}`,
              jti: random.uuid(),
              scope: scopes.join(' '),
              sub: random.uuid(),
              token_use: 'access',
              username: `user${random.digits(6)}`,
            },
            scopes: scopes.length > 0 ? scopes : null,
          },
        },
        headers: [['authorization', bearerToken(random)]],
      };
    }
    case 'lambda-authorizer':
      return {
        authorizer: {
          lambda: {
            userId: `usr_${random.alnum(12)}`,
            tenantId: `t-${random.digits(6)}`,
            plan: random.pick(['free', 'pro']),
          },
        },
        headers: [['authorization', bearerToken(random)]],
      };
    case 'iam':
      return {
        authorizer: { iam: iamCaller(random, scope) },
        headers: sigV4Headers(random, scope, epochMs, 'execute-api'),
      };
    default:
      return { headers: [] };
  }
}

/** A client certificate as API Gateway reports it for mutual TLS. */
function clientCert(random: Random, epochMs: number): Record<string, unknown> {
  const notBefore = epochMs - random.int(30, 300) * 86_400_000;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const certTime = (ms: number) => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
  };
  const body = random.base64(1200);
  const lines = body.match(/.{1,64}/g) ?? [];
  const client = `client-${random.digits(4)}`;
  return {
    clientCertPem: `-----BEGIN CERTIFICATE-----\nMII${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    subjectDN: `CN=${client}.example.com,OU=Devices,O=Example Corp,C=US`,
    issuerDN: 'CN=Example Private CA,O=Example Corp,C=US',
    serialNumber: Array.from({ length: 16 }, () => random.hex(2)).join(':'),
    validity: { notBefore: certTime(notBefore), notAfter: certTime(notBefore + 365 * 86_400_000) },
  };
}

const CUSTOM_DOMAINS = ['api.example.com', 'orders.example.net', 'secure.example.org'];

/** A payload format 1.0 event of an HTTP API: the REST proxy shape, `version` "1.0", stage `$default`. */
function payloadV1(ctx: GenerateContext<ApiGatewayHttpVariant>): Record<string, unknown> {
  const { random } = ctx;
  const scope = awsScope(random);
  const apiId = lowerId(random, 10);
  const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
  const time = recentEpochMs(random, ctx.now, 5_000);
  const request = httpRequest(random, { host: domainName, sourceIp: ipv4(random), time });
  const headers = request.headers.map(([k, v]) => [k.toLowerCase(), v] as [string, string]);
  const hasQuery = request.query.length > 0;
  const requestId = `${random.alnum(15)}=`;
  return {
    version: '1.0',
    resource: request.resource,
    path: request.path,
    httpMethod: request.method,
    headers: lastValues(headers),
    multiValueHeaders: allValues(headers),
    queryStringParameters: hasQuery ? lastValues(request.query) : null,
    multiValueQueryStringParameters: hasQuery ? allValues(request.query) : null,
    requestContext: {
      accountId: scope.accountId,
      apiId,
      authorizer: { claims: null, scopes: null },
      domainName,
      domainPrefix: apiId,
      extendedRequestId: requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
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
      requestId,
      requestTime: clfTime(time),
      requestTimeEpoch: time,
      resourceId: null,
      resourcePath: request.resource,
      stage: '$default',
    },
    pathParameters: request.pathParameters,
    stageVariables: null,
    body: request.body,
    isBase64Encoded: request.isBase64Encoded,
  };
}

export const definition = defineEvent<ApiGatewayHttpEvent, ApiGatewayHttpOverrides, ApiGatewayHttpVariant>({
  id: 'api-gateway-http',
  title: 'Amazon API Gateway HTTP API (payload 2.0 or 1.0)',
  invocation: 'sync',
  variants: ['v2', 'jwt-authorizer', 'lambda-authorizer', 'iam', 'mtls', 'payload-1.0'],
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  referenceVariants: { 'no-auth': 'v2', jwt: 'jwt-authorizer', lambda: 'lambda-authorizer', iam: 'iam' },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    if (ctx.variant === 'payload-1.0') return payloadV1(ctx);
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    // Mutual TLS needs a custom domain name (the default endpoint is disabled).
    const mtls = ctx.variant === 'mtls';
    const domainName = mtls ? random.pick(CUSTOM_DOMAINS) : `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, { host: domainName, sourceIp: ipv4(random), time });
    const defaultRoute = random.bool(0.15);
    const auth = authorizer(ctx, scope, time);
    const event = v2Event(
      request,
      {
        accountId: scope.accountId,
        apiId,
        domainName,
        domainPrefix: domainName.slice(0, domainName.indexOf('.')),
        requestId: `${random.alnum(15)}=`,
        routeKey: defaultRoute ? '$default' : routeKeyOf(request.method, request.resource),
        ...(auth.authorizer ? { authorizer: auth.authorizer } : {}),
      },
      { pathParameters: !defaultRoute, extraHeaders: auth.headers },
    );
    if (mtls)
      (event.requestContext as Record<string, unknown>).authentication = { clientCert: clientCert(random, time) };
    if (random.bool(0.25)) {
      event.stageVariables = {
        environment: random.pick(['prod', 'staging']),
        tableName: `orders-${lowerId(random, 6)}`,
      };
    }
    return event;
  },
  finalize(event, ctx) {
    if (ctx.overrides === undefined) return;
    if (ctx.variant === 'payload-1.0') {
      finalizePayloadV1(event, ctx.overrides, ctx.random, { nullHeaders: false });
      // HTTP APIs lower-case header names in both payload formats.
      for (const key of ['headers', 'multiValueHeaders']) {
        const map = event[key] as Record<string, unknown>;
        event[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
      }
      return;
    }
    finalizeV2(event, ctx.overrides, ctx.random, {
      routes: true,
      domainFor: (apiId, previous) =>
        previous.includes('.execute-api.') ? `${apiId}.execute-api.${previous.split('.')[2]}.amazonaws.com` : previous,
    });
  },
});
