import { AppError } from '@rtml/errors';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '@rtml/service-runtime';
import {
  DEV_API_KEY,
  MAX_WEBHOOK_BATCH_BUDGET_MS,
  loadActionsConfig,
  scoresApiKeys,
  signingKeys,
} from './actions.config';

/** A loopback-only run: the only one allowed to start without API keys. */
const LOCAL = { HTTP_HOST: '127.0.0.1' };

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadActionsConfig({ ...LOCAL, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details['problems'] as Array<{ variable: string }>).map(
      (problem) => problem.variable,
    );
  }
  throw new Error('expected the configuration to be refused');
};

describe('actions configuration', () => {
  it('defaults to the embedded local stack', () => {
    const config = loadActionsConfig(LOCAL);

    expect(config.HTTP_PORT).toBe(3004);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config).toMatchObject({
      SCORES_TABLE: 'rtml-scores',
      ALERT_STATE_TABLE: 'rtml-alert-state',
      LABELS_TABLE: 'rtml-labels',
      SCORES_TTL_DAYS: 90,
      LABEL_DELAY_DAYS: 7,
      CREATE_TABLE: true,
      ALERT_COOLDOWN_MS: 3_600_000,
      WEBHOOK_URLS: [],
      WEBHOOK_MAX_ATTEMPTS: 5,
      API_KEYS: [],
    });
  });

  it('accepts the public dev key only on a loopback HTTP_HOST without keys', () => {
    expect(scoresApiKeys(loadActionsConfig(LOCAL))).toEqual([
      { id: 'dev', sha256: hashApiKey(DEV_API_KEY), scopes: [] },
    ]);
    const configured = scoresApiKeys(loadActionsConfig({ ...LOCAL, API_KEYS: 'key-one-1234' }));
    expect(configured.map((entry) => entry.sha256)).toEqual([hashApiKey('key-one-1234')]);
  });

  it.each(['0.0.0.0', '10.1.2.3', '::'])(
    'refuses to start bound to %s without API_KEYS or API_KEYS_FILE',
    (host) => {
      expect(problemsOf({ HTTP_HOST: host })).toEqual(['API_KEYS']);
      expect(loadActionsConfig({ HTTP_HOST: host, API_KEYS: 'key-one-1234' }).HTTP_HOST).toBe(host);
    },
  );

  it('reads hashed, prefix-scoped keys from API_KEYS_FILE and names a bad file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'actions-keys-')), 'keys.json');
    const entry = { id: 'acme', sha256: hashApiKey('acme-key-1234'), entityPrefixes: ['acme-'] };
    writeFileSync(file, JSON.stringify([entry]));
    const config = loadActionsConfig({ HTTP_HOST: '0.0.0.0', API_KEYS_FILE: file });
    expect(scoresApiKeys(config)).toEqual([{ ...entry, scopes: [] }]);
    writeFileSync(file, '[{"id":"acme","sha256":"acme-key-in-clear"}]');
    expect(problemsOf({ HTTP_HOST: '0.0.0.0', API_KEYS_FILE: file })).toEqual(['API_KEYS_FILE']);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () =>
      loadActionsConfig({ HTTP_PORT: '-1', KAFKA_BROKERS: 'no-port', SHUTDOWN_TIMEOUT_MS: 'soon' });

    expect(attempt).toThrow(AppError);
    for (const variable of ['HTTP_PORT', 'KAFKA_BROKERS', 'SHUTDOWN_TIMEOUT_MS']) {
      expect(attempt).toThrow(new RegExp(`${variable}: `));
    }
  });

  it('reads lists of webhook URLs and API keys, and production switches', () => {
    const config = loadActionsConfig({
      ...LOCAL,
      WEBHOOK_URLS: 'https://cases.example.com/hook, http://127.0.0.1:9999/alerts',
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_SECRET: 'a-long-enough-secret',
      API_KEYS: 'key-one-1234,key-two-5678',
      CREATE_TABLE: 'false',
      SCORES_TABLE: 'prod.scores',
    });

    expect(config.WEBHOOK_URLS).toEqual([
      'https://cases.example.com/hook',
      'http://127.0.0.1:9999/alerts',
    ]);
    expect(config.API_KEYS).toEqual(['key-one-1234', 'key-two-5678']);
    expect([config.CREATE_TABLE, config.SCORES_TABLE]).toEqual([false, 'prod.scores']);
  });

  it('requires a webhook secret once webhook URLs are set, alongside other problems', () => {
    expect(
      problemsOf({ WEBHOOK_URLS: 'https://cases.example.com/hook', HTTP_PORT: 'x' }).sort(),
    ).toEqual(['HTTP_PORT', 'WEBHOOK_SECRET']);
  });

  it('refuses plain-http and internal webhook URLs unless their host is allowed', () => {
    const secret = { WEBHOOK_SECRET: 'a-long-enough-secret' };
    expect(problemsOf({ ...secret, WEBHOOK_URLS: 'http://cases.example.com/hook' })).toEqual([
      'WEBHOOK_URLS',
    ]);
    expect(problemsOf({ ...secret, WEBHOOK_URLS: 'https://169.254.169.254/latest' })).toEqual([
      'WEBHOOK_URLS',
    ]);
    expect(
      loadActionsConfig({
        ...LOCAL,
        ...secret,
        WEBHOOK_URLS: 'http://10.1.2.3/hook',
        WEBHOOK_ALLOW_HOSTS: '10.1.2.3',
      }).WEBHOOK_URLS,
    ).toEqual(['http://10.1.2.3/hook']);
  });

  it('signs with the current key, then the one being rotated out, each under its id', () => {
    const config = loadActionsConfig({
      ...LOCAL,
      WEBHOOK_SECRET: 'the-new-secret-16',
      WEBHOOK_KEY_ID: 'k2',
      WEBHOOK_PREVIOUS_SECRET: 'the-old-secret-16',
      WEBHOOK_PREVIOUS_KEY_ID: 'k1',
    });
    expect(signingKeys(config)).toEqual([
      { id: 'k2', secret: 'the-new-secret-16' },
      { id: 'k1', secret: 'the-old-secret-16' },
    ]);
    expect(
      signingKeys(loadActionsConfig({ ...LOCAL, WEBHOOK_SECRET: 'the-only-secret-16' })),
    ).toEqual([{ id: 'k1', secret: 'the-only-secret-16' }]);
  });

  it('refuses a previous secret without its own key id, and key ids that cannot go in the header', () => {
    expect(
      problemsOf({
        WEBHOOK_SECRET: 'the-new-secret-16',
        WEBHOOK_PREVIOUS_SECRET: 'the-old-secret-16',
      }),
    ).toEqual(['WEBHOOK_PREVIOUS_KEY_ID']);
    expect(
      problemsOf({
        WEBHOOK_SECRET: 'the-new-secret-16',
        WEBHOOK_PREVIOUS_SECRET: 'the-old-secret-16',
        WEBHOOK_PREVIOUS_KEY_ID: 'k1',
      }),
    ).toEqual(['WEBHOOK_PREVIOUS_KEY_ID']);
    expect(problemsOf({ WEBHOOK_KEY_ID: 'a,b' })).toEqual(['WEBHOOK_KEY_ID']);
  });

  it('refuses URLs that are not http(s), short secrets and keys, and bad table names', () => {
    expect(
      problemsOf({
        WEBHOOK_URLS: 'ftp://files.example.com/x',
        WEBHOOK_SECRET: 'short',
        API_KEYS: 'abc',
        SCORES_TABLE: 'no spaces allowed',
        LABELS_TABLE: 'x',
      }).sort(),
    ).toEqual(['API_KEYS', 'LABELS_TABLE', 'SCORES_TABLE', 'WEBHOOK_SECRET', 'WEBHOOK_URLS']);
  });

  it('refuses a label delay that is not a whole number of days, at least one', () => {
    expect(problemsOf({ LABEL_DELAY_DAYS: '0' })).toEqual(['LABEL_DELAY_DAYS']);
    expect(problemsOf({ LABEL_DELAY_DAYS: '1.5' })).toEqual(['LABEL_DELAY_DAYS']);
    expect(loadActionsConfig({ ...LOCAL, LABEL_DELAY_DAYS: '30' }).LABEL_DELAY_DAYS).toBe(30);
  });

  it('refuses webhook timings a batch of deliveries cannot afford without losing its consumer session', () => {
    expect(problemsOf({ WEBHOOK_BATCH_BUDGET_MS: '20000' })).toEqual(['WEBHOOK_BATCH_BUDGET_MS']);
    expect(problemsOf({ WEBHOOK_TIMEOUT_MS: '8000', WEBHOOK_BATCH_BUDGET_MS: '5000' })).toEqual([
      'WEBHOOK_TIMEOUT_MS',
    ]);
    expect(
      problemsOf({ WEBHOOK_BACKOFF_INITIAL_MS: '500', WEBHOOK_BACKOFF_MAX_MS: '100' }),
    ).toEqual(['WEBHOOK_BACKOFF_MAX_MS']);
  });

  it('accepts backoffs longer than a batch: those deliveries are re-emitted, not slept on', () => {
    const config = loadActionsConfig({
      ...LOCAL,
      WEBHOOK_BACKOFF_MAX_MS: '600000',
      WEBHOOK_MAX_ATTEMPTS: '10',
    });

    expect(config.WEBHOOK_BACKOFF_MAX_MS).toBe(600_000);
    expect(config.WEBHOOK_BATCH_BUDGET_MS).toBe(10_000);
    expect(config.WEBHOOK_BATCH_BUDGET_MS).toBeLessThanOrEqual(MAX_WEBHOOK_BATCH_BUDGET_MS);
  });
});
