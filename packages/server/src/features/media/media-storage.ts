import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Where media bytes live, addressed by their SHA-256. The file system is the default; an
 * S3-compatible store can implement the same interface and must pass media-storage.contract.ts.
 *
 * Rules every implementation keeps:
 * - an object is visible (`has`, `size`, `createReadStream`) only once all its bytes are written and
 *   their SHA-256 equals the key: a failed or lying `put` leaves nothing behind;
 * - `put` of a hash that is already stored succeeds without changing it (content addressing makes
 *   every writer of a key agree on its bytes).
 */
export interface MediaStorage {
  put(hash: string, body: Readable | Buffer, size: number): Promise<void>;
  has(hash: string): Promise<boolean>;
  /** The stored size in bytes, or null when absent. */
  size(hash: string): Promise<number | null>;
  /**
   * The bytes, or `start`…`end` inclusive (as node's fs). Asynchronous so a remote store can fail
   * with MediaNotFoundError before the caller has sent any header.
   */
  createReadStream(hash: string, range?: ByteRange): Promise<Readable>;
  delete?(hash: string): Promise<void>;
}

export interface ByteRange {
  start?: number;
  end?: number;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export class MediaNotFoundError extends Error {
  constructor(hash: string) {
    super(`No stored media ${hash}`);
  }
}

/** The bytes written do not match the key or the announced size. */
export class MediaIntegrityError extends Error {}

export function assertHash(hash: string): void {
  // Keys become paths (and object names): anything but 64 hex digits could escape the store.
  if (!SHA256_HEX.test(hash)) throw new MediaIntegrityError(`Not a SHA-256 hex digest: ${hash.slice(0, 80)}`);
}

export const sha256 = (data: Buffer | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * A pass-through that hashes and counts, then fails at the end if the bytes are not the ones
 * promised. Implementations pipe `put` bodies through it and publish only after it finished cleanly.
 */
export function verifying(hash: string, size: number): Transform {
  const digest = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      seen += chunk.length;
      if (seen > size) return done(new MediaIntegrityError(`More than the announced ${size} bytes`));
      digest.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (seen !== size) return done(new MediaIntegrityError(`Got ${seen} bytes, expected ${size}`));
      const actual = digest.digest('hex');
      if (actual !== hash) return done(new MediaIntegrityError(`Bytes hash to ${actual}, not ${hash}`));
      done();
    },
  });
}

export const asStream = (body: Readable | Buffer): Readable =>
  Buffer.isBuffer(body) ? Readable.from([body]) : body;

/** Checks a requested range against the object's size; the stream then serves exactly it. */
export function clampRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  const start = range?.start ?? 0;
  const end = Math.min(range?.end ?? size - 1, size - 1);
  if (start < 0 || !Number.isInteger(start) || !Number.isInteger(end) || (size > 0 && start > end))
    throw new RangeError(`Bad range ${start}-${end} of ${size} bytes`);
  return { start, end };
}
