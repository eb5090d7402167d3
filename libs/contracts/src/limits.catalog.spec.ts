import {
  DYNAMODB_LIMITS,
  FIELD_LIMITS,
  MAX_UTF8_BYTES_PER_CODE_UNIT,
  isAcceptedAmount,
  isStorableNumber,
} from './limits.catalog';

describe('the field limits', () => {
  it('count at most 3 UTF-8 bytes per code unit, whatever the text', () => {
    for (const text of ['a', 'é', '€', '😀', '\ud800', 'a€😀\udfff']) {
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(
        MAX_UTF8_BYTES_PER_CODE_UNIT * text.length,
      );
    }
  });

  it('keep the widest id, with a 17-byte prefix, inside a DynamoDB sort key', () => {
    // The byEntity sort key is `<16-digit event time>#<eventId>` (services/actions).
    expect(17 + MAX_UTF8_BYTES_PER_CODE_UNIT * FIELD_LIMITS.idMaxLength).toBeLessThanOrEqual(
      DYNAMODB_LIMITS.sortKeyMaxBytes,
    );
  });

  it('take zero and magnitudes DynamoDB stores as storable numbers, nothing else', () => {
    for (const value of [0, -0, 1e-130, -1e-130, 9.9e125, -9.9e125, 0.5])
      expect(isStorableNumber(value)).toBe(true);
    for (const value of [1e-131, 1e126, Number.NaN, Number.POSITIVE_INFINITY])
      expect(isStorableNumber(value)).toBe(false);
  });

  it('accept amounts of zero or from the smallest positive to the ceiling', () => {
    const { minPositiveAmount, amountCeiling } = FIELD_LIMITS;
    for (const amount of [0, minPositiveAmount, 57.16, amountCeiling])
      expect(isAcceptedAmount(amount)).toBe(true);
    for (const amount of [-1, minPositiveAmount / 10, amountCeiling * 10, Number.NaN])
      expect(isAcceptedAmount(amount)).toBe(false);
  });
});
