import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { MultipleErrors, NetworkError, ProtocolError } from '@platformatic/kafka';
import { lostProducerState, mayBeOneRequestsFault } from './kafka-error.cause';

/** Built by KafkaJS's own table of broker error codes, as its connection does for a response. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => KafkaJSProtocolError;
};
const protocolError = (code: number) => createErrorFromCode(code);

/** A failed produce as @platformatic/kafka reports it: one error per broker request. */
const platformaticFailure = (...errors: Error[]) =>
  new MultipleErrors('Producing messages failed.', errors);

describe('mayBeOneRequestsFault', () => {
  it('is false for a connection error, also once the client has spent its retries on it', () => {
    const refused = new KafkaJSConnectionError('Connection error: ECONNREFUSED');
    expect(mayBeOneRequestsFault(refused)).toBe(false);
    expect(
      mayBeOneRequestsFault(
        new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 5_000 }),
      ),
    ).toBe(false);
  });

  it('is true for a record the broker refuses, and for errors of unknown origin', () => {
    const tooLarge = new KafkaJSProtocolError(
      Object.assign(new Error('The request included a message larger than the max message size'), {
        type: 'MESSAGE_TOO_LARGE',
        code: 10,
        retriable: false,
      }),
    );
    expect(tooLarge.retriable).toBe(false);
    expect(mayBeOneRequestsFault(tooLarge)).toBe(true);
    expect(mayBeOneRequestsFault(new TypeError('value must be a Buffer'))).toBe(true);
  });

  it('reads @platformatic/kafka errors the same way, inside its per-request aggregate', () => {
    const refused = new NetworkError('Connection to 127.0.0.1:9092 failed.');
    expect(mayBeOneRequestsFault(platformaticFailure(refused))).toBe(false);
    expect(
      mayBeOneRequestsFault(platformaticFailure(new ProtocolError('NOT_ENOUGH_REPLICAS'))),
    ).toBe(false);
    expect(mayBeOneRequestsFault(platformaticFailure(new ProtocolError('MESSAGE_TOO_LARGE')))).toBe(
      true,
    );
  });
});

describe('lostProducerState', () => {
  it('recognises a sequence or producer-id error, also inside the retrier’s wrapper', () => {
    const outOfOrder = protocolError(45); // OUT_OF_ORDER_SEQUENCE_NUMBER
    const unknownId = protocolError(59); // UNKNOWN_PRODUCER_ID

    expect(lostProducerState(outOfOrder)).toBe(true);
    expect(
      lostProducerState(
        new KafkaJSNumberOfRetriesExceeded(unknownId, { retryCount: 5, retryTime: 1 }),
      ),
    ).toBe(true);
  });

  it('leaves other errors to the ordinary retry', () => {
    expect(lostProducerState(protocolError(10))).toBe(false); // MESSAGE_TOO_LARGE
    expect(lostProducerState(new KafkaJSNonRetriableError('Connection closed'))).toBe(false);
    expect(lostProducerState(new Error('boom'))).toBe(false);
  });

  it('recognises the same errors from @platformatic/kafka, inside its per-request aggregate', () => {
    expect(
      lostProducerState(platformaticFailure(new ProtocolError('OUT_OF_ORDER_SEQUENCE_NUMBER'))),
    ).toBe(true);
    expect(lostProducerState(platformaticFailure(new ProtocolError('UNKNOWN_PRODUCER_ID')))).toBe(
      true,
    );
    expect(lostProducerState(platformaticFailure(new ProtocolError('MESSAGE_TOO_LARGE')))).toBe(
      false,
    );
  });
});
