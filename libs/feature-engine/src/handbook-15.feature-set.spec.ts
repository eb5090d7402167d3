import { deriveStateRequirements } from './entity-state.requirements';
import { HANDBOOK_15 } from './handbook-15.feature-set';

describe('HANDBOOK_15', () => {
  it('lists the reference inputs with their exact names, in the reference order', () => {
    expect(HANDBOOK_15.features.map((feature) => feature.name)).toEqual([
      'TX_AMOUNT',
      'TX_DURING_WEEKEND',
      'TX_DURING_NIGHT',
      'CUSTOMER_ID_NB_TX_1DAY_WINDOW',
      'CUSTOMER_ID_AVG_AMOUNT_1DAY_WINDOW',
      'CUSTOMER_ID_NB_TX_7DAY_WINDOW',
      'CUSTOMER_ID_AVG_AMOUNT_7DAY_WINDOW',
      'CUSTOMER_ID_NB_TX_30DAY_WINDOW',
      'CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW',
      'TERMINAL_ID_NB_TX_1DAY_WINDOW',
      'TERMINAL_ID_RISK_1DAY_WINDOW',
      'TERMINAL_ID_NB_TX_7DAY_WINDOW',
      'TERMINAL_ID_RISK_7DAY_WINDOW',
      'TERMINAL_ID_NB_TX_30DAY_WINDOW',
      'TERMINAL_ID_RISK_30DAY_WINDOW',
    ]);
    expect([HANDBOOK_15.name, HANDBOOK_15.version]).toEqual(['handbook-15', 1]);
  });

  it('delays every terminal window by 7 days and no customer window', () => {
    const delays = HANDBOOK_15.features.flatMap((feature) =>
      feature.kind === 'window' ? [`${feature.entity}:${feature.delayDays}`] : [],
    );

    expect(new Set(delays)).toEqual(new Set(['customerId:0', 'terminalId:7']));
  });

  it('keeps 30 days of customer state and 37 days of labelled terminal state', () => {
    expect(deriveStateRequirements(HANDBOOK_15)).toEqual([
      { entity: 'customerId', horizonSeconds: 30 * 86_400, needsLabels: false },
      { entity: 'terminalId', horizonSeconds: 37 * 86_400, needsLabels: true },
    ]);
  });

  it('is frozen so no caller can change the shared default', () => {
    expect(Object.isFrozen(HANDBOOK_15.features[3])).toBe(true);
  });
});
