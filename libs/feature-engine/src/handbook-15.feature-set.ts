import type { FeatureSet, WindowFeatureDefinition } from './feature-set.model';
import { parseFeatureSet } from './feature-set.parser';

/** The reference's label delay: terminal risk windows end 7 days before the transaction. */
const TERMINAL_DELAY_DAYS = 7;
const WINDOWS_DAYS = [1, 7, 30] as const;

const customerWindows = (days: number): WindowFeatureDefinition[] => [
  {
    name: `CUSTOMER_ID_NB_TX_${days}DAY_WINDOW`,
    kind: 'window',
    entity: 'customerId',
    windowDays: days,
    delayDays: 0,
    aggregation: 'count',
    labelDriven: false,
  },
  {
    name: `CUSTOMER_ID_AVG_AMOUNT_${days}DAY_WINDOW`,
    kind: 'window',
    entity: 'customerId',
    windowDays: days,
    delayDays: 0,
    aggregation: 'mean',
    labelDriven: false,
  },
];

const terminalWindows = (days: number): WindowFeatureDefinition[] => [
  {
    name: `TERMINAL_ID_NB_TX_${days}DAY_WINDOW`,
    kind: 'window',
    entity: 'terminalId',
    windowDays: days,
    delayDays: TERMINAL_DELAY_DAYS,
    aggregation: 'count',
    labelDriven: false,
  },
  {
    name: `TERMINAL_ID_RISK_${days}DAY_WINDOW`,
    kind: 'window',
    entity: 'terminalId',
    windowDays: days,
    delayDays: TERMINAL_DELAY_DAYS,
    aggregation: 'ratio',
    labelDriven: true,
  },
];

/**
 * The handbook's 15 model inputs, with the reference's exact names and order (see
 * docs/fraud-reference.md). The names are API: trained models list them in their manifests.
 * Built through the parser, so the default set obeys the same rules as any configured one.
 */
export const HANDBOOK_15: FeatureSet = parseFeatureSet({
  name: 'handbook-15',
  version: 1,
  features: [
    { name: 'TX_AMOUNT', kind: 'amount' },
    { name: 'TX_DURING_WEEKEND', kind: 'weekend' },
    { name: 'TX_DURING_NIGHT', kind: 'night' },
    ...WINDOWS_DAYS.flatMap(customerWindows),
    ...WINDOWS_DAYS.flatMap(terminalWindows),
  ],
});
