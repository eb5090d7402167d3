import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@rtml/errors';
import { ApiKeySet, hashApiKey, isAcceptedKey, mayReadEntity, requireScopes } from './api-key.set';
import type { ApiKeyEntry } from './api-key.set';
import { isLoopbackHost, readApiKeyEntries } from './api-keys.source';
import { TokenBucket } from './token.bucket';

const entry = (key: string, extra: Partial<ApiKeyEntry> = {}): ApiKeyEntry => ({
  id: `id-${key}`,
  sha256: hashApiKey(key),
  scopes: ['transaction'],
  ...extra,
});

const thrown = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('ApiKeySet', () => {
  const set = new ApiKeySet([
    entry('producer-key-1'),
    entry('labeller-key-1', { scopes: ['label'] }),
  ]);

  it('matches a key by its hash and returns its id and scopes', () => {
    expect(set.match('labeller-key-1')).toEqual({
      id: 'id-labeller-key-1',
      scopes: ['label'],
      entityPrefixes: undefined,
    });
  });

  it.each([undefined, '', 'unknown-key', 42])('refuses %p with 401 UNAUTHORIZED', (presented) => {
    expect(set.match(presented)).toBeUndefined();
    expect(thrown(() => set.authenticate(presented)).code).toBe('UNAUTHORIZED');
  });

  it('refuses a scope the key was not granted with 403 FORBIDDEN naming it', () => {
    const identity = set.authenticate('producer-key-1');
    expect(() => requireScopes(identity, ['transaction'])).not.toThrow();
    const error = thrown(() => requireScopes(identity, ['transaction', 'label']));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('label');
  });

  it('rate-limits a key with 429 and a Retry-After rounded up to whole seconds', () => {
    let now = 1_000_000;
    const limited = new ApiKeySet(
      [entry('limited-key', { rateLimit: { rate: 2, burst: 3 } })],
      () => now,
    );
    const identity = limited.authenticate('limited-key');
    limited.consume(identity, 3);
    const error = thrown(() => limited.consume(identity, 1));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details['retryAfterSeconds']).toBe(1); // 0.5 s to one token, rounded up
    now += 500;
    expect(() => limited.consume(identity, 1)).not.toThrow();
  });

  it('never limits a key without a rate limit', () => {
    const identity = set.authenticate('producer-key-1');
    for (let i = 0; i < 1000; i += 1) set.consume(identity, 100);
  });
});

describe('TokenBucket', () => {
  it('refills at its rate up to its burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take(5)).toBe(0);
    expect(bucket.take(1)).toBeCloseTo(100);
    now += 10_000;
    expect(bucket.take(5)).toBe(0); // capped at burst, not 100 tokens
    expect(bucket.take(1)).toBeGreaterThan(0);
  });

  it('makes a cost above the burst wait for a full bucket instead of forever', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 2, () => now);
    expect(bucket.take(2)).toBe(0);
    expect(bucket.take(50)).toBeCloseTo(2000);
    now += 2000;
    expect(bucket.take(50)).toBe(0);
  });
});

describe('isAcceptedKey', () => {
  it('accepts a listed key and nothing else', () => {
    expect(isAcceptedKey('key-one-1234', ['key-two-5678', 'key-one-1234'])).toBe(true);
    expect(isAcceptedKey('key-one-123', ['key-one-1234'])).toBe(false);
    expect(isAcceptedKey(undefined, ['key-one-1234'])).toBe(false);
  });
});

describe('mayReadEntity', () => {
  it('limits a prefixed key to its prefixes and lets an unprefixed key read all', () => {
    const tenant = { id: 't', scopes: [], entityPrefixes: ['acme-'] };
    expect(mayReadEntity(tenant, 'acme-c1')).toBe(true);
    expect(mayReadEntity(tenant, 'globex-c1')).toBe(false);
    expect(mayReadEntity({ ...tenant, entityPrefixes: undefined }, 'globex-c1')).toBe(true);
  });
});

describe('readApiKeyEntries', () => {
  it('reads a secret file before the inline variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-keys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([entry('from-file-key')]));
    const read = readApiKeyEntries({ file, inline: JSON.stringify([entry('inline-key')]) });
    expect(read).toEqual({ entries: [expect.objectContaining({ id: 'id-from-file-key' })] });
  });

  it.each([
    ['not json', 'not JSON'],
    [JSON.stringify([{ id: 'a', sha256: 'plain-key', scopes: [] }]), 'sha256'],
    [JSON.stringify([entry('k'), entry('k')]), 'duplicate id'],
  ])('reports a bad key set (%s) as a problem', (inline, expected) => {
    const read = readApiKeyEntries({ inline });
    expect('problem' in read && read.problem).toContain(expected);
  });

  it('names a missing file without its contents', () => {
    const read = readApiKeyEntries({ file: '/nonexistent/keys.json' });
    expect('problem' in read && read.problem).toContain('ENOENT');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['10.0.0.5', false],
    ['::', false],
  ])('%s → %p', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
