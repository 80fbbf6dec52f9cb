import { randomBytes } from 'node:crypto';
import type { MediaRecord } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { type MediaTestApp, mediaTestApp, upload, wav } from './media.fixtures';
import { sha256 } from './media-storage';

describe(`media serving (${testDialect})`, () => {
  let t: MediaTestApp;
  let audio: Buffer;
  let record: MediaRecord;
  let url: string;
  // Every request offers compression, as browsers do: ranges must still address the stored bytes.
  const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.learner.request({ method, url, headers: { 'accept-encoding': 'br, gzip', ...headers } });

  beforeAll(async () => {
    t = await mediaTestApp();
    audio = wav(3000); // 48 KB: several stream chunks
    const res = await upload(t.teacher, audio, 'dictée.wav');
    expect(res.statusCode).toBe(201);
    record = res.json();
    url = `/api/v1/media/${record.hash}`;
  });
  afterAll(async () => t?.close());

  it('serves the bytes to any signed-in user with their type, hash ETag and immutable caching', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(audio)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'audio/wav',
      'content-length': String(audio.length),
      etag: `"${record.hash}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
    });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  it('records what the WAV is: audio, its duration and its original name', () => {
    expect(record).toMatchObject({
      kind: 'audio',
      mime: 'audio/wav',
      durationMs: 3000,
      originalName: 'dictée.wav',
    });
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get({}, 'HEAD');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(audio.length));
    expect(res.rawPayload.length).toBe(0);
  });

  it('resumes an interrupted download at an offset, giving back the same file', async () => {
    const n = 17_001;
    const first = await get({ range: `bytes=0-${n - 1}` });
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-${n - 1}/${audio.length}`);
    expect(first.rawPayload.length).toBe(n);
    const rest = await get({ range: `bytes=${n}-`, 'if-range': `"${record.hash}"` });
    expect(rest.statusCode).toBe(206);
    expect(rest.headers['content-range']).toBe(`bytes ${n}-${audio.length - 1}/${audio.length}`);
    expect(rest.headers['content-length']).toBe(String(audio.length - n));
    expect(sha256(Buffer.concat([first.rawPayload, rest.rawPayload]))).toBe(record.hash);
  });

  it('serves the last n bytes of a suffix range', async () => {
    const res = await get({ range: 'bytes=-100' });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.equals(audio.subarray(audio.length - 100))).toBe(true);
  });

  it('clamps a range that runs past the end to the last byte', async () => {
    const res = await get({ range: `bytes=${audio.length - 10}-${audio.length + 5000}` });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.equals(audio.subarray(audio.length - 10))).toBe(true);
  });

  it('answers 416 with the size when the range starts past the end', async () => {
    const res = await get({ range: `bytes=${audio.length}-` });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${audio.length}`);
    expect(res.json().error.code).toBe('range_not_satisfiable');
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('sends the whole file for several ranges, an unknown unit or a stale If-Range', async () => {
    const cases: Record<string, string>[] = [
      { range: 'bytes=0-9,20-29' },
      { range: 'lines=1-2' },
      { range: 'bytes=0-9', 'if-range': '"someone-else"' },
    ];
    for (const headers of cases) {
      const res = await get(headers);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBe(audio.length);
    }
  });

  it('answers 304 without a body to a client that already has the file', async () => {
    for (const tag of [`"${record.hash}"`, `W/"${record.hash}"`, `"other", "${record.hash}"`, '*']) {
      const res = await get({ 'if-none-match': tag });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
      expect(res.headers.etag).toBe(`"${record.hash}"`);
    }
    expect((await get({ 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('answers 404 for a hash nobody uploaded, and 400 for something that is not a hash', async () => {
    const unknown = sha256(randomBytes(8));
    expect((await t.learner.get(`/api/v1/media/${unknown}`)).statusCode).toBe(404);
    expect((await t.learner.get(`/api/v1/media/${unknown}/info`)).statusCode).toBe(404);
    expect((await t.learner.get('/api/v1/media/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(400);
  });

  it('asks for a sign-in before serving anything', async () => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `${url}/info` })).statusCode).toBe(401);
  });
});
