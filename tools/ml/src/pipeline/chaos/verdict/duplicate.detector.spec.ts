import { countByKey, dedupeKey, tallyDuplicates } from './duplicate.detector';

describe('dedupeKey', () => {
  it('keys events by event id on the topics that carry one record per event', () => {
    for (const topic of ['transactions', 'labels', 'enrichedEvents', 'predictions'] as const)
      expect(dedupeKey(topic, { eventId: '42', alertId: 'a' })).toBe('42');
  });

  it('keys alerts by alert id, so one event alerting twice is one duplicate', () => {
    expect(dedupeKey('alerts', { alertId: 'alert-7', eventId: '7' })).toBe('alert-7');
  });

  it('keys dead letters by the record they gave up on (topic, partition, offset) and who gave up', () => {
    const letter = {
      originalTopic: 'p.labels',
      originalPartition: 3,
      originalOffset: '17',
      service: 'features',
    };
    expect(dedupeKey('deadLetters', letter)).toBe('p.labels/3/17@features');
    expect(dedupeKey('deadLetters', { ...letter, service: 'actions' })).toBe(
      'p.labels/3/17@actions',
    );
    expect(dedupeKey('deadLetters', { ...letter, originalOffset: undefined })).toBeUndefined();
  });

  it('gives no key to values without one', () => {
    expect(dedupeKey('predictions', null)).toBeUndefined();
    expect(dedupeKey('predictions', 'text')).toBeUndefined();
    expect(dedupeKey('predictions', { other: 1 })).toBeUndefined();
  });
});

describe('tallyDuplicates', () => {
  const counts = countByKey(['a', 'b', 'a', 'c', 'a', 'b', undefined], (key) => key);

  it('counts every record beyond the first of its key', () => {
    expect(counts).toEqual(
      new Map([
        ['a', 3],
        ['b', 2],
        ['c', 1],
      ]),
    );
    expect(tallyDuplicates(counts)).toEqual({
      duplicates: 3,
      distinct: 3,
      excused: 0,
      examples: ['a ×3', 'b ×2'],
    });
  });

  it('counts the repeats of excused keys apart', () => {
    expect(tallyDuplicates(counts, new Set(['a']))).toMatchObject({ duplicates: 1, excused: 2 });
  });

  it('finds none where every key is unique', () => {
    expect(tallyDuplicates(new Map([['x', 1]])).duplicates).toBe(0);
  });
});
