import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { MediaRecord } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { loadConfig } from '../../config';
import { mediaTestApp, png, upload } from './media.fixtures';
import { MediaIntegrityError, sha256 } from './media-storage';
import { describeMediaStorage } from './media-storage.contract';
import { type LocalS3, startLocalS3 } from './s3.fixtures';
import { S3Error, S3MediaStorage } from './s3-storage';

// The storage contract and the API against a real S3-compatible server (s3rver) on the loopback.
let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => s3?.stop());

describeMediaStorage('S3 (s3rver)', async () => ({ storage: new S3MediaStorage(s3.settings()) }));

describe('S3 media storage', () => {
  it('keeps each object at <prefix><sha256> in the bucket', async () => {
    const settings = s3.settings('schools/hub-7/');
    const bytes = randomBytes(2000);
    const hash = sha256(bytes);
    await new S3MediaStorage(settings).put(hash, bytes, bytes.length);
    // s3rver serves anonymous reads, so a plain GET shows where the object landed.
    const res = await fetch(`${settings.endpoint}/${settings.bucket}/schools/hub-7/${hash}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('publishes under the hash only checked bytes, and leaves no temporary key behind', async () => {
    const settings = s3.settings('publish/');
    const storage = new S3MediaStorage(settings);
    const good = randomBytes(30_000);
    await storage.put(sha256(good), good, good.length);
    const onDisk = await readdir(join(s3.directory, settings.bucket, 'publish'), { recursive: true });
    expect(onDisk.filter((f) => f.endsWith('_S3rver_object'))).toEqual([`${sha256(good)}._S3rver_object`]);

    // s3rver keeps whatever part of a body arrived before the client hung up; a lying upload is cut
    // short, and must still never show under its hash once the server has dealt with the rest.
    const wanted = randomBytes(30_000);
    const liar = Readable.from([randomBytes(20_000), randomBytes(10_000)]);
    await expect(storage.put(sha256(wanted), liar, 30_000)).rejects.toBeInstanceOf(MediaIntegrityError);
    await new Promise((r) => setTimeout(r, 300));
    expect(await storage.has(sha256(wanted))).toBe(false);
  });

  it('still checks the bytes of an object it already has, and leaves the stored one alone', async () => {
    const storage = new S3MediaStorage(s3.settings());
    const bytes = randomBytes(5000);
    const hash = sha256(bytes);
    await storage.put(hash, bytes, bytes.length);
    await expect(storage.put(hash, randomBytes(5000), 5000)).rejects.toBeInstanceOf(MediaIntegrityError);
    expect(await storage.size(hash)).toBe(5000);
  });

  it('reports wrong credentials and a missing bucket with S3’s own reason', async () => {
    const bytes = Buffer.from('hello');
    const hash = sha256(bytes);
    const wrongKey = new S3MediaStorage({ ...s3.settings(), secretAccessKey: 'not-the-secret' });
    await expect(wrongKey.put(hash, bytes, bytes.length)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(wrongKey.createReadStream(hash)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
    await expect(wrongKey.has(hash)).rejects.toBeInstanceOf(S3Error);
    const noBucket = new S3MediaStorage({ ...s3.settings(), bucket: 'no-such-bucket' });
    await expect(noBucket.put(hash, bytes, bytes.length)).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('gives up with a clear error when the server does not answer', async () => {
    const storage = new S3MediaStorage({
      ...s3.settings(),
      endpoint: 'http://127.0.0.1:9', // discard port: nothing listens
      timeoutMs: 2000,
    });
    await expect(storage.has(sha256(Buffer.from('x')))).rejects.toThrow(/ECONNREFUSED|no answer/);
  });
});

describe('S3 settings from the environment', () => {
  const env = {
    MEDIA_STORE: 's3',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_BUCKET: 'lawh',
    S3_ACCESS_KEY_ID: 'id',
    S3_SECRET_ACCESS_KEY: 'secret',
    S3_PREFIX: 'media/',
  };

  it('are read when MEDIA_STORE=s3, with path-style addressing for a server of one’s own', () => {
    expect(loadConfig(env).mediaStore).toEqual({
      kind: 's3',
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        bucket: 'lawh',
        accessKeyId: 'id',
        secretAccessKey: 'secret',
        prefix: 'media/',
        forcePathStyle: true,
      },
    });
    const aws = loadConfig({ ...env, S3_ENDPOINT: '', S3_REGION: 'eu-west-3' }).mediaStore;
    expect(aws).toMatchObject({
      s3: { endpoint: 'https://s3.eu-west-3.amazonaws.com', forcePathStyle: false },
    });
    expect(loadConfig({}).mediaStore).toEqual({ kind: 'fs' });
  });

  it('name what is missing or wrong, so the server does not start half configured', () => {
    expect(() => loadConfig({ ...env, S3_SECRET_ACCESS_KEY: ' ' })).toThrow(
      'MEDIA_STORE=s3 needs S3_SECRET_ACCESS_KEY',
    );
    expect(() => loadConfig({ ...env, S3_BUCKET: undefined })).toThrow('S3_BUCKET');
    expect(() => loadConfig({ MEDIA_STORE: 'ftp' })).toThrow('MEDIA_STORE must be fs or s3');
  });
});

describe(`media API over S3 (${testDialect})`, () => {
  it('stores an uploaded image in the bucket and serves it back by byte range', async () => {
    const { port } = new URL(s3.settings().endpoint);
    const config = loadConfig({
      MEDIA_STORE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: s3.settings().bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PREFIX: `api-${Date.now()}/`,
    });
    if (config.mediaStore.kind !== 's3') throw new Error('expected the S3 store');
    const storage = new S3MediaStorage(config.mediaStore.s3);
    const t = await mediaTestApp({ storage });
    try {
      const photo = await png(640, 480);
      const res = await upload(t.teacher, photo, 'carte.png', 'file', 'image/png');
      expect(res.statusCode).toBe(201);
      const record = res.json() as MediaRecord;
      expect(record.hash).toBe(sha256(photo));
      // The original and its renditions are in the bucket; nothing stays on the local disk.
      expect(await storage.size(record.hash)).toBe(photo.length);
      for (const r of record.renditions) expect(await storage.has(r.hash)).toBe(true);
      expect(await t.files()).toEqual([]);

      const url = `/api/v1/media/${record.hash}`;
      const head = await t.learner.request({ method: 'GET', url, headers: { range: 'bytes=0-999' } });
      expect(head.statusCode).toBe(206);
      expect(head.headers['content-range']).toBe(`bytes 0-999/${photo.length}`);
      const rest = await t.learner.request({ method: 'GET', url, headers: { range: 'bytes=1000-' } });
      expect(rest.statusCode).toBe(206);
      expect(rest.headers.etag).toBe(`"${record.hash}"`);
      expect(Buffer.concat([head.rawPayload, rest.rawPayload]).equals(photo)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
