import { HANDBOOK_15 } from '@rtml/feature-engine';
import { FeatureStateKeys } from './feature-state.keys';

describe('the Redis key names of the feature state', () => {
  const keys = new FeatureStateKeys('rtml:features:', HANDBOOK_15);

  it('names an entity window under the prefix, the set name and version, the layout and the entity field', () => {
    expect(keys.entity('terminalId', '3156')).toBe(
      'rtml:features:handbook-15:v1:w2:terminalId:3156',
    );
  });

  it('keeps dedupe markers and fraud sets apart from every possible entity field', () => {
    expect(keys.seen('42')).toBe('rtml:features:handbook-15:v1:w2:@seen:42');
    expect(keys.frauds('terminalId', '42')).toBe(
      'rtml:features:handbook-15:v1:w2:@fraud:terminalId:42',
    );
  });

  it('names the state epoch and the rebuild lease apart from markers, frauds and windows', () => {
    expect(keys.epoch()).toBe('rtml:features:handbook-15:v1:w2:@epoch');
    expect(keys.rebuildLease()).toBe('rtml:features:handbook-15:v1:w2:@rebuilding');
  });

  it('keeps ids with colons whole, at the end of the key', () => {
    expect(keys.entity('customerId', 'a:b')).toBe('rtml:features:handbook-15:v1:w2:customerId:a:b');
  });

  it('gives another version of the set its own keys', () => {
    const next = new FeatureStateKeys('p:', { name: 'handbook-15', version: 2 });

    expect(next.seen('1')).toBe('p:handbook-15:v2:w2:@seen:1');
  });
});
