import { ReadinessRegistry } from './readiness.registry';

describe('ReadinessRegistry', () => {
  it('is ready when every probe answers', async () => {
    const registry = new ReadinessRegistry();
    registry.add('kafka', () => Promise.resolve());
    registry.add('redis', () => Promise.resolve());

    await expect(registry.check()).resolves.toEqual({
      ready: true,
      checks: { kafka: { ok: true }, redis: { ok: true } },
    });
  });

  it('names the dependency that fails or does not answer in time', async () => {
    const registry = new ReadinessRegistry(20);
    registry.add('kafka', () => Promise.resolve());
    registry.add('dynamodb', () => Promise.reject(new Error('ECONNREFUSED')));
    registry.add('s3', () => new Promise(() => undefined));

    const report = await registry.check();

    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({
      kafka: { ok: true },
      dynamodb: { ok: false, error: 'ECONNREFUSED' },
      s3: { ok: false, error: 'no answer within 20 ms' },
    });
  });

  it('reports not ready once shutting down', async () => {
    const registry = new ReadinessRegistry();
    registry.markShuttingDown();

    await expect(registry.check()).resolves.toMatchObject({
      ready: false,
      checks: { shutdown: { ok: false } },
    });
  });
});
