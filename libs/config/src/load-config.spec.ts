import { AppError } from '@rtml/errors';
import { z } from 'zod';
import { field } from './env-fields';
import { loadConfig } from './load-config';

const schema = z.object({
  HTTP_PORT: field.port(3000),
  KAFKA_BROKERS: field.brokers('127.0.0.1:9092'),
  LOG_LEVEL: field.logLevel(),
  DRY_RUN: field.boolean(false),
});

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    const config = loadConfig(schema, {});

    expect(config).toEqual({
      HTTP_PORT: 3000,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      LOG_LEVEL: 'info',
      DRY_RUN: false,
    });
  });

  it('parses overrides from strings', () => {
    const config = loadConfig(schema, {
      HTTP_PORT: '8080',
      KAFKA_BROKERS: 'a:1, b:2',
      DRY_RUN: 'true',
    });

    expect([config.HTTP_PORT, config.KAFKA_BROKERS, config.DRY_RUN]).toEqual([
      8080,
      ['a:1', 'b:2'],
      true,
    ]);
  });

  it('reports every invalid variable at once', () => {
    const attempt = () =>
      loadConfig(schema, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohost', LOG_LEVEL: 'loud' });

    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as AppError).details['problems'] as Array<{ variable: string }>;
      expect(problems.map((p) => p.variable).sort()).toEqual([
        'HTTP_PORT',
        'KAFKA_BROKERS',
        'LOG_LEVEL',
      ]);
      expect((error as AppError).code).toBe('CONFIG_INVALID');
    }
  });

  it('returns a frozen object', () => {
    const config = loadConfig(schema, {});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.KAFKA_BROKERS)).toBe(true);
  });
});
