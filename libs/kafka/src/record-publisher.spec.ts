import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import type { KafkaJSProtocolError } from 'kafkajs';
import { lostProducerState } from './record-publisher';

/** Built by KafkaJS's own table of broker error codes, as its connection does for a response. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => KafkaJSProtocolError;
};
const protocolError = (code: number) => createErrorFromCode(code);

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
});
