// Kafka's rule for topic names (consumer groups accept more, but we hold them to the same rule
// so one prefix works for both).
const LEGAL_NAME = /^[A-Za-z0-9._-]+$/;
const MAX_TOPIC_NAME_LENGTH = 249;

/**
 * `name`, or `<prefix>.<name>` when a prefix is given. Prefixes isolate tests (a fresh prefix
 * per test) and environments sharing one cluster; an empty prefix means none.
 */
export const withPrefix = (name: string, prefix?: string): string => {
  const full = prefix ? `${prefix}.${name}` : name;
  if (!LEGAL_NAME.test(full) || full.length > MAX_TOPIC_NAME_LENGTH) {
    throw new RangeError(
      `"${full}" is not a legal Kafka name: use letters, digits, ".", "_" and "-" (at most ${MAX_TOPIC_NAME_LENGTH})`,
    );
  }
  return full;
};
