import fc from 'fast-check';
import { nastyString, type PartsContext, recordsArbitrary } from '../../src/arbitraries/define-arbitrary.ts';

/** Kafka's default `message.max.bytes` is about 1 MB; edge mode tries values near it. */
const MAX_VALUE = 1024 * 1024;

const edgeValue = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  nastyString(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(''),
  fc.constant(new Uint8Array(MAX_VALUE - 1024).fill(0x7a)),
);

const edgeHeaders = fc.array(
  fc.dictionary(
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
    fc.oneof(nastyString(), fc.uint8Array({ maxLength: 16 })),
    {
      minKeys: 1,
      maxKeys: 1,
    },
  ),
  { maxLength: 3 },
);

/** Raw bytes of record values per event: base64 makes ~4/3 of it, under Lambda's 6 MB batch payload. */
const BATCH_VALUE_BUDGET = 4 * 1024 * 1024;

const rawSize = (value: unknown): number =>
  value instanceof Uint8Array ? value.length : typeof value === 'string' ? Buffer.byteLength(value) : 0;

/** Partial Kafka records spread over 1–3 partitions of one topic, as overrides of a Kafka builder. */
export function kafkaRecordsArbitrary(
  ctx: PartsContext,
  value: fc.Arbitrary<unknown> | undefined,
): fc.Arbitrary<Record<string, unknown[]>> {
  const record = fc.record(
    {
      ...(value ? { value } : {}),
      ...(ctx.edge ? { key: fc.oneof(nastyString(), fc.uint8Array({ maxLength: 32 })), headers: edgeHeaders } : {}),
    },
    { requiredKeys: [] },
  );
  const topic = ctx.edge
    ? fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/)
    : fc.constantFrom('orders', 'payments', 'events');
  return fc
    .tuple(topic, fc.integer({ min: 1, max: 3 }), recordsArbitrary(ctx, record))
    .map(([name, partitions, list]) => {
      const records: Record<string, unknown[]> = {};
      let budget = BATCH_VALUE_BUDGET;
      list.forEach((given, i) => {
        const size = rawSize((given as { value?: unknown }).value);
        const r = size > budget ? { ...(given as object), value: '' } : given;
        if (size <= budget) budget -= size;
        const key = `${name}-${i % partitions}`;
        const list = records[key] ?? [];
        list.push(r);
        records[key] = list;
      });
      return records;
    });
}

export const edgeKafkaValue = edgeValue;
