/**
 * Stable codes for this library's failures; none is retriable (they are all bad input).
 * `PARAMS_INVALID`: hyper-parameters broke a rule. `MANIFEST_INVALID`: a model manifest is not
 * in the shape this library writes. `DATA_INVALID`: a matrix cannot be trained or scored on.
 */
export type ModelTrainingErrorCode = 'PARAMS_INVALID' | 'MANIFEST_INVALID' | 'DATA_INVALID';

/** A failure with a stable code and every problem found, not just the first. */
export class ModelTrainingError extends Error {
  readonly code: ModelTrainingErrorCode;
  readonly issues: readonly string[];

  constructor(code: ModelTrainingErrorCode, message: string, issues: readonly string[] = []) {
    super(message);
    this.name = 'ModelTrainingError';
    this.code = code;
    this.issues = issues;
  }
}
