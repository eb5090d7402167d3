import { AppError } from '@rtml/errors';
import { hashApiKey } from '@rtml/service-runtime';
import { DEV_PRODUCER_KEY, producerKeyEntries } from './producer-keys/producer-keys.config';
import { loadIngestConfig } from './ingest.config';

/** A loopback-only run: the only one allowed to start without producer keys. */
const LOCAL = { HTTP_HOST: '127.0.0.1' };

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadIngestConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details['problems'] as Array<{ variable: string }>).map(
      (problem) => problem.variable,
    );
  }
  throw new Error('expected the configuration to be refused');
};

const keysJson = (scopes: string[]) =>
  JSON.stringify([{ id: 'pos', sha256: hashApiKey('pos-terminal-key'), scopes }]);

describe('ingest producer keys', () => {
  it('accepts the public dev key with every kind only on a loopback HTTP_HOST without keys', () => {
    expect(producerKeyEntries(loadIngestConfig(LOCAL))).toEqual([
      { id: 'dev', sha256: hashApiKey(DEV_PRODUCER_KEY), scopes: ['TRANSACTION', 'LABEL'] },
    ]);
  });

  it.each(['0.0.0.0', '10.0.0.7'])('refuses to start bound to %s without producer keys', (host) => {
    expect(problemsOf({ HTTP_HOST: host })).toEqual(['INGEST_API_KEYS_FILE']);
    const config = loadIngestConfig({
      HTTP_HOST: host,
      INGEST_API_KEYS: keysJson(['TRANSACTION']),
    });
    expect(producerKeyEntries(config).map((entry) => entry.id)).toEqual(['pos']);
  });

  it('refuses keys in clear, unknown scopes and an unreadable file, naming the variable', () => {
    expect(problemsOf({ INGEST_API_KEYS: '[{"id":"a","sha256":"pos-terminal-key"}]' })).toEqual([
      'INGEST_API_KEYS',
    ]);
    expect(problemsOf({ INGEST_API_KEYS: keysJson(['PAYMENT']) })).toEqual(['INGEST_API_KEYS']);
    expect(problemsOf({ INGEST_API_KEYS_FILE: '/nonexistent/keys.json' })).toEqual([
      'INGEST_API_KEYS_FILE',
    ]);
  });

  it('checks raw-record identities by header unless Kafka ACLs are the boundary', () => {
    expect(loadIngestConfig(LOCAL).RAW_EVENTS_AUTH).toBe('header');
    expect(loadIngestConfig({ ...LOCAL, RAW_EVENTS_AUTH: 'acls' }).RAW_EVENTS_AUTH).toBe('acls');
    expect(problemsOf({ ...LOCAL, RAW_EVENTS_AUTH: 'none' })).toEqual(['RAW_EVENTS_AUTH']);
  });
});

describe('ingest configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadIngestConfig(LOCAL);

    expect(config.HTTP_PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('defaults the validation limits to one hour of clock skew, 1e9 and 1000 events a request', () => {
    const config = loadIngestConfig(LOCAL);

    expect(config.MAX_FUTURE_SKEW_MS).toBe(3_600_000);
    expect(config.MAX_AMOUNT).toBe(1e9);
    expect(config.HTTP_MAX_BATCH).toBe(1_000);
  });

  it('reads the validation limits from the environment', () => {
    const config = loadIngestConfig({
      ...LOCAL,
      MAX_FUTURE_SKEW_MS: '60000',
      MAX_AMOUNT: '2500.5',
      HTTP_MAX_BATCH: '10',
    });

    expect([config.MAX_FUTURE_SKEW_MS, config.MAX_AMOUNT, config.HTTP_MAX_BATCH]).toEqual([
      60_000, 2500.5, 10,
    ]);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadIngestConfig({
        ...LOCAL,
        HTTP_PORT: '-1',
        KAFKA_BROKERS: 'no-port',
        SHUTDOWN_TIMEOUT_MS: 'soon',
        MAX_FUTURE_SKEW_MS: '-5',
        MAX_AMOUNT: '0',
        HTTP_MAX_BATCH: '1.5',
      });

    expect(attempt).toThrow(AppError);
    for (const variable of [
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'SHUTDOWN_TIMEOUT_MS',
      'MAX_FUTURE_SKEW_MS',
      'MAX_AMOUNT',
      'HTTP_MAX_BATCH',
    ]) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });
});
