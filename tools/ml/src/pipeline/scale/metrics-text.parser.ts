/**
 * The sum of one counter's samples in a Prometheus text exposition, over all its label sets
 * (0 when the counter has no sample yet: prom-client prints only HELP and TYPE until the first
 * increment). Comments and other metrics, including ones whose names merely start the same,
 * are skipped.
 */
export function sumCounter(text: string, name: string): number {
  let total = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    // The value follows the label set (which may hold spaces inside quotes) or the bare name.
    const rest = line.startsWith(`${name}{`)
      ? line.slice(line.lastIndexOf('}') + 1)
      : line.slice(name.length);
    const value = Number(rest.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) total += value;
  }
  return total;
}
