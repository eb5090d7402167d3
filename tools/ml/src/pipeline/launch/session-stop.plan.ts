/**
 * What a session's `stop()` does with a local stack it started itself (a stack it found running
 * is never stopped, whatever the policy):
 * - `stop`: `npm start`, whose Ctrl-C stops only what it started;
 * - `keep`: demo, replay and bench. DynamoDB Local keeps its tables in memory only, so stopping
 *   the stack would forget the predictions the run just stored before `npm run scores:export` or
 *   the scores API could read them. Leaving it running costs little: idle, the five servers used
 *   ≈ 1.7 CPU-seconds a minute here (docs/benchmarks.md), where an on-disk DynamoDB Local would
 *   cost 2.4× the CPU on every write.
 */
export type StartedStackPolicy = 'stop' | 'keep';

/** Each pipeline tool's policy: `run` is demo and replay (runPipelineCommand). */
export const STARTED_STACK_POLICY = Object.freeze({
  start: 'stop',
  run: 'keep',
  bench: 'keep',
} as const satisfies Record<string, StartedStackPolicy>);

/** What stop() does with the stack: `stop` it, `keep` it running, or leave it (`not-ours`). */
export type StackOnStop = 'stop' | 'keep' | 'not-ours';

export function stackOnStop(startedStack: boolean, policy: StartedStackPolicy): StackOnStop {
  if (!startedStack) return 'not-ours';
  return policy;
}

/** What a session that keeps the stack it started says when it stops. */
export const KEPT_STACK_NOTICE =
  'the local stack stays up, so `npm run scores:export` and the scores API (`npm start`) see ' +
  'the stored predictions; `npm run infra:down` stops it and forgets them';
