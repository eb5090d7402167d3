import { randomBytes } from 'node:crypto';
import { HEADERS } from '@rtml/contracts';
import { hashApiKey } from '@rtml/service-runtime';
import { eventually, freePort, testEndpoints, uniqueId, useKafka } from '@rtml/testing';
import { rawLabel, rawTransaction } from '../ingest-event/raw-event.fixture';
import { IngestHarness } from '../ingest.int-harness';
import type { ObservedRecord } from '../ingest.int-harness';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const newKey = () => randomBytes(24).toString('base64url');

describe('producer authentication', () => {
  const kafka = useKafka();
  // Generated per run: nothing here is a real credential.
  const keys = { pos: newKey(), labeller: newKey(), limited: newKey() };
  const keySet = [
    { id: 'pos', sha256: hashApiKey(keys.pos), scopes: ['TRANSACTION'] },
    { id: 'labeller', sha256: hashApiKey(keys.labeller), scopes: ['TRANSACTION', 'LABEL'] },
    {
      id: 'limited',
      sha256: hashApiKey(keys.limited),
      scopes: ['TRANSACTION'],
      rateLimit: { rate: 0.25, burst: 2 },
    },
  ];

  // Nested, so the service stops before useKafka deletes the suite's topics and groups.
  describe('on an ingest service with a key set', () => {
    let ingest: IngestHarness;
    const observed = (count: number, find: (record: ObservedRecord) => boolean) =>
      eventually(() => {
        const found = ingest.observed.filter(find);
        if (found.length < count) throw new Error(`${found.length} of ${count} records out`);
        return found;
      });
    beforeAll(async () => {
      ingest = await IngestHarness.start(
        kafka,
        testEndpoints().kafkaBrokers,
        await freePort(),
        undefined,
        { INGEST_API_KEYS: JSON.stringify(keySet), HTTP_MAX_JSON_DEPTH: '4' },
      );
    });
    afterAll(() => ingest?.stop());

    it('answers 401 without a key or with an unknown one, and leaves health and metrics open', async () => {
      const id = uniqueId('a');
      const event = rawTransaction(`${id}-1`, `${id}-ann`, 10);
      for (const headers of [{ 'x-api-key': '' }, { 'x-api-key': 'dev-producer-key' }]) {
        const response = await ingest.post([event], headers);
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      }
      expect((await fetch(`${ingest.url}/health/live`)).status).toBeLessThan(300);
      expect((await fetch(`${ingest.url}/metrics`)).status).toBe(200);
    });

    it('answers 403 naming LABEL to a transactions-only key, and publishes none of the request', async () => {
      const id = uniqueId('f');
      const sale = rawTransaction(`${id}-1`, `${id}-ben`, 10);
      const chargeback = rawLabel(`${id}-2`, `${id}-ben`, sale.eventId);

      const refused = await ingest.post([sale, chargeback], { 'x-api-key': keys.pos });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('LABEL'),
      });

      // A later request of the same producer is published: so the refused one would have been by now.
      const marker = rawTransaction(`${id}-3`, `${id}-ben`, 11);
      expect((await ingest.post([marker], { 'x-api-key': keys.pos })).status).toBe(202);
      await observed(1, (record) => record.headers[HEADERS.eventId] === marker.eventId);
      const ids = [sale.eventId, chargeback.eventId];
      expect([...ingest.outputs('transactions', ids), ...ingest.outputs('labels', ids)]).toEqual(
        [],
      );

      const granted = await ingest.post([chargeback], { 'x-api-key': keys.labeller });
      expect(granted.status).toBe(202);
    });

    it('answers 429 with Retry-After once a key spends its burst, counted in events', async () => {
      const id = uniqueId('r');
      const events = [1, 2].map((n) => rawTransaction(`${id}-${n}`, `${id}-cy`, n));
      expect((await ingest.post(events, { 'x-api-key': keys.limited })).status).toBe(202);

      const limited = await ingest.post([rawTransaction(`${id}-3`, `${id}-cy`, 3)], {
        'x-api-key': keys.limited,
      });
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
      // One token at 0.25 per second: 4 s, in whole seconds.
      expect(Number(limited.headers.get('retry-after'))).toBe(4);
      // Another key is not held back by it.
      const other = await ingest.post([rawTransaction(`${id}-4`, `${id}-cy`, 4)], {
        'x-api-key': keys.pos,
      });
      expect(other.status).toBe(202);
    });

    it('answers 400 to a body nested past HTTP_MAX_JSON_DEPTH and 413 to one over the body limit', async () => {
      const id = uniqueId('d');
      const deep = rawTransaction(`${id}-1`, `${id}-di`, 1);
      const response = await ingest.post([{ ...deep, attributes: { a: { b: { c: 'd' } } } }], {
        'x-api-key': keys.pos,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'REQUEST_INVALID',
        message: expect.stringContaining('HTTP_MAX_JSON_DEPTH'),
      });
      const huge = await ingest.post(JSON.stringify([{ pad: 'x'.repeat(1_100_000) }]), {
        'x-api-key': keys.pos,
      });
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({ code: 'RECORD_TOO_LARGE' });
    });

    it('dead-letters raw records without a known key or outside its scopes, and goes on with the partition', async () => {
      const id = uniqueId('k');
      const key = `${id}-one-partition`; // one record key: one partition, in order
      const sale = rawTransaction(`${id}-1`, `${id}-dee`, 5);
      const records = [
        { producerKey: null, value: sale, code: 'UNAUTHORIZED' },
        { producerKey: newKey(), value: sale, code: 'UNAUTHORIZED' },
        {
          producerKey: keys.pos,
          value: rawLabel(`${id}-2`, `${id}-dee`, sale.eventId),
          code: 'FORBIDDEN',
        },
      ];
      const sources: Array<{ partition: number; offset: string }> = [];
      for (const record of records)
        sources.push(
          await ingest.produceRaw({ key, value: json(record.value) }, record.producerKey),
        );
      const good = await ingest.produceRaw({ key, value: json(sale) }, keys.pos);

      const dead = await observed(
        records.length,
        (record) => record.topic === ingest.topic('deadLetters') && record.key === key,
      );
      expect(
        dead.map((letter) => [
          letter.headers[HEADERS.sourceOffset],
          letter.headers[HEADERS.errorCode],
        ]),
      ).toEqual(records.map((record, i) => [sources[i]!.offset, record.code]));
      expect(dead[2]!.headers[HEADERS.errorReason]).toContain('LABEL');
      for (const letter of dead) expect(letter.headers[HEADERS.producerKey]).toBeUndefined();
      const [published] = await observed(
        1,
        (record) =>
          record.topic === ingest.topic('transactions') &&
          record.headers[HEADERS.eventId] === sale.eventId,
      );
      expect(published!.value).toMatchObject({ eventId: sale.eventId, source: 'KAFKA' });
      expect(sources.every((source) => source.partition === good.partition)).toBe(true);
    });
  });
});
