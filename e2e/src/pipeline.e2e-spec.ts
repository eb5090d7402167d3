import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CONTENT_TYPES, HEADERS } from '@rtml/contracts';
import type { Prediction } from '@rtml/contracts';
import { eventually, findPython, pythonRequired } from '@rtml/testing';
import { API_KEY, WEBHOOK_SECRET, usePipeline } from './pipeline/pipeline.harness';
import { offlineVectors, syntheticStream } from './pipeline/synthetic.events';
import type { PipelineEvent, TransactionEvent } from './pipeline/synthetic.events';
import { isSignedWith } from './pipeline/webhook.receiver';

const AT = Date.UTC(2018, 6, 1, 12);
const DAY = 86_400_000;

const python = findPython(['numpy', 'onnx', 'sklearn']);
const pythonSkipped = 'missing' in python && !pythonRequired();
if (pythonSkipped)
  process.stderr.write(`the Python-trained model test is SKIPPED: ${python.missing}\n`);

function transaction(
  id: number,
  customer: string,
  amount: number,
  eventTime = AT,
): TransactionEvent {
  return {
    eventId: String(id),
    kind: 'TRANSACTION',
    eventTime,
    customerId: customer,
    terminalId: `t-${customer}`,
    amount,
  };
}

const avroRaw = (event: TransactionEvent) => ({
  ...event,
  transactionId: null,
  transactionTime: null,
  fraud: null,
  attributes: null,
});

describe('the pipeline, four services as processes on the real stack', () => {
  const pipeline = usePipeline();

  const predictionsOf = (ids: readonly string[]) => {
    const wanted = new Set(ids);
    return pipeline.predictions().filter((prediction) => wanted.has(prediction.eventId));
  };
  const waitForPredictions = (ids: readonly string[], timeoutMs = 60_000) =>
    eventually(
      () => {
        const seen = new Set(predictionsOf(ids).map((prediction) => prediction.eventId));
        if (seen.size < ids.length) throw new Error(`${seen.size}/${ids.length} predicted`);
      },
      { timeoutMs, intervalMs: 200, description: 'every event to be predicted' },
    );
  const waitForItems = (ids: readonly string[]) =>
    eventually(
      async () => {
        for (const id of ids)
          if ((await pipeline.storedItem(id)) === undefined) throw new Error(`${id} is not stored`);
      },
      { timeoutMs: 60_000, intervalMs: 300, description: 'every prediction to be stored' },
    );
  const send = async (events: readonly PipelineEvent[]) => {
    for (let start = 0; start < events.length; start += 500) {
      const response = await pipeline.postEvents(events.slice(start, start + 500));
      expect(response.status).toBe(202);
    }
  };

  it('turns events sent over HTTP and produced to Kafka (JSON and Avro) into one prediction and one stored item each', async () => {
    const overHttp = Array.from({ length: 20 }, (_, i) =>
      transaction(1 + i, `c-http-${i % 5}`, 20 + i, AT + i * 1000),
    );
    const asJson = Array.from({ length: 10 }, (_, i) =>
      transaction(101 + i, `c-json-${i % 3}`, 30 + i),
    );
    const asAvro = Array.from({ length: 10 }, (_, i) =>
      transaction(201 + i, `c-avro-${i % 3}`, 40 + i),
    );

    expect((await pipeline.postEvents(overHttp)).status).toBe(202);
    await pipeline.produceRaw([
      ...asJson.map((event) => ({
        key: event.customerId,
        value: Buffer.from(JSON.stringify(event)),
        headers: { [HEADERS.contentType]: CONTENT_TYPES.json },
      })),
      ...(await Promise.all(
        asAvro.map(async (event) => ({
          key: event.customerId,
          value: await pipeline.encodeRawAvro(avroRaw(event)),
        })),
      )),
    ]);

    const ids = [...overHttp, ...asJson, ...asAvro].map((event) => event.eventId);
    await waitForPredictions(ids);
    await waitForItems(ids);
    const item = await pipeline.storedItem('1');
    expect(item).toMatchObject({
      eventId: '1',
      entityId: 'c-http-0',
      modelName: 'card-fraud',
      modelVersion: '1',
    });
    const prediction = predictionsOf(['1'])[0] as Prediction;
    expect(prediction.features.map((feature) => feature.name)).toHaveLength(15);
    expect(prediction.timings.ingestedAt).toBeLessThanOrEqual(prediction.timings.scoredAt);
  });

  it('dead-letters invalid records with their reasons and loses none of the valid ones beside them', async () => {
    const valid = transaction(301, 'c-dlq', 25);
    await pipeline.produceRaw([
      { key: 'x', value: Buffer.from('{not json'), headers: { [HEADERS.eventId]: 'bad-json' } },
      {
        key: 'c-dlq',
        value: Buffer.from(JSON.stringify({ ...transaction(302, 'c-dlq', 25), amount: -3 })),
      },
      {
        key: 'c-dlq',
        value: Buffer.from(
          JSON.stringify({ ...transaction(303, 'c-dlq', 25), customerId: undefined }),
        ),
      },
      { key: 'c-dlq', value: Buffer.from(JSON.stringify(valid)) },
    ]);
    const rejected = await pipeline.postEvents([
      transaction(304, 'c-dlq', 25),
      { ...transaction(305, 'c-dlq', 1), amount: 'ten' },
    ]);

    await waitForPredictions([valid.eventId]);
    const letters = await eventually(() => {
      const mine = pipeline
        .deadLetters()
        .filter((letter) => letter.value.originalTopic === pipeline.topic('rawEvents'));
      if (mine.length < 3) throw new Error(`${mine.length} dead letters`);
      return mine;
    });
    expect(letters.map((letter) => letter.value.errorCode).sort()).toEqual([
      'OUT_OF_RANGE',
      'SCHEMA_INVALID',
      'UNDECODABLE',
    ]);
    expect(
      letters.find((letter) => letter.value.errorCode === 'OUT_OF_RANGE')?.value.details,
    ).toContainEqual(expect.objectContaining({ path: 'amount' }));
    for (const letter of letters) {
      expect(letter.headers[HEADERS.sourceTopic]).toBe(pipeline.topic('rawEvents'));
      expect(letter.value.reason.length).toBeGreaterThan(0);
    }
    expect(rejected.status).toBe(400);
    expect(JSON.stringify(await rejected.json())).toContain('amount');
    expect(predictionsOf(['304', '305'])).toEqual([]);
  });

  it('fires exactly one alert and one signed webhook call for a high-risk entity within the cooldown', async () => {
    const risky = transaction(401, 'c-risky', 4_800);
    const again = transaction(402, 'c-risky', 5_200, AT + 600_000);
    await send([risky]);
    await waitForPredictions([risky.eventId]);
    await send([again]);
    await waitForPredictions([again.eventId]);

    expect(predictionsOf(['401', '402']).map((prediction) => prediction.decision)).toEqual([
      'ALERT',
      'ALERT',
    ]);
    const call = await eventually(() => {
      const calls = pipeline.webhook.calls.filter((c) => c.body.includes('"c-risky"'));
      if (calls.length === 0) throw new Error('no webhook call yet');
      return calls;
    });
    await waitForItems(['402']);
    const alerts = pipeline.alerts().filter((alert) => alert.entityId === 'c-risky');
    expect(alerts.map((alert) => alert.eventId)).toEqual(['401']);
    expect(call).toHaveLength(1);
    expect(isSignedWith(call[0]!, WEBHOOK_SECRET)).toBe(true);
  });

  it('switches to a newly promoted champion mid-stream with no event lost or scored twice', async () => {
    const before = Array.from({ length: 200 }, (_, i) =>
      transaction(1_000 + i, `c-swap-${i % 20}`, 10 + (i % 90)),
    );
    await send(before);
    const version = await pipeline.models.release(2);
    let next = 1_200;
    const after: TransactionEvent[] = [];
    await eventually(
      async () => {
        const batch = Array.from({ length: 20 }, () =>
          transaction(next, `c-swap-${next++ % 20}`, 33),
        );
        after.push(...batch);
        await send(batch);
        if (!pipeline.predictions().some((prediction) => prediction.model.version === version))
          throw new Error(`version ${version} has not scored yet`);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const ids = [...before, ...after].map((event) => event.eventId);
    await waitForPredictions(ids);

    const predictions = predictionsOf(ids);
    expect(predictions).toHaveLength(ids.length);
    expect(new Set(predictions.map((prediction) => prediction.model.version))).toEqual(
      new Set(['1', version]),
    );
  });

  (pythonSkipped ? it.skip : it)(
    `serves a model trained with scikit-learn and imported with model import, as its own${
      'missing' in python ? ` (skipped: ${python.missing})` : ''
    }`,
    async () => {
      if ('missing' in python) throw new Error(`RTML_REQUIRE_PYTHON=1, but ${python.missing}`);
      const version = await pipeline.models.releaseFromPython(python.command);
      let next = 900_000;
      const sent: TransactionEvent[] = [];
      await eventually(
        async () => {
          const batch = Array.from({ length: 20 }, () =>
            transaction(next, `c-py-${next++ % 20}`, 25 + (next % 70)),
          );
          sent.push(...batch);
          await send(batch);
          if (!pipeline.predictions().some((prediction) => prediction.model.version === version))
            throw new Error(`the imported version ${version} has not scored yet`);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      const ids = sent.map((event) => event.eventId);
      await waitForPredictions(ids);

      const served = predictionsOf(ids).filter((p) => p.model.version === version);
      expect(served.length).toBeGreaterThan(0);
      for (const prediction of served) {
        expect(prediction.score).toBeGreaterThanOrEqual(0);
        expect(prediction.score).toBeLessThanOrEqual(1);
      }
    },
    180_000,
  );

  it('gives the offline engine’s exact features to every event, across a graceful restart of the features service', async () => {
    const stream = syntheticStream({
      firstId: 100_000,
      customers: 12,
      terminals: 6,
      days: 30,
      seed: 9,
    });
    const expected = offlineVectors(stream);
    const idsOf = (events: readonly PipelineEvent[]) =>
      events.flatMap((event) => (event.kind === 'TRANSACTION' ? [event.eventId] : []));
    // A day of events at a time, each day's outcomes awaited: no partition runs more than a day
    // ahead of another, well under the 7-day delay exactness across partitions needs.
    const days = new Map<number, PipelineEvent[]>();
    for (const event of stream) {
      // Labels travel a day ahead of their time (see syntheticStream): group them by when sent.
      const sentAt = event.eventTime - (event.kind === 'LABEL' ? 86_400_000 : 0);
      const day = Math.floor(sentAt / 86_400_000);
      days.set(day, [...(days.get(day) ?? []), event]);
    }
    const byDay = [...days.values()];
    for (const [index, events] of byDay.entries()) {
      if (index === 10) {
        pipeline.service('features').signal('SIGTERM');
        await expect(pipeline.service('features').exited()).resolves.toBe(0);
        await send(events); // accepted by ingest while features is down
        await pipeline.start('features');
      } else {
        await send(events);
      }
      await waitForPredictions(idsOf(events));
    }

    const ids = idsOf(stream);
    await waitForPredictions(ids, 120_000);
    await waitForItems(ids);
    const predictions = predictionsOf(ids);
    expect(predictions).toHaveLength(ids.length);
    const mismatches = predictions.filter(
      (prediction) =>
        JSON.stringify(prediction.features.map((f) => f.value)) !==
        JSON.stringify(expected.get(prediction.eventId)),
    );
    expect(mismatches.map((prediction) => prediction.eventId)).toEqual([]);
    expect(
      predictions.some((prediction) =>
        prediction.features.some((f) => f.name.includes('RISK') && f.value > 0),
      ),
    ).toBe(true);
  });

  it('serves stored scores through the authenticated API', async () => {
    const url = pipeline.service('actions').url;
    const byId = await fetch(`${url}/v1/scores/1`, { headers: { 'x-api-key': API_KEY } });
    const unauthorised = await fetch(`${url}/v1/scores/1`);
    const byEntity = await fetch(`${url}/v1/entities/c-http-0/scores?limit=2`, {
      headers: { 'x-api-key': API_KEY },
    });

    expect(byId.status).toBe(200);
    expect(unauthorised.status).toBe(401);
    const page = (await byEntity.json()) as {
      items: { eventId: string }[];
      nextCursor: string | null;
    };
    expect(page.items.map((item) => item.eventId)).toEqual(['1', '6']);
    expect(page.nextCursor).not.toBeNull();
  });

  it('measures champion and challenger on matured events, compares them, and refuses a promotion without enough evidence', async () => {
    const challenger = await pipeline.models.release(5, 'challenger');
    // Events of ten days before the rest of the suite's (AT): the event clock, at AT, has
    // passed their label delay, so they are matured once stored. New customers: their windows
    // start with these events.
    const from = AT - 10 * DAY;
    let next = 950_000;
    const sent: TransactionEvent[] = [];
    await eventually(
      async () => {
        const batch = Array.from({ length: 20 }, () =>
          transaction(next, `c-q-${next % 30}`, 10 + (next++ % 120), from + (next % 3_600) * 1_000),
        );
        sent.push(...batch);
        await send(batch);
        const shadowed = predictionsOf(sent.map((event) => event.eventId)).filter(
          (prediction) => prediction.shadow?.model.version === challenger,
        );
        if (shadowed.length < 100)
          throw new Error(`${shadowed.length} shadow-scored by ${challenger}`);
      },
      {
        timeoutMs: 90_000,
        intervalMs: 250,
        description: 'the challenger to shadow-score 100 events',
      },
    );
    const ids = sent.map((event) => event.eventId);
    await waitForPredictions(ids);
    await waitForItems(ids);
    const frauds = sent.filter((_, i) => i % 10 === 0);
    await send(
      frauds.map((event) => ({
        eventId: `lbl-${event.eventId}`,
        kind: 'LABEL',
        eventTime: event.eventTime + DAY,
        customerId: event.customerId,
        terminalId: event.terminalId,
        transactionId: event.eventId,
        transactionTime: event.eventTime,
        fraud: true,
      })),
    );
    const shadowed = predictionsOf(ids).filter((p) => p.shadow?.model.version === challenger);
    const day = new Date(from).toISOString().slice(0, 10);
    const env = {
      ...process.env,
      ACTIONS_URL: pipeline.service('actions').url,
      SCORES_API_KEY: API_KEY,
      MODEL_BUCKET: pipeline.env()['MODEL_BUCKET'],
    };
    const model = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--conditions=@rtml/source',
          '--import',
          'tsx',
          'tools/ml/src/model/model.cli.ts',
          ...args,
        ],
        {
          cwd: resolve(__dirname, '../..'),
          env,
          encoding: 'utf8',
        },
      );
    const lastJson = (stdout: string) =>
      JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

    await eventually(
      () => {
        const quality = model(['quality', '--name', 'card-fraud', '--from', day, '--to', day]);
        expect(quality.status).toBe(0);
        const versions = lastJson(quality.stdout)['versions'] as Array<{
          version: string;
          role: string;
          overall: { events: number; frauds: number };
        }>;
        const asChallenger = versions.find(
          (v) => v.version === challenger && v.role === 'challenger',
        );
        expect(asChallenger?.overall).toMatchObject({
          events: shadowed.length,
          frauds: frauds.filter((f) => shadowed.some((p) => p.eventId === f.eventId)).length,
        });
      },
      { timeoutMs: 30_000, intervalMs: 1_000, description: 'the labels to be joined' },
    );

    const compare = model([
      'compare',
      '--name',
      'card-fraud',
      '--from',
      day,
      '--to',
      day,
      '--resamples',
      '200',
    ]);
    expect(compare.status).toBe(0);
    expect(lastJson(compare.stdout)).toMatchObject({
      challenger,
      comparison: { events: shadowed.length, resamples: 200 },
    });
    expect(compare.stdout).toContain('| AUC ROC |');

    const championBefore = await pipeline.models.registry.resolveAlias('card-fraud', 'champion');
    const promote = model([
      'promote',
      '--name',
      'card-fraud',
      '--if-better',
      'auc',
      '--from',
      day,
      '--to',
      day,
    ]);
    expect(promote.status).toBe(1);
    expect(promote.stderr).toContain(
      `version ${challenger} of card-fraud not promoted: not enough matured evidence: ${shadowed.length} events`,
    );
    expect(lastJson(promote.stdout)).toMatchObject({ promoted: false, version: challenger });
    expect((await pipeline.models.registry.resolveAlias('card-fraud', 'champion')).pointer).toEqual(
      championBefore.pointer,
    );
  }, 240_000);

  it('predicted no event twice over the whole run', () => {
    const counts = new Map<string, number>();
    for (const prediction of pipeline.predictions())
      counts.set(prediction.eventId, (counts.get(prediction.eventId) ?? 0) + 1);

    expect([...counts].filter(([, count]) => count > 1)).toEqual([]);
  });
});
