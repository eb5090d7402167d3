/** The metrics the dashboard must show (issue: throughput and latency per stage, lag, DLQ, scores, model). */
export const REQUIRED_DASHBOARD_METRICS = [
  'rtml_records_consumed_total',
  'rtml_stage_duration_seconds',
  'rtml_pipeline_latency_seconds',
  'rtml_consumer_lag',
  'rtml_dead_letters_total',
  'rtml_score',
  'rtml_model_info',
] as const;

interface Panel {
  readonly title?: string;
  readonly datasource?: { readonly uid?: string };
  readonly targets?: readonly {
    readonly expr?: string;
    readonly datasource?: { readonly uid?: string };
  }[];
  readonly panels?: readonly Panel[];
}

const SERIES_SUFFIX = /_(?:bucket|sum|count)$/;

function panelsOf(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
}

/**
 * A Grafana dashboard against what the services export and what Grafana is provisioned with:
 * every rtml_* name in a query is a metric of libs/observability (histogram series included),
 * every panel uses the provisioned datasource, and the required metrics are all shown.
 */
export function dashboardProblems(
  file: string,
  dashboard: { readonly panels?: readonly Panel[] },
  exported: ReadonlySet<string>,
  datasourceUid: string,
): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const panel of panelsOf(dashboard.panels ?? [])) {
    const title = panel.title ?? '(untitled)';
    for (const target of panel.targets ?? []) {
      const uid = target.datasource?.uid ?? panel.datasource?.uid;
      if (uid !== datasourceUid)
        problems.push(
          `${file}: panel "${title}" uses datasource ${uid ?? '(none)'}, but Grafana is provisioned with ${datasourceUid}`,
        );
      for (const [name] of (target.expr ?? '').matchAll(/\brtml_[a-z0-9_]+/g)) {
        const metric = exported.has(name) ? name : name.replace(SERIES_SUFFIX, '');
        if (!exported.has(metric))
          problems.push(
            `${file}: panel "${title}" queries ${name}, which no service exports (libs/observability)`,
          );
        used.add(metric);
      }
    }
  }
  for (const required of REQUIRED_DASHBOARD_METRICS)
    if (!used.has(required)) problems.push(`${file} has no panel showing ${required}`);
  return problems;
}
