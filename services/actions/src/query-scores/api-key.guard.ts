import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { API_KEY_HEADER } from '@rtml/service-runtime';
import type { ApiKeyIdentity, ApiKeySet } from '@rtml/service-runtime';

export { API_KEY_HEADER };

/** Injection token of the accepted keys (API_KEYS_FILE and API_KEYS). */
export const API_KEYS = Symbol('rtml.actions.api-keys');

/** The request as the guard leaves it: the matched key's identity attached. */
export interface AuthenticatedRequest {
  headers: Record<string, unknown>;
  apiKey?: ApiKeyIdentity;
}

/**
 * API-key authentication for the scores API: `x-api-key` must be one of the key set, else 401
 * UNAUTHORIZED (through the shared AppErrorFilter); a key's rate limit answers 429. The matched
 * identity is attached to the request for the entity-prefix checks. Applied to the scores
 * controller only: health and metrics stay open to probes and scrapers.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEYS) private readonly keys: ApiKeySet) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = this.keys.authenticate(request.headers[API_KEY_HEADER]);
    this.keys.consume(identity);
    request.apiKey = identity;
    return true;
  }
}
