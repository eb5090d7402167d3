/**
 * The no-Docker local stack: Kafka (KRaft), Apicurio Registry, DynamoDB Local, S3Proxy and Redis
 * run as plain processes from `<repo>/.stack`. The CLI (cli.ts) prints; this API never does.
 */
export { ensureArtifacts } from './artifacts.fetch';
export { dynamodbClientConfig, s3ClientConfig } from './client.configs';
export type { StackAwsClientConfig } from './client.configs';
export type { ArtifactModule } from './artifacts.fetch';
export {
  ARTIFACT_VERSIONS,
  DYNAMODB_CREDENTIALS,
  KAFKA_SCRAM_USER,
  KAFKA_SECURE_LISTENER,
  REGISTRY_PROXY,
  S3_CREDENTIALS,
  SERVER_NAMES,
  SERVER_PORTS,
  SERVER_URLS,
  STACK_ENDPOINTS,
  STACK_HOST,
  STACK_PORTS,
} from './stack.config';
export type { ServerName } from './stack.config';
export { StackError } from './stack.error';
export type { StackErrorCode } from './stack.error';
export { pidFile, stackPaths } from './stack.paths';
export { freePort } from './free-port';
export { deleteSubjects } from './registry-subjects';
export { kafkaCaFile } from './server.plans';
export type { StackPaths } from './stack.paths';
export { ensureStackUp } from './stack.up';
export type { ServerUpReport, StackUpOptions, StackUpReport } from './stack.up';
export { formatStatusLine, isStackUp, stackStatus } from './stack.status';
export type { ServerHealth, StackStatus } from './stack.status';
export { stopStack } from './stack.down';
export type { ServerDownReport } from './stack.down';
export { prepareScratchKafka, prepareScratchRedis } from './scratch-server.plans';
export type { ScratchKafkaOptions, ScratchServer } from './scratch-server.plans';
export { isAlive, killProcess, launchDetached, stopProcess } from './process.control';
export type { LaunchPlan } from './process.control';
export { findOwnedPid } from './process.ownership';
export { FaultProxy } from './fault.proxy';
export type { FaultMode, ProxyTarget } from './fault.proxy';
