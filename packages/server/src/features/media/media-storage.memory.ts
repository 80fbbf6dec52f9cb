import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  asStream,
  assertHash,
  type ByteRange,
  clampRange,
  MediaNotFoundError,
  type MediaStorage,
  verifying,
} from './media-storage';

/**
 * Media held in a Map. Used by tests: it is the second implementation the storage contract runs
 * against, which keeps the contract honest about what is the interface and what is the file system.
 */
export class MemoryMediaStorage implements MediaStorage {
  readonly objects = new Map<string, Buffer>();

  async put(hash: string, body: Readable | Buffer, size: number): Promise<void> {
    assertHash(hash);
    const chunks: Buffer[] = [];
    await pipeline(asStream(body), verifying(hash, size), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
    this.objects.set(hash, Buffer.concat(chunks));
  }

  async has(hash: string): Promise<boolean> {
    assertHash(hash);
    return this.objects.has(hash);
  }

  async size(hash: string): Promise<number | null> {
    assertHash(hash);
    return this.objects.get(hash)?.length ?? null;
  }

  async createReadStream(hash: string, range?: ByteRange): Promise<Readable> {
    assertHash(hash);
    const bytes = this.objects.get(hash);
    if (!bytes) throw new MediaNotFoundError(hash);
    const { start, end } = clampRange(range, bytes.length);
    return Readable.from([bytes.subarray(start, end + 1)]);
  }

  async delete(hash: string): Promise<void> {
    assertHash(hash);
    this.objects.delete(hash);
  }
}
