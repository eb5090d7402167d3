import type { ModelAlert } from '../generated/contract.types';

/** A drift alert: the amount of a champion's inputs moved past the high threshold. */
export const modelAlertFixture: ModelAlert = {
  alertId: 'model-alert-2f0c9a1e',
  kind: 'DRIFT',
  model: { name: 'card-fraud', version: '3' },
  role: 'champion',
  input: 'TX_AMOUNT',
  psi: 0.4125,
  threshold: 0.25,
  events: 12_000,
  windowFrom: 1_535_673_600_000,
  windowTo: 1_535_760_000_000,
};
