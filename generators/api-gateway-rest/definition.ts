import { createRequire } from 'node:module';
import {
  type AwsScope,
  accountId,
  awsScope,
  clfTime,
  ipv4,
  recentEpochMs,
  userName,
} from '../../src/core/aws-values.ts';
import type { GenerateContext } from '../../src/core/define-event.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import type { Random } from '../../src/core/random.ts';
import {
  allValues,
  finalizePayloadV1,
  httpRequest,
  iamCaller,
  lastValues,
  lowerId,
  sigV4Headers,
} from '../../src/core/http-request.ts';
import type { ApiGatewayRestEvent, ApiGatewayRestOverrides, ApiGatewayRestVariant } from './index.ts';
import { rules } from './rules.ts';

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

const AUTHORIZER_VARIANTS = new Set<ApiGatewayRestVariant>([
  'cognito-authorizer',
  'lambda-token-authorizer',
  'lambda-request-authorizer',
]);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How REST APIs render Cognito's `exp`/`iat` claims: `Thu Jan 15 12:00:00 UTC 2026`. */
function claimDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function base64Url(random: Random, length: number): string {
  return random.token(length).replace(/\+/g, '-').replace(/\//g, '_');
}

/** A JWT-looking token (the authorizer already verified it). */
function jwt(random: Random): string {
  return `eyJ${base64Url(random, 33)}.eyJ${base64Url(random, 300)}.${base64Url(random, 342)}`;
}

/** The authorizer context a variant's authorizer passes on, and the headers its client sent. */
function authorizerFor(
  ctx: GenerateContext<ApiGatewayRestVariant>,
  scope: AwsScope,
  epochMs: number,
): { authorizer?: Record<string, unknown>; headers: [string, string][]; query: [string, string][] } {
  const { random } = ctx;
  const seconds = Math.floor(epochMs / 1000);
  switch (ctx.variant) {
    case 'cognito-authorizer': {
      const pool = `${scope.region}_${random.alnum(9)}`;
      const sub = random.uuid();
      const user = userName(random);
      const issued = seconds - random.int(0, 3000);
      return {
        authorizer: {
          claims: {
            sub,
            email_verified: 'true',
            iss: `https://cognito-idp.${scope.region}.amazonaws.com/${pool}`,
            'cognito:username': user,
            origin_jti: random.uuid(),
            aud: lowerId(random, 26),
            event_id: random.uuid(),
            token_use: 'id',
            auth_time: String(issued - random.int(0, 600)),
            exp: claimDate(issued + 3600),
            iat: claimDate(issued),
            jti: random.uuid(),
            email: `${user}@example.com`,
          },
        },
        headers: [['Authorization', jwt(random)]],
        query: [],
      };
    }
    case 'lambda-token-authorizer':
      return {
        authorizer: {
          principalId: `user|${random.alnum(12)}`,
          integrationLatency: random.int(0, 900),
          tenantId: `t-${random.digits(6)}`,
          plan: random.pick(['free', 'pro', 'enterprise']),
        },
        headers: [['Authorization', `Bearer ${jwt(random)}`]],
        query: [],
      };
    case 'lambda-request-authorizer':
      return {
        authorizer: {
          principalId: `user|${random.alnum(12)}`,
          integrationLatency: random.int(0, 900),
          userId: `usr_${random.alnum(12)}`,
          role: random.pick(['admin', 'reader', 'writer']),
        },
        headers: [['X-Api-Token', random.alnum(32)]],
        query: random.bool(0.5) ? [['tenant', `t-${random.digits(6)}`]] : [],
      };
    case 'iam':
      return {
        headers: sigV4Headers(random, scope, epochMs, 'execute-api').map(([k, v]) => [
          k === 'authorization' ? 'Authorization' : k === 'x-amz-date' ? 'X-Amz-Date' : 'X-Amz-Security-Token',
          v,
        ]),
        query: [],
      };
    default:
      return { headers: [], query: [] };
  }
}

/** The identity of an IAM-signed request: the caller's credentials, in their own (or this) account. */
function iamIdentity(random: Random, scope: AwsScope): Record<string, unknown> {
  const callerScope = random.bool(0.7) ? scope : { ...scope, accountId: accountId(random) };
  const caller = iamCaller(random, callerScope);
  return {
    accessKey: caller.accessKey,
    accountId: caller.accountId,
    caller: caller.callerId,
    user: caller.userId,
    userArn: caller.userArn,
    principalOrgId: caller.principalOrgId,
  };
}

const TEST_INVOKE_AGENT =
  'aws-internal/3 aws-sdk-java/1.12.772 Linux/5.10.226-192.879.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.422-b05 java/1.8.0_422 vendor/Oracle_Corporation cfg/retry-mode/standard';

export const definition = defineEvent<ApiGatewayRestEvent, ApiGatewayRestOverrides, ApiGatewayRestVariant>({
  id: 'api-gateway-rest',
  title: 'Amazon API Gateway REST API (proxy integration)',
  invocation: 'sync',
  variants: [
    'proxy',
    'multi-value',
    'base64-body',
    'cognito-authorizer',
    'lambda-token-authorizer',
    'lambda-request-authorizer',
    'iam',
    'console-test-invoke',
  ],
  docs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html',
  referenceVariants: {
    '-': 'proxy',
    'cognito-authorizer': 'cognito-authorizer',
    'custom-authorizer': 'lambda-token-authorizer',
    'console-test-invoke': 'console-test-invoke',
  },
  schema: () => require('./schema.json'),
  rules,
  response: {
    schema: () => require('./response.schema.json'),
    // One published sample (a Powertools idempotency example) returns keys outside the proxy result format; API
    // Gateway answers such a result with 502 (malformed Lambda proxy response), so the contract rejects them.
    malformedInSamples: {
      message: 'not a Lambda proxy result key: API Gateway answers 502 (malformed Lambda proxy response)',
      paymentId: 'not a Lambda proxy result key: API Gateway answers 502 (malformed Lambda proxy response)',
    },
  },
  generate(ctx) {
    const { random, variant } = ctx;
    const scope = awsScope(random);
    const apiId = lowerId(random, 10);
    const testInvoke = variant === 'console-test-invoke';
    const domainName = testInvoke ? 'testPrefix.testDomainName' : `${apiId}.execute-api.${scope.region}.amazonaws.com`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, {
      host: domainName,
      multiValue: variant === 'multi-value',
      binary: variant === 'base64-body',
      sourceIp: testInvoke ? 'test-invoke-source-ip' : ipv4(random),
      time,
    });
    const auth = authorizerFor(ctx, scope, time);
    if (auth.headers.length > 0) request.headers.push(...auth.headers);
    if (auth.query.length > 0) request.query.push(...auth.query);
    // Edge-optimized endpoints (the REST default) are fronted by CloudFront, which adds its headers.
    if (!testInvoke && random.bool(0.5)) viaCloudFront(random, request.headers, request.sourceIp, request.userAgent);
    const stage = testInvoke ? 'test-invoke-stage' : random.pick(STAGES);
    const hasQuery = request.query.length > 0;
    const identity: Record<string, unknown> = {
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
      userAgent: testInvoke ? TEST_INVOKE_AGENT : request.userAgent,
      user: null,
      apiKey: null,
      apiKeyId: null,
      clientCert: null,
    };
    if (variant === 'iam' || testInvoke) Object.assign(identity, iamIdentity(random, scope));
    if (testInvoke) {
      identity.apiKey = 'test-invoke-api-key';
      identity.apiKeyId = 'test-invoke-api-key-id';
    }
    const context: Record<string, unknown> = {
      resourceId: lowerId(random, 6),
      resourcePath: request.resource,
      httpMethod: request.method,
      extendedRequestId: testInvoke ? 'test-invoke-extendedRequestId' : `${random.alnum(15)}=`,
      requestTime: clfTime(time),
      path: testInvoke ? request.path : `/${stage}${request.path}`,
      accountId: scope.accountId,
      protocol: 'HTTP/1.1',
      stage,
      domainPrefix: domainName.slice(0, domainName.indexOf('.')),
      requestTimeEpoch: time,
      requestId: random.uuid(),
      identity,
      domainName,
      apiId,
    };
    if (auth.authorizer !== undefined) context.authorizer = auth.authorizer;
    if (AUTHORIZER_VARIANTS.has(variant) || random.bool(0.5)) context.deploymentId = lowerId(random, 6);
    return {
      resource: request.resource,
      path: request.path,
      httpMethod: request.method,
      headers: testInvoke ? null : lastValues(request.headers),
      multiValueHeaders: testInvoke ? null : allValues(request.headers),
      queryStringParameters: hasQuery ? lastValues(request.query) : null,
      multiValueQueryStringParameters: hasQuery ? allValues(request.query) : null,
      pathParameters: request.pathParameters,
      stageVariables: null,
      requestContext: context,
      body: request.body,
      isBase64Encoded: request.isBase64Encoded,
    };
  },
  finalize(event, ctx) {
    // Without overrides the generated event is already consistent.
    if (ctx.overrides === undefined) return;
    finalizePayloadV1(event, ctx.overrides, ctx.random, { nullHeaders: ctx.variant === 'console-test-invoke' });
  },
});
