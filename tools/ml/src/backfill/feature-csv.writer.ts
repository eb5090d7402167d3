import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

const FLUSH_AT_CHARS = 1 << 16;

/**
 * A feature value as text that parses back to the same double: JavaScript's shortest round-trip
 * form, so integers have no decimals (`3`) and nothing is rounded away (`100.465`).
 */
export function formatFeatureValue(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`feature value ${value} is not a finite number`);
  return String(value);
}

/** Writes `TRANSACTION_ID,<features...>` rows in large chunks, honouring back-pressure. */
export class FeatureCsvWriter {
  private buffer = '';

  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string, featureNames: readonly string[]): Promise<FeatureCsvWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    const writer = new FeatureCsvWriter(stream);
    writer.buffer = `TRANSACTION_ID,${featureNames.join(',')}\n`;
    return writer;
  }

  /** Buffers one row; call `flush` now and then to hand full chunks to the disk. */
  writeRow(id: number, values: readonly number[]): void {
    let line = String(id);
    for (const value of values) line += `,${formatFeatureValue(value)}`;
    this.buffer += `${line}\n`;
  }

  /** Writes the buffer once it is large; resolves at once unless the disk is behind. */
  async flush(): Promise<void> {
    if (this.buffer.length >= FLUSH_AT_CHARS) await this.writeBuffer();
  }

  async close(): Promise<void> {
    await this.writeBuffer();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Closes without flushing, after a failure. */
  destroy(): void {
    this.stream.destroy();
  }

  private async writeBuffer(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk.length > 0 && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
