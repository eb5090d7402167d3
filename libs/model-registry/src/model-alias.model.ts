/**
 * Aliases name the roles a version plays. The scoring service serves the champion and scores the
 * challenger in shadow; promoting moves an alias, never a model's bytes.
 */
export const MODEL_ALIASES = ['champion', 'challenger'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

export const isModelAlias = (value: string): value is ModelAlias =>
  (MODEL_ALIASES as readonly string[]).includes(value);

/** The alias object `models/{name}/aliases/{alias}.json`. */
export interface AliasPointer {
  readonly alias: ModelAlias;
  readonly version: string;
  /** The model's sha256 at promotion: a reader can verify it loads what was promoted. */
  readonly sha256: string;
  /** ISO-8601 UTC instant. */
  readonly promotedAt: string;
  /** The version the alias pointed at before this promotion, or null. */
  readonly previous: string | null;
}
