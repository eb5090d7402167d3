import { Writable } from 'node:stream';
import { jsonErrorReason } from './json-error.reason';
import { REDACTED, REDACT_DEPTH, SECRET_KEYS } from './log-redaction.paths';
import { createLogger } from './logger';
import type { LoggerOptions } from './logger';

function logged(
  options: Omit<LoggerOptions, 'service' | 'destination'>,
  write: (logger: ReturnType<typeof createLogger>) => void,
): string {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  write(createLogger({ service: 'test', destination, ...options }));
  return chunks.join('');
}

/** `{ a: { a: ... { [key]: value } } }`, `depth` levels down. */
const nested = (depth: number, key: string, value: string): Record<string, unknown> =>
  depth === 0 ? { [key]: value } : { a: nested(depth - 1, key, value) };

describe('redacting credentials and personal data from log lines', () => {
  it.each(SECRET_KEYS)('never writes the value of %s, at the root or nested', (key) => {
    const secret = `s3cr3t-${key}`;
    const line = logged({}, (logger) => {
      for (let depth = 0; depth <= REDACT_DEPTH; depth++)
        logger.info(nested(depth, key, `${secret}-${depth}`), 'connected');
    });

    expect(line).not.toContain(secret);
    expect(line.split(REDACTED).length - 1).toBe(REDACT_DEPTH + 1);
  });

  it('redacts secrets inside a serialized error and its details', () => {
    // As an AppError carries them: enumerable `details` on the error.
    const error = Object.assign(new Error('registry down'), {
      details: { sasl: { mechanism: 'plain', password: 'pw-in-details' }, apiKey: 'k-1' },
    });

    const line = logged({}, (logger) => logger.error({ err: error }, 'failed'));

    expect(line).not.toContain('pw-in-details');
    expect(line).not.toContain('k-1');
    expect(line).toContain('"mechanism":"plain"');
  });

  it('redacts the configured personal-data fields and leaves the others', () => {
    const line = logged({ redactFields: ['customerId', 'amount'] }, (logger) =>
      logger.warn({ event: { customerId: 'cust-77', amount: 99.5, kind: 'TRANSACTION' } }, 'x'),
    );

    expect(JSON.parse(line)).toMatchObject({
      event: { customerId: REDACTED, amount: REDACTED, kind: 'TRANSACTION' },
    });
  });

  it('logs personal data in clear when no field is configured', () => {
    const line = logged({}, (logger) => logger.info({ customerId: 'cust-77' }, 'x'));

    expect(JSON.parse(line)).toMatchObject({ customerId: 'cust-77' });
  });
});

describe('the reason of a JSON parse error', () => {
  it.each(['cust-42', 'cust-42 and a much longer text after it', '{"customerId": cust-42}'])(
    'does not quote the input %j',
    (text) => {
      let reason = '';
      try {
        JSON.parse(text);
      } catch (error) {
        reason = jsonErrorReason(error);
      }

      expect(reason).not.toContain('cust-42');
      expect(reason).not.toBe('');
    },
  );
});
