import { rejectsEvent } from './event-rejection.policy';

describe('rejectsEvent', () => {
  it('counts what ingest, features and scoring dead-letter as rejected events', () => {
    expect(rejectsEvent({ service: 'ingest', errorCode: 'SCHEMA_INVALID' })).toBe(true);
    expect(rejectsEvent({ service: 'features', errorCode: 'UNDECODABLE' })).toBe(true);
    expect(rejectsEvent({ service: 'scoring', errorCode: 'RECORD_TOO_LARGE' })).toBe(true);
  });

  it("counts actions' poison predictions as rejected events: they are never stored", () => {
    expect(rejectsEvent({ service: 'actions', errorCode: 'SCHEMA_INVALID' })).toBe(true);
    expect(rejectsEvent({ service: 'actions', errorCode: 'UNDECODABLE' })).toBe(true);
  });

  it('does not count a webhook delivery that failed for good: its prediction was stored', () => {
    expect(rejectsEvent({ service: 'actions', errorCode: 'DEPENDENCY_UNAVAILABLE' })).toBe(false);
  });

  it('does not count an actions dead letter with a code it does not know, so the run waits for the item', () => {
    expect(rejectsEvent({ service: 'actions', errorCode: 'SOME_FUTURE_CODE' })).toBe(false);
  });
});
