import type { SyncRow } from '@lawh/shared';
import { mediaUrl } from '../features/content/media-api';
import { announcementMedia } from '../features/tablet/announcements-model';
import { localDb, type MediaEntry, openTabletDb } from './local-db';
import { isQuotaError } from './local-logic';
import { bearer, type Meter, SyncHttpError } from './sync-http';

// The media download manager. Media is not in the sync stream: each file the tablet's content
// references is fetched once by hash, resumed with Range after an interruption (partial bytes wait in
// IndexedDB chunks), verified with SHA-256, and only then put in Cache Storage under the URL the
// players use, where the service worker answers it offline.

export const MEDIA_CACHE = 'lawh-media-v1';
/** Partial bytes are written to IndexedDB every this many bytes: what an interruption can cost. */
const FLUSH_BYTES = 256 * 1024;
/**
 * Space media never takes, so learner work (a few hundred bytes an event) can always be recorded.
 * Checked before each file: a browser does not give space back as soon as data is deleted.
 */
export const MEDIA_RESERVE_BYTES = 5_000_000;

/** Whether a file of this many more bytes fits and leaves the reserve free; true when unknown. */
export async function mediaFits(bytes: number): Promise<boolean> {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    if (quota === undefined || usage === undefined) return true;
    return quota - usage >= bytes + MEDIA_RESERVE_BYTES;
  } catch {
    return true;
  }
}

export interface MediaNeed {
  hash: string;
  bytes: number;
  mime: string;
}

/** Every distinct file the content rows reference. */
export function mediaNeeds(rows: readonly Pick<SyncRow<'content'>, 'media'>[]): MediaNeed[] {
  const out = new Map<string, MediaNeed>();
  for (const r of rows) for (const m of r.media) if (!out.has(m.hash)) out.set(m.hash, m);
  return [...out.values()];
}

/**
 * The files of the learners' tasks: the teacher's attachments, and the voice feedback of returned
 * work. Fetched like content media, so they open offline from the same URL.
 */
export function taskMedia(
  assignments: ReadonlyArray<{ attachments?: readonly MediaNeed[] | null }>,
  submissions: ReadonlyArray<{ returned?: { feedbackVoice?: MediaNeed | null } | null }>,
): Array<{ media: MediaNeed[] }> {
  const out: Array<{ media: MediaNeed[] }> = [];
  for (const a of assignments)
    if (a.attachments?.length)
      out.push({ media: a.attachments.map(({ hash, bytes, mime }) => ({ hash, bytes, mime })) });
  for (const s of submissions) {
    const v = s.returned?.feedbackVoice;
    if (v) out.push({ media: [{ hash: v.hash, bytes: v.bytes, mime: v.mime }] });
  }
  return out;
}

/** The connection type when the browser tells it ('wifi', 'cellular', ...), else null. */
export function connectionType(): string | null {
  const c = (navigator as Navigator & { connection?: { type?: string } }).connection;
  return typeof c?.type === 'string' ? c.type : null;
}
/** "Media only on Wi-Fi" holds back downloads only on a connection the browser says is not Wi-Fi. */
export function mediaAllowed(wifiOnly: boolean, type = connectionType()): boolean {
  return !wifiOnly || type === null || type === 'wifi' || type === 'ethernet';
}

export async function mediaStats(): Promise<{ files: number; bytes: number; waiting: number }> {
  const all = await (await openTabletDb()).getAll('media');
  const done = all.filter((m) => m.done);
  return {
    files: done.length,
    bytes: done.reduce((n, m) => n + m.bytes, 0),
    waiting: all.length - done.length,
  };
}

export interface MediaProgress {
  files: number;
  filesTotal: number;
  bytes: number;
  bytesTotal: number;
}

/** none: nothing to fetch; interrupted: the network went during a download (resumed next run). */
export type MediaOutcome = 'done' | 'wifi' | 'quota' | 'none' | 'interrupted';

/** Brings the media store in line with the content rows: downloads what is missing, drops the rest. */
/** After a full disk, automatic syncs leave media alone this long (each attempt costs data). */
const QUOTA_PAUSE_MS = 30 * 60_000;
let quotaUntil = 0;

export async function syncMedia(opts: {
  token: string;
  wifiOnly: boolean;
  /** "Sync now": try even if the disk was full a moment ago (someone may have freed space). */
  manual: boolean;
  meter: Meter;
  onProgress: (p: MediaProgress) => void;
}): Promise<MediaOutcome> {
  const needs = mediaNeeds([
    ...(await localDb.rows('content')),
    ...taskMedia(await localDb.rows('assignment'), await localDb.rows('submission')),
    ...announcementMedia(await localDb.rows('announcement')),
  ]);
  const db = await openTabletDb();
  const known = new Map((await db.getAll('media')).map((m) => [m.hash, m]));
  const wanted = new Set(needs.map((n) => n.hash));
  const cache = await caches.open(MEDIA_CACHE);
  for (const m of known.values()) {
    if (wanted.has(m.hash)) continue;
    await cache.delete(mediaUrl(m.hash));
    await dropChunks(m.hash, true);
  }
  const todo = needs.filter((n) => !known.get(n.hash)?.done);
  if (todo.length === 0) return 'none';
  if (!opts.manual && Date.now() < quotaUntil) return 'quota';
  if (!mediaAllowed(opts.wifiOnly)) return 'wifi';
  const p: MediaProgress = {
    files: 0,
    filesTotal: todo.length,
    bytes: todo.reduce((n, t) => n + (known.get(t.hash)?.received ?? 0), 0),
    bytesTotal: todo.reduce((n, t) => n + t.bytes, 0),
  };
  opts.onProgress({ ...p });
  try {
    for (const need of todo) {
      if (!(await mediaFits(need.bytes - (known.get(need.hash)?.received ?? 0)))) {
        quotaUntil = Date.now() + QUOTA_PAUSE_MS;
        return 'quota';
      }
      try {
        await downloadOne(need, opts.token, cache, opts.meter, (n) => {
          p.bytes += n;
          opts.onProgress({ ...p });
        });
      } catch (e) {
        // The disk is full: give back this file's partial bytes, so learner work still fits.
        if (isQuotaError(e)) await dropChunks(need.hash, false).catch(() => undefined);
        // A corrupt or vanished file is retried at the next sync; the others still come down.
        if (!(e instanceof SyncHttpError) || e.status === 0 || e.status === 401 || e.status >= 500) throw e;
      }
      p.files += 1;
      opts.onProgress({ ...p });
    }
  } catch (e) {
    if (isQuotaError(e)) {
      quotaUntil = Date.now() + QUOTA_PAUSE_MS;
      return 'quota';
    }
    if (e instanceof SyncHttpError && e.status === 0) return 'interrupted';
    throw e;
  }
  return 'done';
}

async function downloadOne(
  need: MediaNeed,
  token: string,
  cache: Cache,
  meter: Meter,
  onBytes: (n: number) => void,
): Promise<void> {
  const db = await openTabletDb();
  const entry: MediaEntry = (await db.get('media', need.hash)) ?? {
    ...need,
    received: 0,
    done: false,
  };
  if (entry.received < need.bytes) {
    const headers: Record<string, string> = bearer(token);
    if (entry.received > 0) headers.range = `bytes=${entry.received}-`;
    let res: Response;
    try {
      // The sync prefix takes the device credential; the file is then kept under the players' URL.
      res = await fetch(`/api/sync/v1/media/${need.hash}`, { headers, cache: 'no-store' });
    } catch {
      throw new SyncHttpError(0, 'network', 'No connection to the server');
    }
    if (res.status === 416 || (res.status === 200 && entry.received > 0)) {
      // The server does not continue where we stopped: start this file again.
      onBytes(-entry.received);
      await dropChunks(need.hash, false);
      entry.received = 0;
      if (res.status === 416) throw new SyncHttpError(416, 'range', 'Range not satisfiable');
    } else if (!res.ok) {
      throw new SyncHttpError(res.status, `http_${res.status}`, res.statusText);
    }
    const reader = res.body!.getReader();
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = new Uint8Array(pendingBytes);
      let at = 0;
      for (const part of pending) {
        data.set(part, at);
        at += part.byteLength;
      }
      const tx = db.transaction(['media', 'mediaChunks'], 'readwrite');
      void tx.objectStore('mediaChunks').put({ hash: need.hash, offset: entry.received, data: data.buffer });
      void tx.objectStore('media').put({ ...entry, received: entry.received + pendingBytes });
      await tx.done;
      entry.received += pendingBytes;
      meter(0, pendingBytes);
      pending = [];
      pendingBytes = 0;
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pending.push(value);
        pendingBytes += value.byteLength;
        onBytes(value.byteLength);
        if (pendingBytes >= FLUSH_BYTES) await flush();
      }
    } catch (e) {
      // Keep what arrived: the next attempt asks for the rest with Range.
      await flush().catch(() => undefined);
      if (isQuotaError(e)) throw e;
      throw new SyncHttpError(0, 'network', 'The download was interrupted');
    }
    await flush();
    // The connection closed early without an error: keep the bytes, resume next time.
    if (entry.received < need.bytes) throw new SyncHttpError(0, 'network', 'The download was interrupted');
  }
  const chunks = await db.getAll('mediaChunks', chunkRange(need.hash));
  const blob = new Blob(
    chunks.map((c) => c.data),
    { type: need.mime },
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== need.hash) {
    onBytes(-entry.received);
    await dropChunks(need.hash, false);
    throw new SyncHttpError(422, 'media_corrupt', `Media ${need.hash} failed its hash check`);
  }
  await cache.put(
    mediaUrl(need.hash),
    new Response(blob, {
      headers: { 'content-type': need.mime, 'content-length': String(blob.size), etag: `"${need.hash}"` },
    }),
  );
  const tx = db.transaction(['media', 'mediaChunks'], 'readwrite');
  void tx.objectStore('mediaChunks').delete(chunkRange(need.hash));
  void tx.objectStore('media').put({ ...need, received: need.bytes, done: true });
  await tx.done;
}

const chunkRange = (hash: string) => IDBKeyRange.bound([hash, 0], [hash, Number.MAX_SAFE_INTEGER]);

/** Deletes a file's partial bytes; with `entry`, forgets the file too. */
async function dropChunks(hash: string, entry: boolean): Promise<void> {
  const db = await openTabletDb();
  const tx = db.transaction(['media', 'mediaChunks'], 'readwrite');
  void tx.objectStore('mediaChunks').delete(chunkRange(hash));
  if (entry) void tx.objectStore('media').delete(hash);
  else {
    const m = await tx.objectStore('media').get(hash);
    if (m) void tx.objectStore('media').put({ ...m, received: 0, done: false });
  }
  await tx.done;
}
