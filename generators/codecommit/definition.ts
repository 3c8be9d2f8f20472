import { createRequire } from 'node:module';
import { arn, awsScope, resourceName, userName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { CodeCommitOverrides, CodeCommitVariant } from './index.ts';
import { rules } from './rules.ts';
import type { CodeCommitEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** CodeCommit's `eventTime`: milliseconds and a `+0000` offset, e.g. `2016-01-01T23:59:59.000+0000`. */
function eventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '+0000');
}

export const definition = defineEvent<CodeCommitEvent, CodeCommitOverrides, CodeCommitVariant>({
  id: 'codecommit',
  title: 'AWS CodeCommit repository trigger',
  invocation: 'async',
  variants: ['ReferenceChanges', 'TriggerEventTest'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-codecommit.html',
  // The one published sample is a test run of a trigger.
  referenceVariants: { '-': 'TriggerEventTest' },
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const repository = resourceName(random, 'repo');
    const branch = random.pick(['main', 'develop', `feature/${resourceName(random, 'change')}`]);
    const reference: Record<string, unknown> = { commit: random.hex(40), ref: `refs/heads/${branch}` };
    if (ctx.variant === 'ReferenceChanges' && random.bool(0.3)) reference.created = true;
    const identity = random.bool(0.5)
      ? arn(scope, 'iam', `user/${userName(random)}`, { region: false })
      : arn(scope, 'sts', `assumed-role/Developer/${userName(random)}`, { region: false });
    return {
      Records: [
        {
          awsRegion: scope.region,
          codecommit: { references: [reference] },
          customData: `${repository} ${branch}`,
          eventId: random.uuid(),
          eventName: ctx.variant,
          eventPartNumber: 1,
          eventSource: 'aws:codecommit',
          eventSourceARN: arn(scope, 'codecommit', repository),
          eventTime: eventTime(ctx.now - random.int(0, 5_000)),
          eventTotalParts: 1,
          eventTriggerConfigId: random.uuid(),
          eventTriggerName: `${repository}-trigger`,
          eventVersion: '1.0',
          userIdentityARN: identity,
        },
      ],
    };
  },
  finalize(event, ctx) {
    // A repository moved to another region follows an overridden awsRegion, unless it is given itself.
    const records = event.Records as Array<Record<string, unknown>>;
    records.forEach((record, i) => {
      if (
        overridden(ctx.overrides, 'Records', i, 'awsRegion') &&
        !overridden(ctx.overrides, 'Records', i, 'eventSourceARN')
      ) {
        const parts = String(record.eventSourceARN).split(':');
        parts[3] = String(record.awsRegion);
        record.eventSourceARN = parts.join(':');
      }
    });
  },
});
