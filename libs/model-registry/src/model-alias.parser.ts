import { AppError } from '@rtml/errors';
import { z } from 'zod';
import { MODEL_ALIASES } from './model-alias.model';
import type { AliasPointer } from './model-alias.model';
import { SHA256_PATTERN } from './model-manifest.schema';
import { isValidVersion } from './model-version.policy';

const version = z.string().refine(isValidVersion, 'must be a version name starting with a digit');

const aliasPointerSchema = z.strictObject({
  alias: z.enum(MODEL_ALIASES),
  version,
  sha256: z.string().regex(SHA256_PATTERN, 'must be 64 lower-case hex digits (sha256)'),
  promotedAt: z.iso.datetime(),
  previous: version.nullable(),
});

/**
 * Parses an alias object read from the store. A pointer that does not parse is MODEL_INVALID:
 * the reader must keep serving what it has rather than follow a pointer it cannot trust.
 */
export function parseAliasPointer(input: unknown): AliasPointer {
  const result = aliasPointerSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'alias'}: ${issue.message}`,
    );
    throw new AppError('MODEL_INVALID', `invalid alias object: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return Object.freeze(result.data);
}
