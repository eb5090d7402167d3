import { AppError } from '@rtml/errors';
import { HANDBOOK_15_MAX } from '@rtml/feature-engine';
import { configuredFeatureSet, loadFeaturesConfig } from './features.config';

const DAY = 86_400;

describe('features configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadFeaturesConfig({});

    expect(config.HTTP_PORT).toBe(3002);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6380');
  });

  it('defaults to the handbook-15 feature set, its state prefix, a day of grace, and dedupe for its horizon plus a day', () => {
    const config = loadFeaturesConfig({});

    expect(config.FEATURE_SET).toBe('handbook-15');
    expect(config.REDIS_KEY_PREFIX).toBe('rtml:features:');
    expect(config.STATE_GRACE_SECONDS).toBe(DAY);
    // The terminal windows reach back 7 (delay) + 30 days.
    expect(config.DEDUPE_TTL_SECONDS).toBe(38 * DAY);
  });

  it('takes a builtin feature set by name, and explicit state settings', () => {
    const config = loadFeaturesConfig({
      FEATURE_SET: 'handbook-15-max',
      REDIS_KEY_PREFIX: 'prod:f:',
      DEDUPE_TTL_SECONDS: '3600',
      STATE_GRACE_SECONDS: '0',
    });

    expect(configuredFeatureSet(config)).toBe(HANDBOOK_15_MAX);
    expect(config).toMatchObject({
      REDIS_KEY_PREFIX: 'prod:f:',
      DEDUPE_TTL_SECONDS: 3_600,
      STATE_GRACE_SECONDS: 0,
    });
  });

  it('refuses an unknown feature set, listing the builtin names', () => {
    expect(() => loadFeaturesConfig({ FEATURE_SET: 'card-fraud' })).toThrow(
      /FEATURE_SET: unknown feature set "card-fraud"; builtin: handbook-15, handbook-15-max/,
    );
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadFeaturesConfig({
        HTTP_PORT: '-1',
        KAFKA_BROKERS: 'no-port',
        SHUTDOWN_TIMEOUT_MS: 'soon',
        FEATURE_SET: 'nope',
        REDIS_KEY_PREFIX: 'has space',
        DEDUPE_TTL_SECONDS: '0',
        STATE_GRACE_SECONDS: '-5',
      });

    expect(attempt).toThrow(AppError);
    for (const variable of [
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'SHUTDOWN_TIMEOUT_MS',
      'FEATURE_SET',
      'REDIS_KEY_PREFIX',
      'DEDUPE_TTL_SECONDS',
      'STATE_GRACE_SECONDS',
    ]) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });
});
