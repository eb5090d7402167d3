/**
 * Test-only tools of the Kafka library (`@rtml/kafka/testing`): never imported by production
 * code. The broker-free stage driver, its contract codec, and a read_committed topic reader.
 */
export { ContractCodec } from './contract.codec';
export { DriverResult, StageTestDriver } from './stage.test-driver';
export type { DriverOutput, DriverRecord, StageTestDriverOptions } from './stage.test-driver';
export { TopicReader } from './topic.reader';
export type { TopicReaderOptions } from './topic.reader';
