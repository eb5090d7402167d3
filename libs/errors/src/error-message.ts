/** The message of anything thrown, with its causes, on one line (for logs and CLI output). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.filter((part) => part.length > 0).join(': ');
}

/** `describeError` folded onto a single line (multi-line messages such as usage texts included). */
export function describeErrorOnOneLine(error: unknown): string {
  return describeError(error).replace(/\s*\n\s*/g, ' ');
}
