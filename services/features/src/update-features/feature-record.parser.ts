import type { FieldError, Label, Transaction } from '@rtml/contracts';
import { AppError, toAppError } from '@rtml/errors';
import type { AvroSerde, IncomingRecord } from '@rtml/kafka';
import type { z } from 'zod';
import { toFeatureEvent, toLabelPlacement } from './feature-event.mapper';
import { isRangeIssue, labelSchema, transactionSchema } from './feature-record.schema';
import type { Mapped } from './feature-event.mapper';
import type { LabelWrite, TransactionWrite } from './window-store.model';

/** A consumed record, parsed: what to write to the window state, or why it can never succeed. */
export type ParsedRecord =
  | {
      readonly kind: 'transaction';
      readonly record: IncomingRecord;
      readonly transaction: Transaction;
      readonly write: TransactionWrite;
    }
  | { readonly kind: 'label'; readonly record: IncomingRecord; readonly write: LabelWrite }
  | { readonly kind: 'poison'; readonly record: IncomingRecord; readonly error: AppError };

export interface FeatureRecordParserOptions {
  readonly transactionsTopic: string;
  readonly labelsTopic: string;
  /** Entity fields of every state requirement, and of those that hold labels. */
  readonly entityFields: readonly string[];
  readonly labelEntityFields: readonly string[];
}

/**
 * Decodes (Avro through the registry) and checks a transactions or labels record. Whatever can
 * never succeed (undecodable, off-contract, no entity key) comes back as poison, for the
 * dead-letter topic; a registry outage is thrown, so the batch is retried.
 */
export class FeatureRecordParser {
  constructor(
    private readonly serde: Pick<AvroSerde, 'decode'>,
    private readonly options: FeatureRecordParserOptions,
  ) {}

  async parse(record: IncomingRecord): Promise<ParsedRecord> {
    const { transactionsTopic, labelsTopic } = this.options;
    if (record.topic !== transactionsTopic && record.topic !== labelsTopic)
      throw new AppError('INTERNAL', `records of ${record.topic} are not for this service`);
    if (record.value === null)
      return poison(record, new AppError('UNDECODABLE', 'the record has no value'));
    let value: unknown;
    try {
      value = await this.serde.decode(record.value);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.retriable) throw error;
      return poison(record, error);
    }
    return record.topic === transactionsTopic
      ? this.transaction(record, value)
      : this.label(record, value);
  }

  private transaction(record: IncomingRecord, value: unknown): ParsedRecord {
    const checked = transactionSchema.safeParse(value);
    if (!checked.success) return poison(record, offContract('Transaction', checked.error));
    const transaction: Transaction = checked.data;
    const event = toFeatureEvent(transaction, this.options.entityFields);
    if (!event.ok) return poison(record, rejected('transaction', event));
    const source = `${record.topic}:${record.partition}:${record.offset}`;
    return {
      kind: 'transaction',
      record,
      transaction,
      write: { kind: 'transaction', event: event.value, source },
    };
  }

  private label(record: IncomingRecord, value: unknown): ParsedRecord {
    const checked = labelSchema.safeParse(value);
    if (!checked.success) return poison(record, offContract('Label', checked.error));
    const label: Label = checked.data;
    const placement = toLabelPlacement(label, this.options.labelEntityFields);
    if (!placement.ok) return poison(record, rejected('label', placement));
    return { kind: 'label', record, write: { kind: 'label', label: placement.value } };
  }
}

const poison = (record: IncomingRecord, error: AppError): ParsedRecord => ({
  kind: 'poison',
  record,
  error,
});

/** SCHEMA_INVALID when the shape is wrong; OUT_OF_RANGE when every problem is a value past a limit. */
function offContract(contract: string, error: z.ZodError): AppError {
  const fields: FieldError[] = error.issues.map((issue) => ({
    path: issue.path.join('.') || '(value)',
    message: issue.message,
  }));
  if (error.issues.every(isRangeIssue))
    return new AppError('OUT_OF_RANGE', `the ${contract} is past the pipeline's limits`, {
      details: { fields },
    });
  return new AppError('SCHEMA_INVALID', `the value is not a ${contract}`, { details: { fields } });
}

function rejected(what: string, mapped: Extract<Mapped<unknown>, { ok: false }>): AppError {
  const summary = mapped.fields.map((f) => `${f.path} ${f.message}`).join('; ');
  return new AppError(mapped.code, `the ${what} cannot be placed: ${summary}`, {
    details: { fields: mapped.fields },
  });
}
