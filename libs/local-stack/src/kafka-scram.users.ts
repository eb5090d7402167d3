import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KAFKA_SCRAM_USER, STACK_ENDPOINTS } from './stack.config';
import type { StackPaths } from './stack.paths';
import { dataDir } from './stack.paths';

/** A SCRAM user of the broker, with the mechanisms it may authenticate with. */
export interface ScramUser {
  readonly username: string;
  readonly password: string;
  readonly mechanisms: readonly string[];
}

/**
 * `kafka-storage format` arguments that write the user's credentials into the new cluster
 * metadata (KRaft, Kafka 3.5+): one `--add-scram` per mechanism.
 */
export const scramFormatArgs = (user: ScramUser = KAFKA_SCRAM_USER): string[] =>
  user.mechanisms.flatMap((mechanism) => [
    '--add-scram',
    `${mechanism}=[name=${user.username},password=${user.password}]`,
  ]);

/**
 * `kafka-configs --alter` arguments that upsert the same credentials on a running broker
 * (AlterUserScramCredentials): how a storage formatted before the user existed gets it. One
 * run per mechanism: the broker refuses a request that alters one user twice.
 */
export const scramAlterArgs = (
  bootstrap: string = STACK_ENDPOINTS.kafkaBrokers.join(','),
  user: ScramUser = KAFKA_SCRAM_USER,
): string[][] =>
  user.mechanisms.map((mechanism) => [
    '--bootstrap-server',
    bootstrap,
    '--alter',
    '--entity-type',
    'users',
    '--entity-name',
    user.username,
    '--add-config',
    `${mechanism}=[password=${user.password}]`,
  ]);

/**
 * What the marker file holds once the broker has the user: its name, mechanisms and a hash of
 * the password, so changing any of them in stack.config.ts applies it again on the next `up`.
 */
export const scramMarker = (user: ScramUser = KAFKA_SCRAM_USER): string =>
  `${user.username} ${user.mechanisms.join(',')} ${createHash('sha256').update(user.password).digest('hex')}\n`;

/** Sits beside (not inside) log.dirs: the broker never reads or deletes it. */
export const scramMarkerFile = (paths: StackPaths): string =>
  path.join(dataDir(paths, 'kafka'), 'scram-user.applied');

/** True when the broker's metadata is known to hold the current KAFKA_SCRAM_USER. */
export function isScramUserApplied(paths: StackPaths): boolean {
  try {
    return fs.readFileSync(scramMarkerFile(paths), 'utf8') === scramMarker();
  } catch {
    return false;
  }
}

export const markScramUserApplied = (paths: StackPaths): void =>
  fs.writeFileSync(scramMarkerFile(paths), scramMarker());
