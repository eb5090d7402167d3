import avro from 'avsc';
import type { Type } from 'avsc';
import { TOPICS, TOPIC_IDS, valueSubject } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { boundedCollections } from '../avro-bounds';

/**
 * The Confluent wire format (magic byte, 4-byte schema id, Avro body) over the contract
 * schemas, with ids numbered locally: what the stage test driver encodes and decodes with, so a
 * stage's processing runs with no registry and every value it emits is still checked against
 * its topic's schema. Only for broker-free unit tests: the services use the registry.
 */
export class ContractCodec {
  private readonly bySubject = new Map<string, { id: number; type: Type }>();
  private readonly byId = new Map<number, Type>();

  constructor(prefix?: string) {
    TOPIC_IDS.forEach((id, index) => {
      // Bounded as the services' serde is, so the fuzz tests see what production decodes.
      const type = avro.Type.forSchema(TOPICS[id].valueSchema as avro.Schema, {
        typeHook: boundedCollections,
      });
      this.bySubject.set(valueSubject(id, prefix), { id: index + 1, type });
      this.byId.set(index + 1, type);
    });
  }

  encode(subject: string, value: unknown): Promise<Buffer> {
    const entry = this.bySubject.get(subject);
    if (entry === undefined) return Promise.reject(new Error(`no contract has subject ${subject}`));
    const header = Buffer.alloc(5);
    header.writeUInt32BE(entry.id, 1);
    return Promise.resolve(Buffer.concat([header, entry.type.toBuffer(value)]));
  }

  decode(buffer: Buffer): Promise<unknown> {
    const type =
      buffer.length >= 5 && buffer[0] === 0 ? this.byId.get(buffer.readUInt32BE(1)) : undefined;
    if (type === undefined)
      return Promise.reject(
        new AppError('UNDECODABLE', 'the value is not Avro in the Confluent wire format'),
      );
    try {
      return Promise.resolve(type.fromBuffer(buffer.subarray(5)) as unknown);
    } catch (error) {
      return Promise.reject(
        new AppError('UNDECODABLE', 'value is not Avro of its schema', { cause: error }),
      );
    }
  }
}
