import { randomBytes } from 'node:crypto';

/**
 * A name no other test run uses, e.g. `t-k3v9x2m1q8`: tests build their topic, group, table,
 * bucket and key-prefix names from it so suites run in parallel and repeatedly. Lower-case
 * letters and digits only: valid as a topic, a DynamoDB table and an S3 bucket name.
 */
export function uniqueId(prefix = 't'): string {
  return `${prefix}-${randomBytes(6).readUIntBE(0, 6).toString(36)}`;
}
