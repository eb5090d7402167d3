import { AppError } from '@rtml/errors';
import { MODEL_NAME_PATTERN } from './model-storage.layout';
import { isValidVersion } from './model-version.policy';

/** Names become S3 key segments: anything else is refused before it reaches the store. */
export function checkModelName(name: string): string {
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new AppError(
      'REQUEST_INVALID',
      `invalid model name ${JSON.stringify(name)}: use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return name;
}

export function checkVersion(version: string): string {
  if (!isValidVersion(version)) {
    throw new AppError(
      'REQUEST_INVALID',
      `invalid version ${JSON.stringify(version)}: use a positive integer without leading zeros, or up to 64 letters, digits, ".", "_" or "-" starting with a digit`,
    );
  }
  return version;
}
