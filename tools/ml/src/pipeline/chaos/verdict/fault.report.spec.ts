import { OUTPUT_TOPICS } from './duplicate.detector';
import type { DuplicateTally, OutputTopic } from './duplicate.detector';
import { faultLine, summaryLine } from './fault.report';
import type { FaultCounts, FaultLine } from './fault.report';

const counts: FaultCounts = {
  planned: 10,
  accepted: 10,
  labels: 1,
  predictions: 12,
  stored: 10,
  deadLetters: 0,
  alerts: 1,
  webhookAttempts: 1,
  resent: 0,
  settleMs: 400,
  seconds: 61,
};

const tally = (duplicates: number): DuplicateTally => ({
  duplicates,
  distinct: 10,
  excused: 0,
  examples: [],
});

describe('faultLine', () => {
  it('reports the duplicates of every output topic as plain counts', () => {
    const duplicates = Object.fromEntries(
      OUTPUT_TOPICS.map((topic) => [topic, tally(topic === 'predictions' ? 2 : 0)]),
    ) as Record<OutputTopic, DuplicateTally>;
    const line = faultLine(
      'kill-scoring',
      { ok: false, lost: 0, failures: ['predictions: 2 duplicate records'] },
      counts,
      duplicates,
      false,
      31_000,
    );
    expect(line).toEqual({
      fault: 'kill-scoring',
      ok: false,
      counts,
      duplicates: {
        transactions: 0,
        labels: 0,
        enrichedEvents: 0,
        predictions: 2,
        alerts: 0,
        deadLetters: 0,
      },
      duplicatesAllowed: false,
      lost: 0,
      recoverMs: 31_000,
      failures: ['predictions: 2 duplicate records'],
    });
  });
});

describe('summaryLine', () => {
  const line = (fault: string, ok: boolean) => ({ fault, ok }) as FaultLine;

  it('passes only when every fault passed', () => {
    expect(summaryLine([line('a', true), line('b', true)], 100.4)).toEqual({
      chaos: 'passed',
      faults: 2,
      passed: 2,
      failed: [],
      seconds: 100,
    });
  });

  it('names the faults that failed', () => {
    expect(summaryLine([line('a', true), line('b', false)], 1)).toMatchObject({
      chaos: 'failed',
      passed: 1,
      failed: ['b'],
    });
  });

  it('fails a run in which no fault ran', () => {
    expect(summaryLine([], 1).chaos).toBe('failed');
  });
});
