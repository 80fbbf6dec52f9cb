import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MEDIA_LIMITS, type MediaKind } from '@lawh/shared';
import { malformed, SNIFF_BYTES, tooLarge, uploadKindFor } from './media-inspect';

/** An upload written to a private temp file, with what was learnt on the way. */
export interface Staged {
  path: string;
  hash: string;
  bytes: number;
  /** Deletes the temp file; safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Streams an upload to `dir` while hashing and counting it: memory stays flat whatever the size.
 * The first bytes decide what kind of file this may be, so the most it may weigh; the write stops
 * as soon as that is passed. On any failure the temp file is gone before the error reaches the caller.
 */
export async function stageUpload(source: Readable, dir: string): Promise<Staged> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.upload`);
  const discard = () => rm(path, { force: true });
  const digest = createHash('sha256');
  let bytes = 0;
  let kind: MediaKind | null = null;
  let head: Buffer[] | null = [];
  let headBytes = 0;

  const decideLimit = async () => {
    if (!head) return;
    const sample = Buffer.concat(head);
    head = null;
    kind = await uploadKindFor(sample);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      bytes += chunk.length;
      digest.update(chunk);
      const check = async () => {
        if (head) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) await decideLimit();
        }
        if (kind && bytes > MEDIA_LIMITS[kind]) throw tooLarge(kind);
      };
      check().then(() => done(null, chunk), done);
    },
    flush(done: TransformCallback) {
      if (bytes === 0) return done(malformed('The file is empty'));
      decideLimit().then(() => done(), done);
    },
  });

  const out = createWriteStream(path, { flags: 'wx' });
  try {
    await pipeline(source, meter, out);
  } catch (e) {
    // The file may still be opening when the pipeline fails early: removed before it exists, it
    // would appear just after. Wait for the stream to close, then remove it.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await discard();
    throw e;
  }
  return { path, hash: digest.digest('hex'), bytes, discard };
}

/**
 * Removes uploads left half-written by a crash or a power cut. Only old ones: another server
 * process may share the folder and be receiving a file right now.
 */
export async function sweepStaleUploads(dir: string, olderThanMs = 24 * 3600 * 1000): Promise<number> {
  let removed = 0;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
