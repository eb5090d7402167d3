import { readFileSync } from 'node:fs';
import { apiKeyEntriesSchema } from './api-key.set';
import type { ApiKeyEntry } from './api-key.set';

/** Host names that only the machine itself can reach. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

/** Whether a service bound to `host` is reachable from this machine only. */
export const isLoopbackHost = (host: string): boolean =>
  LOOPBACK.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * Reads a key set: the JSON array in the file at `file` (a mounted secret) when given, else the
 * JSON array in `inline` (an environment variable). Returns the problem as a string instead of
 * throwing, so config validation reports it beside every other problem.
 */
export function readApiKeyEntries(source: {
  readonly file?: string | undefined;
  readonly inline?: string | undefined;
}): { entries: ApiKeyEntry[] } | { problem: string } {
  let text: string | undefined = source.inline;
  if (source.file !== undefined) {
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        problem: `cannot read ${source.file}: ${typeof code === 'string' ? code : 'error'}`,
      };
    }
  }
  if (text === undefined || text.trim() === '') return { entries: [] };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return { problem: 'not JSON (expected an array of {id, sha256, scopes, rateLimit?})' };
  }
  const parsed = apiKeyEntriesSchema.safeParse(json);
  if (parsed.success) return { entries: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}
