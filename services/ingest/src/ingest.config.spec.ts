import { AppError } from '@rtml/errors';
import { loadIngestConfig } from './ingest.config';

describe('ingest configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadIngestConfig({});

    expect(config.HTTP_PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('defaults the validation limits to one hour of clock skew, 1e9 and 1000 events a request', () => {
    const config = loadIngestConfig({});

    expect(config.MAX_FUTURE_SKEW_MS).toBe(3_600_000);
    expect(config.MAX_AMOUNT).toBe(1e9);
    expect(config.HTTP_MAX_BATCH).toBe(1_000);
  });

  it('reads the validation limits from the environment', () => {
    const config = loadIngestConfig({
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
