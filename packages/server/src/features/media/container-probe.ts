import { type FileHandle, open } from 'node:fs/promises';

/**
 * Just enough of the WAV, MP4 and WebM containers to tell audio from video and read the duration
 * and picture size, without ffprobe (not installed on most hubs). MP4 and WebM hold either: a
 * browser's MediaRecorder writes voice notes as audio-only WebM (Chrome) or MP4 (Safari), and those
 * must count as audio, with the audio size limit.
 */
export interface Probe {
  hasVideo: boolean;
  hasAudio: boolean;
  durationMs: number | null;
  width: number | null;
  height: number | null;
}

const empty = (): Probe => ({
  hasVideo: false,
  hasAudio: false,
  durationMs: null,
  width: null,
  height: null,
});

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function withFile<T>(path: string, use: (fh: FileHandle, size: number) => Promise<T>): Promise<T> {
  const fh = await open(path, 'r');
  try {
    return await use(fh, (await fh.stat()).size);
  } finally {
    await fh.close();
  }
}

// --- WAV (RIFF) ----------------------------------------------------------------------------------

export const probeWav = (path: string): Promise<Probe> =>
  withFile(path, async (fh, size) => {
    const probe = { ...empty(), hasAudio: true };
    let byteRate = 0;
    for (let at = 12, chunks = 0; at + 8 <= size && chunks < 64; chunks++) {
      const head = await readAt(fh, at, 16);
      const id = head.toString('latin1', 0, 4);
      const length = head.readUInt32LE(4);
      if (id === 'fmt ' && head.length >= 16) byteRate = (await readAt(fh, at + 8, 12)).readUInt32LE(8);
      if (id === 'data') {
        // Recorders that stream often leave the length at 0 or 0xFFFFFFFF; the file says how much came.
        const dataBytes = Math.min(length || size, size - at - 8);
        if (byteRate > 0) probe.durationMs = Math.round((dataBytes / byteRate) * 1000);
        break;
      }
      at += 8 + length + (length % 2);
    }
    return probe;
  });

// --- MP4 / ISO BMFF --------------------------------------------------------------------------------

interface Box {
  type: string;
  body: number;
  end: number;
}

async function* boxes(fh: FileHandle, start: number, end: number): AsyncGenerator<Box> {
  for (let at = start, n = 0; at + 8 <= end && n < 10_000; n++) {
    const head = await readAt(fh, at, 16);
    if (head.length < 8) return;
    let size = head.readUInt32BE(0);
    let body = at + 8;
    if (size === 1) {
      if (head.length < 16) return;
      size = Number(head.readBigUInt64BE(8));
      body = at + 16;
    } else if (size === 0) size = end - at;
    if (size < body - at) return;
    yield { type: head.toString('latin1', 4, 8), body, end: Math.min(at + size, end) };
    at += size;
  }
}

async function find(fh: FileHandle, parent: Box, type: string): Promise<Box | null> {
  for await (const box of boxes(fh, parent.body, parent.end)) if (box.type === type) return box;
  return null;
}

export const probeMp4 = (path: string): Promise<Probe> =>
  withFile(path, async (fh, size) => {
    const probe = empty();
    const moov = await find(fh, { type: 'file', body: 0, end: size }, 'moov');
    if (!moov) return probe;
    const mvhd = await find(fh, moov, 'mvhd');
    if (mvhd) {
      const b = await readAt(fh, mvhd.body, 32);
      const v1 = b[0] === 1;
      const timescale = v1 ? b.readUInt32BE(20) : b.readUInt32BE(12);
      const duration = v1 ? Number(b.readBigUInt64BE(24)) : b.readUInt32BE(16);
      if (timescale > 0) probe.durationMs = Math.round((duration / timescale) * 1000);
    }
    for await (const trak of boxes(fh, moov.body, moov.end)) {
      if (trak.type !== 'trak') continue;
      const mdia = await find(fh, trak, 'mdia');
      const hdlr = mdia && (await find(fh, mdia, 'hdlr'));
      const handler = hdlr ? (await readAt(fh, hdlr.body + 8, 4)).toString('latin1') : '';
      if (handler === 'soun') probe.hasAudio = true;
      if (handler !== 'vide') continue;
      probe.hasVideo = true;
      const tkhd = await find(fh, trak, 'tkhd');
      if (tkhd) {
        const b = await readAt(fh, tkhd.body, 96);
        const at = b[0] === 1 ? 88 : 76; // width and height follow the matrix, as 16.16 fixed point
        if (b.length >= at + 8) {
          probe.width = b.readUInt32BE(at) >>> 16;
          probe.height = b.readUInt32BE(at + 4) >>> 16;
        }
      }
    }
    return probe;
  });

// --- WebM / Matroska (EBML) ------------------------------------------------------------------------

const EBML = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
};
/** Headers, track list and metadata come first; a MediaRecorder file has them in the first few KB. */
const WEBM_HEAD_BYTES = 1024 * 1024;

function vint(
  buf: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = buf[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx … 8 for 0b00000001
  if (at + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = buf[at + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function* elements(
  buf: Buffer,
  start: number,
  end: number,
): Generator<{ id: number; body: number; end: number }> {
  for (let at = start; at < end; ) {
    const id = vint(buf, at, true);
    const size = id && vint(buf, at + id.length, false);
    if (!id || !size) return;
    const body = at + id.length + size.length;
    const stop = size.unknown ? end : Math.min(body + size.value, end);
    yield { id: id.value, body, end: stop };
    // Unknown-size elements (a live recording's Segment and Clusters) are entered, not skipped.
    at = size.unknown ? body : stop;
  }
}

const uint = (buf: Buffer, body: number, end: number) => {
  let v = 0;
  for (let i = body; i < end; i++) v = v * 256 + (buf[i] ?? 0);
  return v;
};
const float = (buf: Buffer, body: number, end: number) =>
  end - body === 4 ? buf.readFloatBE(body) : end - body === 8 ? buf.readDoubleBE(body) : Number.NaN;

export const probeWebm = (path: string): Promise<Probe> =>
  withFile(path, async (fh) => {
    const buf = await readAt(fh, 0, WEBM_HEAD_BYTES);
    const probe = empty();
    let scale = 1_000_000; // nanoseconds per tick, Matroska's default
    let rawDuration: number | null = null;
    for (const seg of elements(buf, 0, buf.length)) {
      if (seg.id !== EBML.segment) continue;
      for (const el of elements(buf, seg.body, seg.end)) {
        if (el.id === EBML.cluster) break;
        if (el.id === EBML.info)
          for (const f of elements(buf, el.body, el.end)) {
            if (f.id === EBML.timecodeScale) scale = uint(buf, f.body, f.end) || scale;
            if (f.id === EBML.duration) rawDuration = float(buf, f.body, f.end);
          }
        if (el.id === EBML.tracks)
          for (const entry of elements(buf, el.body, el.end)) {
            if (entry.id !== EBML.trackEntry) continue;
            for (const f of elements(buf, entry.body, entry.end)) {
              if (f.id === EBML.trackType) {
                const type = uint(buf, f.body, f.end);
                if (type === 1) probe.hasVideo = true;
                if (type === 2) probe.hasAudio = true;
              }
              if (f.id === EBML.video)
                for (const v of elements(buf, f.body, f.end)) {
                  if (v.id === EBML.pixelWidth) probe.width = uint(buf, v.body, v.end);
                  if (v.id === EBML.pixelHeight) probe.height = uint(buf, v.body, v.end);
                }
            }
          }
      }
      break;
    }
    if (rawDuration !== null && Number.isFinite(rawDuration) && rawDuration > 0)
      probe.durationMs = Math.round((rawDuration * scale) / 1_000_000);
    return probe;
  });
