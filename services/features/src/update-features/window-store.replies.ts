import { AppError } from '@rtml/errors';
import { decodeEntry } from '@rtml/feature-engine';
import type { WindowEntry } from '@rtml/feature-engine';

/** One entity's part of a transaction script reply. */
export interface EntityWindowReply {
  /** The entity's newest event time before this event; undefined when it had no entries. */
  readonly newest: number | undefined;
  readonly members: readonly string[];
}

/** The script wrote and read nothing: the state's epoch is not the caller's (`found`, or ''). */
export interface StaleEpochReply {
  readonly status: 'stale';
  readonly found: string;
}

export type TransactionReply =
  | { readonly status: 'new' | 'redelivered'; readonly entities: readonly EntityWindowReply[] }
  | { readonly status: 'duplicate'; readonly firstSource: string }
  | StaleEpochReply;

export type LabelReply =
  | {
      readonly status: 'applied' | 'pending' | 'unmatched';
      /** Each label-holding entity's newest event time; undefined when it has no entries. */
      readonly newest: readonly (number | undefined)[];
    }
  | StaleEpochReply;

const TRANSACTION_STATUS = ['new', 'redelivered', 'duplicate', 'stale'] as const;
const LABEL_STATUS = [undefined, 'applied', 'pending', 'stale', 'unmatched'] as const;

/** Parses what TRANSACTION_SCRIPT returned for a transaction with `entityCount` entities. */
export function parseTransactionReply(reply: unknown, entityCount: number): TransactionReply {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') throw malformed('transaction', reply);
  const status = TRANSACTION_STATUS[reply[0]];
  if (status === 'stale') return staleReply(reply, 'transaction');
  if (status === 'duplicate') {
    if (typeof reply[1] !== 'string') throw malformed('transaction', reply);
    return { status, firstSource: reply[1] };
  }
  if (status === undefined || reply.length !== 2 + entityCount * 2)
    throw malformed('transaction', reply);
  const entities: EntityWindowReply[] = [];
  for (let i = 2; i < reply.length; i += 2) {
    const members: unknown = reply[i + 1];
    if (!Array.isArray(members) || !members.every((m) => typeof m === 'string'))
      throw malformed('transaction', reply);
    entities.push({ newest: parseScore(reply[i], reply), members: members as string[] });
  }
  return { status, entities };
}

/** Parses what LABEL_SCRIPT returned for a label placed on `entityCount` entities. */
export function parseLabelReply(reply: unknown, entityCount: number): LabelReply {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') throw malformed('label', reply);
  const status = LABEL_STATUS[reply[0]];
  if (status === 'stale') return staleReply(reply, 'label');
  if (status === undefined || reply.length !== 1 + entityCount) throw malformed('label', reply);
  return { status, newest: reply.slice(1).map((score: unknown) => parseScore(score, reply)) };
}

/**
 * Decodes stored members. A member this service did not write means corrupt state or a format
 * change: a retriable INTERNAL error (stalling beats emitting vectors from guessed entries).
 */
export function decodeMembers(members: readonly string[]): WindowEntry[] {
  try {
    return members.map((member) => decodeEntry(member));
  } catch (error) {
    throw new AppError('INTERNAL', 'the window state holds an undecodable entry', {
      cause: error,
    });
  }
}

function staleReply(reply: unknown[], script: string): StaleEpochReply {
  if (reply.length !== 2 || typeof reply[1] !== 'string') throw malformed(script, reply);
  return { status: 'stale', found: reply[1] };
}

function parseScore(score: unknown, reply: unknown): number | undefined {
  if (score === '') return undefined;
  const value = typeof score === 'string' ? Number(score) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw malformed('window', reply);
  return value;
}

const malformed = (script: string, reply: unknown): AppError =>
  new AppError('INTERNAL', `unexpected reply from the ${script} script`, {
    details: { reply: JSON.stringify(reply)?.slice(0, 300) },
  });
