import { parsePrometheusText, sampleValue } from './prometheus-text.parser';

const PAGE = [
  '# HELP rtml_model_drift_psi PSI of each input',
  '# TYPE rtml_model_drift_psi gauge',
  'rtml_model_drift_psi{role="champion",model="card-fraud",version="3",input="TX_AMOUNT"} 0.012',
  'rtml_model_drift_psi{role="champion",model="card-fraud",version="3",input="score"} 0.0007',
  'rtml_model_drift_psi{role="challenger",model="card-fraud",version="4",input="score"} 0.3',
  'process_start_time_seconds 1764763200',
  'rtml_odd{path="a \\"quoted\\" \\\\ value"} +Inf',
  '',
].join('\n');

describe('the Prometheus text parser', () => {
  it('reads every sample with its labels, skipping comments and blank lines', () => {
    const samples = parsePrometheusText(PAGE);

    expect(samples.map((s) => s.name)).toEqual([
      'rtml_model_drift_psi',
      'rtml_model_drift_psi',
      'rtml_model_drift_psi',
      'process_start_time_seconds',
      'rtml_odd',
    ]);
    expect(samples[0]).toEqual({
      name: 'rtml_model_drift_psi',
      labels: { role: 'champion', model: 'card-fraud', version: '3', input: 'TX_AMOUNT' },
      value: 0.012,
    });
    expect(samples[3]).toEqual({
      name: 'process_start_time_seconds',
      labels: {},
      value: 1764763200,
    });
    expect(samples[4]).toEqual({
      name: 'rtml_odd',
      labels: { path: 'a "quoted" \\ value' },
      value: Infinity,
    });
  });

  it('finds the first sample whose labels include the ones asked for', () => {
    expect(sampleValue(PAGE, 'rtml_model_drift_psi', { input: 'score' })).toBe(0.0007);
    expect(sampleValue(PAGE, 'rtml_model_drift_psi', { role: 'challenger' })).toBe(0.3);
    expect(sampleValue(PAGE, 'process_start_time_seconds')).toBe(1764763200);
    expect(sampleValue(PAGE, 'rtml_model_drift_psi', { input: 'nope' })).toBeUndefined();
    expect(sampleValue(PAGE, 'rtml_missing')).toBeUndefined();
  });
});
