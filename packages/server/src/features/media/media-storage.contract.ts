import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaIntegrityError, MediaNotFoundError, type MediaStorage, sha256 } from './media-storage';

export interface StorageUnderTest {
  storage: MediaStorage;
  cleanup?: () => Promise<void>;
}

/**
 * The behaviour every MediaStorage must have, run against each implementation (file system, memory,
 * and an S3-compatible one when it exists) so that they stay interchangeable.
 */
export function describeMediaStorage(name: string, make: () => Promise<StorageUnderTest>): void {
  describe(`media storage contract: ${name}`, () => {
    let subject: StorageUnderTest;
    let storage: MediaStorage;
    beforeEach(async () => {
      subject = await make();
      storage = subject.storage;
    });
    afterEach(async () => subject.cleanup?.());

    const object = (n = 50_000) => {
      const bytes = randomBytes(n);
      return { bytes, hash: sha256(bytes) };
    };
    const read = async (hash: string, range?: { start?: number; end?: number }) =>
      buffer(await storage.createReadStream(hash, range));
    /** A stream that yields its bytes in small pieces, as a network upload does. */
    const trickle = (bytes: Buffer, fail = false) =>
      Readable.from(
        (async function* () {
          for (let i = 0; i < bytes.length; i += 4096) {
            if (fail && i >= bytes.length / 2) throw new Error('connection reset');
            yield bytes.subarray(i, i + 4096);
          }
        })(),
      );

    it('gives back exactly the bytes that were put, from a buffer or a stream', async () => {
      const a = object();
      const b = object(70_001);
      await storage.put(a.hash, a.bytes, a.bytes.length);
      await storage.put(b.hash, trickle(b.bytes), b.bytes.length);
      expect(await storage.has(a.hash)).toBe(true);
      expect(await storage.size(b.hash)).toBe(70_001);
      expect((await read(a.hash)).equals(a.bytes)).toBe(true);
      expect((await read(b.hash)).equals(b.bytes)).toBe(true);
    });

    it('serves a byte range with both ends included, and an open-ended one to the last byte', async () => {
      const a = object(10_000);
      await storage.put(a.hash, a.bytes, a.bytes.length);
      expect((await read(a.hash, { start: 100, end: 199 })).equals(a.bytes.subarray(100, 200))).toBe(true);
      expect((await read(a.hash, { start: 9_990 })).equals(a.bytes.subarray(9_990))).toBe(true);
      expect((await read(a.hash, { start: 0, end: 0 })).equals(a.bytes.subarray(0, 1))).toBe(true);
    });

    it('refuses bytes that do not hash to their key, and keeps nothing of them', async () => {
      const a = object();
      const liar = randomBytes(a.bytes.length);
      await expect(storage.put(a.hash, liar, liar.length)).rejects.toBeInstanceOf(MediaIntegrityError);
      await expect(storage.put(a.hash, trickle(liar), liar.length)).rejects.toBeInstanceOf(
        MediaIntegrityError,
      );
      expect(await storage.has(a.hash)).toBe(false);
      expect(await storage.size(a.hash)).toBeNull();
    });

    it('refuses a body shorter or longer than announced', async () => {
      const a = object();
      await expect(storage.put(a.hash, a.bytes, a.bytes.length + 1)).rejects.toBeInstanceOf(
        MediaIntegrityError,
      );
      await expect(storage.put(a.hash, a.bytes, a.bytes.length - 1)).rejects.toBeInstanceOf(
        MediaIntegrityError,
      );
      expect(await storage.has(a.hash)).toBe(false);
    });

    it('keeps nothing when the upload stream breaks half way', async () => {
      const a = object(40_000);
      await expect(storage.put(a.hash, trickle(a.bytes, true), a.bytes.length)).rejects.toThrow(
        'connection reset',
      );
      expect(await storage.has(a.hash)).toBe(false);
    });

    it('accepts the same object twice, and concurrently, keeping one copy', async () => {
      const a = object();
      await Promise.all([
        storage.put(a.hash, trickle(a.bytes), a.bytes.length),
        storage.put(a.hash, trickle(a.bytes), a.bytes.length),
      ]);
      await storage.put(a.hash, a.bytes, a.bytes.length);
      expect((await read(a.hash)).equals(a.bytes)).toBe(true);
    });

    it('answers for a missing object without inventing one', async () => {
      const { hash } = object(10);
      expect(await storage.has(hash)).toBe(false);
      expect(await storage.size(hash)).toBeNull();
      await expect(storage.createReadStream(hash)).rejects.toBeInstanceOf(MediaNotFoundError);
    });

    it('rejects keys that are not SHA-256 digests, such as a path out of the store', async () => {
      const bytes = Buffer.from('x');
      for (const key of ['../../etc/passwd', 'ABC', `${sha256(bytes).toUpperCase()}`, '']) {
        await expect(storage.put(key, bytes, 1)).rejects.toBeInstanceOf(MediaIntegrityError);
        await expect(storage.has(key)).rejects.toBeInstanceOf(MediaIntegrityError);
      }
    });

    it('deletes an object when the implementation supports it', async () => {
      if (!storage.delete) return;
      const a = object(100);
      await storage.put(a.hash, a.bytes, a.bytes.length);
      await storage.delete(a.hash);
      expect(await storage.has(a.hash)).toBe(false);
      await storage.delete(a.hash);
    });
  });
}
