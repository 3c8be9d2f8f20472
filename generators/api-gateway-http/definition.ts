import { createRequire } from 'node:module';
import { type AwsScope, awsScope, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import {
  finalizeV2,
  httpRequest,
  iamCaller,
  lowerId,
  routeKeyOf,
  sigV4Headers,
  v2Event,
} from '../../src/core/http-request.ts';
import type { Random } from '../../src/core/random.ts';
import type { ApiGatewayHttpEvent, ApiGatewayHttpOverrides, ApiGatewayHttpVariant } from './index.ts';

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

export const definition = defineEvent<ApiGatewayHttpEvent, ApiGatewayHttpOverrides, ApiGatewayHttpVariant>({
  id: 'api-gateway-http',
  title: 'Amazon API Gateway HTTP API (payload 2.0)',
  invocation: 'sync',
  variants: ['v2', 'jwt-authorizer', 'lambda-authorizer', 'iam'],
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  schema: () => require('./schema.json'),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const domainName = `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, { host: domainName, sourceIp: ipv4(random), time });
    const defaultRoute = random.bool(0.15);
    const auth = authorizer(ctx, scope, time);
    return v2Event(
      request,
      {
        accountId: scope.accountId,
        apiId,
        domainName,
        domainPrefix: apiId,
        requestId: `${random.alnum(15)}=`,
        routeKey: defaultRoute ? '$default' : routeKeyOf(request.method, request.resource),
        ...(auth.authorizer ? { authorizer: auth.authorizer } : {}),
      },
      { pathParameters: !defaultRoute, extraHeaders: auth.headers },
    );
  },
  finalize(event, ctx) {
    finalizeV2(event, ctx.overrides, ctx.random, {
      routes: true,
      domainFor: (apiId, previous) => `${apiId}.execute-api.${previous.split('.')[2]}.amazonaws.com`,
    });
  },
});
