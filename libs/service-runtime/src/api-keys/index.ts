export {
  API_KEY_HEADER,
  ApiKeySet,
  apiKeyEntriesSchema,
  apiKeyEntrySchema,
  hashApiKey,
  isAcceptedKey,
  mayReadEntity,
  requireScopes,
} from './api-key.set';
export type { ApiKeyEntry, ApiKeyIdentity } from './api-key.set';
export { isLoopbackHost, readApiKeyEntries } from './api-keys.source';
export { TokenBucket } from './token.bucket';
export type { Clock } from './token.bucket';
