import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsMediaStorage } from './fs-storage';
import { sha256 } from './media-storage';
import { describeMediaStorage } from './media-storage.contract';
import { MemoryMediaStorage } from './media-storage.memory';
import { sweepStaleUploads } from './upload-staging';

describeMediaStorage('file system', async () => {
  const root = await mkdtemp(join(tmpdir(), 'lawh-media-'));
  return { storage: new FsMediaStorage(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describeMediaStorage('memory', async () => ({ storage: new MemoryMediaStorage() }));

/** Every file under a folder, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('file-system media storage', () => {
  it('files an object under two levels of folders named by its hash', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lawh-media-'));
    try {
      const bytes = randomBytes(1000);
      const hash = sha256(bytes);
      await new FsMediaStorage(root).put(hash, bytes, bytes.length);
      expect(await filesUnder(root)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('leaves no temporary file behind after a refused write', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lawh-media-'));
    try {
      const storage = new FsMediaStorage(root);
      const bytes = randomBytes(1000);
      await expect(storage.put(sha256(bytes), randomBytes(1000), 1000)).rejects.toThrow();
      expect(await filesUnder(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('unfinished uploads', () => {
  it('are swept when a day old, while one arriving now is left alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lawh-incoming-'));
    try {
      await writeFile(join(dir, 'crashed.upload'), 'half');
      const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
      await utimes(join(dir, 'crashed.upload'), twoDaysAgo, twoDaysAgo);
      await writeFile(join(dir, 'arriving.upload'), 'partial');
      expect(await sweepStaleUploads(dir)).toBe(1);
      expect(await readdir(dir)).toEqual(['arriving.upload']);
      expect(await sweepStaleUploads(join(dir, 'missing'))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
