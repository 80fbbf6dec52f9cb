import type { SyncEvent } from '@lawh/shared';
import { parseRetryAfter } from '@lawh/shared/lib/backoff';
import { markUploaded, type QueuedBlob, queuedBlobs } from './local-db';
import { bearer, type Meter, SyncHttpError } from './sync-http';

// A submission's files go up before its event: `PUT /api/sync/v1/media/:sha256` with the device
// credential, so the server never applies an event whose media it lacks. The files stay on the
// tablet until the event is acknowledged (local-db acknowledge()); an interrupted run resends only
// what the server did not confirm.

/** Where the queued files live; IndexedDB in the app, a Map in the tests. */
export interface UploadStore {
  queued(hashes: readonly string[]): Promise<Array<Pick<QueuedBlob, 'hash' | 'mime' | 'blob' | 'uploaded'>>>;
  markUploaded(hash: string): Promise<void>;
}

const idbStore: UploadStore = { queued: queuedBlobs, markUploaded };

/** The distinct files the submission events of a push batch reference, in order. */
export function referencedMedia(events: readonly SyncEvent[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'submission.submitted') continue;
    const media = e.payload.media;
    if (!Array.isArray(media)) continue;
    for (const m of media) {
      const hash = (m as { hash?: unknown } | null)?.hash;
      if (typeof hash === 'string') out.add(hash);
    }
  }
  return [...out];
}

export interface UploadResult {
  sent: number;
  /** Files the server refused for good (too large, not what they claim): the server quarantines their event. */
  refused: Array<{ hash: string; status: number }>;
}

/**
 * Sends the files of these events that the server does not hold yet. Throws SyncHttpError on no
 * connection, a revoked tablet or a server error (the push waits for the next run); a file the
 * server refuses for good does not block the queue.
 */
export async function uploadMediaFor(
  events: readonly SyncEvent[],
  token: string,
  meter: Meter,
  store: UploadStore = idbStore,
  fetchFn: typeof fetch = fetch,
): Promise<UploadResult> {
  const result: UploadResult = { sent: 0, refused: [] };
  const hashes = referencedMedia(events);
  if (hashes.length === 0) return result;
  for (const b of await store.queued(hashes)) {
    if (b.uploaded) continue;
    let res: Response;
    try {
      res = await fetchFn(`/api/sync/v1/media/${b.hash}`, {
        method: 'PUT',
        headers: { ...bearer(token), 'content-type': b.mime },
        body: b.blob,
        credentials: 'omit',
      });
    } catch {
      throw new SyncHttpError(0, 'network', 'No connection to the server');
    }
    meter(b.blob.size + 350, 200);
    // 201: stored now; 200: the server already held it.
    if (res.status === 200 || res.status === 201) {
      await store.markUploaded(b.hash);
      result.sent += 1;
      continue;
    }
    if (res.status === 401 || res.status === 408 || res.status === 429 || res.status >= 500) {
      throw new SyncHttpError(
        res.status,
        `http_${res.status}`,
        res.statusText,
        undefined,
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    result.refused.push({ hash: b.hash, status: res.status });
  }
  return result;
}
