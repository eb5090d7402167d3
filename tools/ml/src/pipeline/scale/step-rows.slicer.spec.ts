import { consecutiveSlices, slicesWithHooks } from './step-rows.slicer';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('slicesWithHooks', () => {
  it('runs each hook once, before the first slice that starts at or past its mark', async () => {
    const trace: string[] = [];
    const rows = Array.from({ length: 10 }, (_, i) => i);
    const hooks = [
      { at: 0.5, run: () => void trace.push('half') },
      { at: 0.2, run: () => void trace.push('fifth') },
    ];

    for await (const slice of slicesWithHooks(rows, 3, hooks)) trace.push(slice.join(''));

    expect(trace).toEqual(['012', 'fifth', '345', 'half', '678', '9']);
  });

  it('waits for an awaited hook before handing out more rows and runs late hooks at the end', async () => {
    const trace: string[] = [];
    let release: () => void = () => undefined;
    const work = new Promise<void>((resolve) => (release = resolve));
    const hooks = [
      { at: 0, run: () => void setTimeout(() => (trace.push('work done'), release()), 5) },
      { at: 0.5, run: () => work },
      { at: 1, run: () => void trace.push('end') },
    ];

    for await (const slice of slicesWithHooks([1, 2, 3, 4], 2, hooks)) trace.push(slice.join(''));

    expect(trace).toEqual(['12', 'work done', '34', 'end']);
  });

  it('hands out every row exactly once without hooks', async () => {
    expect(await collect(slicesWithHooks([1, 2, 3], 2))).toEqual([[1, 2], [3]]);
  });
});

describe('consecutiveSlices', () => {
  it('cuts the rows into consecutive steps and refuses too few rows', () => {
    expect(consecutiveSlices([1, 2, 3, 4, 5], 2, 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => consecutiveSlices([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});
