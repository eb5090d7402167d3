import type { FeatureSet, WindowFeatureDefinition } from './feature-set.model';
import { parseFeatureSet } from './feature-set.parser';
import { HANDBOOK_15 } from './handbook-15.feature-set';

const customerMaxAmount = (days: number): WindowFeatureDefinition => ({
  name: `CUSTOMER_ID_MAX_AMOUNT_${days}DAY_WINDOW`,
  kind: 'window',
  entity: 'customerId',
  windowDays: days,
  delayDays: 0,
  aggregation: 'max',
  labelDriven: false,
});

/**
 * The handbook's 15 inputs plus the card's largest amount over the last 1, 7 and 30 days (the
 * current transaction included). Why: a compromised card's fraudulent amounts are about 5 times
 * its usual ones, so a card whose recent maximum jumps stands out at the card level, which is
 * what Card Precision@100 ranks. Uses no labels, so it cannot leak. Chosen on the
 * handbook-validation folds (docs/model-quality.md).
 */
export const HANDBOOK_15_MAX: FeatureSet = parseFeatureSet({
  name: 'handbook-15-max',
  version: 1,
  features: [...HANDBOOK_15.features, ...[1, 7, 30].map(customerMaxAmount)],
});
