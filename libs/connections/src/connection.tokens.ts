/** Injection tokens for the clients the connection modules provide. */
export const KAFKA_CLIENT = Symbol('rtml.kafka-client');
export const REDIS_CLIENT = Symbol('rtml.redis-client');
/** The client of exactly-once's transactional writers (`TransactionalWriters`). */
export const TRANSACTIONAL_WRITERS = Symbol('rtml.transactional-writers');
/** The client of the stage consumers (`GroupConsumers`). */
export const GROUP_CONSUMERS = Symbol('rtml.group-consumers');
