import { WindowEntryBuffer } from './window-entry.buffer';
import { entryAt } from './window-entry.packing';
import { LabelSchedule } from './label.schedule';

describe('LabelSchedule', () => {
  const setUp = () => {
    const buffer = new WindowEntryBuffer();
    const positions = [0, 1, 2].map((seq) =>
      buffer.append({ time: 100 + seq, seq, value: 1, fraud: null, eventId: String(seq) }),
    );
    const frauds = () => [0, 1, 2].map((i) => entryAt(buffer, i).fraud);
    return { buffer, positions, frauds, schedule: new LabelSchedule() };
  };

  it('applies a label once its time has come, and not before', () => {
    const { buffer, positions, frauds, schedule } = setUp();
    schedule.schedule(500, buffer, positions[1] as number, 1);

    schedule.releaseUntil(499);
    expect(frauds()).toEqual([null, null, null]);
    schedule.releaseUntil(500);
    expect(frauds()).toEqual([null, 1, null]);
    expect(schedule.pending).toBe(0);
  });

  it('releases labels in event-time order even when scheduled out of order', () => {
    const { buffer, positions, frauds, schedule } = setUp();
    schedule.schedule(300, buffer, positions[0] as number, 1);
    schedule.schedule(200, buffer, positions[2] as number, 0);

    schedule.releaseUntil(250);
    expect(frauds()).toEqual([null, null, 0]);
    expect(schedule.pending).toBe(1);
  });

  it('drops a label whose entry has already expired', () => {
    const { buffer, positions, schedule } = setUp();
    buffer.expire(1_000, 10);
    schedule.schedule(1_000, buffer, positions[1] as number, 1);

    expect(() => schedule.releaseUntil(1_000)).not.toThrow();
    expect(schedule.pending).toBe(0);
  });
});
