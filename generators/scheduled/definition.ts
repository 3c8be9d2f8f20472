import { createRequire } from 'node:module';
import { arn, awsScope, isoSeconds, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import { arnInScope } from '../eventbridge/definition.ts';
import type { ScheduledOverrides, ScheduledVariant } from './index.ts';
import { scheduledRules } from './rules.ts';
import type { ScheduledEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RATES = [1, 5, 10, 15, 30, 60];

export const definition = defineEvent<ScheduledEvent, ScheduledOverrides, ScheduledVariant>({
  id: 'scheduled',
  title: 'Amazon EventBridge scheduled rule',
  invocation: 'async',
  variants: ['rate', 'cron'],
  docs: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html',
  referenceVariants: { '-': 'rate' },
  schema: () => require('./schema.json'),
  rules: scheduledRules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const job = resourceName(random, 'job');
    let rule: string;
    let time: number;
    if (ctx.variant === 'cron') {
      // cron(m h * * ? *): the latest daily firing at h:m before now.
      const minute = random.pick([0, 0, 15, 30, 45, random.int(1, 59)]);
      const hour = random.int(0, 23);
      const day = Math.floor(ctx.now / (24 * HOUR)) * 24 * HOUR;
      time = day + hour * HOUR + minute * MINUTE;
      if (time > ctx.now) time -= 24 * HOUR;
      rule = `${job}-daily-${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`;
    } else {
      // rate(n minutes): fires on whole minutes, a multiple of n after the rule was created.
      const rate = random.pick(RATES);
      time = Math.floor(ctx.now / MINUTE) * MINUTE - random.int(0, rate - 1) * MINUTE;
      rule = `${job}-every-${rate}-minute${rate === 1 ? '' : 's'}`;
    }
    return {
      version: '0',
      id: random.uuid(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: scope.accountId,
      time: isoSeconds(time),
      region: scope.region,
      resources: [arn(scope, 'events', `rule/${rule}`)],
      detail: {},
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    if ((overridden(overrides, 'region') || overridden(overrides, 'account')) && !overridden(overrides, 'resources')) {
      event.resources = (event.resources as string[]).map((r) =>
        arnInScope(r, String(event.region), String(event.account)),
      );
    }
  },
});
