import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import {
  MEDIA_KINDS,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type PackContent,
  type PackFilters,
  type PackManifest,
  type PackMedia,
} from '@lawh/shared';
import type { Kysely } from 'kysely';
import { ZipFile } from 'yazl';
import type { Auth } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict } from '../../errors';
import { nowIso } from '../../lib/time';
import type { MediaStorage } from '../media/media-storage';
import { packsRepository as repo } from './packs.repository';

export const MANIFEST = 'manifest.json';
export const mediaEntry = (hash: string) => `media/${hash}`;

const HASH = /^[0-9a-f]{64}$/;
const kinds = new Set<string>(MEDIA_KINDS);

/**
 * Media hashes and quiz ids a stored body points at: any `{kind, hash}` media reference and any
 * `{type: 'quiz', quizId}` block, wherever they sit. A walk rather than the schema, so a version
 * published under an older schema still exports whole.
 */
export function referencesIn(bodyJson: string): { media: string[]; quizzes: string[] } {
  const media: string[] = [];
  const quizzes: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.hash === 'string' && HASH.test(o.hash) && typeof o.kind === 'string' && kinds.has(o.kind))
      media.push(o.hash);
    if (o.type === 'quiz' && typeof o.quizId === 'string') quizzes.push(o.quizId);
    Object.values(o).forEach(walk);
  };
  walk(JSON.parse(bodyJson));
  return { media, quizzes };
}

export interface PackExport {
  manifest: PackManifest;
  /** Every file the zip holds under media/, originals and renditions, with their sizes. */
  files: Array<{ hash: string; bytes: number }>;
}

/** Decides what goes into the pack: the filtered items, the quizzes their lessons link to, their media. */
export async function planExport(db: Kysely<DB>, auth: Auth, filters: PackFilters): Promise<PackExport> {
  const chosen = new Set(await repo.exportable(db, auth, filters));
  let versions = await repo.versions(db, [...chosen]);
  // A lesson is useless without the quizzes it links to: bring those along (quizzes link no further).
  const linked = [...new Set(versions.flatMap((v) => referencesIn(v.body).quizzes))].filter(
    (id) => !chosen.has(id),
  );
  const extra = await repo.publishedQuizzes(db, auth, linked);
  if (extra.length) {
    for (const id of extra) chosen.add(id);
    versions = versions.concat(await repo.versions(db, extra));
  }
  const items = await repo.items(db, [...chosen]);
  const byItem = new Map<string, typeof versions>();
  for (const v of versions) byItem.set(v.contentId, [...(byItem.get(v.contentId) ?? []), v]);

  const content: PackContent[] = items
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((i) => ({
      id: i.id,
      kind: i.kind,
      schoolId: i.schoolId,
      createdBy: i.createdBy,
      createdAt: i.createdAt,
      versions: (byItem.get(i.id) ?? [])
        .sort((a, b) => a.version - b.version)
        .map((v) => ({
          id: v.id,
          version: v.version,
          title: v.title,
          cycle: v.cycle,
          level: v.level,
          subject: v.subject,
          unit: v.unit,
          language: v.language,
          body: v.body,
          publishedBy: v.publishedBy,
          publishedAt: v.publishedAt,
        })),
    }));

  const hashes = [...new Set(versions.flatMap((v) => referencesIn(v.body).media))].sort();
  const rows = await repo.media(db, hashes);
  const renditions = await repo.renditions(db, hashes);
  const media: PackMedia[] = rows
    .sort((a, b) => a.hash.localeCompare(b.hash))
    .map((m) => ({
      hash: m.hash,
      kind: m.kind,
      mime: m.mime,
      bytes: Number(m.bytes),
      width: m.width,
      height: m.height,
      durationMs: m.durationMs,
      originalName: m.originalName,
      renditions: renditions
        .filter((r) => r.mediaHash === m.hash)
        .map((r) => ({
          name: r.name,
          hash: r.hash,
          mime: r.mime,
          bytes: Number(r.bytes),
          width: r.width,
          height: r.height,
        })),
    }));

  const files = new Map<string, number>();
  for (const m of media) {
    files.set(m.hash, m.bytes);
    for (const r of m.renditions) files.set(r.hash, r.bytes);
  }
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    createdAt: nowIso(),
    source: { app: 'lawh', server: process.env.PUBLIC_URL || hostname() },
    filters,
    content: content.filter((c) => c.versions.length > 0),
    media,
  };
  return { manifest, files: [...files].map(([hash, bytes]) => ({ hash, bytes })) };
}

/**
 * The zip as a stream. The manifest goes first (deflated); each media file is STOREd (it is
 * already compressed) and opened only when the zip writer reaches it, so memory stays flat and
 * no more than one file is open at a time whatever the pack's size.
 */
export async function packStream(plan: PackExport, storage: MediaStorage): Promise<Readable> {
  // A record whose file is gone (a store restored from an older backup) must fail before any byte is sent.
  for (const f of plan.files)
    if ((await storage.size(f.hash)) !== f.bytes)
      throw conflict('media', `The media file ${f.hash} is missing or damaged on this server`);
  const zip = new ZipFile();
  const mtime = new Date(plan.manifest.createdAt);
  zip.addBuffer(Buffer.from(JSON.stringify(plan.manifest)), MANIFEST, { compress: true, mtime });
  for (const f of plan.files)
    zip.addReadStreamLazy(mediaEntry(f.hash), { compress: false, size: f.bytes, mtime }, (cb) => {
      storage.createReadStream(f.hash).then(
        (s) => cb(null, s),
        (e) => cb(e, undefined as unknown as Readable),
      );
    });
  zip.end();
  return zip.outputStream as Readable;
}

/** Totals for a progress display: the bytes of media the pack carries. */
export const packBytes = (plan: PackExport) => plan.files.reduce((n, f) => n + f.bytes, 0);
