import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineMetrics } from '@rtml/observability';
import { parse } from 'yaml';
import { ROOT } from '../workspace/workspace.paths';
import { dashboardProblems } from './dashboard.rules';

const FILE = 'deploy/grafana/dashboards/rtml-pipeline.json';
const dashboard = () =>
  JSON.parse(readFileSync(join(ROOT, FILE), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
const exported = new Set(
  new PipelineMetrics('dashboard-check').registry.getMetricsAsArray().map((m) => m.name),
);
const datasourceUid = (
  parse(
    readFileSync(join(ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
  ) as {
    datasources: { uid: string }[];
  }
).datasources[0]?.uid as string;

describe('Grafana dashboard', () => {
  it('queries only metrics the services export, through the provisioned datasource, and shows every required one', () => {
    expect(dashboardProblems(FILE, dashboard(), exported, datasourceUid)).toEqual([]);
  });

  it('names a panel querying a metric no service exports', () => {
    const broken = dashboard();
    const lag = broken.panels.find((p) => p.title === 'Consumer lag');
    if (lag?.targets?.[0]) lag.targets[0].expr = 'sum by (service) (rtml_consumer_lags)';
    const committed = dashboardProblems(FILE, dashboard(), exported, datasourceUid);
    const added = dashboardProblems(FILE, broken, exported, datasourceUid).filter(
      (problem) => !committed.includes(problem),
    );
    expect(added).toEqual([
      `${FILE}: panel "Consumer lag" queries rtml_consumer_lags, which no service exports (libs/observability)`,
      `${FILE} has no panel showing rtml_consumer_lag`,
    ]);
  });
});
