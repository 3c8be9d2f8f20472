import { createRequire } from 'node:module';
import { arn, awsScope, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { CloudFormationCustomResourceOverrides, CloudFormationCustomResourceVariant } from './index.ts';
import { rules } from './rules.ts';
import type { CloudFormationCustomResourceEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const TYPES = ['Custom::DatabaseUser', 'Custom::DnsRecord', 'Custom::SeedData', 'Custom::CertificateValidator'];

/** The pre-signed S3 URL CloudFormation gives for the answer (SigV4, valid two hours). */
function responseUrl(ctx: GenerateContext, region: string, stackId: string, logicalId: string, requestId: string) {
  const { random } = ctx;
  const date = new Date(ctx.now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  // The object key is the request's identity, URL-encoded except for its slashes.
  const key = encodeURIComponent(`${stackId}|${logicalId}|${requestId}`).replace(/%2F/g, '/');
  const credential = encodeURIComponent(`AKIA${random.upperAlnum(16)}/${date.slice(0, 8)}/${region}/s3/aws4_request`);
  return (
    `https://cloudformation-custom-resource-response-${region.replace(/-/g, '')}.s3.${region}.amazonaws.com/${key}` +
    `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}Z&X-Amz-SignedHeaders=host&X-Amz-Expires=7200` +
    `&X-Amz-Credential=${credential}&X-Amz-Signature=${random.hex(64)}`
  );
}

export const definition = defineEvent<
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceOverrides,
  CloudFormationCustomResourceVariant
>({
  id: 'cloudformation-custom-resource',
  title: 'AWS CloudFormation custom resource',
  invocation: 'async',
  variants: ['Create', 'Update', 'Delete'],
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html',
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const stack = `${resourceName(random, 'stack')}`.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, 'Stack');
    const stackId = arn(scope, 'cloudformation', `stack/${stack}/${random.uuid()}`);
    const logicalId = `${random.pick(['Database', 'Dns', 'Seed', 'Certificate'])}${random.pick(['User', 'Record', 'Data', 'Validator'])}`;
    const requestId = random.uuid();
    const token = arn(scope, 'lambda', `function:${stack.slice(0, 40)}-Provider-${random.alnum(12)}`);
    const properties = (): Record<string, unknown> => ({
      ServiceToken: token,
      Name: resourceName(random, 'resource'),
      Retries: String(random.int(1, 5)),
      Enabled: random.bool() ? 'true' : 'false',
      Tags: [{ Key: 'team', Value: random.pick(['payments', 'orders', 'search']) }],
    });
    const event: Record<string, unknown> = {
      RequestType: ctx.variant,
      ServiceToken: token,
      ResponseURL: responseUrl(ctx, scope.region, stackId, logicalId, requestId),
      StackId: stackId,
      RequestId: requestId,
      LogicalResourceId: logicalId,
      ResourceType: random.pick(TYPES),
      ResourceProperties: properties(),
    };
    if (ctx.variant !== 'Create') event.PhysicalResourceId = `${logicalId}-${random.alnum(12)}`;
    if (ctx.variant === 'Update') event.OldResourceProperties = { ...properties(), ServiceToken: token };
    return event;
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    // The response URL names the stack, resource and request: it follows them unless given itself.
    if (
      !overridden(overrides, 'ResponseURL') &&
      ['StackId', 'LogicalResourceId', 'RequestId'].some((field) => overridden(overrides, field))
    ) {
      const stackId = String(event.StackId);
      const region = stackId.split(':')[3] ?? 'us-east-1';
      event.ResponseURL = responseUrl(ctx, region, stackId, String(event.LogicalResourceId), String(event.RequestId));
    }
    // A service token given once applies to the properties that echo it.
    if (overridden(overrides, 'ServiceToken')) {
      const properties = event.ResourceProperties as Record<string, unknown>;
      if (!overridden(overrides, 'ResourceProperties', 'ServiceToken')) properties.ServiceToken = event.ServiceToken;
      const old = event.OldResourceProperties as Record<string, unknown> | undefined;
      if (old !== undefined && !overridden(overrides, 'OldResourceProperties', 'ServiceToken'))
        old.ServiceToken = event.ServiceToken;
    }
  },
});
