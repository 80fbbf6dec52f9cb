// Photos a learner takes for a task are made small on the tablet before they are queued: at most
// PHOTO_MAX_SIDE pixels on the long side, WebP (JPEG where the browser cannot write WebP), and under
// the server's 2 MB limit. A camera's 12-megapixel JPEG becomes a few hundred kilobytes to send.

export const PHOTO_MAX_SIDE = 1600;
/** The server refuses larger photos (SUBMISSION_MEDIA.photo in @lawh/shared). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The size to draw a `width × height` picture at: the long side at most `max`, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * The encodings to try, in order, until one fits in `maxBytes`: good quality first, then lower
 * quality, then a smaller picture. A photo of a page of writing stays readable at each step.
 */
export function encodeAttempts(
  width: number,
  height: number,
): Array<{ width: number; height: number; quality: number }> {
  const full = fitWithin(width, height);
  const smaller = fitWithin(full.width, full.height, 1200);
  return [
    { ...full, quality: 0.82 },
    { ...full, quality: 0.65 },
    { ...smaller, quality: 0.6 },
    { ...fitWithin(full.width, full.height, 900), quality: 0.55 },
  ];
}

/** The base MIME type without parameters: 'audio/webm;codecs=opus' → 'audio/webm'. */
export const baseMime = (mime: string) => (mime.split(';')[0] ?? '').trim().toLowerCase();

export class PhotoError extends Error {
  constructor(readonly code: 'unreadable' | 'too_large') {
    super(code);
  }
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function canvasOf(
  width: number,
  height: number,
): {
  ctx: Canvas2D;
  toBlob: (type: string, quality: number) => Promise<Blob | null>;
} {
  if (typeof OffscreenCanvas !== 'undefined') {
    const c = new OffscreenCanvas(width, height);
    const ctx = c.getContext('2d');
    if (ctx) return { ctx, toBlob: (type, quality) => c.convertToBlob({ type, quality }).catch(() => null) };
  }
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new PhotoError('unreadable');
  return { ctx, toBlob: (type, quality) => new Promise((resolve) => c.toBlob(resolve, type, quality)) };
}

/** A camera photo (any image the browser can decode) resized and re-encoded for sending. */
export async function preparePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    // Turned upright from the camera's EXIF orientation; re-encoding also drops EXIF (and GPS).
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('unreadable');
  }
  try {
    for (const a of encodeAttempts(bitmap.width, bitmap.height)) {
      const { ctx, toBlob } = canvasOf(a.width, a.height);
      ctx.drawImage(bitmap, 0, 0, a.width, a.height);
      let blob = await toBlob('image/webp', a.quality);
      // A browser that cannot write WebP answers PNG: use JPEG there.
      if (blob?.type !== 'image/webp') blob = await toBlob('image/jpeg', a.quality);
      if (blob && (blob.type === 'image/jpeg' || blob.type === 'image/webp') && blob.size <= PHOTO_MAX_BYTES)
        return blob;
    }
  } finally {
    bitmap.close();
  }
  throw new PhotoError('too_large');
}

/** SHA-256 of a file as lowercase hex: the name the server keeps it under. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
