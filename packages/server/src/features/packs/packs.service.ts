import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PackFilters, PackImportSummary } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanExchangePacks } from '../../auth/policy';
import type { DB } from '../../db/schema';
import type { ResolvedMedia } from '../media/media.options';
import { packBytes, packStream, planExport } from './packs-export';
import { type ImportProgress, importPack } from './packs-import';
import { badPack, openPack, PACK_LIMITS, type PackLimits } from './packs-zip';

/** A pack upload as the route hands it over. */
export interface IncomingPack {
  stream: Readable;
  /** True when the multipart parser cut the file at its limit. */
  truncated(): boolean;
}

/** The largest pack accepted over HTTP; bigger ones go through `lawh pack import` from a USB stick. */
export const MAX_PACK_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

const stamp = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export function packsService(db: Kysely<DB>, media: ResolvedMedia, limits: PackLimits = PACK_LIMITS) {
  const importFile = async (
    auth: Auth,
    path: string,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<PackImportSummary> => {
    assertCanExchangePacks(auth);
    const pack = await openPack(path, limits);
    try {
      return await importPack(db, media.storage, auth, pack, onProgress);
    } finally {
      pack.close();
    }
  };

  return {
    /** Plans the pack (so errors are answered before any byte is sent), then streams it. */
    async exportPack(auth: Auth, filters: PackFilters) {
      assertCanExchangePacks(auth);
      const plan = await planExport(db, auth, filters);
      const stream = await packStream(plan, media.storage);
      return {
        stream,
        filename: `lawh-pack-${stamp(plan.manifest.createdAt)}.zip`,
        items: plan.manifest.content.length,
        media: plan.files.length,
        bytes: packBytes(plan),
      };
    },

    importFile,

    /** Writes the upload to a private temp file (the zip is read by random access), imports it, removes it. */
    async importUpload(auth: Auth, receive: () => Promise<IncomingPack>): Promise<PackImportSummary> {
      assertCanExchangePacks(auth);
      const dir = join(media.stagingDir, 'packs');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.zip`);
      try {
        const file = await receive();
        await pipeline(file.stream, createWriteStream(path, { flags: 'wx' }));
        if (file.truncated())
          throw badPack(
            'too_large',
            `A pack sent over the network may weigh at most ${MAX_PACK_UPLOAD_BYTES} bytes`,
          );
        return await importFile(auth, path);
      } finally {
        await rm(path, { force: true });
      }
    },
  };
}
