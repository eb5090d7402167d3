import type { Prediction } from '@rtml/contracts';
import { AppError, toAppError } from '@rtml/errors';
import type { AvroSerde, IncomingRecord } from '@rtml/kafka';
import { parsePrediction } from './prediction.parser';

export interface AcceptedPrediction {
  readonly record: IncomingRecord;
  readonly prediction: Prediction;
}

export interface RejectedRecord {
  readonly record: IncomingRecord;
  /** Non-retriable: the record can never succeed. */
  readonly error: AppError;
}

export interface DecodedBatch {
  readonly accepted: readonly AcceptedPrediction[];
  readonly rejected: readonly RejectedRecord[];
}

/**
 * Decodes a batch of predictions records (Avro through the registry) and parses each into a
 * storable Prediction. A record that can never succeed (a tombstone, bytes that are not Avro,
 * a value of another schema, values DynamoDB cannot hold) is rejected with its reason; a
 * transient failure (the registry does not answer) throws, so the whole batch is retried.
 */
export class PredictionDecoder {
  constructor(private readonly serde: AvroSerde) {}

  async decodeAll(records: readonly IncomingRecord[]): Promise<DecodedBatch> {
    const outcomes = await Promise.all(records.map((record) => this.decode(record)));
    const accepted: AcceptedPrediction[] = [];
    const rejected: RejectedRecord[] = [];
    for (const outcome of outcomes) {
      if ('prediction' in outcome) accepted.push(outcome);
      else rejected.push(outcome);
    }
    return { accepted, rejected };
  }

  private async decode(record: IncomingRecord): Promise<AcceptedPrediction | RejectedRecord> {
    if (record.value === null)
      return { record, error: new AppError('UNDECODABLE', 'a tombstone is not a prediction') };
    try {
      const prediction = parsePrediction(await this.serde.decode(record.value));
      return { record, prediction };
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.retriable) throw error;
      return { record, error };
    }
  }
}
