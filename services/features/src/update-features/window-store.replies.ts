import { AppError } from '@rtml/errors';

/*
 * The scripts' replies as ioredis hands them over with `evalshaBuffer`: integers as numbers,
 * every string (ids, times, windows) as a Buffer, since windows are binary.
 */

/** One entity's part of a transaction script reply. */
export interface EntityWindowReply {
  /** The entity's newest event time before this event; undefined when it had no entries. */
  readonly newest: number | undefined;
  /** The entity's window string before this event (see window-record.codec.ts); undefined: none. */
  readonly window: Buffer | undefined;
  /** The fraud set's members in the read range, with scores: id, time, id, time… */
  readonly frauds: readonly Buffer[];
}

/** The script wrote and read nothing: the state's epoch is not the caller's (`found`, or ''). */
export interface StaleEpochReply {
  readonly status: 'stale';
  readonly found: string;
}

/** A whole call's reply: the writes' replies, in order, unless the epoch was stale. */
export type CallReply =
  { readonly status: 'ok'; readonly replies: readonly unknown[] } | StaleEpochReply;

export type TransactionReply =
  | { readonly status: 'new' | 'redelivered'; readonly entities: readonly EntityWindowReply[] }
  | { readonly status: 'duplicate'; readonly firstSource: string };

export interface LabelReply {
  readonly status: 'applied' | 'pending' | 'unmatched';
  /** Each label-holding entity's newest event time; undefined when it has no entries. */
  readonly newest: readonly (number | undefined)[];
}

const TRANSACTION_STATUS = ['new', 'redelivered', 'duplicate'] as const;
const LABEL_STATUS = [undefined, 'applied', 'pending', undefined, 'unmatched'] as const;

/** Parses what WINDOW_SCRIPT returned for a call of `writes` writes. */
export function parseCallReply(reply: unknown, writes: number): CallReply {
  if (!Array.isArray(reply) || reply.length !== 2) throw malformed('window', reply);
  const [status, body] = reply as [unknown, unknown];
  if (status === 3 && Buffer.isBuffer(body))
    return { status: 'stale', found: body.toString('utf8') };
  if (status !== 0 || !Array.isArray(body) || body.length !== writes)
    throw malformed('window', reply);
  return { status: 'ok', replies: body };
}

/** Parses what TRANSACTION_SCRIPT returned for a transaction with `entityCount` entities. */
export function parseTransactionReply(reply: unknown, entityCount: number): TransactionReply {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') throw malformed('transaction', reply);
  const status = TRANSACTION_STATUS[reply[0]];
  if (status === 'duplicate') {
    if (!Buffer.isBuffer(reply[1])) throw malformed('transaction', reply);
    return { status, firstSource: reply[1].toString('utf8') };
  }
  if (status === undefined || reply.length !== 2 + entityCount * 3)
    throw malformed('transaction', reply);
  const entities: EntityWindowReply[] = [];
  for (let i = 2; i < reply.length; i += 3) {
    const window: unknown = reply[i + 1];
    const frauds: unknown = reply[i + 2];
    if (!Buffer.isBuffer(window) || !Array.isArray(frauds) || !frauds.every(Buffer.isBuffer))
      throw malformed('transaction', reply);
    entities.push({
      newest: parseTime(reply[i], reply),
      window: window.length === 0 ? undefined : window,
      frauds: frauds as Buffer[],
    });
  }
  return { status, entities };
}

/** Parses what LABEL_SCRIPT returned for a label placed on `entityCount` entities. */
export function parseLabelReply(reply: unknown, entityCount: number): LabelReply {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') throw malformed('label', reply);
  const status = LABEL_STATUS[reply[0]];
  if (status === undefined || reply.length !== 1 + entityCount) throw malformed('label', reply);
  return { status, newest: reply.slice(1).map((time: unknown) => parseTime(time, reply)) };
}

/** A time the script returned as a Lua number (an integer reply), or nil for none. */
function parseTime(time: unknown, reply: unknown): number | undefined {
  if (time === null) return undefined;
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) throw malformed('window', reply);
  return time;
}

const malformed = (script: string, reply: unknown): AppError =>
  new AppError('INTERNAL', `unexpected reply from the ${script} script`, {
    details: { reply: describe(reply) },
  });

/** A short rendering of a reply for the error's details; Buffers as their first bytes in hex. */
function describe(reply: unknown): string {
  const render = (value: unknown): unknown =>
    Buffer.isBuffer(value)
      ? `0x${value.subarray(0, 24).toString('hex')}`
      : Array.isArray(value)
        ? value.slice(0, 8).map(render)
        : value;
  return (JSON.stringify(render(reply)) ?? String(reply)).slice(0, 300);
}
