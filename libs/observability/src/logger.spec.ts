import { Writable } from 'node:stream';
import { createLogger } from './logger';

function captureLines(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the service, level name and record context', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'features', destination: stream });

    logger
      .child({ topic: 'transactions', partition: 3, offset: '42' })
      .info({ eventId: 'e-1' }, 'batch done');

    expect(lines()).toEqual([
      expect.objectContaining({
        service: 'features',
        level: 'info',
        topic: 'transactions',
        partition: 3,
        offset: '42',
        eventId: 'e-1',
        msg: 'batch done',
      }),
    ]);
  });

  it('drops lines below the configured level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'scoring', level: 'warn', destination: stream });

    logger.info({}, 'hidden');
    logger.warn({}, 'shown');

    expect(lines().map((line) => line['msg'])).toEqual(['shown']);
  });
});
