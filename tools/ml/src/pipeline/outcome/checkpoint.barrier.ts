import type { Admin, Kafka } from 'kafkajs';
import { groupCaughtUp } from './group-caught-up.probe';

export interface CheckpointBarrier {
  readonly kafka: Kafka;
  readonly prefix: string | undefined;
  /** Outcomes seen so far (predictions + dead letters) and outcomes expected. */
  readonly progress: () => { readonly seen: number; readonly expected: number };
  /** Give up when `seen` has not moved for this long. */
  readonly stallTimeoutMs: number;
}

/**
 * Waits until everything sent so far has its outcome, ingest has passed every raw event (labels
 * included) and features has applied every label: only then may later events go out, so no
 * partition runs ahead of another by more than one checkpoint.
 */
export async function passCheckpoint(barrier: CheckpointBarrier): Promise<void> {
  // One admin connection for the whole wait, not one per poll.
  const admin = barrier.kafka.admin();
  await admin.connect();
  try {
    await waitUntilCaughtUp(barrier, admin);
  } finally {
    await admin.disconnect();
  }
}

async function waitUntilCaughtUp(barrier: CheckpointBarrier, admin: Admin): Promise<void> {
  let lastSeen = -1;
  let movedAt = performance.now();
  for (;;) {
    const { seen, expected } = barrier.progress();
    if (
      seen >= expected &&
      (await groupCaughtUp(admin, 'ingest', 'rawEvents', barrier.prefix)) &&
      (await groupCaughtUp(admin, 'features', 'labels', barrier.prefix))
    )
      return;
    if (seen !== lastSeen) {
      lastSeen = seen;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > barrier.stallTimeoutMs) {
      throw new Error(
        `no progress for ${barrier.stallTimeoutMs / 1000} s at a checkpoint: ${seen}/${expected} outcomes`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
