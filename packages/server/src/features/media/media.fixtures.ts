import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { type Client, insertSchool, insertUser, signIn, testDatabase } from '../../../test/helpers';
import { buildApp } from '../../app';
import type { MediaOptions } from './media.options';

// Small real files made in the test, and an app whose media live in a temp folder.

/** A photo-like PNG (noise, so it does not compress to nothing). */
export async function png(width: number, height: number): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function jpeg(width: number, height: number): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** A three-frame animated GIF. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all(
    ['#c33', '#3c3', '#33c'].map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
}

/**
 * A decompression bomb: a PNG whose header claims width × height pixels, with one tiny compressed
 * row of data. Small on disk, gigabytes if anything tried to decode it.
 */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 16-bit mono PCM: a RIFF header, a fmt chunk, then a 440 Hz tone. */
export function wav(durationMs: number, sampleRate = 8000): Buffer {
  const samples = Math.round((sampleRate * durationMs) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(text = 'Lawh'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// --- containers: just the boxes and elements the probe reads ----------------------------------------

const box = (type: string, ...body: Buffer[]) => {
  const payload = Buffer.concat(body);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};

/** An MP4 with a movie header and the given tracks (no samples: enough for the probe). */
export function mp4(o: {
  video?: { width: number; height: number };
  audio?: boolean;
  durationMs: number;
}): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale: ms
  mvhd.writeUInt32BE(o.durationMs, 16);
  const trak = (handler: string, width = 0, height = 0) => {
    const tkhd = Buffer.alloc(84);
    tkhd.writeUInt32BE(width << 16, 76);
    tkhd.writeUInt32BE(height << 16, 80);
    const hdlr = Buffer.alloc(25);
    hdlr.write(handler, 8, 'latin1');
    return box('trak', box('tkhd', tkhd), box('mdia', box('hdlr', hdlr)));
  };
  const tracks = [
    ...(o.video ? [trak('vide', o.video.width, o.video.height)] : []),
    ...(o.audio ? [trak('soun')] : []),
  ];
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd), ...tracks), box('mdat', randomBytes(64))]);
}

const ebml = (id: number, ...body: Buffer[]) => {
  const payload = Buffer.concat(body);
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  );
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(payload.length) | (1n << 56n)); // 8-byte size marker
  return Buffer.concat([idBytes, size, payload]);
};
const uintEl = (id: number, v: number) => ebml(id, Buffer.from([v >> 8, v & 0xff]));

/** A WebM with an EBML header, a duration and the given tracks, as MediaRecorder would begin one. */
export function webm(o: { video?: { width: number; height: number }; durationMs: number }): Buffer {
  const header = ebml(0x1a45dfa3, ebml(0x4282, Buffer.from('webm')), uintEl(0x4287, 4), uintEl(0x4285, 2));
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(o.durationMs); // with the default timecode scale, ticks are milliseconds
  const info = ebml(0x1549a966, ebml(0x4489, duration));
  const audio = ebml(0xae, uintEl(0xd7, 1), uintEl(0x83, 2));
  const video = o.video
    ? [
        ebml(
          0xae,
          uintEl(0xd7, 2),
          uintEl(0x83, 1),
          ebml(0xe0, uintEl(0xb0, o.video.width), uintEl(0xba, o.video.height)),
        ),
      ]
    : [];
  const segment = ebml(
    0x18538067,
    info,
    ebml(0x1654ae6b, audio, ...video),
    ebml(0x1f43b675, randomBytes(64)),
  );
  return Buffer.concat([header, segment]);
}

// --- the app ------------------------------------------------------------------------------------------

export interface MediaTestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Awaited<ReturnType<typeof testDatabase>>['db'];
  dir: string;
  teacher: Client;
  learner: Client;
  /** Every file under the media folder, staging included. */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

export async function mediaTestApp(options: Omit<MediaOptions, 'dir'> = {}): Promise<MediaTestApp> {
  const database = await testDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'lawh-media-test-'));
  const app = await buildApp({ database, media: { dir, ffmpeg: null, ...options } });
  const schoolId = await insertSchool(database.db);
  const t = await insertUser(database.db, 'teacher', schoolId);
  const l = await insertUser(database.db, 'learner', schoolId);
  return {
    app,
    db: database.db,
    dir,
    teacher: await signIn(app, t.username),
    learner: await signIn(app, l.username),
    async files() {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body with one file field, as a browser's FormData sends it. */
export function multipart(
  data: Buffer,
  filename: string,
  field = 'file',
  contentType = 'application/octet-stream',
) {
  const boundary = `----lawh${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const upload = (
  client: Client,
  data: Buffer,
  filename: string,
  field?: string,
  contentType?: string,
): Promise<LightMyRequestResponse> =>
  client.request({ method: 'POST', url: '/api/v1/media', ...multipart(data, filename, field, contentType) });
