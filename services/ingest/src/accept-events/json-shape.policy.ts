export interface JsonShapeLimits {
  /** The deepest nesting: a scalar body is depth 0, `[{ "attributes": { } }]` depth 3. */
  readonly maxDepth: number;
  /** The most keys in any one object. */
  readonly maxKeys: number;
}

/**
 * The first way `value` (parsed JSON) breaks the shape limits, or undefined. Walks with its own
 * stack, not recursion, and stops at the first problem, so a hostile body costs one pass at most.
 * The limits sit well above what a valid request needs (an event nests 2 levels inside a batch;
 * attributes are capped at 64 entries by the schema): they bound the work done before validation.
 */
export function jsonShapeProblem(value: unknown, limits: JsonShapeLimits): string | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limits.maxDepth)
      return `the body nests deeper than ${limits.maxDepth} levels (HTTP_MAX_JSON_DEPTH)`;
    const children = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    if (!Array.isArray(node) && children.length > limits.maxKeys)
      return `an object of the body has more than ${limits.maxKeys} keys (HTTP_MAX_JSON_KEYS)`;
    for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}
