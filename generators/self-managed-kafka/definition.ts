import { createRequire } from 'node:module';
import { fakerWords } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { finalizeKafkaRecords, generateKafkaRecords, kafkaBatchOptions } from '../msk/kafka.ts';
import { definition as msk } from '../msk/definition.ts';
import { kafkaRules } from '../msk/kafka-rules.ts';
import type { SelfManagedKafkaOverrides, SelfManagedKafkaVariant } from './index.ts';
import type { SelfManagedKafkaEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const DOMAINS = ['internal', 'corp.example.com', 'kafka.example.net', 'confluent.cloud'];

export const definition = defineEvent<SelfManagedKafkaEvent, SelfManagedKafkaOverrides, SelfManagedKafkaVariant>({
  id: 'self-managed-kafka',
  title: 'Self-managed Apache Kafka',
  invocation: 'poll',
  variants: ['create-time', 'log-append-time', 'keyless', 'schema-registry'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html',
  records: { key: 'records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: kafkaRules,
  // The same provisioned-mode partial batch response as MSK.
  response: msk.definition.response,
  generate(ctx) {
    const { random } = ctx;
    const name =
      random
        .pick(fakerWords('word.noun'))
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '') || 'events';
    const domain = random.pick(DOMAINS);
    const port = random.pick([9092, 9093]);
    const brokers = Array.from({ length: random.int(1, 3) }, (_, i) => `${name}-kafka-${i + 1}.${domain}:${port}`);
    return {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: brokers.join(','),
      records: generateKafkaRecords(ctx, kafkaBatchOptions(ctx.variant)),
    };
  },
  finalize(event, ctx) {
    finalizeKafkaRecords(event, ctx, kafkaBatchOptions(ctx.variant));
  },
});
