import { checkArnRegion } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { KinesisFirehoseEvent } from './types.gen.ts';

const uniqueIds = defineRule<KinesisFirehoseEvent>({
  id: 'record-ids-unique',
  description: 'Every record of a transformation batch has its own recordId (the function answers by recordId).',
  check(event, report) {
    const seen = new Map<string, number>();
    event.records.forEach((record, i) => {
      const first = seen.get(record.recordId);
      if (first !== undefined)
        report({
          path: ['records', i, 'recordId'],
          expected: `a recordId other than records[${first}].recordId's`,
          received: show(record.recordId),
        });
      else seen.set(record.recordId, i);
    });
  },
});

const arnRegion = defineRule<KinesisFirehoseEvent>({
  id: 'arn-region',
  description: "The delivery stream's and the source's ARNs are in the event's region.",
  check(event, report) {
    for (const key of ['deliveryStreamArn', 'sourceKinesisStreamArn', 'sourceMSKArn'] as const)
      if (event[key] !== undefined) checkArnRegion(report, [key], event[key], 'region', event.region);
  },
});

/** Each record carries its source's payload and metadata: Direct PUT data only, Kinesis data and kinesisRecordMetadata, MSK kafkaRecordValue and mskRecordMetadata. */
const sourceShape = defineRule<KinesisFirehoseEvent>({
  id: 'source-records',
  description:
    "Records match the delivery stream's source: `data` (plus kinesisRecordMetadata with sourceKinesisStreamArn), or `kafkaRecordValue` and mskRecordMetadata with sourceMSKArn.",
  check(event, report) {
    const kinesis = event.sourceKinesisStreamArn !== undefined;
    const msk = event.sourceMSKArn !== undefined;
    event.records.forEach((record, i) => {
      const has = (key: string) => (record as unknown as Record<string, unknown>)[key] !== undefined;
      const expect = (key: string, wanted: boolean, why: string) => {
        if (has(key) !== wanted)
          report({
            path: ['records', i, key],
            expected: `${wanted ? key : `no ${key}`} (${why})`,
            received: has(key) ? show((record as unknown as Record<string, unknown>)[key]) : 'nothing',
          });
      };
      const source = msk
        ? 'an MSK source: sourceMSKArn'
        : kinesis
          ? 'a Kinesis source: sourceKinesisStreamArn'
          : 'a Direct PUT stream';
      expect('data', !msk, source);
      expect('kafkaRecordValue', msk, source);
      expect('kinesisRecordMetadata', kinesis && !msk, source);
      expect('mskRecordMetadata', msk, source);
    });
  },
});

export const rules = [uniqueIds, arnRegion, sourceShape];
