type Fields = Readonly<Record<string, unknown>>;

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Reads fields out of `unknown` JSON, collecting every problem with its path instead of
 * stopping at the first: a manifest with three mistakes is reported once, not three times.
 */
export class JsonFieldsReader {
  readonly issues: string[] = [];

  record(value: unknown, path: string, keys: readonly string[]): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issues.push(`${path}: must be an object, got ${show(value)}`);
      return {};
    }
    const fields = value as Fields;
    for (const key of Object.keys(fields)) {
      if (!keys.includes(key)) this.issues.push(`${path}.${key}: unknown field`);
    }
    return fields;
  }

  string(value: unknown, path: string, pattern?: RegExp): string {
    if (typeof value !== 'string' || value.length === 0 || (pattern && !pattern.test(value))) {
      const rule =
        pattern === undefined ? 'a non-empty string' : `a string matching ${pattern.source}`;
      this.issues.push(`${path}: must be ${rule}, got ${show(value)}`);
      return '';
    }
    return value;
  }

  number(
    value: unknown,
    path: string,
    rule: { min?: number; max?: number; integer?: boolean } = {},
  ): number {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.integer !== true || Number.isSafeInteger(value)) &&
      value >= (rule.min ?? -Infinity) &&
      value <= (rule.max ?? Infinity);
    if (!ok) {
      const kind = rule.integer === true ? 'an integer' : 'a finite number';
      const bounds = `${rule.min !== undefined ? ` >= ${rule.min}` : ''}${rule.max !== undefined ? ` <= ${rule.max}` : ''}`;
      this.issues.push(`${path}: must be ${kind}${bounds}, got ${show(value)}`);
      return 0;
    }
    return value as number;
  }

  /** A number, or null where a metric is undefined. */
  nullableNumber(
    value: unknown,
    path: string,
    rule: { min?: number; max?: number } = {},
  ): number | null {
    return value === null ? null : this.number(value, path, rule);
  }

  literal<T extends string | number>(value: unknown, path: string, options: readonly T[]): T {
    if (!options.includes(value as T)) {
      this.issues.push(
        `${path}: must be one of ${options.map((o) => show(o)).join(', ')}, got ${show(value)}`,
      );
      return options[0] as T;
    }
    return value as T;
  }

  array(value: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(value)) {
      this.issues.push(`${path}: must be an array, got ${show(value)}`);
      return [];
    }
    return value;
  }

  check(condition: boolean, message: string): void {
    if (!condition) this.issues.push(message);
  }
}
