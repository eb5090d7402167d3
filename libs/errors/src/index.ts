export { AppError, dependencyUnavailable, toAppError } from './app.error';
export {
  dependencyFailureOf,
  httpStatusOf,
  isDependencyFailure,
} from './dependency-failure.policy';
export type { AppErrorOptions } from './app.error';
export { describeError, describeErrorOnOneLine } from './error-message';
