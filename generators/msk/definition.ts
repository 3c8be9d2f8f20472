import { createRequire } from 'node:module';
import { arn, awsScope, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import type { MskOverrides, MskVariant } from './index.ts';
import { finalizeKafkaRecords, generateKafkaRecords, kafkaBatchOptions } from './kafka.ts';
import { mskRules } from './rules.ts';
import type { MskEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** MSK listener ports: plaintext, TLS, SASL/SCRAM, IAM. */
const PORTS = [9092, 9094, 9096, 9098];

export const definition = defineEvent<MskEvent, MskOverrides, MskVariant>({
  id: 'msk',
  title: 'Amazon MSK',
  invocation: 'poll',
  variants: ['create-time', 'log-append-time', 'keyless', 'schema-registry', 'serverless'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html',
  records: { key: 'records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: mskRules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const cluster = resourceName(random, 'cluster');
    const clusterId = `${random.uuid()}-${random.int(1, 25)}`;
    const dns = random.alnum(6).toLowerCase();
    const port = random.pick(PORTS);
    const brokers = Array.from(
      { length: random.int(2, 3) },
      (_, i) => `b-${i + 1}.${cluster}.${dns}.c${random.int(1, 3)}.kafka.${scope.region}.amazonaws.com:${port}`,
    );
    // MSK Serverless: a `-s<n>` cluster ARN and one IAM bootstrap endpoint on kafka-serverless.
    const serverless = ctx.variant === 'serverless';
    return {
      eventSource: 'aws:kafka',
      eventSourceArn: arn(
        scope,
        'kafka',
        `cluster/${cluster}/${serverless ? clusterId.replace(/-(\d+)$/, '-s$1') : clusterId}`,
      ),
      bootstrapServers: serverless
        ? `boot-${random.alnum(8).toLowerCase()}.c${random.int(1, 3)}.kafka-serverless.${scope.region}.amazonaws.com:9098`
        : brokers.join(','),
      records: generateKafkaRecords(ctx, kafkaBatchOptions(ctx.variant)),
    };
  },
  finalize(event, ctx) {
    finalizeKafkaRecords(event, ctx, kafkaBatchOptions(ctx.variant));
  },
});
