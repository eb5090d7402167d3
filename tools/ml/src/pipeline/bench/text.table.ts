import type { Spread } from './run-spread';

/** A Markdown table with padded columns: readable in a terminal, pasteable into the docs. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((cell, column) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** A whole number with thousands separators (or `digits` decimals); `n/a` for NaN. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `median (min–max)`, or the one value when the runs agree (or there was one run). */
export function formatSpread(spread: Spread, format: (value: number) => string = formatNumber) {
  const median = format(spread.median);
  const [min, max] = [format(spread.min), format(spread.max)];
  return min === max ? median : `${median} (${min}–${max})`;
}
