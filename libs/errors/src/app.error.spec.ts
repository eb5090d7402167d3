import { AppError, toAppError } from './app.error';
import { describeError, describeErrorOnOneLine } from './error-message';

describe('AppError', () => {
  it('takes the retry verdict and HTTP status from its code', () => {
    const poison = new AppError('SCHEMA_INVALID', 'amount is missing');
    const outage = new AppError('DEPENDENCY_UNAVAILABLE', 'redis did not answer');

    expect([poison.retriable, poison.httpStatus]).toEqual([false, 400]);
    expect([outage.retriable, outage.httpStatus]).toEqual([true, 503]);
  });

  it('lets the caller override the verdict and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const error = new AppError('INTERNAL', 'write failed', { retriable: false, cause });

    expect(error.retriable).toBe(false);
    expect(error.cause).toBe(cause);
  });

  it('wraps unknown throwables as retriable INTERNAL errors', () => {
    const wrapped = toAppError('boom');

    expect(wrapped).toBeInstanceOf(AppError);
    expect([wrapped.code, wrapped.retriable, wrapped.message]).toEqual(['INTERNAL', true, 'boom']);
  });

  it('returns an AppError unchanged', () => {
    const original = new AppError('NOT_FOUND', 'no such score');
    expect(toAppError(original)).toBe(original);
  });
});

describe('describeError', () => {
  it('joins an error with its chain of causes', () => {
    const error = new Error('publish failed', { cause: new Error('broker down') });
    expect(describeError(error)).toBe('publish failed: broker down');
  });
});

describe('describeErrorOnOneLine', () => {
  it('folds a multi-line message and its causes onto one line', () => {
    const error = new Error('bad --days\nusage: simulate --days N', {
      cause: new Error('not a number'),
    });
    expect(describeErrorOnOneLine(error)).toBe('bad --days usage: simulate --days N: not a number');
  });
});
