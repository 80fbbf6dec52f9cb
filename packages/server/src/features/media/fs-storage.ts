import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
 * Media on the local disk, as `<root>/ab/cd/<sha256>`: two levels of 256 folders keep any one folder
 * small on the ext4/FAT volumes of a school hub, even with hundreds of thousands of files.
 */
export class FsMediaStorage implements MediaStorage {
  constructor(readonly root: string) {}

  pathOf(hash: string): string {
    assertHash(hash);
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(hash: string, body: Readable | Buffer, size: number): Promise<void> {
    const target = this.pathOf(hash);
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true });
    // Same folder as the target, so the rename is atomic: readers see all the bytes or none. The dot
    // prefix and random suffix keep concurrent writers of one key from sharing a temp file.
    const temp = join(dir, `.${hash}.${randomBytes(6).toString('hex')}.part`);
    try {
      // flush: fsync before the rename, so a power cut cannot leave a named but empty object behind
      // a committed database row.
      await pipeline(
        asStream(body),
        verifying(hash, size),
        createWriteStream(temp, { flags: 'wx', flush: true }),
      );
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async has(hash: string): Promise<boolean> {
    return (await this.size(hash)) !== null;
  }

  async size(hash: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(hash))).size;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async createReadStream(hash: string, range?: ByteRange): Promise<Readable> {
    const size = await this.size(hash);
    if (size === null) throw new MediaNotFoundError(hash);
    const { start, end } = clampRange(range, size);
    if (size === 0) return Readable.from([]);
    return createReadStream(this.pathOf(hash), { start, end });
  }

  async delete(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }
}

const isMissing = (e: unknown) => (e as { code?: string } | null)?.code === 'ENOENT';
