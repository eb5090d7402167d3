import { PRINT_WIDTH } from './print-width';

/**
 * A JSDoc comment for `doc`, on one line when it fits, else wrapped at word boundaries.
 * Prettier leaves comment text alone, so any wrapping is stable; this one is for readers.
 */
export const renderDoc = (doc: string, indent: string): string[] => {
  if (doc.includes('*/')) throw new Error(`a doc cannot contain "*/": ${doc}`);
  const words = doc.split(/\s+/).filter((word) => word.length > 0);
  const single = `${indent}/** ${words.join(' ')} */`;
  if (single.length <= PRINT_WIDTH) return [single];
  const prefix = `${indent} * `;
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && prefix.length + line.length + 1 + word.length > PRINT_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return [`${indent}/**`, ...lines.map((text) => `${prefix}${text}`), `${indent} */`];
};
