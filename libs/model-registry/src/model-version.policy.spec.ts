import { compareVersions, isValidVersion, nextVersion } from './model-version.policy';

describe('nextVersion', () => {
  it('starts at 1', () => {
    expect(nextVersion([])).toBe('1');
  });

  it('is one above the highest integer version, whatever the listing order', () => {
    expect(nextVersion(['2', '10', '9'])).toBe('11');
  });

  it('skips versions that are not integers', () => {
    expect(nextVersion(['3', '3-hotfix', '2024.06.01'])).toBe('4');
  });
});

describe('isValidVersion', () => {
  it.each(['1', '42', '3-hotfix', '2024.06.01', '7_b'])('accepts %s', (version) => {
    expect(isValidVersion(version)).toBe(true);
  });

  it.each(['', '0', '07', 'v3', 'aliases', '3/4', '3 4', `1${'0'.repeat(64)}`, '1234567890123456'])(
    'refuses %j',
    (version) => {
      expect(isValidVersion(version)).toBe(false);
    },
  );
});

describe('compareVersions', () => {
  it('orders versions naturally', () => {
    expect(['10', '2', '3-hotfix', '3', '1'].sort(compareVersions)).toEqual([
      '1',
      '2',
      '3',
      '3-hotfix',
      '10',
    ]);
  });
});
