/** Changes to a valid Kafka event (MSK or self-managed) that each break one shared Kafka rule. */
type Records = Record<string, Record<string, unknown>[]>;

const firstList = (event: { records: unknown }): Record<string, unknown>[] =>
  Object.values(event.records as Records)[0] as Record<string, unknown>[];

export const kafkaBreaks = {
  'record-topic-partition': (event: { records: unknown }) => {
    (firstList(event)[0] as Record<string, unknown>).partition = 99_999;
  },
  'offsets-increasing': (event: { records: unknown }) => {
    const list = firstList(event);
    list.push({ ...(list[list.length - 1] as object) });
  },
  'timestamp-type-per-topic': (event: { records: unknown }) => {
    const list = firstList(event);
    const last = list[list.length - 1] as Record<string, unknown>;
    list.push({
      ...last,
      offset: (last.offset as number) + 1,
      timestampType: last.timestampType === 'CREATE_TIME' ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
    });
  },
};
