/** What moved the event clock: the newest stored event's time and id. */
export interface ClockTick {
  readonly eventTime: number;
  readonly eventId: string;
}

/**
 * The port in front of the event clock shared by every replica: the newest event time actions
 * has stored a prediction for. It only moves forward (advancing to an earlier time changes
 * nothing), so advancing again after a redelivery is harmless and replicas agree on it.
 */
export abstract class EventClock {
  abstract advance(tick: ClockTick): Promise<void>;
  /** The clock's event time, epoch ms; undefined before any prediction was stored. */
  abstract read(): Promise<number | undefined>;
}
