import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

/** A mappersmith middleware, as the registry client accepts them (its `middlewares` option). */
type RegistryMiddleware = NonNullable<
  ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']
>[number];

/**
 * Gives every registry request a timeout. The client sets none, so a registry that accepts the
 * connection and never answers would hang a decode, and its consumer batch, forever. mappersmith
 * applies it as the socket's idle timeout and fails the request (as a masked 400 "Timeout (N ms)",
 * which `dependencyFailureOf` reads as the registry's failure).
 */
export const registryTimeoutMiddleware =
  (timeoutMs: number): RegistryMiddleware =>
  () => ({
    prepareRequest: (next) => next().then((request) => request.enhance({ timeout: timeoutMs })),
  });
