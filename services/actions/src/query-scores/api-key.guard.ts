import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@rtml/errors';

/** The header clients authenticate with. */
export const API_KEY_HEADER = 'x-api-key';

/** Injection token of the accepted keys (the API_KEYS setting). */
export const API_KEYS = Symbol('rtml.actions.api-keys');

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `presented` is one of `accepted`. Compares SHA-256 digests in constant time, and
 * checks every key, so neither the length nor the position of a match leaks through timing.
 */
export function isAcceptedKey(presented: unknown, accepted: readonly string[]): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const candidate = digest(presented);
  let match = false;
  for (const key of accepted) match = timingSafeEqual(candidate, digest(key)) || match;
  return match;
}

/**
 * API-key authentication for the scores API: `x-api-key` must be one of API_KEYS, else 401
 * UNAUTHORIZED (through the shared AppErrorFilter). Applied to the scores controller only:
 * health and metrics stay open to probes and scrapers.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEYS) private readonly keys: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (isAcceptedKey(request.headers[API_KEY_HEADER], this.keys)) return true;
    throw new AppError('UNAUTHORIZED', `a valid ${API_KEY_HEADER} header is required`);
  }
}
