import { z } from 'zod';
import { type MediaKind, mediaHash, mediaKind } from './content';

const MB = 1024 * 1024;

/**
 * The largest upload of each kind, in bytes. Shared so the web app can refuse a file before sending
 * it over a parent's mobile data; the server enforces the same numbers.
 */
export const MEDIA_LIMITS: Record<MediaKind, number> = {
  image: 10 * MB,
  audio: 20 * MB,
  video: 200 * MB,
  pdf: 20 * MB,
};

/** Widths (CSS pixels) of the image renditions made on upload, each in WebP and JPEG. */
export const IMAGE_RENDITION_WIDTHS = [320, 800, 1600] as const;

export const mediaHashParams = z.strictObject({ hash: mediaHash });

export const mediaRendition = z.strictObject({
  /** e.g. `w320.webp`, `w800.jpg`, `low.mp4`. */
  name: z.string(),
  hash: mediaHash,
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type MediaRendition = z.infer<typeof mediaRendition>;

export const mediaRecord = z.strictObject({
  hash: mediaHash,
  kind: mediaKind,
  /** Decided from the bytes, never from the file name or the browser's claim. */
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  originalName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  renditions: z.array(mediaRendition),
});
export type MediaRecord = z.infer<typeof mediaRecord>;
