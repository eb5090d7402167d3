import { ModelTrainingError } from './model-training.error';

/** One numeric hyper-parameter's rule: bounds (inclusive unless stated) and integrality. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** True when `min` itself is not allowed (e.g. a learning rate of 0). */
  readonly minExclusive?: boolean;
}

export type NumberRules<T> = { readonly [K in keyof T]: NumberRule };

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Overlays `input` (e.g. parsed `--params` JSON) on `base` and checks every field against its
 * rule, reporting all problems at once. Unknown fields are errors: a misspelt name would
 * otherwise silently train with the default.
 */
export function parseNumberParams<T extends Readonly<Record<string, number>>>(
  input: unknown,
  base: T,
  rules: NumberRules<T>,
  what: string,
): T {
  if (input === undefined) return base;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ModelTrainingError(
      'PARAMS_INVALID',
      `${what}: must be an object, got ${show(input)}`,
    );
  }
  const issues: string[] = [];
  const merged: Record<string, number> = { ...base };
  for (const [key, value] of Object.entries(input)) {
    const rule = (rules as Readonly<Record<string, NumberRule | undefined>>)[key];
    if (!Object.hasOwn(rules, key) || rule === undefined) {
      issues.push(`${key}: unknown parameter (known: ${Object.keys(rules).join(', ')})`);
    } else if (!satisfies(value, rule)) {
      issues.push(`${key}: must be ${describe(rule)}, got ${show(value)}`);
    } else {
      merged[key] = value as number;
    }
  }
  if (issues.length > 0) {
    throw new ModelTrainingError('PARAMS_INVALID', `invalid ${what}: ${issues.join('; ')}`, issues);
  }
  return Object.freeze(merged) as T;
}

function satisfies(value: unknown, rule: NumberRule): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer === true && !Number.isSafeInteger(value)) return false;
  if (rule.minExclusive === true ? value <= rule.min : value < rule.min) return false;
  return value <= rule.max;
}

function describe(rule: NumberRule): string {
  const kind = rule.integer === true ? 'an integer' : 'a number';
  const low = rule.minExclusive === true ? `> ${rule.min}` : `>= ${rule.min}`;
  return Number.isFinite(rule.max) ? `${kind} ${low} and <= ${rule.max}` : `${kind} ${low}`;
}
