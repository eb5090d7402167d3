// The public API of @rtml/contracts: schemas, types, topic catalog, header names, error codes,
// the field limits every stage checks.
// Test fixtures are deliberately not here; they live in the `./testing` entry point.
export type * from './avro-schema.types';
export * from './consumer-groups.catalog';
export * from './error-codes';
export * from './generated/contract.types';
export * from './headers';
export * from './limits.catalog';
export type * from './topic.types';
export * from './topics.catalog';
export * from './model-manifest.types';
export { LOCAL_DEV_KEYS } from './local-dev.keys';
