/**
 * Stable codes for this library's failures. `FEATURE_SET_INVALID`: a definition broke a rule
 * (configuration error, never retriable).
 */
export type FeatureEngineErrorCode = 'FEATURE_SET_INVALID';

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
