import { createRequire } from 'node:module';
import { accountId, awsScope, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { finalizeV2, httpRequest, iamCaller, lowerId, sigV4Headers, v2Event } from '../../src/core/http-request.ts';
import type { FunctionUrlEvent, FunctionUrlOverrides, FunctionUrlVariant } from './index.ts';
import { rules } from './rules.ts';

const require = createRequire(import.meta.url);

const TLS = [
  ['TLSv1.3', 'TLS_AES_128_GCM_SHA256'],
  ['TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256'],
] as const;

export const definition = defineEvent<FunctionUrlEvent, FunctionUrlOverrides, FunctionUrlVariant>({
  id: 'function-url',
  title: 'Lambda function URL',
  invocation: 'sync',
  variants: ['buffered', 'iam-auth'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html',
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const urlId = lowerId(random, 32);
    const domainName = `${urlId}.lambda-url.${scope.region}.on.aws`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const request = httpRequest(random, { host: domainName, sourceIp: ipv4(random), time });
    const [tlsVersion, cipher] = random.pick(TLS);
    const extraHeaders: [string, string][] = [
      ['x-amzn-tls-cipher-suite', cipher],
      ['x-amzn-tls-version', tlsVersion],
    ];
    const iam = ctx.variant === 'iam-auth';
    const caller = iam ? { ...scope, accountId: random.bool(0.7) ? scope.accountId : accountId(random) } : scope;
    if (iam) extraHeaders.push(...sigV4Headers(random, caller, time, 'lambda'));
    return v2Event(
      request,
      {
        accountId: iam ? caller.accountId : 'anonymous',
        apiId: urlId,
        domainName,
        domainPrefix: urlId,
        requestId: random.uuid(),
        routeKey: '$default',
        ...(iam ? { authorizer: { iam: iamCaller(random, caller) } } : {}),
      },
      { pathParameters: false, extraHeaders },
    );
  },
  finalize(event, ctx) {
    // Without overrides the generated event is already consistent.
    if (ctx.overrides === undefined) return;
    finalizeV2(event, ctx.overrides, ctx.random, {
      routes: false,
      domainFor: (urlId, previous) => `${urlId}.lambda-url.${previous.split('.')[2]}.on.aws`,
    });
  },
});
