import { printLiteral } from './ts-literal';
import { quoteString } from './ts-string';

// The expected outputs are what Prettier 3 prints (singleQuote, printWidth 100, trailing commas).
describe('quoteString', () => {
  it('prefers single quotes', () => {
    expect(quoteString('plain')).toBe("'plain'");
  });

  it('switches to double quotes when the text has more single quotes than double quotes', () => {
    expect(quoteString("the customer's card")).toBe('"the customer\'s card"');
  });

  it('escapes the chosen quote and backslashes', () => {
    expect(quoteString('say "hi"')).toBe('\'say "hi"\'');
    expect(quoteString(`it's "x" 'y'`)).toBe(`"it's \\"x\\" 'y'"`);
    expect(quoteString('a\\b')).toBe("'a\\\\b'");
  });
});

describe('printLiteral', () => {
  it('keeps a value on one line when it fits', () => {
    const value = { type: 'map', values: ['null', 'string'], default: {} };
    expect(printLiteral(value, '  type: ', ',')).toBe(
      "{ type: 'map', values: ['null', 'string'], default: {} }",
    );
  });

  it('expands a value that does not fit, one entry per line with trailing commas', () => {
    const value = { name: 'x'.repeat(40), doc: 'y'.repeat(40) };
    expect(printLiteral(value, 'const v = ', ';')).toBe(
      `{\n  name: '${'x'.repeat(40)}',\n  doc: '${'y'.repeat(40)}',\n}`,
    );
  });

  it('always expands an array of several multi-key objects, like Prettier', () => {
    const value = [
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ];
    expect(printLiteral(value, 'const v = ', ';')).toBe(
      '[\n  { a: 1, b: 2 },\n  { a: 3, b: 4 },\n]',
    );
  });

  it('quotes keys that are not identifiers', () => {
    expect(printLiteral({ 'a-b': true }, '', '')).toBe("{ 'a-b': true }");
  });

  it('refuses values that are not JSON', () => {
    expect(() => printLiteral(Number.NaN, '', '')).toThrow('cannot print NaN');
  });
});
