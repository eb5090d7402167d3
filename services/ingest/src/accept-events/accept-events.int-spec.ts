import { HEADERS } from '@rtml/contracts';
import { eventually, freePort, testEndpoints, uniqueId, useKafka } from '@rtml/testing';
import { IngestHarness } from '../ingest.int-harness';

const HOUR_MS = 3_600_000;

const transaction = (eventId: string, customerId: string, fields: object = {}) => ({
  eventId,
  kind: 'TRANSACTION',
  eventTime: Date.now() - HOUR_MS,
  customerId,
  terminalId: 'terminal-9',
  amount: 42.5,
  ...fields,
});

const label = (eventId: string, customerId: string, transactionId: string) => ({
  eventId,
  kind: 'LABEL',
  eventTime: Date.now(),
  customerId,
  terminalId: 'terminal-9',
  transactionId,
  transactionTime: Date.now() - HOUR_MS,
  fraud: true,
});

describe('POST /v1/events', () => {
  const kafka = useKafka();

  // Nested, so the service stops before useKafka deletes the suite's topics and groups.
  describe('on a running ingest service', () => {
    let ingest: IngestHarness;
    beforeAll(async () => {
      ingest = await IngestHarness.start(kafka, testEndpoints().kafkaBrokers, await freePort());
    });
    afterAll(() => ingest?.stop());

    it('answers 202 to a valid batch and publishes every event decoded, keyed by customer', async () => {
      const id = uniqueId('e');
      const first = transaction(`${id}-1`, `${id}-alice`, { attributes: { channel: 'web' } });
      const second = transaction(`${id}-2`, `${id}-bob`);
      const chargeback = label(`${id}-3`, `${id}-alice`, first.eventId);

      const response = await ingest.post([first, second, chargeback], { 'x-trace-id': `tr-${id}` });

      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 3, transactions: 2, labels: 1 });
      expect(response.headers.get('x-trace-id')).toBe(`tr-${id}`);
      const ids = [first.eventId, second.eventId, chargeback.eventId];
      const outputs = await eventually(() => {
        const found = [...ingest.outputs('transactions', ids), ...ingest.outputs('labels', ids)];
        if (found.length < 3) throw new Error(`${found.length} of 3 events published`);
        return found.sort((a, b) =>
          String(a.value['eventId']).localeCompare(String(b.value['eventId'])),
        );
      });
      const stamp = { ingestedAt: expect.any(Number), source: 'HTTP' };
      expect(outputs.map((record) => [record.topic, record.key, record.value])).toEqual([
        [ingest.topic('transactions'), first.customerId, { ...first, kind: undefined, ...stamp }],
        [
          ingest.topic('transactions'),
          second.customerId,
          { ...second, kind: undefined, attributes: {}, ...stamp },
        ],
        [
          ingest.topic('labels'),
          chargeback.customerId,
          { ...chargeback, kind: undefined, ...stamp },
        ],
      ]);
      for (const record of outputs) {
        // The producer is the topic's one producer (the catalog): no rtml-service per record.
        expect(record.headers).toEqual({
          [HEADERS.eventId]: record.value['eventId'],
          [HEADERS.traceId]: `tr-${id}`,
        });
      }
    });

    it('answers 400 listing every problem of every bad item, and publishes none of the batch', async () => {
      const id = uniqueId('e');
      const customer = `${id}-carol`;
      const good = transaction(`${id}-good`, customer);
      const bad = transaction(`${id}-bad`, customer, { amount: -1, currency: 'EUR' });

      const response = await ingest.post([good, bad]);

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: 'SCHEMA_INVALID',
        message: '1 of 2 events are invalid; none was accepted',
        details: {
          items: [
            {
              index: 1,
              eventId: bad.eventId,
              code: 'SCHEMA_INVALID',
              errors: [
                { path: 'amount', message: 'must not be negative' },
                { path: 'currency', message: 'is not a field of a raw event' },
              ],
            },
          ],
        },
      });
      // Same customer, so same partition: once the marker is out, anything before it would be too.
      const marker = transaction(`${id}-marker`, customer);
      expect((await ingest.post(marker)).status).toBe(202);
      await eventually(
        () =>
          ingest.outputs('transactions', [marker.eventId])[0] ??
          Promise.reject(new Error('no marker yet')),
      );
      expect(ingest.outputs('transactions', [good.eventId, bad.eventId])).toEqual([]);
    });

    it('answers 400 UNDECODABLE to a body that is not JSON', async () => {
      const response = await ingest.post('{"eventId": "e-1",');

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'UNDECODABLE' });
    });

    it('answers 413 RECORD_TOO_LARGE with the error body to a body over the 1 MiB limit', async () => {
      const response = await ingest.post(`[${'"x",'.repeat(300_000)}"x"]`);

      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        code: 'RECORD_TOO_LARGE',
        message: expect.stringContaining('HTTP_BODY_LIMIT_BYTES'),
      });
    });

    it('answers 400 REQUEST_INVALID, naming the limit, to more than 1000 events', async () => {
      const id = uniqueId('e');
      const events = Array.from({ length: 1_001 }, (_, i) => transaction(`${id}-${i}`, 'dave'));

      const response = await ingest.post(events);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'REQUEST_INVALID',
        message: expect.stringContaining('the limit is 1000 per request'),
      });
    });
  });
});

describe('POST /v1/events when Kafka does not take the batch', () => {
  const kafka = useKafka();

  describe('on an ingest service whose transactions topic is missing', () => {
    let ingest: IngestHarness;
    beforeAll(async () => {
      const port = await freePort();
      ingest = await IngestHarness.start(kafka, testEndpoints().kafkaBrokers, port, ['rawEvents']);
    });
    afterAll(() => ingest?.stop());

    it('answers 503 DEPENDENCY_UNAVAILABLE, so the client retries later', async () => {
      const response = await ingest.post(transaction(uniqueId('e'), 'irene'));

      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    });
  });
});
