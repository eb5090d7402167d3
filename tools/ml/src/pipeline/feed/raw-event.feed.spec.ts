import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { RawEventFeed } from './raw-event.feed';

const DAY = 86_400;

function row(transactionId: number, time: number, fraud: 0 | 1): ReferenceTransaction {
  return {
    transactionId,
    time,
    customerId: 10 + transactionId,
    terminalId: 20 + transactionId,
    amount: 12.5,
    timeSeconds: 0,
    timeDays: 0,
    fraud,
    fraudScenario: fraud,
  };
}

describe('RawEventFeed', () => {
  it('dates each fraud label 7 days after its transaction and sends it a day of event time ahead', () => {
    const feed = new RawEventFeed({ labelDelayDays: 7, idPrefix: '' });

    const first = feed.push([row(1, 0, 1), row(2, 3 * DAY, 0)]);
    const second = feed.push([row(3, 6 * DAY - 1, 0), row(4, 6 * DAY, 0), row(5, 8 * DAY, 0)]);

    expect(first.map((event) => event.eventId)).toEqual(['1', '2']);
    expect(second.map((event) => event.eventId)).toEqual(['3', '1-label', '4', '5']);
    expect(second[1]).toEqual({
      eventId: '1-label',
      kind: 'LABEL',
      eventTime: 7 * DAY * 1000,
      customerId: '11',
      terminalId: '21',
      transactionId: '1',
      transactionTime: 0,
      fraud: true,
    });
  });

  it('sends labels exactly in event-time order when the lead is zero', () => {
    const feed = new RawEventFeed({ labelDelayDays: 7, idPrefix: '', labelLeadMs: 0 });

    const events = feed.push([row(1, 0, 1), row(2, 7 * DAY - 1, 0), row(3, 7 * DAY, 0)]);

    expect(events.map((event) => event.eventId)).toEqual(['1', '2', '1-label', '3']);
  });

  it('sends no label for a genuine transaction and drains the labels still pending at the end', () => {
    const feed = new RawEventFeed({ labelDelayDays: 7, idPrefix: '' });

    const events = feed.push([row(1, 0, 0), row(2, 60, 1)]);

    expect(events.filter((event) => event.kind === 'LABEL')).toEqual([]);
    expect(feed.drain().map((event) => event.eventId)).toEqual(['2-label']);
    expect(feed.drain()).toEqual([]);
  });

  it('prefixes event, customer and terminal ids to isolate a run', () => {
    const feed = new RawEventFeed({ labelDelayDays: 7, idPrefix: 'demo-x-' });

    const [event] = feed.push([row(5, 100, 0)]);

    expect(event).toMatchObject({
      eventId: 'demo-x-5',
      customerId: 'demo-x-15',
      terminalId: 'demo-x-25',
      eventTime: 100_000,
      amount: 12.5,
    });
  });
});
