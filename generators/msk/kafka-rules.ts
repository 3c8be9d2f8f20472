import { defineRule, show } from '../../src/contracts/rules.ts';

/** What the Kafka rules read: the part MSK and self-managed Kafka events share. */
export interface KafkaBatch {
  readonly records: Readonly<
    Record<
      string,
      readonly { readonly topic: string; readonly partition: number; readonly offset: number; timestampType: string }[]
    >
  >;
}

/** Each record sits under the `<topic>-<partition>` key of its own topic and partition. */
export const recordKeyRule = defineRule<KafkaBatch>({
  id: 'record-topic-partition',
  description: 'Lambda groups records under "<topic>-<partition>", the topic and partition of each record.',
  check(event, report) {
    for (const [key, list] of Object.entries(event.records)) {
      list.forEach((record, i) => {
        const own = `${record.topic}-${record.partition}`;
        if (own !== key)
          report({
            path: ['records', key, i, 'topic'],
            expected: `topic and partition making the map key ${show(key)} (records[${show(key)}][${i}].topic, .partition)`,
            received: show(own),
          });
      });
    }
  },
});

/** A partition's records come in offset order, each offset once. */
export const offsetOrderRule = defineRule<KafkaBatch>({
  id: 'offsets-increasing',
  description: 'Lambda reads each partition in offset order: offsets strictly increase within a partition.',
  check(event, report) {
    for (const [key, list] of Object.entries(event.records)) {
      for (let i = 1; i < list.length; i++) {
        const previous = (list[i - 1] as { offset: number }).offset;
        const offset = (list[i] as { offset: number }).offset;
        if (offset <= previous)
          report({
            path: ['records', key, i, 'offset'],
            expected: `an offset above ${previous} (records[${show(key)}][${i - 1}].offset)`,
            received: show(offset),
          });
      }
    }
  },
});

/** A topic's `message.timestamp.type` applies to all its records. */
export const timestampTypeRule = defineRule<KafkaBatch>({
  id: 'timestamp-type-per-topic',
  description: "A topic's records share its message.timestamp.type: CREATE_TIME or LOG_APPEND_TIME, not both.",
  check(event, report) {
    const seen = new Map<string, { type: string; at: string }>();
    for (const [key, list] of Object.entries(event.records)) {
      list.forEach((record, i) => {
        const first = seen.get(record.topic);
        if (first === undefined)
          seen.set(record.topic, { type: record.timestampType, at: `records[${show(key)}][${i}]` });
        else if (first.type !== record.timestampType)
          report({
            path: ['records', key, i, 'timestampType'],
            expected: `${show(first.type)}, the timestamp type of topic ${show(record.topic)} (${first.at}.timestampType)`,
            received: show(record.timestampType),
          });
      });
    }
  },
});

/** The rules MSK and self-managed Kafka events share. */
export const kafkaRules = [recordKeyRule, offsetOrderRule, timestampTypeRule] as const;
