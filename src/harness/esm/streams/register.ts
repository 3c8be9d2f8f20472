/**
 * Plugs the stream, Kafka, MQ and DocumentDB pollers into scenarios (`invocation.source`): `kinesis`, `dynamodb`,
 * `msk`, `self-managed-kafka`, `mq`, `documentdb`. Idempotent; mapping.ts should call it beside its SQS lines.
 */
import { documentdbSource } from '../documentdb/documentdb.ts';
import { kafkaSource } from '../kafka/kafka.ts';
import { mqSource } from '../mq/mq.ts';
import { registerSource } from '../core.ts';
import { dynamodbSource } from './dynamodb.ts';
import { kinesisSource } from './kinesis.ts';

/** Registers every source of this folder and its siblings with the mapping dispatcher (aws-behaviour §4.3–§4.5). */
export function registerStreamSources(): void {
  registerSource('kinesis', kinesisSource);
  registerSource('dynamodb', dynamodbSource);
  registerSource('msk', kafkaSource);
  registerSource('self-managed-kafka', kafkaSource);
  registerSource('mq', mqSource);
  registerSource('documentdb', documentdbSource);
}
