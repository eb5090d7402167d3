import type { FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { describeFeatureSet } from '../model/feature-layout.model';
import type { FeatureLayout } from '../model/feature-layout.model';
import { namesProblem } from '../model/model-manifest.check';
import type { ScorableEvent } from './scorable-event.model';

/** An event's feature values in the model's input order, or why the model cannot take them. */
export type FeatureVector =
  | { readonly ok: true; readonly values: readonly number[] }
  | { readonly ok: false; readonly error: AppError };

/**
 * Lays an event's features out in the model's order, matching them by name (so a producer that
 * reorders its vector still scores right). The event must carry the model's feature set and
 * version and exactly its features, each once and finite: anything else can never be scored by
 * this model and is dead-lettered (SCHEMA_INVALID for names and sets, OUT_OF_RANGE for values).
 */
export function readFeatureVector(event: ScorableEvent, layout: FeatureLayout): FeatureVector {
  const expected = layout.featureSet;
  if (event.featureSet.name !== expected.name || event.featureSet.version !== expected.version) {
    const message = `is ${describeFeatureSet(event.featureSet)}, the model takes ${describeFeatureSet(expected)}`;
    return rejected('SCHEMA_INVALID', `feature set ${message}`, [{ path: 'featureSet', message }]);
  }
  const values = inLayoutOrder(event, layout.names);
  if (values === undefined) {
    const names = event.features.map((feature) => feature.name);
    const message = duplicateOf(names) ?? namesProblem(names, layout.names) ?? 'do not match';
    return rejected('SCHEMA_INVALID', message, [{ path: 'features', message }]);
  }
  const problems = values.flatMap((value, column): FieldError[] =>
    Number.isFinite(value)
      ? []
      : [{ path: `features.${layout.names[column]}`, message: `is ${value}, must be finite` }],
  );
  if (problems.length > 0) {
    const summary = problems.map((problem) => `${problem.path} ${problem.message}`).join('; ');
    return rejected('OUT_OF_RANGE', summary, problems);
  }
  return { ok: true, values };
}

/** The values by the layout's names; undefined unless the names are exactly the layout's. */
function inLayoutOrder(event: ScorableEvent, names: readonly string[]): number[] | undefined {
  const { features } = event;
  if (features.length !== names.length) return undefined;
  if (features.every((feature, column) => feature.name === names[column])) {
    return features.map((feature) => feature.value);
  }
  const byName = new Map(features.map((feature) => [feature.name, feature.value]));
  if (byName.size !== names.length) return undefined;
  const values: number[] = [];
  for (const name of names) {
    const value = byName.get(name);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

function duplicateOf(names: readonly string[]): string | undefined {
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  return duplicate === undefined ? undefined : `feature ${duplicate} appears more than once`;
}

function rejected(
  code: 'SCHEMA_INVALID' | 'OUT_OF_RANGE',
  message: string,
  fields: readonly FieldError[],
): FeatureVector {
  return { ok: false, error: new AppError(code, message, { details: { fields } }) };
}
