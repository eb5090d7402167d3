import { isJsonObject } from './json-object';
import { INDENT, PRINT_WIDTH } from './print-width';
import { quoteString } from './ts-string';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const printKey = (key: string): string => (IDENTIFIER.test(key) ? key : quoteString(key));

const printScalar = (value: unknown): string => {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return quoteString(value);
  throw new Error(`cannot print ${String(value)} as a JSON literal`);
};

// Prettier always breaks an array of two or more objects with more than one key each, or of two
// or more arrays with more than one item each, even when it would fit on one line.
const forcesBreak = (items: readonly unknown[]): boolean =>
  items.length > 1 &&
  (items.every((item) => isJsonObject(item) && Object.keys(item).length > 1) ||
    items.every((item) => Array.isArray(item) && item.length > 1));

/** The one-line form, or undefined when Prettier would not keep the value on one line. */
const printInline = (value: unknown): string | undefined => {
  const isArray = Array.isArray(value);
  if (!isArray && !isJsonObject(value)) return printScalar(value);
  if (isArray && forcesBreak(value)) return undefined;
  const entries = isArray
    ? value.map((item: unknown) => ['', item] as const)
    : Object.entries(value);
  const parts: string[] = [];
  for (const [key, item] of entries) {
    const printed = printInline(item);
    if (printed === undefined) return undefined;
    parts.push(isArray ? printed : `${printKey(key)}: ${printed}`);
  }
  if (isArray) return `[${parts.join(', ')}]`;
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
};

/**
 * Prints a JSON value as a TypeScript literal exactly as Prettier would format it, given the
 * text before it on its first line (`head`, indentation included) and the text after it on its
 * last line (`tail`). Returns only the value's own text.
 */
export const printLiteral = (value: unknown, head: string, tail: string): string => {
  const indent = /^ */.exec(head)?.[0] ?? '';
  const inline = printInline(value);
  if (inline !== undefined && head.length + inline.length + tail.length <= PRINT_WIDTH) {
    return inline;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => `${inner}${printLiteral(item, inner, ',')},`);
    return ['[', ...items, `${indent}]`].join('\n');
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => {
      const entryHead = `${inner}${printKey(key)}: `;
      return `${entryHead}${printLiteral(item, entryHead, ',')},`;
    });
    return ['{', ...entries, `${indent}}`].join('\n');
  }
  // A scalar too long for the line stays on it: Prettier does not break string literals.
  return printScalar(value);
};
