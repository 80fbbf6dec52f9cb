import { IMAGE_RENDITION_WIDTHS } from '@lawh/shared';
import sharp, { type OutputInfo } from 'sharp';
import { MAX_IMAGE_PIXELS, malformed } from './media-inspect';
import { sha256 } from './media-storage';

/** A derived file, kept in the same store under its own hash. */
export interface RenditionFile {
  name: string;
  mime: string;
  hash: string;
  data: Buffer;
  width: number;
  height: number;
}

// Qualities chosen for photos of blackboards and exercise books on 8–10" tablets: text stays sharp,
// a 800 px WebP lands near 40–80 KB.
const WEBP_QUALITY = 75;
const JPEG_QUALITY = 78;

/**
 * Each width in WebP (what current tablets show) and JPEG (old WebViews), never wider than the
 * original: a width at or above it is skipped, except that the smallest width always exists, at the
 * original's own size when the image is smaller, so a client can always pick a rendition.
 */
export async function imageRenditions(
  path: string,
  original: { width: number | null; animated: boolean },
): Promise<RenditionFile[]> {
  const width = original.width ?? 0;
  const out: RenditionFile[] = [];
  try {
    for (const target of IMAGE_RENDITION_WIDTHS) {
      if (target >= width && target !== IMAGE_RENDITION_WIDTHS[0]) continue;
      const resize = { width: Math.min(target, width), withoutEnlargement: true };
      // failOn 'error' still refuses a truncated file (sharp's 'truncated' level is below it) while
      // tolerating the harmless warnings many cameras' JPEGs raise.
      const input = (animated: boolean) =>
        sharp(path, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, animated })
          .autoOrient()
          .resize(resize);
      const webp = await input(original.animated)
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      out.push(file(`w${target}.webp`, 'image/webp', webp));
      const jpeg = await input(false)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      out.push(file(`w${target}.jpg`, 'image/jpeg', jpeg));
    }
  } catch {
    throw malformed('This image cannot be decoded; it may be incomplete or damaged');
  }
  return out;
}

function file(name: string, mime: string, r: { data: Buffer; info: OutputInfo }): RenditionFile {
  // An animated WebP reports the height of all frames stacked; a rendition's height is one frame's.
  const height = r.info.pageHeight ?? r.info.height;
  return { name, mime, hash: sha256(r.data), data: r.data, width: r.info.width, height };
}
