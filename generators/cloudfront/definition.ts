import { createRequire } from 'node:module';
import { awsScope, ipv4, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { encodeQuery, httpRequest } from '../../src/core/http-request.ts';
import type { Random } from '../../src/core/random.ts';
import type { CloudFrontEdgeOverrides, CloudFrontEdgeVariant } from './index.ts';
import { responseRules, rules } from './rules.ts';
import type { CloudFrontEdgeEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

type Lines = { key: string; value: string }[];

/** `[name, value]` pairs → CloudFront's `{lowercase: [{key, value}]}` map, repeated names kept as several lines. */
export function edgeHeaders(pairs: readonly (readonly [string, string])[]): Record<string, Lines> {
  const out: Record<string, Lines> = {};
  for (const [key, value] of pairs) {
    const name = key.toLowerCase();
    if (Object.hasOwn(out, name)) out[name]?.push({ key, value });
    else out[name] = [{ key, value }];
  }
  return out;
}

function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

function origin(random: Random, region: string): Record<string, unknown> {
  if (random.bool(0.5)) {
    const bucket = `${random.pick(['assets', 'static', 'media'])}-${random.alnum(8).toLowerCase()}`;
    return {
      s3: {
        authMethod: 'origin-access-identity',
        customHeaders: {},
        domainName: `${bucket}.s3.${region}.amazonaws.com`,
        path: '',
        region,
      },
    };
  }
  return {
    custom: {
      customHeaders: edgeHeaders([['X-Origin-Verify', random.alnum(32)]]),
      domainName: `api.${random.pick(['example.com', 'example.org', 'example.net'])}`,
      keepaliveTimeout: 5,
      path: '',
      port: 443,
      protocol: 'https',
      readTimeout: 30,
      sslProtocols: ['TLSv1.2'],
    },
  };
}

export const definition = defineEvent<CloudFrontEdgeEvent, CloudFrontEdgeOverrides, CloudFrontEdgeVariant>({
  id: 'cloudfront',
  title: 'Amazon CloudFront (Lambda@Edge)',
  invocation: 'sync',
  variants: ['viewer-request', 'origin-request', 'origin-response', 'viewer-response'],
  referenceVariants: { 'request-phase': 'viewer-request', 'response-phase': 'viewer-response' },
  docs: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html',
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json'), rules: responseRules },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const domain = `d${random.alnum(13).toLowerCase()}.cloudfront.net`;
    const time = recentEpochMs(random, ctx.now, 5_000);
    const clientIp = ipv4(random);
    const request = httpRequest(random, { host: domain, sourceIp: clientIp, time });
    const method = request.body === null ? request.method : 'GET';
    const viewer: [string, string][] = request.headers.filter(
      ([k]) => !/^(x-forwarded-(for|port|proto)|x-amzn-trace-id|content-(type|length))$/i.test(k),
    );
    const type = ctx.variant;
    const atOrigin = type.startsWith('origin');
    const cfOrigin = atOrigin ? origin(random, scope.region) : undefined;
    const originServer = (cfOrigin?.s3 ?? cfOrigin?.custom) as { domainName: string } | undefined;
    const headers: [string, string][] = atOrigin
      ? [
          ...viewer.filter(([k]) => k.toLowerCase() !== 'host'),
          ['Host', String(originServer?.domainName)],
          ['Via', `2.0 ${random.hex(32)}.cloudfront.net (CloudFront)`],
          ['X-Forwarded-For', clientIp],
        ]
      : viewer;
    const cfRequest: Record<string, unknown> = {
      clientIp,
      headers: edgeHeaders(headers),
      method,
      querystring: encodeQuery(request.query),
      uri: request.path,
    };
    if (type === 'origin-request' && cfOrigin) cfRequest.origin = cfOrigin;
    const cf: Record<string, unknown> = {
      config: {
        distributionDomainName: domain,
        distributionId: `E${random.upperAlnum(13)}`,
        eventType: type,
        requestId: `${random.base64(54).replace(/\+/g, '-').replace(/\//g, '_')}==`,
      },
      request: cfRequest,
    };
    if (type.endsWith('-response')) {
      const length = random.int(200, 50_000);
      cf.response = {
        status: '200',
        statusDescription: 'OK',
        headers: edgeHeaders([
          ['Content-Type', random.pick(['text/html; charset=utf-8', 'application/json', 'image/png'])],
          ['Content-Length', String(length)],
          ['Date', httpDate(time)],
          ['ETag', `"${random.hex(32)}"`],
          ['Last-Modified', httpDate(time - random.int(60_000, 86_400_000))],
          ['Server', cfOrigin?.s3 !== undefined ? 'AmazonS3' : random.pick(['nginx', 'AmazonS3'])],
          ...(type === 'viewer-response'
            ? ([
                ['Via', `1.1 ${random.hex(32)}.cloudfront.net (CloudFront)`],
                ['X-Cache', random.pick(['Hit from cloudfront', 'Miss from cloudfront'])],
              ] as [string, string][])
            : []),
        ]),
      };
    }
    return { Records: [{ cf }] };
  },
});
