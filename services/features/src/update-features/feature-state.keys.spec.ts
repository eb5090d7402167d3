import { HANDBOOK_15 } from '@rtml/feature-engine';
import { FeatureStateKeys } from './feature-state.keys';

describe('the Redis key names of the feature state', () => {
  const keys = new FeatureStateKeys('rtml:features:', HANDBOOK_15);

  it('names an entity window under the prefix, the set name and version, and the entity field', () => {
    expect(keys.entity('terminalId', '3156')).toBe('rtml:features:handbook-15:v1:terminalId:3156');
  });

  it('keeps dedupe markers and pending labels apart from every possible entity field', () => {
    expect(keys.seen('42')).toBe('rtml:features:handbook-15:v1:@seen:42');
    expect(keys.pendingLabel('42')).toBe('rtml:features:handbook-15:v1:@label:42');
  });

  it('names the state epoch and the rebuild lease apart from markers, labels and windows', () => {
    expect(keys.epoch()).toBe('rtml:features:handbook-15:v1:@epoch');
    expect(keys.rebuildLease()).toBe('rtml:features:handbook-15:v1:@rebuilding');
  });

  it('keeps ids with colons whole, at the end of the key', () => {
    expect(keys.entity('customerId', 'a:b')).toBe('rtml:features:handbook-15:v1:customerId:a:b');
  });

  it('gives another version of the set its own keys', () => {
    const next = new FeatureStateKeys('p:', { name: 'handbook-15', version: 2 });

    expect(next.seen('1')).toBe('p:handbook-15:v2:@seen:1');
  });
});
