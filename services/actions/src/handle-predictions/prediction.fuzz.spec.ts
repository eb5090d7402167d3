import fc from 'fast-check';
import { predictionFixture, webhookDeliveryFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { fuzzRuns, mutatedRecord } from '@rtml/testing';
import { parseWebhookDelivery } from '../notify-webhooks/webhook-delivery.parser';
import { parsePrediction } from './prediction.parser';

const RUNS = fuzzRuns(500);

/** The parser returns, or throws a non-retriable AppError with a reason; never anything else. */
function expectParsedOrRefused(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ retriable: false });
    expect((error as AppError).message.length).toBeGreaterThan(0);
  }
}

describe('parsing the actions service inputs under random and mutated values', () => {
  it('parses or refuses any mutated prediction', () => {
    fc.assert(
      fc.property(mutatedRecord({ ...predictionFixture }), (value) =>
        expectParsedOrRefused(() => parsePrediction(value)),
      ),
      { numRuns: RUNS },
    );
  });

  it('parses or refuses any mutated webhook delivery', () => {
    const mutatedAlert = mutatedRecord({ ...webhookDeliveryFixture.alert }).map((alert) => ({
      ...webhookDeliveryFixture,
      alert,
    }));
    fc.assert(
      fc.property(fc.oneof(mutatedRecord({ ...webhookDeliveryFixture }), mutatedAlert), (value) =>
        expectParsedOrRefused(() => parseWebhookDelivery(value)),
      ),
      { numRuns: RUNS },
    );
  });
});
