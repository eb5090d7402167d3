import { AppError } from '@rtml/errors';
import { loadScoringConfig } from './scoring.config';

describe('scoring configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadScoringConfig({});

    expect(config.HTTP_PORT).toBe(3003);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it("serves the registry's default bucket's card-fraud champion on handbook-15", () => {
    const config = loadScoringConfig({});

    expect(config).toMatchObject({
      MODEL_NAME: 'card-fraud',
      MODEL_BUCKET: 'rtml-models',
      FEATURE_SET: 'handbook-15',
      MODEL_POLL_MS: 2_000,
      MAX_BATCH: 1_000,
      ONNX_THREADS: 1,
      ONNX_SPINNING: false,
    });
  });

  it('reads the model settings from the environment', () => {
    const config = loadScoringConfig({
      MODEL_NAME: 'fraud.v2',
      MODEL_BUCKET: 'models-prod',
      FEATURE_SET: 'handbook-15-max',
      MODEL_POLL_MS: '500',
      MAX_BATCH: '250',
      ONNX_THREADS: '2',
      ONNX_SPINNING: 'true',
    });

    expect(config).toMatchObject({
      MODEL_NAME: 'fraud.v2',
      MODEL_BUCKET: 'models-prod',
      FEATURE_SET: 'handbook-15-max',
      MODEL_POLL_MS: 500,
      MAX_BATCH: 250,
      ONNX_THREADS: 2,
      ONNX_SPINNING: true,
    });
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadScoringConfig({ HTTP_PORT: '-1', KAFKA_BROKERS: 'no-port', SHUTDOWN_TIMEOUT_MS: 'soon' });

    expect(attempt).toThrow(AppError);
    for (const variable of ['HTTP_PORT', 'KAFKA_BROKERS', 'SHUTDOWN_TIMEOUT_MS']) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });

  it('refuses bad model settings, naming the built-in feature sets', () => {
    const attempt = () =>
      loadScoringConfig({
        MODEL_NAME: '../escape',
        MODEL_BUCKET: 'Not_A_Bucket',
        FEATURE_SET: 'handbook-16',
        MODEL_POLL_MS: '0',
        MAX_BATCH: '0',
      });

    expect(attempt).toThrow(
      /FEATURE_SET: must be a built-in feature set: handbook-15, handbook-15-max/,
    );
    for (const variable of ['MODEL_NAME', 'MODEL_BUCKET', 'MODEL_POLL_MS', 'MAX_BATCH']) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });
});
