import { jsonShapeProblem } from './json-shape.policy';

const limits = { maxDepth: 3, maxKeys: 4 };
const nested = (depth: number): unknown => (depth === 0 ? 1 : { child: nested(depth - 1) });

describe('jsonShapeProblem', () => {
  it('accepts a batch of events with attributes, the deepest valid request', () => {
    expect(jsonShapeProblem([{ kind: 'LABEL', attributes: { a: 'b' } }], limits)).toBeUndefined();
    expect(jsonShapeProblem('scalar', limits)).toBeUndefined();
  });

  it('refuses nesting one level past the limit', () => {
    expect(jsonShapeProblem(nested(3), limits)).toBeUndefined();
    expect(jsonShapeProblem(nested(4), limits)).toContain('HTTP_MAX_JSON_DEPTH');
    expect(jsonShapeProblem([[[[]]]], limits)).toContain('deeper than 3');
  });

  it('refuses an object with more keys than the limit, at any depth', () => {
    const wide = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
    const { k4: _dropped, ...four } = wide;
    expect(jsonShapeProblem({ a: four }, limits)).toBeUndefined();
    expect(jsonShapeProblem([{ attributes: wide }], limits)).toContain('more than 4 keys');
  });

  it('does not count array items as keys (the batch limit bounds them)', () => {
    expect(jsonShapeProblem([1, 2, 3, 4, 5, 6], limits)).toBeUndefined();
  });

  it('survives nesting far past any stack without recursion', () => {
    const deep = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)) as unknown;
    expect(jsonShapeProblem(deep, { maxDepth: 8, maxKeys: 64 })).toContain('deeper than 8');
  });
});
