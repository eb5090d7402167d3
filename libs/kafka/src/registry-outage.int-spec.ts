import { FaultProxy, useKafka } from '@rtml/testing';
import { AvroSerde } from './avro-serde';

const paymentV1 = {
  type: 'record',
  name: 'OutagePayment',
  namespace: 'io.rtml.test',
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};

/** A new, compatible version: records framed with its id are valid, and new to every reader. */
const paymentV2 = {
  ...paymentV1,
  fields: [...paymentV1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
};

const TIMEOUT_MS = 800;
/** How much later than its timeout a blackholed decode may fail (scheduling on a busy machine). */
const SLACK_MS = 1_500;

const payment = { eventId: 'e-1', amount: 12.5, currency: 'CHF' };

describe('AvroSerde.decode while the schema registry fails', () => {
  const kafka = useKafka();
  const writer = new AvroSerde(kafka.schemaRegistryUrl);
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await FaultProxy.start(kafka.schemaRegistryUrl);
  });
  afterEach(() => proxy.setMode('pass'));
  afterAll(() => proxy.stop());

  /** A reader behind the proxy that has never seen any schema id. */
  const newReader = () =>
    new AvroSerde(proxy.url(kafka.schemaRegistryUrl), undefined, { timeoutMs: TIMEOUT_MS });

  /**
   * A valid record framed with the id of a version registered just now. Its schema is the test's
   * own (the registry shares one id among subjects with the same schema).
   */
  async function freshRecord(name: string): Promise<{ bytes: Buffer; subject: string }> {
    const subject = `${kafka.prefix}${name}-value`;
    const namespace = `io.rtml.test.${kafka.prefix.replace(/[^a-z0-9]/g, '')}.${name.replace(/-/g, '')}`;
    for (const schema of [paymentV1, paymentV2])
      await writer.register({
        subject,
        schema: { ...schema, namespace },
        compatibility: 'BACKWARD',
      });
    return { bytes: await writer.encode(subject, payment), subject };
  }

  const framedWith = (id: number, body: Buffer): Buffer => {
    const frame = Buffer.alloc(5);
    frame.writeInt32BE(id, 1);
    return Buffer.concat([frame, body]);
  };

  it('is a retriable outage, not a bad record, while the registry refuses connections', async () => {
    const { bytes } = await freshRecord('refused');
    const reader = newReader();

    await proxy.setMode('refuse');
    await expect(reader.decode(bytes)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      retriable: true,
    });

    await proxy.setMode('pass');
    await expect(reader.decode(bytes)).resolves.toEqual(payment);
  });

  it('fails within its timeout, retriably, while the registry accepts and never answers', async () => {
    const { bytes } = await freshRecord('blackholed');
    const reader = newReader();

    await proxy.setMode('blackhole');
    const started = performance.now();
    const failure = await reader.decode(bytes).then(
      () => undefined,
      (error: unknown) => error,
    );
    const elapsedMs = performance.now() - started;

    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);

    await proxy.setMode('pass');
    await expect(reader.decode(bytes)).resolves.toEqual(payment);
  });

  it('dead-letters a schema id that the registry, answering, does not know', async () => {
    const { bytes } = await freshRecord('unknown-id');
    const reader = newReader();
    await reader.decode(bytes); // the registry has served this reader: it holds its state

    await expect(reader.decode(framedWith(2_000_000_000, bytes.subarray(5)))).rejects.toMatchObject(
      { code: 'UNDECODABLE', retriable: false, details: { schemaId: 2_000_000_000 } },
    );
  });

  it('dead-letters bytes that are not the wire format, without asking the registry', async () => {
    const reader = newReader();
    await proxy.setMode('refuse');

    for (const bytes of [Buffer.from('{"eventId":"e-1"}'), Buffer.from([0, 0, 1])])
      await expect(reader.decode(bytes)).rejects.toMatchObject({
        code: 'UNDECODABLE',
        retriable: false,
      });
  });

  it('dead-letters a body its cached writer schema cannot read, even with the registry down', async () => {
    const { bytes } = await freshRecord('truncated');
    const reader = newReader();
    await reader.decode(bytes);

    await proxy.setMode('refuse');
    await expect(reader.decode(bytes.subarray(0, 7))).rejects.toMatchObject({
      code: 'UNDECODABLE',
      retriable: false,
    });
  });
  describe('registering a schema', () => {
    /** Through the proxy, with the longest waits (0.2, 0.4, 0.8, 1.6 s) so the test is timed. */
    const registrar = (attempts?: number) =>
      new AvroSerde(proxy.url(kafka.schemaRegistryUrl), undefined, {
        timeoutMs: TIMEOUT_MS,
        random: () => 1,
        ...(attempts !== undefined && { registerAttempts: attempts }),
      });
    const schemaOf = (name: string) => ({
      subject: `${kafka.prefix}${name}-value`,
      schema: {
        ...paymentV1,
        namespace: `io.rtml.test.${kafka.prefix.replace(/[^a-z0-9]/g, '')}.${name}`,
      },
      compatibility: 'BACKWARD' as const,
    });

    it('outlasts a registry that refuses connections for a moment (a restart at startup)', async () => {
      await proxy.setMode('refuse');
      const registering = registrar().register(schemaOf('blip'));
      // The first two sends (at 0 and 0.2 s) are refused, the third (at 0.6 s) goes through.
      setTimeout(() => void proxy.setMode('pass'), 350);

      await expect(registering).resolves.toEqual(expect.any(Number));
    });

    it('fails retriably, naming the subject, once the outage outlasts its attempts', async () => {
      await proxy.setMode('refuse');

      await expect(registrar(2).register(schemaOf('outage'))).rejects.toMatchObject({
        code: 'DEPENDENCY_UNAVAILABLE',
        retriable: true,
        details: { subject: `${kafka.prefix}outage-value` },
      });
    });
  });

  // Last in the file: it deletes a subject permanently, and Apicurio then removes the orphaned
  // content in the background, which has raced with a schema registered right after it.
  it('retries a missing schema id when the registry no longer serves one it served before', async () => {
    const { bytes, subject } = await freshRecord('lost-state');
    const reader = newReader();
    await reader.decode(bytes);
    // The registry "loses its state": the ids this reader was served are gone.
    const url = `${kafka.schemaRegistryUrl}/subjects/${encodeURIComponent(subject)}`;
    await fetch(url, { method: 'DELETE' });
    await fetch(`${url}?permanent=true`, { method: 'DELETE' });

    await expect(reader.decode(framedWith(2_000_000_001, bytes.subarray(5)))).rejects.toMatchObject(
      { code: 'DEPENDENCY_UNAVAILABLE', retriable: true },
    );
  });
});
