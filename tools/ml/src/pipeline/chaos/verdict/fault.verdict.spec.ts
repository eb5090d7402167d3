import type { DuplicateTally, OutputTopic } from './duplicate.detector';
import { OUTPUT_TOPICS } from './duplicate.detector';
import { faultVerdict } from './fault.verdict';
import type { FaultFacts } from './fault.verdict';

const none: DuplicateTally = { duplicates: 0, distinct: 3, excused: 0, examples: [] };
const noDuplicates = Object.fromEntries(OUTPUT_TOPICS.map((topic) => [topic, none])) as Record<
  OutputTopic,
  DuplicateTally
>;

/** A fault that went well: three events, each predicted and stored once, recovered in time. */
const clean: FaultFacts = {
  planned: 3,
  accepted: ['1', '2', '3'],
  predictions: new Map([
    ['1', 1],
    ['2', 1],
    ['3', 1],
  ]),
  unstored: new Set(),
  deadLettered: new Map(),
  table: { extra: 0, featureMismatches: 0, examples: [] },
  duplicates: noDuplicates,
  duplicatesAllowed: false,
  alerts: [{ alertId: 'a-1', entityId: 'c1', eventTime: 0 }],
  cooldownMs: 3_600_000,
  webhookAttempts: new Map([['a-1', 2]]),
  maxWebhookAttempts: 5,
  recovery: { ms: 1_200, boundMs: 60_000 },
  settle: { ms: 300, boundMs: 60_000 },
  errors: [],
  faultFailures: [],
};

describe('faultVerdict', () => {
  it('passes a fault after which every event came out once, exactly, in time', () => {
    expect(faultVerdict(clean)).toEqual({ ok: true, lost: 0, failures: [] });
  });

  it('counts an event lost when its prediction or its stored item is missing, once if both are', () => {
    const verdict = faultVerdict({
      ...clean,
      predictions: new Map([['1', 1]]),
      unstored: new Set(['2', '1']),
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.lost).toBe(3); // 1, 2 and 3: event 2 misses both and counts once
    expect(verdict.failures).toEqual([
      '2 of 3 accepted events have no prediction message (2, 3)',
      '2 of 3 accepted events have no stored item (2, 1)',
    ]);
  });

  it('says which lost events were dead-lettered, by error code', () => {
    const verdict = faultVerdict({
      ...clean,
      predictions: new Map([['3', 1]]),
      unstored: new Set(['1', '2']),
      deadLettered: new Map([
        ['1', 'UNDECODABLE'],
        ['2', 'UNDECODABLE'],
      ]),
    });
    expect(verdict.lost).toBe(2);
    expect(verdict.failures).toContain('2 of the lost events were dead-lettered (UNDECODABLE ×2)');
  });

  it('takes no dead letter of an event that came out whole for a loss (a failed webhook delivery, poison)', () => {
    const verdict = faultVerdict({
      ...clean,
      deadLettered: new Map([
        ['1', 'DEPENDENCY_UNAVAILABLE'],
        ['chaos-poison-x', 'UNDECODABLE'],
      ]),
    });
    expect(verdict).toEqual({ ok: true, lost: 0, failures: [] });
  });

  it('fails when the stream could not send everything it planned', () => {
    expect(faultVerdict({ ...clean, planned: 10 }).failures).toEqual([
      'only 3 of 10 planned transactions were accepted: the rest were never sent',
    ]);
  });

  it('fails on duplicates on any output topic, naming the topic and examples', () => {
    const verdict = faultVerdict({
      ...clean,
      duplicates: {
        ...noDuplicates,
        predictions: { duplicates: 4, distinct: 3, excused: 0, examples: ['2 ×3', '3 ×3'] },
      },
    });
    expect(verdict.failures).toEqual(['predictions: 4 duplicate records (2 ×3, 3 ×3)']);
    expect(verdict.lost).toBe(0);
  });

  it('lets duplicates pass when they are the guarantee’s (at least once, after a crash), and nothing else', () => {
    const doubled = {
      ...noDuplicates,
      predictions: { duplicates: 4, distinct: 3, excused: 0, examples: ['2 ×3', '3 ×3'] },
    };
    expect(faultVerdict({ ...clean, duplicates: doubled, duplicatesAllowed: true })).toEqual({
      ok: true,
      lost: 0,
      failures: [],
    });
    const lostToo = faultVerdict({
      ...clean,
      duplicates: doubled,
      duplicatesAllowed: true,
      unstored: new Set(['3']),
    });
    expect(lostToo.ok).toBe(false);
    expect(lostToo.lost).toBe(1);
  });

  it('fails on stored vectors that differ from the offline engine and on stray items', () => {
    const verdict = faultVerdict({
      ...clean,
      table: { extra: 1, featureMismatches: 2, examples: ['7: f is 1, offline 2'] },
    });
    expect(verdict.failures).toEqual([
      '1 stored items are not accepted events',
      '2 stored feature vectors differ from the offline engine (7: f is 1, offline 2)',
    ]);
  });

  it('fails on an alert that never reached the webhook', () => {
    const verdict = faultVerdict({
      ...clean,
      alerts: [...clean.alerts, { alertId: 'a-2', entityId: 'c2', eventTime: 0 }],
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual(['1 alerts never reached the webhook (a-2)']);
  });

  it('fails on a second alert within the cooldown and on webhook attempts over the limit', () => {
    const verdict = faultVerdict({
      ...clean,
      alerts: [...clean.alerts, { alertId: 'a-2', entityId: 'c1', eventTime: 60_000 }],
      webhookAttempts: new Map([
        ['a-1', 9],
        ['a-2', 1],
      ]),
    });
    expect(verdict.failures).toEqual([
      'entity c1: alerts a-1 and a-2 60 s of event time apart',
      '1 alerts got more than 5 webhook attempts (a-1 ×9)',
    ]);
  });

  it('fails when recovery or settling outlasts its bound, saying what was outstanding', () => {
    const verdict = faultVerdict({
      ...clean,
      recovery: { ms: null, boundMs: 60_000, outstanding: 'ingest lag 40' },
      settle: { ms: null, boundMs: 90_000, outstanding: '12 events without a prediction' },
    });
    expect(verdict.failures).toEqual([
      'not recovered within 60 s of the heal (ingest lag 40)',
      'lag not back to 0 within 90 s of the end of the stream (12 events without a prediction)',
    ]);
  });

  it('reports run errors first and the fault’s own failed checks last', () => {
    const verdict = faultVerdict({
      ...clean,
      errors: ['the stream stalled'],
      faultFailures: ['poison p/0/1 was dead-lettered 0 times'],
      table: undefined,
    });
    expect(verdict.failures).toEqual([
      'the stream stalled',
      'the scores table was not audited',
      'poison p/0/1 was dead-lettered 0 times',
    ]);
  });
});
