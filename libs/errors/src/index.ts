export { AppError, toAppError } from './app.error';
export type { AppErrorOptions } from './app.error';
export { describeError, describeErrorOnOneLine } from './error-message';
