import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MediaRecord } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { type MediaTestApp, mediaTestApp, upload } from './media.fixtures';

// The real Debian ffmpeg (CI installs it): a 720p clip made by ffmpeg itself is uploaded and must
// come back with a 360p rendition whose bitrate a parent's data plan can carry.
const run = promisify(execFile);
const ffmpeg = await run('ffmpeg', ['-version']).then(
  () => 'ffmpeg',
  () => null,
);

describe.runIf(ffmpeg)(`video renditions with the real ffmpeg (${testDialect})`, () => {
  let t: MediaTestApp;
  let dir: string;
  let clip: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lawh-ffmpeg-'));
    const file = join(dir, 'hd.mp4');
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=4'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4'],
      ...['-c:v', 'libx264', '-b:v', '3M', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file],
    ]);
    clip = await readFile(file);
    t = await mediaTestApp({ ffmpeg });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a 360p H.264 rendition under 500 kbit/s and keeps the original', async () => {
    const res = await upload(t.teacher, clip, 'hd.mp4');
    expect(res.statusCode).toBe(201);
    const original = res.json() as MediaRecord;
    expect(original).toMatchObject({ width: 1280, height: 720 });

    let info: MediaRecord | undefined;
    for (let i = 0; i < 300 && !info?.renditions.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      info = (await t.learner.get(`/api/v1/media/${original.hash}/info`)).json();
    }
    const low = info?.renditions.find((r) => r.name === 'low.mp4');
    expect(low).toMatchObject({ mime: 'video/mp4', width: 640, height: 360 });
    const kbits = ((low?.bytes ?? Number.POSITIVE_INFINITY) * 8) / 1000 / 4;
    expect(kbits).toBeLessThanOrEqual(500);
    expect(low?.bytes).toBeLessThan(clip.length);

    const served = await t.learner.get(`/api/v1/media/${original.hash}`);
    expect(served.rawPayload.equals(clip)).toBe(true);
  });
});
