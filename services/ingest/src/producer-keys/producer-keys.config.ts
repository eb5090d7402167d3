import { LOCAL_DEV_KEYS } from '@rtml/contracts';
import { hashApiKey, isLoopbackHost, readApiKeyEntries } from '@rtml/service-runtime';
import type { ApiKeyEntry } from '@rtml/service-runtime';

/** The scopes of producer keys: the event kinds of the raw event schema. */
export const EVENT_KIND_SCOPES = ['TRANSACTION', 'LABEL'] as const;

/**
 * The producer key of a loopback-only local run (`npm start`, the test harnesses). Public by
 * design, so it is only accepted when ingest binds a loopback HTTP_HOST and no key is configured.
 */
export const DEV_PRODUCER_KEY = LOCAL_DEV_KEYS.producer;

interface ProducerKeySources {
  readonly HTTP_HOST: string;
  readonly INGEST_API_KEYS_FILE?: string | undefined;
  readonly INGEST_API_KEYS?: string | undefined;
}

/**
 * Why the producer keys cannot be used, or undefined: a bad file or JSON, or none at all on a
 * non-loopback address (ingest would take events from anyone who can reach it).
 */
export function producerKeysProblem(
  config: ProducerKeySources,
): { variable: string; message: string } | undefined {
  const read = readApiKeyEntries({
    file: config.INGEST_API_KEYS_FILE,
    inline: config.INGEST_API_KEYS,
  });
  const variable =
    config.INGEST_API_KEYS_FILE === undefined ? 'INGEST_API_KEYS' : 'INGEST_API_KEYS_FILE';
  if ('problem' in read) return { variable, message: read.problem };
  const unknownScope = read.entries
    .flatMap((entry) => entry.scopes)
    .find((scope) => !(EVENT_KIND_SCOPES as readonly string[]).includes(scope));
  if (unknownScope !== undefined)
    return {
      variable,
      message: `unknown scope ${unknownScope} (one of ${EVENT_KIND_SCOPES.join(', ')})`,
    };
  if (read.entries.length === 0 && !isLoopbackHost(config.HTTP_HOST))
    return {
      variable: 'INGEST_API_KEYS_FILE',
      message: `required (or INGEST_API_KEYS) when HTTP_HOST ${config.HTTP_HOST} is not a loopback address: anyone could post events`,
    };
  return undefined;
}

/** The accepted producer keys; with none configured (loopback only), DEV_PRODUCER_KEY with every kind. */
export function producerKeyEntries(config: ProducerKeySources): ApiKeyEntry[] {
  const read = readApiKeyEntries({
    file: config.INGEST_API_KEYS_FILE,
    inline: config.INGEST_API_KEYS,
  });
  if ('problem' in read) throw new Error(read.problem); // validated at config load
  if (read.entries.length > 0 || !isLoopbackHost(config.HTTP_HOST)) return read.entries;
  return [{ id: 'dev', sha256: hashApiKey(DEV_PRODUCER_KEY), scopes: [...EVENT_KIND_SCOPES] }];
}
