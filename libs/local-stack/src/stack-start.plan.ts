import type { ServerName } from './stack.config';
import { SERVER_NAMES } from './stack.config';

/** What `up` does, decided from which servers were asked for and which of ours run. */
export interface StackStartPlan {
  /** Servers to launch, in SERVER_NAMES order (those in `restart` included). */
  readonly start: readonly ServerName[];
  /** Servers of ours that run and must be stopped first, to start again. */
  readonly restart: readonly ServerName[];
  /** Delete Redis's AOF (with Redis stopped) before it starts. */
  readonly resetRedisState: boolean;
}

/**
 * Starts what is asked for and not running, and keeps Redis's state no longer than DynamoDB
 * Local's tables. The tables live in memory, so every DynamoDB Local that starts (after `down`,
 * or after it died) has none; Redis persists (AOF). A feature state that outlived the stored
 * predictions would drop a replayed event as a duplicate of one whose prediction is gone, and
 * the replay would wait for an outcome that never comes. So when DynamoDB Local starts, Redis
 * starts empty with it: its AOF is deleted, and a Redis of ours that runs is restarted. Redis
 * restarting alone keeps its state.
 */
export function planStackStart(
  requested: readonly ServerName[],
  running: readonly ServerName[],
): StackStartPlan {
  const missing = requested.filter((server) => !running.includes(server));
  const resetRedisState = missing.includes('dynamodb');
  const restart: ServerName[] = resetRedisState && running.includes('redis') ? ['redis'] : [];
  const start = SERVER_NAMES.filter(
    (server) => missing.includes(server) || restart.includes(server),
  );
  return { start, restart, resetRedisState };
}
