import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@rtml/errors';
import { z } from 'zod';
import { TokenBucket } from './token.bucket';
import type { Clock } from './token.bucket';

/** The header callers authenticate with, on every service that takes API keys. */
export const API_KEY_HEADER = 'x-api-key';

/** The hex SHA-256 of a key: what a key set stores instead of the key itself. */
export const hashApiKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * One accepted key, as stored in the secret file (a JSON array of these). `sha256` is the hex
 * digest of the key (never the key); `scopes` what it may do (e.g. event kinds); `entityPrefixes`
 * the entity ids it may read (absent: all); `rateLimit` its token bucket (absent: unlimited).
 */
export const apiKeyEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." and "-" (1-64)'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the key (64 lowercase hex)'),
  scopes: z.array(z.string().min(1)).default([]),
  entityPrefixes: z.array(z.string().min(1)).optional(),
  rateLimit: z
    .strictObject({
      /** Tokens added per second. */
      rate: z.number().positive(),
      /** The most tokens held: the largest burst taken at once. */
      burst: z.number().int().positive(),
    })
    .optional(),
});

export const apiKeyEntriesSchema = z.array(apiKeyEntrySchema).superRefine((entries, context) => {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id))
      context.addIssue({ code: 'custom', message: `duplicate id ${entry.id}` });
    seen.add(entry.id);
  }
});

export type ApiKeyEntry = z.output<typeof apiKeyEntrySchema>;

/** The key a request presented, once matched: what it is called and what it may do. */
export interface ApiKeyIdentity {
  readonly id: string;
  readonly scopes: readonly string[];
  readonly entityPrefixes: readonly string[] | undefined;
}

const digestOf = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `presented` is one of `accepted` (keys in clear). Compares SHA-256 digests in constant
 * time, and checks every key, so neither the length nor the position of a match leaks through
 * timing.
 */
export function isAcceptedKey(presented: unknown, accepted: readonly string[]): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const candidate = digestOf(presented);
  let match = false;
  for (const key of accepted) match = timingSafeEqual(candidate, digestOf(key)) || match;
  return match;
}

/**
 * The accepted keys of a service, with a token bucket per key. Matching hashes the presented key
 * and compares it with every stored digest in constant time (no early exit), so timing tells
 * neither whether nor which key matched.
 */
export class ApiKeySet {
  private readonly entries: readonly { entry: ApiKeyEntry; digest: Buffer }[];
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    entries: readonly ApiKeyEntry[],
    private readonly clock: Clock = Date.now,
  ) {
    this.entries = entries.map((entry) => ({ entry, digest: Buffer.from(entry.sha256, 'hex') }));
    for (const { id, rateLimit } of entries)
      if (rateLimit) this.buckets.set(id, new TokenBucket(rateLimit.rate, rateLimit.burst, clock));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The identity of `presented`, or undefined when it is no accepted key. */
  match(presented: unknown): ApiKeyIdentity | undefined {
    if (typeof presented !== 'string' || presented.length === 0) return undefined;
    const candidate = digestOf(presented);
    let found: ApiKeyEntry | undefined;
    for (const { entry, digest } of this.entries)
      if (timingSafeEqual(candidate, digest) && found === undefined) found = entry;
    return found && { id: found.id, scopes: found.scopes, entityPrefixes: found.entityPrefixes };
  }

  /** The identity of `presented`, or 401 UNAUTHORIZED. */
  authenticate(presented: unknown): ApiKeyIdentity {
    const identity = this.match(presented);
    if (identity) return identity;
    throw new AppError('UNAUTHORIZED', `a valid ${API_KEY_HEADER} header is required`);
  }

  /**
   * Takes `cost` tokens from the key's bucket, or throws 429 RATE_LIMITED with
   * `details.retryAfterSeconds` (whole seconds, rounded up) when the bucket cannot pay now.
   */
  consume(identity: ApiKeyIdentity, cost = 1): void {
    const bucket = this.buckets.get(identity.id);
    if (!bucket) return;
    const waitMs = bucket.take(cost);
    if (waitMs === 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError('RATE_LIMITED', `the rate limit of key ${identity.id} is spent`, {
      details: { keyId: identity.id, retryAfterSeconds },
    });
  }
}

/** 403 FORBIDDEN unless `identity` holds every scope in `needed`, naming the first one missing. */
export function requireScopes(identity: ApiKeyIdentity, needed: Iterable<string>): void {
  for (const scope of needed)
    if (!identity.scopes.includes(scope))
      throw new AppError('FORBIDDEN', `key ${identity.id} may not send ${scope} events`, {
        details: { keyId: identity.id, scope },
      });
}

/** Whether `identity` may read entity `entityId` (no prefixes: every entity). */
export const mayReadEntity = (identity: ApiKeyIdentity, entityId: string): boolean =>
  identity.entityPrefixes === undefined ||
  identity.entityPrefixes.some((prefix) => entityId.startsWith(prefix));
