import { createRequire } from 'node:module';
import {
  arn,
  awsScope,
  fakerWords,
  ipv4,
  isoSeconds,
  recentEpochMs,
  resourceName,
  userName,
} from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { isPlainObject, overrideAt, overridden } from '../../src/core/overrides.ts';
import type { EventbridgeOverrides, EventbridgeVariant } from './index.ts';
import { eventbridgeRules } from './rules.ts';
import type { EventbridgeEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const EC2_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];
const DOMAINS: readonly (readonly [domain: string, entity: string])[] = [
  ['orders', 'Order'],
  ['payments', 'Payment'],
  ['shipping', 'Shipment'],
  ['inventory', 'Stock Level'],
  ['accounts', 'Account'],
];
const ACTIONS = ['Created', 'Updated', 'Completed', 'Cancelled'];

/** Replaces the region and account fields of an ARN, leaving global ARNs (no region) alone. */
export function arnInScope(value: string, region: string, account: string): string {
  const parts = value.split(':');
  if (parts.length < 6) return value;
  if (parts[3] !== '') parts[3] = region;
  if (parts[4] !== '') parts[4] = account;
  return parts.join(':');
}

function customEvent(ctx: GenerateContext) {
  const { random } = ctx;
  const [domain, entity] = random.pick(DOMAINS);
  const company = random
    .pick(fakerWords('person.last_name.generic'))
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const action = random.pick(ACTIONS);
  return {
    source: `com.${company || 'example'}.${domain}`,
    detailType: `${entity} ${action}`,
    resources: [] as string[],
    detail: {
      id: random.uuid(),
      customerId: `cus_${random.alnum(14)}`,
      status: action.toUpperCase(),
      amount: random.int(100, 99_999) / 100,
      product: random.pick(fakerWords('commerce.product_name.product')),
    },
  };
}

function ec2StateChange(ctx: GenerateContext, region: string, account: string) {
  const instanceId = `i-${ctx.random.hex(17)}`;
  return {
    source: 'aws.ec2',
    detailType: 'EC2 Instance State-change Notification',
    resources: [arn({ region, accountId: account, partition: 'aws' }, 'ec2', `instance/${instanceId}`)],
    detail: { 'instance-id': instanceId, state: ctx.random.pick(EC2_STATES) },
  };
}

/** S3 `Object Created` sent to EventBridge (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html). */
function s3ObjectCreated(ctx: GenerateContext, time: number, account: string) {
  const { random } = ctx;
  const bucket = `${resourceName(random, 'bucket')}-${random.digits(6)}`;
  const reason = random.pick(['PutObject', 'CopyObject', 'CompleteMultipartUpload']);
  const object: Record<string, unknown> = {
    key: `${random.pick(['uploads', 'images', 'reports'])}/${random.hex(12)}.${random.pick(['jpg', 'csv', 'json'])}`,
    size: random.int(1, 50 * 1024 * 1024),
    etag: random.hex(32),
  };
  if (random.bool(0.5)) object['version-id'] = random.base64(32).replace(/[+/]/g, '_');
  object.sequencer = (BigInt(time) * 1_000n + BigInt(random.int(0, 999))).toString(16).toUpperCase();
  return {
    source: 'aws.s3',
    detailType: 'Object Created',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object,
      'request-id': random.upperAlnum(16),
      requester: account,
      'source-ip-address': ipv4(random),
      reason,
    },
  };
}

/** An API call recorded by CloudTrail (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html). */
function apiCallViaCloudTrail(ctx: GenerateContext, time: number, region: string, account: string) {
  const { random } = ctx;
  const instanceId = `i-${random.hex(17)}`;
  const role = `${resourceName(random, 'role')}`;
  const session = userName(random);
  const principal = `AROA${random.upperAlnum(17)}`;
  return {
    source: 'aws.ec2',
    detailType: 'AWS API Call via CloudTrail',
    resources: [] as string[],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `${principal}:${session}`,
        arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
        accountId: account,
        accessKeyId: `ASIA${random.upperAlnum(16)}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: principal,
            arn: `arn:aws:iam::${account}:role/${role}`,
            accountId: account,
            userName: role,
          },
          attributes: { creationDate: isoSeconds(time - random.int(60_000, 3_600_000)), mfaAuthenticated: 'false' },
        },
      },
      eventTime: isoSeconds(time - random.int(1_000, 60_000)),
      eventSource: 'ec2.amazonaws.com',
      eventName: 'StopInstances',
      awsRegion: region,
      sourceIPAddress: ipv4(random),
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64',
      requestParameters: { instancesSet: { items: [{ instanceId }] }, force: false },
      responseElements: {
        requestId: random.uuid(),
        instancesSet: {
          items: [
            { instanceId, currentState: { code: 64, name: 'stopping' }, previousState: { code: 16, name: 'running' } },
          ],
        },
      },
      requestID: random.uuid(),
      eventID: random.uuid(),
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: 'Management',
    },
  };
}

/** A Step Functions execution status change (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html). */
function stepFunctionsStatusChange(ctx: GenerateContext, time: number, region: string, account: string) {
  const { random } = ctx;
  const machine = resourceName(random, 'workflow');
  const name = random.uuid();
  const status = random.pick(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
  const startDate = time - random.int(1_000, 600_000);
  const executionArn = `arn:aws:states:${region}:${account}:execution:${machine}:${name}`;
  const input = JSON.stringify({ orderId: random.uuid() });
  return {
    source: 'aws.states',
    detailType: 'Step Functions Execution Status Change',
    resources: [executionArn],
    detail: {
      executionArn,
      stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${machine}`,
      name,
      status,
      startDate,
      stopDate: status === 'RUNNING' ? null : time,
      input,
      output: status === 'SUCCEEDED' ? JSON.stringify({ ok: true }) : null,
      inputDetails: { included: true },
      outputDetails: status === 'SUCCEEDED' ? { included: true } : null,
    },
  };
}

export const definition = defineEvent<EventbridgeEvent, EventbridgeOverrides, EventbridgeVariant>({
  id: 'eventbridge',
  title: 'Amazon EventBridge',
  invocation: 'async',
  variants: ['custom', 'aws-service', 's3-object-created', 'api-call-via-cloudtrail', 'step-functions-status-change'],
  docs: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html',
  referenceVariants: {
    'aws.ec2: EC2 Instance State-change Notification': 'aws-service',
    'OrderService: OrderPurchased': 'custom',
    'myEventSource: myDetailType': 'custom',
    'app.payment: PaymentCreated': 'custom',
    'app.booking: BookingCreated': 'custom',
    'mycompany.service: CustomEvent': 'custom',
  },
  schema: () => require('./schema.json'),
  rules: eventbridgeRules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const { region, accountId: account } = scope;
    // The time is drawn after the variant's own values in the first two variants (fixtures since 0.1).
    let time = 0;
    const at = () => {
      time = recentEpochMs(random, ctx.now, 60_000);
      return time;
    };
    const shape =
      ctx.variant === 'aws-service'
        ? ec2StateChange(ctx, region, account)
        : ctx.variant === 's3-object-created'
          ? s3ObjectCreated(ctx, at(), account)
          : ctx.variant === 'api-call-via-cloudtrail'
            ? apiCallViaCloudTrail(ctx, at(), region, account)
            : ctx.variant === 'step-functions-status-change'
              ? stepFunctionsStatusChange(ctx, at(), region, account)
              : customEvent(ctx);
    return {
      version: '0',
      id: random.uuid(),
      'detail-type': shape.detailType,
      source: shape.source,
      account: scope.accountId,
      time: isoSeconds(time === 0 ? recentEpochMs(random, ctx.now, 60_000) : time),
      region: scope.region,
      resources: shape.resources,
      detail: shape.detail,
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    if (overridden(overrides, 'detail')) {
      const detail = overrideAt(overrides, 'detail');
      event.detail = isPlainObject(detail) ? structuredClone(detail) : detail;
      if (
        ctx.variant === 'aws-service' &&
        !overridden(overrides, 'resources') &&
        isPlainObject(detail) &&
        typeof detail['instance-id'] === 'string'
      ) {
        event.resources = (event.resources as string[]).map((r) =>
          r.replace(/instance\/.*$/, `instance/${String(detail['instance-id'])}`),
        );
      }
    }
    if ((overridden(overrides, 'region') || overridden(overrides, 'account')) && !overridden(overrides, 'resources')) {
      event.resources = (event.resources as string[]).map((r) =>
        arnInScope(r, String(event.region), String(event.account)),
      );
    }
  },
});
