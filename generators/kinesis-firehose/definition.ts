import { createRequire } from 'node:module';
import { runContract, type ValidationResult } from '../../src/contracts/validate.ts';
import { arn, arnWithRegion, awsScope, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { blobToBase64, toBase64 } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { Violation } from '../../src/errors.ts';
import type { KinesisFirehoseOverrides, KinesisFirehoseVariant } from './index.ts';
import { rules } from './rules.ts';
import type { KinesisFirehoseEvent, KinesisFirehoseResponse } from './types.gen.ts';

const require = createRequire(import.meta.url);

const TICKERS = ['QXZ', 'NFS', 'ASD', 'JYB', 'WSB', 'KFU', 'TGH', 'IOP', 'MJN', 'ZXW'];
const SECTORS = ['HEALTHCARE', 'TECHNOLOGY', 'ENERGY', 'FINANCIAL', 'RETAIL', 'MANUFACTURING'];

/** Firehose's demo stock-ticker record, one JSON document per record. */
function tickerRecord(ctx: GenerateContext): string {
  const { random } = ctx;
  const price = random.int(100, 99_999) / 100;
  return JSON.stringify({
    ticker_symbol: random.pick(TICKERS),
    sector: random.pick(SECTORS),
    change: random.int(-500, 500) / 100,
    price,
  });
}

function sequence(ctx: GenerateContext, prefix: string): () => string {
  const { random } = ctx;
  let value = BigInt(`${prefix}${random.digits(56 - prefix.length)}`);
  return () => {
    value += BigInt(random.int(1, 999_999)) * 10n ** 21n + BigInt(random.digits(21));
    return value.toString();
  };
}

export const definition = defineEvent<KinesisFirehoseEvent, KinesisFirehoseOverrides, KinesisFirehoseVariant>({
  id: 'kinesis-firehose',
  title: 'Amazon Data Firehose',
  invocation: 'sync',
  variants: ['plain', 'kinesis-source', 'msk-source', 'no-delivery-stream-arn'],
  docs: 'https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html',
  referenceVariants: {
    'direct-put': 'plain',
    'kinesis-stream-source': 'kinesis-source',
    'no-deliveryStreamArn': 'no-delivery-stream-arn',
  },
  records: { key: 'records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const name = resourceName(random, 'delivery-stream');
    const nextRecordId = sequence(ctx, '4954');
    const nextKinesisSequence = sequence(ctx, '4959');
    const shardId = `shardId-${String(random.int(0, 15)).padStart(12, '0')}`;
    const partitionKeys = Array.from({ length: random.int(1, 4) }, () => random.uuid());
    const partition = String(random.int(0, 5));
    let offset = random.int(0, 5_000_000);
    let arrival = ctx.now - random.int(1_000, 60_000);
    const event: Record<string, unknown> = { invocationId: random.uuid() };
    // Older events carried no deliveryStreamArn (AWS's samples of that time).
    if (ctx.variant !== 'no-delivery-stream-arn')
      event.deliveryStreamArn = arn(scope, 'firehose', `deliverystream/${name}`);
    event.region = scope.region;
    if (ctx.variant === 'kinesis-source') {
      event.sourceKinesisStreamArn = arn(scope, 'kinesis', `stream/${resourceName(random, 'stream')}`);
    } else if (ctx.variant === 'msk-source') {
      event.sourceMSKArn = arn(
        scope,
        'kafka',
        `cluster/${resourceName(random, 'cluster')}/${random.uuid()}-${random.int(1, 9)}`,
      );
    }
    event.records = Array.from({ length: ctx.records }, () => {
      arrival += random.int(0, 30);
      const record: Record<string, unknown> = { recordId: nextRecordId(), approximateArrivalTimestamp: arrival };
      // An MSK source's record carries the Kafka value as kafkaRecordValue, not data.
      record[ctx.variant === 'msk-source' ? 'kafkaRecordValue' : 'data'] = toBase64(tickerRecord(ctx));
      if (ctx.variant === 'kinesis-source') {
        const sequenceNumber = nextKinesisSequence();
        record.recordId = `${sequenceNumber}000000`;
        record.kinesisRecordMetadata = {
          shardId,
          partitionKey: random.pick(partitionKeys),
          approximateArrivalTimestamp: arrival - random.int(0, 500),
          sequenceNumber,
          subsequenceNumber: '',
        };
      } else if (ctx.variant === 'msk-source') {
        offset += 1;
        record.mskRecordMetadata = {
          offset: String(offset),
          partitionId: partition,
          approximateArrivalTimestamp: arrival,
        };
      }
      return record;
    });
    return event;
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    (event.records as Record<string, unknown>[]).forEach((record, i) => {
      if (overridden(overrides, 'records', i, 'kafkaRecordValue'))
        record.kafkaRecordValue = blobToBase64(record.kafkaRecordValue);
      if (!overridden(overrides, 'records', i, 'data')) return;
      // `data` is the payload to encode for every variant: an MSK source's record carries it as kafkaRecordValue.
      if (ctx.variant === 'msk-source' && !overridden(overrides, 'records', i, 'kafkaRecordValue')) {
        record.kafkaRecordValue = blobToBase64(record.data);
        delete record.data;
      } else record.data = blobToBase64(record.data);
    });
    if (overridden(overrides, 'region')) {
      const region = String(event.region);
      for (const key of ['deliveryStreamArn', 'sourceKinesisStreamArn', 'sourceMSKArn']) {
        if (typeof event[key] === 'string' && !overridden(overrides, key))
          event[key] = arnWithRegion(event[key], region);
      }
    }
  },
});

function violation(path: string, expected: string, received: string): Violation {
  return { path, expected, received, message: `expected ${expected}, received ${received}` };
}

/** Checks a transformation response against its contract and the event: every recordId answered exactly once. */
export function validateResponse(event: KinesisFirehoseEvent, response: unknown): ValidationResult {
  const contract = definition.contracts.response;
  if (contract === undefined) throw new Error('kinesis-firehose has a response contract');
  const result = runContract(contract, response);
  if (!result.valid) return result;
  const errors: Violation[] = [];
  const expected = new Set(event.records.map((r) => r.recordId));
  const seen = new Set<string>();
  (response as KinesisFirehoseResponse).records.forEach((record, i) => {
    if (!expected.has(record.recordId)) {
      errors.push(violation(`records[${i}].recordId`, 'a recordId of the event', JSON.stringify(record.recordId)));
    } else if (seen.has(record.recordId)) {
      errors.push(
        violation(`records[${i}].recordId`, 'each recordId once', `${JSON.stringify(record.recordId)} again`),
      );
    }
    seen.add(record.recordId);
  });
  for (const recordId of expected) {
    if (!seen.has(recordId))
      errors.push(violation('records', `a result for recordId ${JSON.stringify(recordId)}`, 'nothing'));
  }
  return { valid: errors.length === 0, errors };
}
