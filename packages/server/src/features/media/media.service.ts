import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { MediaRecord } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanUploadMedia } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import type { DeviceAuth } from '../../plugins/device-auth';
import { mayFetchMedia } from '../sync/scopes';
import type { ResolvedMedia } from './media.options';
import { type MediaRow, type RenditionRow, mediaRepository as repo } from './media.repository';
import { inspect, tooLarge } from './media-inspect';
import { MediaNotFoundError } from './media-storage';
import { imageRenditions, type RenditionFile } from './renditions';
import { stageUpload } from './upload-staging';
import type { VideoJobs } from './video-renditions';

/** One uploaded file as the route hands it over. */
export interface IncomingFile {
  stream: Readable;
  filename: string | undefined;
  /** True when the multipart parser cut the file at its own limit. */
  truncated(): boolean;
}

const toApi = (r: MediaRow, renditions: RenditionRow[]): MediaRecord => ({
  hash: r.hash,
  kind: r.kind,
  mime: r.mime,
  bytes: Number(r.bytes),
  width: r.width,
  height: r.height,
  durationMs: r.durationMs,
  originalName: r.originalName,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  renditions: renditions
    .map((x) => ({
      name: x.name,
      hash: x.hash,
      mime: x.mime,
      bytes: Number(x.bytes),
      width: x.width,
      height: x.height,
    }))
    .sort((a, b) => (a.width ?? 0) - (b.width ?? 0) || a.name.localeCompare(b.name)),
});

/** A browser sends a bare name, an old one a whole Windows path; keep the name, without control characters. */
function displayName(filename: string | undefined): string | null {
  const name = basename((filename ?? '').replaceAll('\\', '/'))
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return name || null;
}

export function mediaService(db: Kysely<DB>, media: ResolvedMedia, videoJobs: VideoJobs) {
  const { storage } = media;

  const record = async (hash: string): Promise<MediaRecord> => {
    const row = await repo.find(db, hash);
    if (!row) throw notFound('Media');
    return toApi(row, await repo.renditionsOf(db, hash));
  };

  /** Stores the original and its renditions, then records them in one transaction; or none of it. */
  const store = async (row: MediaRow, stagedPath: string, renditions: RenditionFile[]): Promise<boolean> => {
    const written: string[] = [];
    const put = async (hash: string, body: Readable | Buffer, bytes: number) => {
      if (await storage.has(hash)) return;
      await storage.put(hash, body, bytes);
      written.push(hash);
    };
    try {
      await put(row.hash, createReadStream(stagedPath), row.bytes);
      for (const r of renditions) await put(r.hash, r.data, r.data.length);
      await repo.insert(
        db,
        row,
        renditions.map((r) => ({
          mediaHash: row.hash,
          name: r.name,
          hash: r.hash,
          mime: r.mime,
          bytes: r.data.length,
          width: r.width,
          height: r.height,
          createdAt: row.createdAt,
        })),
      );
      return true;
    } catch (e) {
      // Remove what this upload added, unless a record now names it (the same bytes, uploaded at
      // the same moment by someone else, whose insert won).
      for (const hash of written)
        if (!(await repo.isReferenced(db, hash).catch(() => true))) await storage.delete?.(hash);
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  };

  return {
    info: (_auth: Auth, hash: string) => record(hash),

    /**
     * Takes an upload: checks who sends it, streams it to a temp file while hashing, decides its
     * type from the bytes, makes renditions, stores everything. The same bytes twice give the
     * existing record (`created: false`). Any refusal leaves no file and no row behind.
     */
    async upload(
      auth: Auth,
      receive: () => Promise<IncomingFile>,
    ): Promise<{ record: MediaRecord; created: boolean }> {
      assertCanUploadMedia(auth);
      const file = await receive();
      const staged = await stageUpload(file.stream, media.stagingDir);
      let handedOver = false;
      try {
        if (file.truncated()) throw tooLarge('video');
        if (await repo.find(db, staged.hash)) return { record: await record(staged.hash), created: false };
        const found = await inspect(staged.path, staged.bytes);
        const renditions =
          found.kind === 'image' && found.mime !== 'image/svg+xml'
            ? await imageRenditions(staged.path, found)
            : [];
        const row: MediaRow = {
          hash: staged.hash,
          kind: found.kind,
          mime: found.mime,
          bytes: staged.bytes,
          width: found.width,
          height: found.height,
          durationMs: found.durationMs,
          originalName: displayName(file.filename),
          createdBy: auth.userId,
          createdAt: nowIso(),
        };
        const created = await store(row, staged.path, renditions);
        if (created && found.kind === 'video' && media.ffmpeg) {
          // The job reads the staged copy (a seekable local file whatever the store) and deletes it.
          videoJobs.enqueue(staged.hash, staged.path, staged.discard);
          handedOver = true;
        }
        return { record: await record(staged.hash), created };
      } finally {
        if (!handedOver) await staged.discard();
      }
    },

    /** Type and size of a servable hash (an original or a rendition), or a 404. */
    async find(who: Auth | DeviceAuth, hash: string): Promise<{ mime: string; bytes: number }> {
      const found = await repo.servable(db, hash);
      if (!found) throw notFound('Media');
      // Tablets fetch only what their rows reference; staff fetch by hash (the hash is the capability).
      if ('deviceId' in who && !(await mayFetchMedia(db, who, hash))) throw notFound('Media');
      return { mime: found.mime, bytes: Number(found.bytes) };
    },

    async open(hash: string, range?: { start: number; end: number }): Promise<Readable> {
      try {
        return await storage.createReadStream(hash, range);
      } catch (e) {
        // A record without its file: the store was restored from an older backup than the database.
        if (e instanceof MediaNotFoundError) throw notFound('Media file');
        throw e;
      }
    },
  };
}
