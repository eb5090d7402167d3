import { PipelineMetrics } from './pipeline.metrics';

describe('PipelineMetrics', () => {
  it('labels every series with the service and exposes them in the Prometheus text format', async () => {
    const metrics = new PipelineMetrics('ingest');
    metrics.recordsConsumed.inc({ topic: 'events.raw' }, 3);
    metrics.errors.inc({ code: 'SCHEMA_INVALID', retriable: 'false' });

    const text = await metrics.registry.metrics();

    expect(text).toContain('rtml_records_consumed_total{topic="events.raw",service="ingest"} 3');
    expect(text).toContain(
      'rtml_errors_total{code="SCHEMA_INVALID",retriable="false",service="ingest"} 1',
    );
    expect(text).toContain('rtml_process_resident_memory_bytes');
  });

  it('records a stage duration even when the work throws', async () => {
    const metrics = new PipelineMetrics('scoring');

    await expect(
      metrics.time('score', () => Promise.reject(new Error('model crashed'))),
    ).rejects.toThrow('model crashed');

    const histogram = await metrics.stageDuration.get();
    const count = histogram.values.find(
      (v) => v.metricName === 'rtml_stage_duration_seconds_count',
    );
    expect(count?.value).toBe(1);
  });
});
