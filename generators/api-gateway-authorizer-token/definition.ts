import { createRequire } from 'node:module';
import { type AwsScope, awsScope, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { httpRequest, lowerId } from '../../src/core/http-request.ts';
import type { Random } from '../../src/core/random.ts';
import type { ApiGatewayAuthorizerTokenOverrides, ApiGatewayAuthorizerTokenVariant } from './index.ts';
import type { ApiGatewayAuthorizerTokenEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

export const STAGES = ['prod', 'dev', 'staging', 'v1'];

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without its leading slash}`. */
export function methodArn(scope: AwsScope, apiId: string, stage: string, method: string, path: string): string {
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${apiId}/${stage}/${method}/${path.replace(/^\//, '')}`;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A signed-looking JWT from a Cognito user pool (RS256): header, claims and a 256-byte signature. */
export function jwt(random: Random, scope: AwsScope, issuedAt: number): string {
  const pool = `${scope.region}_${random.alnum(9)}`;
  const header = { kid: random.base64(43).replace(/[/+]/g, 'x'), alg: 'RS256' };
  const iat = Math.floor(issuedAt / 1000);
  const claims = {
    sub: random.uuid(),
    iss: `https://cognito-idp.${scope.region}.amazonaws.com/${pool}`,
    client_id: lowerId(random, 26),
    origin_jti: random.uuid(),
    event_id: random.uuid(),
    token_use: 'access',
    scope: random.pick(['aws.cognito.signin.user.admin', 'orders/read orders/write', 'openid profile']),
    auth_time: iat,
    exp: iat + 3600,
    iat,
    jti: random.uuid(),
    username: random.uuid(),
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${base64url(random.bytes(256))}`;
}

export const definition = defineEvent<
  ApiGatewayAuthorizerTokenEvent,
  ApiGatewayAuthorizerTokenOverrides,
  ApiGatewayAuthorizerTokenVariant
>({
  id: 'api-gateway-authorizer-token',
  title: 'Amazon API Gateway Lambda authorizer (TOKEN)',
  invocation: 'sync',
  variants: ['bearer-jwt', 'opaque-token'],
  referenceVariants: { '-': 'bearer-jwt' },
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html',
  schema: () => require('./schema.json'),
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, {
      host: `${apiId}.execute-api.${scope.region}.amazonaws.com`,
      sourceIp: ipv4(random),
      time,
    });
    const token =
      ctx.variant === 'bearer-jwt'
        ? `Bearer ${jwt(random, scope, time - random.int(0, 3_000_000))}`
        : random.pick([`sk_live_${random.alnum(32)}`, random.uuid(), random.hex(40)]);
    return {
      type: 'TOKEN',
      authorizationToken: token,
      methodArn: methodArn(scope, apiId, random.pick(STAGES), request.method, request.path),
    };
  },
});
