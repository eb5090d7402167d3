/** One sample of a Prometheus text exposition. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SPECIAL: Readonly<Record<string, number>> = {
  '+Inf': Infinity,
  '-Inf': -Infinity,
  NaN: Number.NaN,
};

/**
 * The samples of a `/metrics` page (Prometheus text format 0.0.4), in order: comments and blank
 * lines skipped, label values unescaped, `+Inf`/`-Inf`/`NaN` read as numbers. For tests and
 * tools that read a service's gauges; not a validating parser.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line.trim());
    if (match === null) continue;
    const [, name, labelText, valueText] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    const labels: Record<string, string> = {};
    for (const [, key, value] of (labelText ?? '').matchAll(LABEL))
      labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) =>
        c === 'n' ? '\n' : c,
      );
    samples.push({ name, labels, value: SPECIAL[valueText] ?? Number(valueText) });
  }
  return samples;
}

/** The value of the first sample named `name` whose labels include `labels`; undefined if none. */
export function sampleValue(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const wanted = Object.entries(labels);
  return parsePrometheusText(text).find(
    (sample) =>
      sample.name === name && wanted.every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
