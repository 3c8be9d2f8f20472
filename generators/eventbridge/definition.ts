import { createRequire } from 'node:module';
import { arn, awsScope, fakerWords, isoSeconds, recentEpochMs } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { isPlainObject, overrideAt, overridden } from '../../src/core/overrides.ts';
import type { EventbridgeOverrides, EventbridgeVariant } from './index.ts';
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

export const definition = defineEvent<EventbridgeEvent, EventbridgeOverrides, EventbridgeVariant>({
  id: 'eventbridge',
  title: 'Amazon EventBridge',
  invocation: 'async',
  variants: ['custom', 'aws-service'],
  docs: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html',
  schema: () => require('./schema.json'),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const shape = ctx.variant === 'aws-service' ? ec2StateChange(ctx, scope.region, scope.accountId) : customEvent(ctx);
    return {
      version: '0',
      id: random.uuid(),
      'detail-type': shape.detailType,
      source: shape.source,
      account: scope.accountId,
      time: isoSeconds(recentEpochMs(random, ctx.now, 60_000)),
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
