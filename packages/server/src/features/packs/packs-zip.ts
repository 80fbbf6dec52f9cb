import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MEDIA_LIMITS, type PackManifest, packManifest } from '@lawh/shared';
import * as yauzl from 'yauzl';
import { AppError } from '../../errors';
import { MediaIntegrityError, type MediaStorage, verifying } from '../media/media-storage';
import { MANIFEST } from './packs-export';

/** What is wrong with a pack, for the person importing it (the web app translates these). */
export type PackProblem =
  | 'not_a_zip'
  | 'unsafe_path'
  | 'unknown_entry'
  | 'missing_entry'
  | 'zip_bomb'
  | 'too_large'
  | 'tampered'
  | 'corrupt'
  | 'unsafe_media'
  | 'manifest';

export const badPack = (problem: PackProblem, message: string, details: Record<string, unknown> = {}) =>
  new AppError(problem === 'too_large' ? 413 : 400, 'invalid_pack', message, { problem, ...details });

export interface PackLimits {
  entries: number;
  manifestBytes: number;
  /** One media file; the largest upload any kind allows. */
  entryBytes: number;
  totalBytes: number;
  /** Uncompressed ÷ compressed for deflated entries (JSON compresses ~10×; a bomb 1000×). */
  ratio: number;
}

export const PACK_LIMITS: PackLimits = {
  entries: 200_000,
  manifestBytes: 64 * 1024 * 1024,
  // Not media-inspect's MAX_UPLOAD_BYTES: importing it loads sharp, 20 MB of RSS the CLI does not need.
  entryBytes: Math.max(...Object.values(MEDIA_LIMITS)),
  totalBytes: 64 * 1024 * 1024 * 1024,
  ratio: 100,
};

/** file-type's sample size (media-inspect's SNIFF_BYTES, not imported: that module loads sharp). */
const HEAD_BYTES = 4100;

const MEDIA_ENTRY = /^media\/([0-9a-f]{64})$/;

/** Names that could land outside a folder if someone unzipped the pack by hand, or mean different things on Windows. */
function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((s) => s === '..' || s === '.')) return 'climbs out of the pack (..)';
  if (/\p{Cc}/u.test(name)) return 'contains control characters';
  return null;
}

export interface OpenedPack {
  zip: yauzl.ZipFile;
  manifest: PackManifest;
  /** media/<hash> entries by hash. */
  media: Map<string, yauzl.Entry>;
  close(): void;
}

async function readAll(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  const stream = await zip.openReadStreamPromise(entry);
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        n += chunk.length;
        if (n > cap) return done(badPack('zip_bomb', `${MANIFEST} is larger than ${cap} bytes`));
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

function manifestProblem(error: import('zod').ZodError): AppError {
  const issues = error.issues.map((i) => ({ field: i.path.join('.') || 'manifest', message: i.message }));
  const first = issues[0];
  return badPack('manifest', `${MANIFEST}: ${first ? `${first.field}: ${first.message}` : 'invalid'}`, {
    field: first?.field,
    issues: issues.slice(0, 20),
  });
}

/**
 * Opens a pack from a file and checks its table of contents before a byte of media is read: every
 * name safe and expected, sizes within limits, compression ratios sane, the manifest valid.
 */
export async function openPack(path: string, limits: PackLimits = PACK_LIMITS): Promise<OpenedPack> {
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: names come raw, so a bad one gets our clear error, not yauzl's.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false });
  } catch (e) {
    throw badPack('not_a_zip', `Not a complete zip file (truncated or damaged): ${(e as Error).message}`);
  }
  const close = () => zip.close();
  try {
    if (zip.entryCount > limits.entries)
      throw badPack(
        'zip_bomb',
        `The pack has ${zip.entryCount} entries; at most ${limits.entries} are allowed`,
      );
    let manifestEntry: yauzl.Entry | null = null;
    const media = new Map<string, yauzl.Entry>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const why = unsafeName(name);
      if (why)
        throw badPack('unsafe_path', `Entry "${name.slice(0, 200)}" ${why}`, { entry: name.slice(0, 200) });
      if (name === 'media/') continue;
      const hash = MEDIA_ENTRY.exec(name)?.[1];
      if (name !== MANIFEST && !hash)
        throw badPack('unknown_entry', `Unexpected entry "${name.slice(0, 200)}" in the pack`, {
          entry: name.slice(0, 200),
        });
      if ((entry.generalPurposeBitFlag & 1) !== 0)
        throw badPack('corrupt', `Entry "${name}" is encrypted`, { entry: name });
      if ((hash && media.has(hash)) || (name === MANIFEST && manifestEntry))
        throw badPack('corrupt', `Entry "${name}" appears twice`, { entry: name });
      const size = entry.uncompressedSize;
      const cap = hash ? limits.entryBytes : limits.manifestBytes;
      if (size > cap)
        throw badPack('zip_bomb', `Entry "${name}" unpacks to ${size} bytes; at most ${cap} are allowed`, {
          entry: name,
        });
      if (entry.compressionMethod === 0 && entry.compressedSize !== size)
        throw badPack('corrupt', `Entry "${name}" is stored with inconsistent sizes`, { entry: name });
      if (
        entry.compressionMethod !== 0 &&
        size > 1024 * 1024 &&
        size / Math.max(1, entry.compressedSize) > limits.ratio
      )
        throw badPack('zip_bomb', `Entry "${name}" is compressed more than ${limits.ratio}×: a zip bomb`, {
          entry: name,
        });
      total += size;
      if (total > limits.totalBytes)
        throw badPack('too_large', `The pack unpacks to more than ${limits.totalBytes} bytes`);
      if (hash) media.set(hash, entry);
      else manifestEntry = entry;
    }
    if (!manifestEntry) throw badPack('missing_entry', `The pack has no ${MANIFEST}`, { entry: MANIFEST });
    let json: unknown;
    try {
      json = JSON.parse((await readAll(zip, manifestEntry, limits.manifestBytes)).toString('utf8'));
    } catch (e) {
      throw e instanceof AppError
        ? e
        : badPack('manifest', `${MANIFEST} is not valid JSON: ${(e as Error).message}`);
    }
    const parsed = packManifest.safeParse(json);
    if (!parsed.success) throw manifestProblem(parsed.error);
    return { zip, manifest: parsed.data, media, close };
  } catch (e) {
    close();
    throw e;
  }
}

/**
 * Streams one media entry and checks its SHA-256 on the way: into the store when `store` is set
 * (which publishes it only if the hash matched), or into nothing when the file is already stored.
 */
export async function readMediaEntry(
  pack: OpenedPack,
  hash: string,
  bytes: number,
  store: MediaStorage | null,
  onBytes: (n: number) => void,
): Promise<Buffer> {
  const entry = pack.media.get(hash);
  if (!entry) throw badPack('missing_entry', `media/${hash} is missing: the pack is incomplete`);
  try {
    const stream = await pack.zip.openReadStreamPromise(entry);
    // Counted on the way through; a Transform (not a 'data' listener) keeps back-pressure and loses
    // nothing while the store is still opening its file.
    const head: Buffer[] = [];
    let headBytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        onBytes(chunk.length);
        // The first bytes, to judge the file's type as an upload's is judged.
        if (headBytes < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
        done(null, chunk);
      },
    });
    stream.on('error', (e) => counted.destroy(e));
    stream.pipe(counted);
    if (store) await store.put(hash, counted, bytes);
    else await pipeline(counted, verifying(hash, bytes), new Writable({ write: (_c, _e, done) => done() }));
    return Buffer.concat(head);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof MediaIntegrityError)
      throw badPack('tampered', `media/${hash} does not match its SHA-256: the pack was altered or damaged`, {
        entry: `media/${hash}`,
      });
    throw badPack('corrupt', `media/${hash} cannot be read: ${(e as Error).message}`, {
      entry: `media/${hash}`,
    });
  }
}
