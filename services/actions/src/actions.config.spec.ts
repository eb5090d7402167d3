import { AppError } from '@rtml/errors';
import { loadActionsConfig } from './actions.config';

describe('actions configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadActionsConfig({});

    expect(config.HTTP_PORT).toBe(3004);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadActionsConfig({ HTTP_PORT: '-1', KAFKA_BROKERS: 'no-port', SHUTDOWN_TIMEOUT_MS: 'soon' });

    expect(attempt).toThrow(AppError);
    for (const variable of ['HTTP_PORT', 'KAFKA_BROKERS', 'SHUTDOWN_TIMEOUT_MS']) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });
});
