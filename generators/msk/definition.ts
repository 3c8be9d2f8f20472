import { createRequire } from 'node:module';
import { arn, awsScope, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import type { MskOverrides, MskVariant } from './index.ts';
import { finalizeKafkaRecords, generateKafkaRecords, type KafkaTimestampType } from './kafka.ts';
import type { MskEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** MSK listener ports: plaintext, TLS, SASL/SCRAM, IAM. */
const PORTS = [9092, 9094, 9096, 9098];

const timestampType = (variant: MskVariant): KafkaTimestampType =>
  variant === 'log-append-time' ? 'LOG_APPEND_TIME' : 'CREATE_TIME';

export const definition = defineEvent<MskEvent, MskOverrides, MskVariant>({
  id: 'msk',
  title: 'Amazon MSK',
  invocation: 'poll',
  variants: ['create-time', 'log-append-time'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html',
  records: { key: 'records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
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
    return {
      eventSource: 'aws:kafka',
      eventSourceArn: arn(scope, 'kafka', `cluster/${cluster}/${clusterId}`),
      bootstrapServers: brokers.join(','),
      records: generateKafkaRecords(ctx, { timestampType: timestampType(ctx.variant) }),
    };
  },
  finalize(event, ctx) {
    finalizeKafkaRecords(event, ctx, { timestampType: timestampType(ctx.variant) });
  },
});
