/**
 * Stable codes for this library's failures. `FEATURE_SET_INVALID`: a definition broke a rule
 * (configuration error, never retriable). `ENTRY_UNDECODABLE`: a stored window entry is not in
 * the encoding this library writes (corrupt state or a format change).
 */
export type FeatureEngineErrorCode = 'FEATURE_SET_INVALID' | 'ENTRY_UNDECODABLE';

/** A failure with a stable code and, for definitions, every problem found (not just the first). */
export class FeatureEngineError extends Error {
  readonly code: FeatureEngineErrorCode;
  readonly issues: readonly string[];

  constructor(code: FeatureEngineErrorCode, message: string, issues: readonly string[] = []) {
    super(message);
    this.name = 'FeatureEngineError';
    this.code = code;
    this.issues = issues;
  }
}
