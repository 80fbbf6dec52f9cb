import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaRecord } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { type MediaTestApp, mediaTestApp, mp4, pdf, upload, webm } from './media.fixtures';

describe(`media types decided from the bytes (${testDialect})`, () => {
  let t: MediaTestApp;
  beforeAll(async () => {
    t = await mediaTestApp();
  });
  afterAll(async () => t?.close());

  it('counts a voice note recorded as audio-only MP4 (Safari) as audio, with its duration', async () => {
    const res = await upload(
      t.teacher,
      mp4({ audio: true, durationMs: 4200 }),
      'note.mp4',
      'file',
      'video/mp4',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'audio', mime: 'audio/mp4', durationMs: 4200, width: null });
  });

  it('counts a voice note recorded as audio-only WebM (Chrome) as audio, with its duration', async () => {
    const res = await upload(t.teacher, webm({ durationMs: 2500 }), 'blob', 'file', 'video/webm');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'audio', mime: 'audio/webm', durationMs: 2500 });
  });

  it('counts MP4 and WebM with a picture track as video, with its size', async () => {
    const a = await upload(
      t.teacher,
      mp4({ video: { width: 1280, height: 720 }, audio: true, durationMs: 61_000 }),
      'cours.mp4',
    );
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      kind: 'video',
      mime: 'video/mp4',
      width: 1280,
      height: 720,
      durationMs: 61_000,
    });
    const b = await upload(
      t.teacher,
      webm({ video: { width: 640, height: 480 }, durationMs: 1000 }),
      'clip.webm',
    );
    expect(b.json()).toMatchObject({ kind: 'video', mime: 'video/webm', width: 640, height: 480 });
  });

  it('holds audio to the audio limit even in a container that may carry video', async () => {
    const big = Buffer.concat([webm({ durationMs: 1000 }), randomBytes(20 * 1024 * 1024)]);
    const res = await upload(t.teacher, big, 'long.webm');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('Audio files may be at most 20 MB');
  });

  it('refuses an MP4 cut before its track list as malformed', async () => {
    const whole = mp4({ video: { width: 320, height: 240 }, durationMs: 1000 });
    const res = await upload(t.teacher, whole.subarray(0, 40), 'cut.mp4');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_media');
  });

  it('refuses a PDF cut short before its end marker', async () => {
    const doc = pdf('a long worksheet');
    const res = await upload(t.teacher, doc.subarray(0, doc.length - 30), 'fiche.pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('%%EOF');
  });

  it('stores a video without renditions when ffmpeg is not available', async () => {
    const res = await upload(
      t.teacher,
      mp4({ video: { width: 320, height: 240 }, durationMs: 500 }),
      'v.mp4',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().renditions).toEqual([]);
  });
});

describe(`video renditions (${testDialect})`, () => {
  let t: MediaTestApp;
  let bin: string;
  const rendition = mp4({ video: { width: 640, height: 360 }, audio: true, durationMs: 61_000 });

  beforeAll(async () => {
    // A stand-in for ffmpeg that writes a known MP4 and records how it was called: the job around
    // it (queue, temp files, failure) is what this test is about; media-ffmpeg.test.ts runs the real one.
    bin = await mkdtemp(join(tmpdir(), 'lawh-fake-ffmpeg-'));
    const program = join(bin, 'ffmpeg');
    await writeFile(
      program,
      `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === '-version') process.exit(0);
fs.writeFileSync(${JSON.stringify(join(bin, 'args.json'))}, JSON.stringify(args));
fs.writeFileSync(args[args.length - 1], Buffer.from(${JSON.stringify(rendition.toString('base64'))}, 'base64'));
`,
    );
    await chmod(program, 0o755);
    t = await mediaTestApp({ ffmpeg: program });
  });
  afterAll(async () => {
    await t?.close();
    await rm(bin, { recursive: true, force: true });
  });

  it('makes a 360p rendition under 500 kbit/s in the background and lists its size', async () => {
    const res = await upload(
      t.teacher,
      mp4({ video: { width: 1920, height: 1080 }, audio: true, durationMs: 61_000 }),
      'hd.mp4',
    );
    expect(res.statusCode).toBe(201);
    const hash = (res.json() as MediaRecord).hash;

    // The job runs after the answer; wait (up to 5 s) for its rendition and for its temp file to go.
    let info: MediaRecord | undefined;
    const staged = async () => (await t.files()).filter((f) => f.startsWith('incoming'));
    for (let i = 0; i < 100 && (!info?.renditions.length || (await staged()).length); i++) {
      await new Promise((r) => setTimeout(r, 50));
      info = (await t.learner.get(`/api/v1/media/${hash}/info`)).json();
    }
    expect(info?.renditions).toEqual([
      expect.objectContaining({
        name: 'low.mp4',
        mime: 'video/mp4',
        bytes: rendition.length,
        width: 640,
        height: 360,
      }),
    ]);
    const args: string[] = JSON.parse(await readFile(join(bin, 'args.json'), 'utf8'));
    expect(args.join(' ')).toContain("scale=-2:'min(360,ih)' -c:v libx264");
    expect(args.join(' ')).toContain('-b:v 380k -maxrate 400k');
    expect(args.join(' ')).toContain('-c:a aac -b:a 64k');

    const got = await t.learner.get(`/api/v1/media/${info?.renditions[0]?.hash}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(rendition)).toBe(true);
    expect(await staged()).toEqual([]);
  });
});
