import { AppError } from '@rtml/errors';
import { loadScoringConfig } from './scoring.config';

describe('scoring configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadScoringConfig({});

    expect(config.HTTP_PORT).toBe(3003);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadScoringConfig({ HTTP_PORT: '-1', KAFKA_BROKERS: 'no-port', SHUTDOWN_TIMEOUT_MS: 'soon' });

    expect(attempt).toThrow(AppError);
    for (const variable of ['HTTP_PORT', 'KAFKA_BROKERS', 'SHUTDOWN_TIMEOUT_MS']) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });
});
