import type { Kafka } from 'kafkajs';
import type { Prediction } from '@rtml/contracts';
import { TopicWatcher } from '../outcome/topic.watcher';
import { duplicateMessages } from './replica.counts';

/**
 * Counts the prediction messages of each event id over the whole test (each step's own watcher
 * stops with its step, and a duplicate from a replay may come late). More than one message per
 * event is at-least-once delivery at work after a crash; the stored item stays one.
 */
export class PredictionCounter {
  private readonly watcher: TopicWatcher<Prediction>;
  private readonly counts = new Map<string, number>();

  constructor(kafka: Kafka, topic: string, registryUrl: string, groupId: string) {
    this.watcher = new TopicWatcher<Prediction>(kafka, topic, registryUrl, groupId).onRecord(
      ({ value }) => this.counts.set(value.eventId, (this.counts.get(value.eventId) ?? 0) + 1),
    );
  }

  start(): Promise<void> {
    return this.watcher.start();
  }

  stop(): Promise<void> {
    return this.watcher.stop();
  }

  get duplicates(): number {
    return duplicateMessages(this.counts);
  }

  get distinct(): number {
    return this.counts.size;
  }
}
