import { MEDIA_LIMITS } from '@lawh/shared';
import * as yauzl from 'yauzl';
import { AppError } from '../../errors';

/**
 * Reads a small zip (a QTI package) into memory without trusting it: names that could climb out of
 * a folder, too many entries, entries or totals over the limits, and bomb-like compression ratios
 * are refused before anything is inflated; inflated bytes are counted again on the way (yauzl also
 * checks them against the declared sizes).
 *
 * packs/packs-zip.ts makes the same checks for content packs, streaming from a file; this one is
 * for uploads that fit in memory. They could share `unsafeZipName`.
 */

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  /** Uncompressed ÷ compressed for entries over 1 MB (XML compresses ~10×; a bomb 1000×). */
  ratio: number;
}

export const QTI_ZIP_LIMITS: ZipLimits = {
  entries: 2000,
  entryBytes: MEDIA_LIMITS.image,
  totalBytes: 64 * 1024 * 1024,
  ratio: 100,
};

export const badPackage = (message: string, details: Record<string, unknown> = {}, status = 400) =>
  new AppError(status, 'invalid_qti', message, details);

/** Why a zip entry name is unsafe (could land outside a folder when unpacked), or null. */
export function unsafeZipName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'climbs out of the package (..)';
  if (/\p{Cc}/u.test(name)) return 'contains control characters';
  return null;
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of await zip.openReadStreamPromise(entry)) {
    n += (chunk as Buffer).length;
    if (n > cap) throw badPackage(`${name} unpacks to more than ${cap} bytes`, { file: name }, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Every file of the zip by its path (folders left out), or a 4xx naming what is wrong. */
export async function readZip(
  bytes: Buffer,
  label: string,
  limits = QTI_ZIP_LIMITS,
): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: false });
  } catch (e) {
    throw badPackage(`${label} is not a complete zip file: ${(e as Error).message}`, { file: label });
  }
  try {
    if (zip.entryCount > limits.entries)
      throw badPackage(`${label} holds ${zip.entryCount} files; at most ${limits.entries} are allowed`, {
        file: label,
      });
    const files = new Map<string, Buffer>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const shown = name.slice(0, 200);
      const why = unsafeZipName(name);
      if (why) throw badPackage(`Entry "${shown}" ${why}`, { file: shown });
      if (name.endsWith('/')) continue;
      if ((entry.generalPurposeBitFlag & 1) !== 0) throw badPackage(`${shown} is encrypted`, { file: shown });
      if (files.has(name)) throw badPackage(`${shown} appears twice in the package`, { file: shown });
      const size = entry.uncompressedSize;
      if (size > limits.entryBytes)
        throw badPackage(
          `${shown} unpacks to ${size} bytes; at most ${limits.entryBytes} are allowed`,
          { file: shown },
          413,
        );
      if (size > 1024 * 1024 && size / Math.max(1, entry.compressedSize) > limits.ratio)
        throw badPackage(`${shown} is compressed more than ${limits.ratio}×: a zip bomb`, { file: shown });
      total += size;
      if (total > limits.totalBytes)
        throw badPackage(`${label} unpacks to more than ${limits.totalBytes} bytes`, { file: label }, 413);
      files.set(name, await readEntry(zip, entry, shown, limits.entryBytes));
    }
    return files;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badPackage(`${label} cannot be unpacked: ${(e as Error).message}`, { file: label });
  } finally {
    zip.close();
  }
}
