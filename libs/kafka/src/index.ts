export { KAFKA_CLIENTS, createKafkaClient } from './kafka-client';
export type { KafkaClientName, KafkaClientOptions } from './kafka-client';
export { SASL_MECHANISMS, kafkaJsSecurity } from './kafka-security';
export type { KafkaSecurity, RegistryAuth, SaslMechanism } from './kafka-security';
export { DurableRecordPublisher, KafkaRecordPublisher } from './record-publisher';
export type { ProducerLink, RecordPublisher } from './record-publisher';
export { PlatformaticRecordPublisher } from './platformatic-record.publisher';
export type { PlatformaticPublisherOptions } from './platformatic-producer';
export { transactionalWritersOn } from './platformatic-transactional.writer';
export type {
  TransactionOffset,
  TransactionalWriter,
  TransactionalWriters,
} from './stage/transactional-writer';
export { DEFAULT_SESSION_TIMEOUT_MS, StageConsumer } from './stage/stage.consumer';
export type { ClaimedBatch, GroupConsumer, GroupConsumers } from './stage/group-consumer';
export { KafkaJsCommittedOffsets, kafkaJsGroupConsumers } from './stage/kafkajs-group.consumer';
export { groupConsumersOn, platformaticGroupConsumers } from './platformatic-group.consumer';
export type { StageConsumerOptions } from './stage/stage.consumer';
export { StageRunner, DEFAULT_MAX_RECORD_BYTES } from './stage/stage.runner';
export type {
  StageEncoder,
  StageResult,
  StageRunnerOptions,
  DeadLettered,
} from './stage/stage.runner';
export type {
  Parsed,
  StageBatch,
  StageDefinition,
  StageEmit,
  StageOutputs,
  StageTopic,
} from './stage/stage.definition';
export {
  AtLeastOnceDelivery,
  ExactlyOnceDelivery,
  PROCESSING_GUARANTEES,
} from './stage/stage.delivery';
export type { BatchPosition, ProcessingGuarantee, StageDelivery } from './stage/stage.delivery';
export { fenceStageWriters, stageWriterId } from './stage/stage.writers';
export type { StagePartition } from './stage/stage.writers';
export { ConsumedHistoryReader } from './consumed-history.reader';
export type { ConsumedHistoryOptions, PartitionRange } from './consumed-history.reader';
export { outputHeaders } from './output-headers';
export { estimatedSize } from './record-size';
export { TopicAdmin } from './topic-admin';
export type { TopicSpec } from './topic-admin';
export { AvroSerde } from './avro-serde';
export type { SubjectSchema } from './avro-serde';
export { backoffDelay, DEFAULT_BACKOFF } from './retry-policy';
export type { BackoffOptions } from './retry-policy';
export type { IncomingRecord, OutgoingRecord, RecordBatch } from './record.types';
export { decodeHeaders, toRecordBatch } from './record-batch.mapper';
export { contractTopicSpecs, provisionContracts } from './contract-topics';
export { DEAD_LETTER_LIMITS, DeadLetterWriter, fieldErrorsOf } from './dead-letter.writer';
export type {
  DeadLetterEncoder,
  DeadLetterLimits,
  DeadLetterWriterOptions,
} from './dead-letter.writer';
