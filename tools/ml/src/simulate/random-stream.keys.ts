/**
 * Stream tags for `SeededRandom` keys, one per kind of draw. Treat them as API: changing a value
 * changes every file generated from a given seed.
 */
export const RANDOM_STREAM = {
  terminalProfile: 1,
  customerProfile: 2,
  customerDay: 3,
  terminalCompromise: 4,
  customerCompromise: 5,
} as const;
