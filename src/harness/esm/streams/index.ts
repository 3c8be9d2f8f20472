// The public API of the stream, Kafka, MQ and DocumentDB pollers (aws-behaviour §4.3–§4.5): re-exported by
// src/harness/esm/index.ts.
export {
  type DocumentdbChangeInput,
  type DocumentdbClusterOptions,
  type DocumentdbSimulationOptions,
  simulateDocumentdb,
} from '../documentdb/documentdb.ts';
export {
  KAFKA_RETRY_CAP,
  type KafkaClusterOptions,
  type KafkaRecordInput,
  type KafkaSimulationOptions,
  type KafkaSource,
  type KafkaTopicOptions,
  simulateKafka,
} from '../kafka/kafka.ts';
export {
  type MqBrokerOptions,
  type MqEngine,
  type MqMessageInput,
  type MqSimulationOptions,
  simulateMq,
} from '../mq/mq.ts';
export {
  DYNAMODB_RETENTION_MS,
  type DynamodbRecordInput,
  type DynamodbSimulationOptions,
  type DynamodbTableOptions,
  simulateDynamodbStream,
} from './dynamodb.ts';
export {
  type KinesisRecordInput,
  type KinesisSimulationOptions,
  type KinesisStreamOptions,
  simulateKinesis,
} from './kinesis.ts';
export { registerStreamSources } from './register.ts';
