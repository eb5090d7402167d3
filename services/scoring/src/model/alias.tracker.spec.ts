import type { AliasChange, AliasPointer } from '@rtml/model-registry';
import { servingModelFixture } from '../testing/serving-model.fixture';
import { AliasTracker } from './alias.tracker';

const pointer = (version: string): AliasPointer => ({
  alias: 'champion',
  version,
  sha256: version.padStart(64, '0'),
  promotedAt: '2024-05-01T12:00:00.000Z',
  previous: null,
});
const changed = (version: string, etag: string): AliasChange => ({
  status: 'changed',
  pointer: pointer(version),
  etag,
});

describe('the alias tracker', () => {
  it('asks to load a version the alias newly points at, and polls from its ETag once loaded', () => {
    const tracker = new AliasTracker();

    const plan = tracker.plan(changed('1', '"e1"'), undefined);
    tracker.loaded('"e1"');

    expect(plan).toEqual({ action: 'load', pointer: pointer('1'), etag: '"e1"' });
    expect(tracker.etag).toBe('"e1"');
  });

  it('keeps the last ETag after a transient failure, so the next poll sees the change again', () => {
    const tracker = new AliasTracker();
    tracker.plan(changed('1', '"e1"'), undefined);
    tracker.loaded('"e1"');

    tracker.plan(changed('2', '"e2"'), servingModelFixture('1'));

    expect(tracker.etag).toBe('"e1"');
  });

  it('polls past a refused version and skips it without loading if the alias returns to it', () => {
    const tracker = new AliasTracker();
    tracker.plan(changed('3', '"e3"'), servingModelFixture('2'));
    tracker.refused('"e3"', pointer('3'), 'sha256 mismatch');

    const again = tracker.plan(changed('3', '"e3-again"'), servingModelFixture('2'));

    expect(again).toMatchObject({ action: 'skip', reason: 'refused', detail: 'sha256 mismatch' });
    expect(tracker.etag).toBe('"e3-again"');
  });

  it('does not reload the version already serving', () => {
    const tracker = new AliasTracker();

    const plan = tracker.plan(changed('2', '"e2"'), servingModelFixture('2'));

    expect(plan).toMatchObject({ action: 'skip', reason: 'serving' });
    expect(tracker.etag).toBe('"e2"');
  });

  it('does nothing on an unchanged alias and forgets the ETag when the alias disappears', () => {
    const tracker = new AliasTracker();
    tracker.plan(changed('1', '"e1"'), undefined);
    tracker.loaded('"e1"');

    const unchanged = tracker.plan({ status: 'unchanged' }, servingModelFixture('1'));
    const absent = tracker.plan({ status: 'absent' }, servingModelFixture('1'));

    expect(unchanged).toEqual({ action: 'keep' });
    expect(absent).toEqual({ action: 'remove' });
    expect(tracker.etag).toBeUndefined();
  });
});
