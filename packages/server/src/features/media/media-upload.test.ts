import { randomBytes } from 'node:crypto';
import type { MediaRecord } from '@lawh/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import {
  animatedGif,
  jpeg,
  type MediaTestApp,
  mediaTestApp,
  multipart,
  pdf,
  png,
  pngBomb,
  upload,
} from './media.fixtures';
import { sha256 } from './media-storage';

describe(`media upload (${testDialect})`, () => {
  let t: MediaTestApp;
  beforeAll(async () => {
    t = await mediaTestApp();
  });
  afterAll(async () => t?.close());

  const mediaCount = async () =>
    (
      await t.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  /** Asserts that a refused upload left no file and no row behind. */
  async function expectNothingStored(
    send: () => Promise<{ statusCode: number; json(): unknown }>,
    status: number,
    code: string,
  ) {
    const filesBefore = await t.files();
    const rowsBefore = Number(await mediaCount());
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect((res.json() as { error: { code: string } }).error.code).toBe(code);
    expect(await t.files()).toEqual(filesBefore);
    expect(Number(await mediaCount())).toBe(rowsBefore);
    return (res.json() as { error: { code: string; message: string } }).error;
  }

  it('stores a photo by its SHA-256 and makes WebP and JPEG renditions no wider than the photo', async () => {
    const photo = await png(1000, 600);
    const res = await upload(t.teacher, photo, 'tableau.png', 'file', 'image/png');
    expect(res.statusCode).toBe(201);
    const m = res.json() as MediaRecord;
    expect(m).toMatchObject({ hash: sha256(photo), kind: 'image', mime: 'image/png', bytes: photo.length });
    expect(m).toMatchObject({ width: 1000, height: 600, originalName: 'tableau.png' });
    // 1000 px wide: 320 and 800 exist, 1600 would be an enlargement and is not made.
    expect(m.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['w320.jpg', 320, 192],
      ['w320.webp', 320, 192],
      ['w800.jpg', 800, 480],
      ['w800.webp', 800, 480],
    ]);
    for (const r of m.renditions) {
      const got = await t.teacher.get(`/api/v1/media/${r.hash}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe(r.mime);
      expect(sha256(got.rawPayload)).toBe(r.hash);
      const meta = await sharp(got.rawPayload).metadata();
      expect([meta.format, meta.width]).toEqual([r.name.endsWith('.webp') ? 'webp' : 'jpeg', r.width]);
    }
    const info = await t.learner.get(`/api/v1/media/${m.hash}/info`);
    expect(info.json()).toEqual(m);
  });

  it('gives a small picture one rendition per format at its own size', async () => {
    const res = await upload(t.teacher, await jpeg(200, 100), 'small.jpg');
    expect(res.statusCode).toBe(201);
    expect((res.json() as MediaRecord).renditions.map((r) => [r.name, r.width])).toEqual([
      ['w320.jpg', 200],
      ['w320.webp', 200],
    ]);
  });

  it('takes a photo taken sideways (EXIF orientation) the way it is shown, in its size and renditions', async () => {
    const raw = randomBytes(300 * 200 * 3);
    const sideways = await sharp(raw, { raw: { width: 300, height: 200, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const m = (await upload(t.teacher, sideways, 'portrait.jpg')).json() as MediaRecord;
    expect([m.width, m.height]).toEqual([200, 300]);
    expect(m.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['w320.jpg', 200, 300],
      ['w320.webp', 200, 300],
    ]);
  });

  it('keeps an animated GIF moving in its WebP renditions', async () => {
    const res = await upload(t.teacher, await animatedGif(400, 200), 'anim.gif');
    expect(res.statusCode).toBe(201);
    const m = res.json() as MediaRecord;
    expect(m).toMatchObject({ mime: 'image/gif', width: 400, height: 200 });
    const webp = m.renditions.find((r) => r.name === 'w320.webp');
    expect([webp?.width, webp?.height]).toEqual([320, 160]);
    const got = await t.learner.get(`/api/v1/media/${webp?.hash}`);
    expect((await sharp(got.rawPayload, { animated: true }).metadata()).pages).toBe(3);
  });

  it('keeps one copy of the same bytes uploaded twice, under another name, and answers 200 with it', async () => {
    const photo = await png(400, 300);
    const first = await upload(t.teacher, photo, 'a.png');
    expect(first.statusCode).toBe(201);
    const files = await t.files();
    const again = await upload(t.teacher, photo, 'copy of a.png');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await t.files()).toEqual(files);
    const rows = await t.db.selectFrom('media').select('hash').where('hash', '=', sha256(photo)).execute();
    expect(rows).toHaveLength(1);
  });

  it('trusts the bytes, not the name: a PDF called .png is stored as a PDF', async () => {
    const doc = pdf('named like a picture');
    const res = await upload(t.teacher, doc, 'photo.png', 'file', 'image/png');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'pdf', mime: 'application/pdf', width: null, renditions: [] });
  });

  it('refuses random bytes named .png as unsupported media, storing nothing', async () => {
    const err = await expectNothingStored(
      () => upload(t.teacher, randomBytes(5000), 'photo.png', 'file', 'image/png'),
      415,
      'unsupported_media',
    );
    expect(err.message).toMatch(/JPEG, PNG/);
  });

  it('refuses a file whose bytes are a known but unaccepted type, naming it', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(200)]);
    const err = await expectNothingStored(
      () => upload(t.teacher, zip, 'lesson.pdf'),
      415,
      'unsupported_media',
    );
    expect(err.message).toContain('application/zip');
  });

  it('refuses an image over 10 MB with 413 naming the limit, storing nothing', async () => {
    const photo = await png(64, 64);
    const big = Buffer.concat([photo, randomBytes(10 * 1024 * 1024 - photo.length + 1)]);
    const err = await expectNothingStored(() => upload(t.teacher, big, 'huge.png'), 413, 'media_too_large');
    expect(err.message).toBe('Images may be at most 10 MB');
  });

  it('refuses a truncated PNG as malformed, storing nothing', async () => {
    const photo = await png(300, 300);
    await expectNothingStored(
      () => upload(t.teacher, photo.subarray(0, photo.length / 2), 'cut.png'),
      400,
      'malformed_media',
    );
  });

  it('refuses an image that claims more pixels than a tablet could decode', async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200);
    const err = await expectNothingStored(() => upload(t.teacher, bomb, 'bomb.png'), 413, 'media_too_large');
    expect(err.message).toContain('megapixels');
  });

  it('refuses an empty file', async () => {
    await expectNothingStored(() => upload(t.teacher, Buffer.alloc(0), 'empty.png'), 400, 'malformed_media');
  });

  it('refuses an SVG carrying a script, and one hiding an event handler, storing nothing', async () => {
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>';
    const err = await expectNothingStored(
      () => upload(t.teacher, Buffer.from(scripted), 'x.svg'),
      400,
      'unsafe_svg',
    );
    expect(err.message).toContain('<script>');
    const handler = '<svg xmlns="http://www.w3.org/2000/svg"><rect title="a>b" onclick="steal()"/></svg>';
    const err2 = await expectNothingStored(
      () => upload(t.teacher, Buffer.from(handler), 'y.svg'),
      400,
      'unsafe_svg',
    );
    expect(err2.message).toContain('onclick');
  });

  it('accepts a clean SVG as image/svg+xml, with its size and no renditions', async () => {
    const svg =
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><circle cx="40" cy="40" r="30" fill="#2a6"/></svg>\n';
    const res = await upload(t.teacher, Buffer.from(svg), 'cercle.svg');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'image',
      mime: 'image/svg+xml',
      width: 120,
      height: 80,
      renditions: [],
    });
    // Served as stored even to a client offering gzip: the ETag names these exact bytes.
    const got = await t.learner.request({
      method: 'GET',
      url: `/api/v1/media/${res.json().hash}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(got.headers['content-type']).toBe('image/svg+xml');
    expect(got.headers['content-encoding']).toBeUndefined();
    expect(got.rawPayload.toString()).toBe(svg);
  });

  it('refuses plain text as unsupported media', async () => {
    await expectNothingStored(
      () => upload(t.teacher, Buffer.from('just some notes\n'), 'notes.svg'),
      415,
      'unsupported_media',
    );
  });

  it('lets a learner read media but not upload it', async () => {
    await expectNothingStored(() => upload(t.learner, pdf('learner'), 'mine.pdf'), 403, 'forbidden');
  });

  it('asks for a sign-in before any upload', async () => {
    const { payload, headers } = multipart(pdf('anon'), 'a.pdf');
    await expectNothingStored(
      () => t.app.inject({ method: 'POST', url: '/api/v1/media', payload, headers }),
      401,
      'unauthorized',
    );
  });

  it('names the form field it expects', async () => {
    const res = await upload(t.teacher, pdf('field'), 'a.pdf', 'document');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual({ field: 'file' });
  });
});
