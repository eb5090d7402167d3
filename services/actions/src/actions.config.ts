import { field, loadConfig } from '@rtml/config';
import { LOCAL_DEV_KEYS } from '@rtml/contracts';
import type { Environment } from '@rtml/config';
import { awsFields, kafkaFields } from '@rtml/connections';
import { DEFAULT_SESSION_TIMEOUT_MS } from '@rtml/kafka';
import {
  baseServiceFields,
  hashApiKey,
  isLoopbackHost,
  readApiKeyEntries,
} from '@rtml/service-runtime';
import type { ApiKeyEntry } from '@rtml/service-runtime';
import { z } from 'zod';
import { webhookUrlProblem } from './notify-webhooks/webhook-url.policy';
import { KEY_ID_PATTERN } from './notify-webhooks/webhook.signature';
import type { SigningKey } from './notify-webhooks/webhook.signature';

/**
 * The API key of a loopback-only local run. Public by design, so it is only ever accepted when
 * the service binds a loopback HTTP_HOST and no key is configured; bound anywhere else without
 * keys, the service refuses to start.
 */
export const DEV_API_KEY = LOCAL_DEV_KEYS.scores;

const csv = (raw: string): string[] =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

// DynamoDB table names: 3-255 of letters, digits, '_', '-', '.'.
const tableName = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name (3-255 of A-Z a-z 0-9 _ - .)')
    .default(fallback);

const urlList = z
  .string()
  .default('')
  .transform(csv)
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })));

/**
 * The longest WEBHOOK_BATCH_BUDGET_MS: half the consumer session timeout, for margin. A batch of
 * the delivery worker does not heartbeat while it calls receivers, so it must end well within it.
 */
export const MAX_WEBHOOK_BATCH_BUDGET_MS = DEFAULT_SESSION_TIMEOUT_MS / 2;

/** Every environment variable the actions service reads (documented in the README's table). */
export const actionsConfigSchema = z
  .object({
    ...baseServiceFields(3004),
    ...kafkaFields,
    AWS_REGION: awsFields.AWS_REGION,
    DYNAMODB_ENDPOINT: awsFields.DYNAMODB_ENDPOINT,
    AWS_ACCESS_KEY_ID: awsFields.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: awsFields.AWS_SECRET_ACCESS_KEY,
    SCORES_TABLE: tableName('rtml-scores'),
    ALERT_STATE_TABLE: tableName('rtml-alert-state'),
    LABELS_TABLE: tableName('rtml-labels'),
    /** Per day of event time, what scored each prediction: online quality reads it. */
    QUALITY_TABLE: tableName('rtml-quality'),
    SCORES_TTL_DAYS: field.positiveInt(90),
    /**
     * Days of event time after which an event with no fraud label counts as genuine (the
     * reference convention: a fraud's label is known 7 days after the transaction).
     */
    LABEL_DELAY_DAYS: field.positiveInt(7),
    /** Card precision@k's k in online quality (the reference protocol's 100). */
    QUALITY_K: field.positiveInt(100),
    /** The rolling window of the quality gauges: this many of the latest complete days. */
    QUALITY_WINDOW_DAYS: z.coerce.number().int().min(1).max(31).default(7),
    /** How often the quality gauges are recomputed from the tables; 0 turns them off. */
    QUALITY_REFRESH_SECONDS: z.coerce.number().int().min(0).default(300),
    CREATE_TABLE: field.boolean(true),
    DYNAMODB_WRITE_CONCURRENCY: field.positiveInt(4),
    DYNAMODB_WRITE_TIMEOUT_MS: field.positiveInt(10_000),
    ALERT_COOLDOWN_MS: z.coerce.number().int().min(0).default(3_600_000),
    WEBHOOK_URLS: urlList,
    /** Hosts exempt from the webhook URL rules (https only, no internal address). */
    WEBHOOK_ALLOW_HOSTS: z.string().default('').transform(csv),
    WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    /** The id receivers know WEBHOOK_SECRET by (in the signature header). */
    WEBHOOK_KEY_ID: z.string().regex(KEY_ID_PATTERN, 'letters, digits, _ and - only').default('k1'),
    /** During a rotation: the secret being replaced, still signed with until receivers moved on. */
    WEBHOOK_PREVIOUS_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    WEBHOOK_PREVIOUS_KEY_ID: z
      .string()
      .regex(KEY_ID_PATTERN, 'letters, digits, _ and - only')
      .optional(),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    WEBHOOK_BACKOFF_INITIAL_MS: field.positiveInt(200),
    WEBHOOK_BACKOFF_MAX_MS: field.positiveInt(2_000),
    WEBHOOK_TIMEOUT_MS: field.positiveInt(3_000),
    WEBHOOK_CONCURRENCY: field.positiveInt(8),
    WEBHOOK_BATCH_BUDGET_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(MAX_WEBHOOK_BATCH_BUDGET_MS, 'at most half the 30 s consumer session timeout')
      .default(10_000),
    /** Keys in clear, comma separated (read every entity); prefer API_KEYS_FILE. */
    API_KEYS: z
      .string()
      .default('')
      .transform(csv)
      .pipe(z.array(z.string().min(8, 'API keys have at least 8 characters'))),
    /**
     * A mounted secret: a JSON array of `{id, sha256, scopes, entityPrefixes?, rateLimit?}`
     * (keys stored as hex SHA-256; entityPrefixes limit the entities a key reads).
     */
    API_KEYS_FILE: z.string().min(1).optional(),
  })
  // Runs even when other variables are invalid (`when`), so every problem is reported at once;
  // the values it reads may then be unparsed, hence the type guards.
  .superRefine(
    (config, context) => crossFieldProblems(config).forEach((i) => context.addIssue(i)),
    {
      when: () => true,
    },
  );

type Issue = { code: 'custom'; path: string[]; message: string };

function crossFieldProblems(config: Readonly<Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  const urls = config['WEBHOOK_URLS'];
  const hasUrls =
    (Array.isArray(urls) && urls.length > 0) || (typeof urls === 'string' && urls !== '');
  if (hasUrls && config['WEBHOOK_SECRET'] === undefined)
    issues.push({
      code: 'custom',
      path: ['WEBHOOK_SECRET'],
      message: 'required when WEBHOOK_URLS is set (it signs every delivery)',
    });
  if (Array.isArray(urls)) {
    const allowed = config['WEBHOOK_ALLOW_HOSTS'];
    const hosts = Array.isArray(allowed) ? (allowed as string[]) : csv(String(allowed ?? ''));
    // Only http(s) URLs: anything else is the URL schema's to report.
    for (const url of (urls as string[]).filter((u) => /^https?:\/\//i.test(u))) {
      const problem = webhookUrlProblem(url, hosts);
      if (problem !== undefined)
        issues.push({ code: 'custom', path: ['WEBHOOK_URLS'], message: problem });
    }
  }
  if (config['WEBHOOK_PREVIOUS_SECRET'] !== undefined) {
    const previousId = config['WEBHOOK_PREVIOUS_KEY_ID'];
    if (previousId === undefined)
      issues.push({
        code: 'custom',
        path: ['WEBHOOK_PREVIOUS_KEY_ID'],
        message: 'required with WEBHOOK_PREVIOUS_SECRET (receivers tell the keys apart by id)',
      });
    else if (previousId === (config['WEBHOOK_KEY_ID'] ?? 'k1'))
      issues.push({
        code: 'custom',
        path: ['WEBHOOK_PREVIOUS_KEY_ID'],
        message: 'must differ from WEBHOOK_KEY_ID',
      });
  }
  issues.push(...apiKeyProblems(config));
  const timing = deliveryTiming(config);
  if (timing && timing.WEBHOOK_TIMEOUT_MS > timing.WEBHOOK_BATCH_BUDGET_MS)
    issues.push({
      code: 'custom',
      path: ['WEBHOOK_TIMEOUT_MS'],
      message: `must not exceed WEBHOOK_BATCH_BUDGET_MS (${timing.WEBHOOK_BATCH_BUDGET_MS} ms): no attempt would fit in a batch of deliveries`,
    });
  if (timing && timing.WEBHOOK_BACKOFF_MAX_MS < timing.WEBHOOK_BACKOFF_INITIAL_MS)
    issues.push({
      code: 'custom',
      path: ['WEBHOOK_BACKOFF_MAX_MS'],
      message: 'must not be below WEBHOOK_BACKOFF_INITIAL_MS',
    });
  return issues;
}

function apiKeyProblems(config: Readonly<Record<string, unknown>>): Issue[] {
  const file = config['API_KEYS_FILE'];
  if (typeof file === 'string') {
    const read = readApiKeyEntries({ file });
    return 'problem' in read
      ? [{ code: 'custom', path: ['API_KEYS_FILE'], message: read.problem }]
      : [];
  }
  const keys = config['API_KEYS'];
  const host = config['HTTP_HOST'];
  const none = (Array.isArray(keys) && keys.length === 0) || keys === '' || keys === undefined;
  if (none && typeof host === 'string' && !isLoopbackHost(host))
    return [
      {
        code: 'custom',
        path: ['API_KEYS'],
        message: `required (or API_KEYS_FILE) when HTTP_HOST ${host} is not a loopback address: the scores API would be open`,
      },
    ];
  return [];
}

function deliveryTiming(config: Readonly<Record<string, unknown>>): DeliveryTiming | undefined {
  const timing = {
    WEBHOOK_TIMEOUT_MS: config['WEBHOOK_TIMEOUT_MS'],
    WEBHOOK_BATCH_BUDGET_MS: config['WEBHOOK_BATCH_BUDGET_MS'],
    WEBHOOK_BACKOFF_INITIAL_MS: config['WEBHOOK_BACKOFF_INITIAL_MS'],
    WEBHOOK_BACKOFF_MAX_MS: config['WEBHOOK_BACKOFF_MAX_MS'],
  };
  return Object.values(timing).every((value) => typeof value === 'number' && Number.isFinite(value))
    ? (timing as DeliveryTiming)
    : undefined;
}

export type ActionsConfig = z.output<typeof actionsConfigSchema>;

interface DeliveryTiming {
  readonly WEBHOOK_TIMEOUT_MS: number;
  readonly WEBHOOK_BATCH_BUDGET_MS: number;
  readonly WEBHOOK_BACKOFF_INITIAL_MS: number;
  readonly WEBHOOK_BACKOFF_MAX_MS: number;
}

export const loadActionsConfig = (env: Environment): Readonly<ActionsConfig> =>
  loadConfig(actionsConfigSchema, env);

/**
 * The keys the scores API accepts: API_KEYS_FILE's entries and API_KEYS's (hashed, reading every
 * entity); with neither (possible on a loopback HTTP_HOST only), the local run's DEV_API_KEY.
 */
export function scoresApiKeys(config: Readonly<ActionsConfig>): ApiKeyEntry[] {
  const fromFile =
    config.API_KEYS_FILE === undefined
      ? { entries: [] }
      : readApiKeyEntries({ file: config.API_KEYS_FILE });
  if ('problem' in fromFile) throw new Error(`API_KEYS_FILE: ${fromFile.problem}`); // validated at load
  const inline = config.API_KEYS.map((key, index) => ({
    id: `API_KEYS[${index}]`,
    sha256: hashApiKey(key),
    scopes: [],
  }));
  const entries = [...fromFile.entries, ...inline];
  return entries.length > 0 || !isLoopbackHost(config.HTTP_HOST)
    ? entries
    : [{ id: 'dev', sha256: hashApiKey(DEV_API_KEY), scopes: [] }];
}

/** The keys every delivery is signed with: the current one, then the one being replaced. */
export function signingKeys(config: Readonly<ActionsConfig>): SigningKey[] {
  const keys: SigningKey[] = [];
  if (config.WEBHOOK_SECRET !== undefined)
    keys.push({ id: config.WEBHOOK_KEY_ID, secret: config.WEBHOOK_SECRET });
  if (config.WEBHOOK_PREVIOUS_SECRET !== undefined && config.WEBHOOK_PREVIOUS_KEY_ID !== undefined)
    keys.push({ id: config.WEBHOOK_PREVIOUS_KEY_ID, secret: config.WEBHOOK_PREVIOUS_SECRET });
  return keys;
}
