import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Admin } from 'kafkajs';
import { CONSUMER_GROUPS } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import { describeErrorOnOneLine } from '@rtml/errors';
import type { BoundedWait } from '../verdict/fault.verdict';
import { waitCaughtUp } from './caught-up.wait';
import type { RunLedger } from './run.ledger';

/** Every topic some service consumes: what the heal-time snapshot covers. */
const INPUTS: readonly TopicId[] = [
  ...new Set(Object.values(CONSUMER_GROUPS).flatMap((group) => group.consumes)),
];

/**
 * Started at the heal: waits until everything accepted before it is out and every group has
 * consumed what the topics held at that moment (a snapshot, so the stream flowing on does not
 * move the goal), and says how long that took from the heal. The snapshot is retried while the
 * broker is still coming back.
 */
export function measureRecovery(
  ledger: RunLedger,
  admin: Admin,
  store: { readonly dynamodb: DynamoDBClient; readonly table: string },
  boundMs: number,
): Promise<BoundedWait> {
  const healedAt = performance.now();
  const ids = [...ledger.accepted];
  const snapshot = async () => {
    for (;;) {
      try {
        return await ledger.snapshot(admin, INPUTS);
      } catch (error) {
        if (performance.now() - healedAt > boundMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  return snapshot().then(
    async (until) => {
      const wait = await waitCaughtUp({ ledger, admin, ...store, ids, until, boundMs });
      return wait.ms === null ? wait : { ...wait, ms: Math.round(performance.now() - healedAt) };
    },
    (error: unknown) => ({
      ms: null,
      boundMs,
      outstanding: `no offsets: ${describeErrorOnOneLine(error)}`,
    }),
  );
}
