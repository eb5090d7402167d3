import { parsePrometheusText } from '@rtml/observability';

/**
 * The sum of one counter's samples in a Prometheus text exposition, over all its label sets
 * (0 when the counter has no sample yet: prom-client prints only HELP and TYPE until the first
 * increment). Comments and other metrics, including ones whose names merely start the same,
 * are skipped.
 */
export function sumCounter(text: string, name: string): number {
  return parsePrometheusText(text)
    .filter((sample) => sample.name === name && Number.isFinite(sample.value))
    .reduce((total, sample) => total + sample.value, 0);
}
