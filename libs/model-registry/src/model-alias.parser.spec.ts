import { AppError } from '@rtml/errors';
import { parseAliasPointer } from './model-alias.parser';

const pointer = {
  alias: 'champion',
  version: '4',
  sha256: 'b'.repeat(64),
  promotedAt: '2024-05-02T08:30:00.000Z',
  previous: '3',
};

describe('parseAliasPointer', () => {
  it('returns a valid pointer, frozen', () => {
    const parsed = parseAliasPointer(pointer);

    expect(parsed).toEqual(pointer);
    expect(Object.isFrozen(parsed)).toBe(true);
  });

  it('accepts a first promotion, which has no previous version', () => {
    expect(parseAliasPointer({ ...pointer, previous: null }).previous).toBeNull();
  });

  it.each([
    ['alias', 'canary'],
    ['version', 'latest'],
    ['sha256', 'B'.repeat(64)],
    ['promotedAt', 'yesterday'],
    ['previous', undefined],
  ])('refuses a bad %s as MODEL_INVALID', (field, value) => {
    const input = { ...pointer, [field]: value };

    expect(() => parseAliasPointer(input)).toThrow(AppError);
    expect(() => parseAliasPointer(input)).toThrow(new RegExp(`invalid alias object: ${field}: `));
  });

  it('refuses unknown fields', () => {
    expect(() => parseAliasPointer({ ...pointer, stage: 'prod' })).toThrow(/stage/);
  });
});
