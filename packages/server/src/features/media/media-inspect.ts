import { open, readFile } from 'node:fs/promises';
import { MEDIA_LIMITS, type MediaKind } from '@lawh/shared';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import type { Metadata } from 'sharp';
import { AppError } from '../../errors';
import { type Probe, probeMp4, probeWav, probeWebm } from './container-probe';
import { checkSvg } from './svg-check';

/** What the bytes turned out to be. */
export interface Inspected {
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** An animated GIF keeps its frames in the WebP renditions. */
  animated: boolean;
}

const MB = 1024 * 1024;
/** The largest upload of any kind: the multipart limit of the upload route. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MEDIA_LIMITS));
/**
 * Decoded size at which an image is refused: a few-KB PNG can claim 50,000 × 50,000 pixels and take
 * gigabytes to decode. 64 MP is above any phone camera in use in the schools.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;
/** file-type's own sample size: enough to recognise every format we accept. */
export const SNIFF_BYTES = 4100;

const LABEL: Record<MediaKind, string> = {
  image: 'Images',
  audio: 'Audio files',
  video: 'Videos',
  pdf: 'PDF files',
};
const ACCEPTED =
  'an image (JPEG, PNG, WebP, GIF, SVG), audio (MP3, Ogg, WAV, WebM, M4A), a video (MP4, WebM) or a PDF';

export const unsupported = (what: string) =>
  new AppError(415, 'unsupported_media', `${what} cannot be used here; upload ${ACCEPTED}`);
export const tooLarge = (kind: MediaKind) =>
  new AppError(413, 'media_too_large', `${LABEL[kind]} may be at most ${MEDIA_LIMITS[kind] / MB} MB`, {
    kind,
    limit: MEDIA_LIMITS[kind],
  });
export const malformed = (message: string) => new AppError(400, 'malformed_media', message);

type Known = { kind: MediaKind; mime: string } | 'mp4' | 'webm';
/** file-type's extension → what we store. MP4 and WebM hold audio or video: the tracks decide. */
const KNOWN: Record<string, Known> = {
  jpg: { kind: 'image', mime: 'image/jpeg' },
  png: { kind: 'image', mime: 'image/png' },
  webp: { kind: 'image', mime: 'image/webp' },
  gif: { kind: 'image', mime: 'image/gif' },
  mp3: { kind: 'audio', mime: 'audio/mpeg' },
  opus: { kind: 'audio', mime: 'audio/ogg' },
  ogg: { kind: 'audio', mime: 'audio/ogg' },
  oga: { kind: 'audio', mime: 'audio/ogg' },
  wav: { kind: 'audio', mime: 'audio/wav' },
  m4a: { kind: 'audio', mime: 'audio/mp4' },
  mp4: 'mp4',
  webm: 'webm',
  pdf: { kind: 'pdf', mime: 'application/pdf' },
};

/** An SVG is XML text, which file-type does not name (or calls "xml"). */
const mayBeSvg = (ext: string | undefined, head: Buffer) =>
  (ext === undefined || ext === 'xml') && /^(?:\uFEFF)?\s*</.test(head.toString('utf8', 0, 256));

/**
 * From the first bytes of an upload, the largest kind it may turn out to be (MP4 and WebM may be
 * video), so an oversize or unusable file is refused while it arrives, not after it filled the disk.
 */
export async function uploadKindFor(head: Buffer): Promise<MediaKind> {
  const type = await fileTypeFromBuffer(head);
  if (mayBeSvg(type?.ext, head)) return 'image';
  const known = type && KNOWN[type.ext];
  if (!known) throw unsupported(type ? `A file of type ${type.mime}` : 'This file');
  return typeof known === 'string' ? 'video' : known.kind;
}

/** Decides what a complete upload is, from its bytes alone, or refuses it. */
export async function inspect(path: string, bytes: number): Promise<Inspected> {
  const type = await fileTypeFromFile(path);
  const head = await readHead(path);
  if (mayBeSvg(type?.ext, head)) return inspectSvg(path, bytes);
  const known = type && KNOWN[type.ext];
  if (!type || !known) throw unsupported(type ? `A file of type ${type.mime}` : 'This file');

  let found: Inspected;
  if (known === 'mp4' || known === 'webm')
    found = fromTracks(known, await (known === 'mp4' ? probeMp4 : probeWebm)(path));
  else found = { ...known, width: null, height: null, durationMs: null, animated: false };
  if (bytes > MEDIA_LIMITS[found.kind]) throw tooLarge(found.kind);

  if (found.kind === 'image') return { ...found, ...(await imageSize(path)) };
  if (found.mime === 'audio/wav') return { ...found, durationMs: (await probeWav(path)).durationMs };
  if (found.kind === 'pdf') await assertCompletePdf(path, bytes);
  return found;
}

function fromTracks(container: 'mp4' | 'webm', probe: Probe): Inspected {
  const { width, height, durationMs } = probe;
  if (probe.hasVideo)
    return { kind: 'video', mime: `video/${container}`, width, height, durationMs, animated: false };
  if (probe.hasAudio)
    return {
      kind: 'audio',
      mime: `audio/${container}`,
      width: null,
      height: null,
      durationMs,
      animated: false,
    };
  throw malformed(
    `This ${container.toUpperCase()} file has no readable audio or video track; it may be incomplete`,
  );
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function imageSize(path: string): Promise<Pick<Inspected, 'width' | 'height' | 'animated'>> {
  // Loaded on first use: a pack import sniffs types with this module and never decodes an image.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    throw malformed('This image cannot be read; it may be incomplete or damaged');
  }
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight) throw malformed('This image has no size; it may be damaged');
  if (meta.width * frameHeight > MAX_IMAGE_PIXELS)
    throw new AppError(
      413,
      'media_too_large',
      `Images may be at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
    );
  // EXIF orientation decides which way up the picture is shown, so it decides width and height too.
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    width: rotated ? frameHeight : meta.width,
    height: rotated ? meta.width : frameHeight,
    animated: (meta.pages ?? 1) > 1,
  };
}

async function inspectSvg(path: string, bytes: number): Promise<Inspected> {
  if (bytes > MEDIA_LIMITS.image) throw tooLarge('image');
  const data = await readFile(path);
  const verdict = checkSvg(data);
  if (!verdict.ok && verdict.reason === 'not_svg') throw unsupported('This file');
  if (!verdict.ok && verdict.reason === 'unsafe')
    throw new AppError(
      400,
      'unsafe_svg',
      `SVG images may not contain ${verdict.found}; export the drawing as PNG instead`,
    );
  const size = await imageSize(path);
  return { kind: 'image', mime: 'image/svg+xml', ...size, durationMs: null, animated: false };
}

/** A PDF ends with %%EOF (ISO 32000-1 §7.5.5); without it the upload was cut short. */
async function assertCompletePdf(path: string, bytes: number): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const tail = Buffer.alloc(Math.min(1024, bytes));
    await fh.read(tail, 0, tail.length, bytes - tail.length);
    if (!tail.includes('%%EOF')) throw malformed('This PDF is incomplete (no %%EOF at its end)');
  } finally {
    await fh.close();
  }
}
