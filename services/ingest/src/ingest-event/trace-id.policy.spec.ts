import { traceIdFrom } from './trace-id.policy';

describe('choosing the trace id of an event', () => {
  it('keeps the caller trace id', () => {
    expect(traceIdFrom('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('generates a fresh one when there is none', () => {
    const first = traceIdFrom(undefined);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(traceIdFrom(undefined)).not.toBe(first);
  });

  it('replaces one that is empty, too long, or not printable ASCII', () => {
    for (const candidate of ['', 'x'.repeat(129), 'a b', 'trace\nid', 'tracé']) {
      expect(traceIdFrom(candidate)).not.toBe(candidate);
    }
  });
});
