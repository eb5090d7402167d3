import { isAcceptedKey } from './api-key.guard';

describe('API keys', () => {
  const accepted = ['first-key-123', 'second-key-456'];

  it('accept any configured key', () => {
    expect(isAcceptedKey('first-key-123', accepted)).toBe(true);
    expect(isAcceptedKey('second-key-456', accepted)).toBe(true);
  });

  it('refuse a missing, empty, repeated, or near-miss key', () => {
    for (const presented of [undefined, '', ['first-key-123'], 'first-key-12', 'first-key-1234'])
      expect(isAcceptedKey(presented, accepted)).toBe(false);
  });
});
