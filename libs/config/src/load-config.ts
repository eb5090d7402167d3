import { AppError } from '@rtml/errors';
import type { z } from 'zod';

export type Environment = Readonly<Record<string, string | undefined>>;

/** One line per problem, e.g. `KAFKA_BROKERS: expected at least one broker`. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Reads a service's configuration from the environment in one place, validates all of it and
 * returns a deeply frozen object. Every problem is reported at once (in `details.problems`), so
 * an operator fixes a deployment in one round instead of one variable per restart.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Environment = process.env,
): Readonly<z.output<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems: ConfigProblem[] = result.error.issues.map((issue) => {
      const [variable, ...rest] = issue.path.map(String);
      const where = rest.length > 0 ? `item ${rest.join('.')}: ` : '';
      return { variable: variable ?? '(environment)', message: `${where}${issue.message}` };
    });
    const summary = problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', `invalid configuration: ${summary}`, {
      details: { problems },
    });
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}
