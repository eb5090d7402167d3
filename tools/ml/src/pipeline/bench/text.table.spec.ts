import { formatNumber, formatSpread, renderTable } from './text.table';

describe('renderTable', () => {
  it('pads every column to its widest cell, as a Markdown table', () => {
    expect(
      renderTable(
        ['measure', 'met'],
        [
          ['p99 at 1,000 /s', 'not met'],
          ['cpu', 'met'],
        ],
      ),
    ).toBe(
      [
        '| measure         | met     |',
        '| --------------- | ------- |',
        '| p99 at 1,000 /s | not met |',
        '| cpu             | met     |',
      ].join('\n'),
    );
  });
});

describe('formatSpread', () => {
  it('writes the median then the range, or one value when the runs agree', () => {
    expect(formatSpread({ median: 2_267, min: 2_177, max: 2_285 })).toBe('2,267 (2,177–2,285)');
    expect(formatSpread({ median: 86, min: 86, max: 86 })).toBe('86');
    expect(formatSpread({ median: 32.95, min: 31, max: 33 }, (v) => formatNumber(v, 1))).toBe(
      '33.0 (31.0–33.0)',
    );
  });

  it('writes n/a for what was not measured', () => {
    expect(formatSpread({ median: Number.NaN, min: Number.NaN, max: Number.NaN })).toBe('n/a');
  });
});
