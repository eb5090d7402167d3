import { StackError, oneLine } from './stack.error';

describe('oneLine', () => {
  it('keeps the first non-empty line of an error message', () => {
    expect(oneLine(new Error('\nfirst line\n    at stack frame'))).toBe('first line');
  });

  it('accepts non-Error values', () => {
    expect(oneLine('plain text')).toBe('plain text');
  });
});

describe('StackError', () => {
  it('carries a stable code next to its message', () => {
    const error = new StackError('PORT_TAKEN', 'port 8000 is taken');
    expect([error.code, error.message, error instanceof Error]).toEqual([
      'PORT_TAKEN',
      'port 8000 is taken',
      true,
    ]);
  });
});
