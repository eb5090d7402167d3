export { kafkaFields, redisFields, awsFields } from './connection.fields';
export { awsClientConfig } from './aws-client.config';
export type { AwsClientConfig, AwsConnectionSettings } from './aws-client.config';
export { KAFKA_CLIENT, REDIS_CLIENT } from './connection.tokens';
export { KafkaConnectionModule } from './kafka-connection.module';
export type { KafkaConnectionOptions } from './kafka-connection.module';
export { RedisConnectionModule } from './redis-connection.module';
export { AwsConnectionModule } from './aws-connection.module';
export type { AwsConnectionOptions } from './aws-connection.module';
