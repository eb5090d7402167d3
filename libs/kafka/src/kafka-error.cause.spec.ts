import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { mayBeOneRequestsFault } from './kafka-error.cause';

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
});
