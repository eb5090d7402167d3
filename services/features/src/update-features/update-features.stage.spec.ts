import { topicName, valueSubject } from '@rtml/contracts';
import type { EnrichedEvent } from '@rtml/contracts';
import { labelFixture, transactionFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15, compileFeaturePlan } from '@rtml/feature-engine';
import { StageTestDriver } from '@rtml/kafka/testing';
import type { Logger } from '@rtml/observability';
import { FeatureRecordParser } from './feature-record.parser';
import { updateFeaturesStage } from './update-features.stage';
import type { FeatureStateGate } from './update-features.stage';
import { StateEpochChanged } from './window-store.model';
import type { WindowOutcome, WindowStore, WindowWrite } from './window-store.model';

const PREFIX = 'unit';
const TRANSACTIONS = topicName('transactions', PREFIX);
const LABELS = topicName('labels', PREFIX);
const ENRICHED = topicName('enrichedEvents', PREFIX);
const plan = compileFeaturePlan(HANDBOOK_15);

/** A store with no windows, recording the epoch each batch ran against, or failing as told. */
class ScriptedStore implements WindowStore {
  readonly epochs: string[] = [];
  foundEpoch: string | undefined;
  /** Every outcome is late. */
  late = false;
  /** Transactions with these event ids come back as producer duplicates. */
  readonly duplicates = new Set<string>();

  async apply(writes: readonly WindowWrite[], epoch: string): Promise<WindowOutcome[]> {
    this.epochs.push(epoch);
    if (this.foundEpoch !== undefined) throw new StateEpochChanged(epoch, this.foundEpoch);
    const late = this.late;
    return writes.map((write) =>
      write.kind === 'label'
        ? { kind: 'label', status: 'applied', late }
        : this.duplicates.has(write.event.eventId)
          ? { kind: 'duplicate', firstSource: `${TRANSACTIONS}:0:1` }
          : { kind: 'scored', redelivered: false, entries: {}, late },
    );
  }
}

/** The log lines the stage wrote, as (level, message, fields). */
class RecordingLogger implements Logger {
  readonly lines: [string, string | undefined, object][] = [];
  fatal = (obj: object, msg?: string) => void this.lines.push(['fatal', msg, obj]);
  error = (obj: object, msg?: string) => void this.lines.push(['error', msg, obj]);
  warn = (obj: object, msg?: string) => void this.lines.push(['warn', msg, obj]);
  info = (obj: object, msg?: string) => void this.lines.push(['info', msg, obj]);
  debug = (obj: object, msg?: string) => void this.lines.push(['debug', msg, obj]);
  trace = (obj: object, msg?: string) => void this.lines.push(['trace', msg, obj]);
  child = (): Logger => this;
}

/** The guard's side, as the stage sees it. */
class ScriptedGate implements FeatureStateGate {
  epoch: string | undefined = 'e-1';
  readonly changes: StateEpochChanged[] = [];

  current = async () => {
    if (this.epoch === undefined) throw new Error('the feature state is being rebuilt');
    return this.epoch;
  };
  changed = (error: StateEpochChanged) => void this.changes.push(error);
}

describe('the features stage, broker-free, around the state epoch', () => {
  const store = new ScriptedStore();
  const state = new ScriptedGate();
  const logger = new RecordingLogger();
  const driver = new StageTestDriver(
    (codec) =>
      updateFeaturesStage({
        parser: new FeatureRecordParser(codec, {
          transactionsTopic: TRANSACTIONS,
          labelsTopic: LABELS,
          entityFields: ['customerId', 'terminalId'],
          labelEntityFields: ['terminalId'],
        }),
        store,
        state,
        plan,
        enriched: { topic: ENRICHED, subject: valueSubject('enrichedEvents', PREFIX) },
        logger,
      }),
    { prefix: PREFIX },
  );
  const transaction = async (eventId: string) => ({
    key: transactionFixture.customerId,
    value: await driver.avro(valueSubject('transactions', PREFIX), {
      ...transactionFixture,
      eventId,
    }),
  });
  beforeEach(() => {
    state.epoch = 'e-1';
    store.foundEpoch = undefined;
    store.late = false;
    store.duplicates.clear();
    logger.lines.length = 0;
  });

  it('logs one line per batch for its late events and one for its duplicates, with counts and the first of each', async () => {
    store.late = true;
    store.duplicates.add('d1').add('d2');

    await driver.pipe(TRANSACTIONS, [
      await transaction('d1'),
      await transaction('late-1'),
      await transaction('d2'),
      await transaction('late-2'),
      await transaction('late-3'),
    ]);

    expect(logger.lines).toEqual([
      [
        'info',
        'duplicate events dropped',
        {
          duplicates: 2,
          first: expect.objectContaining({ eventId: 'd1', firstSource: `${TRANSACTIONS}:0:1` }),
        },
      ],
      [
        'warn',
        'events arrived too late for exact features',
        {
          transactions: 3,
          labels: 0,
          first: expect.objectContaining({ topic: TRANSACTIONS, eventId: 'late-1' }),
        },
      ],
    ]);
  });

  it('runs each batch against the epoch of the whole state and emits one vector per transaction', async () => {
    const result = await driver.pipe(TRANSACTIONS, [
      await transaction('a'),
      await transaction('b'),
    ]);
    const labels = await driver.pipe(LABELS, [
      { value: await driver.avro(valueSubject('labels', PREFIX), labelFixture) },
    ]);

    expect(store.epochs.slice(-2)).toEqual(['e-1', 'e-1']);
    expect(result.outputs<EnrichedEvent>(ENRICHED).map((o) => o.value.eventId)).toEqual(['a', 'b']);
    expect(labels.records).toEqual([]);
  });

  it('emits nothing for a batch whose scripts found the state gone, reports it, and fails it retriably', async () => {
    store.foundEpoch = '';

    const failure = await driver
      .pipe(TRANSACTIONS, [await transaction('c')])
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StateEpochChanged);
    expect(failure).toMatchObject({ retriable: true, expected: 'e-1', found: '' });
    expect(state.changes).toEqual([failure]);
  });

  it('does not touch the store while the state is being rebuilt', async () => {
    state.epoch = undefined;
    const calls = store.epochs.length;

    await expect(driver.pipe(TRANSACTIONS, [await transaction('d')])).rejects.toThrow(
      'the feature state is being rebuilt',
    );
    expect(store.epochs).toHaveLength(calls);
  });
});
