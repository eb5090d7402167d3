/** The first lines of every generated file. */
export const GENERATED_HEADER = [
  '// generated — do not edit, run npm run contracts:generate',
  '// Source: libs/contracts/src/schemas/*.avsc; see libs/contracts/README.md.',
].join('\n');
