import type { DeviceStatusReport, PullResponse, PushResponse } from '@lawh/shared';
// By path, not from the barrel: the sync worker must not pull in zod and every schema.
import { CURSOR_EXPIRED, SYNC_LIMITS } from '@lawh/shared/lib/sync-constants';
import { APP_VERSION, olderThan } from './app-version';
import {
  acknowledge,
  announce,
  applyPage,
  getSettings,
  localDb,
  outboxHead,
  patchStatus,
  resetScopes,
} from './local-db';
import { addBytes, isQuotaError, pushBody, smallerBatch, takeBatch } from './local-logic';
import { type MediaOutcome, syncMedia } from './media';
import { postSync, SyncHttpError } from './sync-http';
import { uploadMediaFor } from './upload';

// One sync run: push the outbox, pull until hasMore is false, then bring media in line. Runs in the
// sync worker (sync.worker.ts), or on the page where workers are missing. Never throws: it answers
// what happened, and the caller decides when to try again.

export interface SyncProgress {
  phase: 'push' | 'pull' | 'media';
  /** Events sent, rows received, or files downloaded so far in this run. */
  items: number;
  itemsTotal: number | null;
  bytes: number;
  bytesTotal: number | null;
  /** Estimated milliseconds left, when the total is known. */
  etaMs: number | null;
}

export type SyncOutcome =
  | { kind: 'ok'; media: MediaOutcome }
  | { kind: 'not_enrolled' }
  | { kind: 'offline' }
  | { kind: 'blocked'; why: 'revoked' | 'update_required' }
  | { kind: 'retry'; retryAfterMs: number | null; message: string };

export async function storageEstimate(): Promise<{ used: number | null; free: number | null }> {
  try {
    const e = await navigator.storage.estimate();
    if (e.usage === undefined || e.quota === undefined) return { used: null, free: null };
    return { used: Math.round(e.usage), free: Math.max(0, Math.round(e.quota - e.usage)) };
  } catch {
    return { used: null, free: null };
  }
}

async function statusReport(): Promise<DeviceStatusReport> {
  const { used, free } = await storageEstimate();
  const { waiting } = await localDb.status();
  return { appVersion: APP_VERSION, freeStorageBytes: free, usedStorageBytes: used, outboxCount: waiting };
}

export async function syncOnce(opts: {
  media: boolean;
  /** Started by "Sync now" rather than by a timer or an event. */
  manual?: boolean;
  onProgress?: (p: SyncProgress) => void;
}): Promise<SyncOutcome> {
  const device = await localDb.device();
  if (!device) return { kind: 'not_enrolled' };
  const report = opts.onProgress ?? (() => {});
  let up = 0;
  let down = 0;
  const meter = (u: number, d: number) => {
    up += u;
    down += d;
  };
  const saveBytes = () => patchStatus((s) => ({ monthBytes: addBytes(s.monthBytes, new Date(), up, down) }));
  const checkVersion = (min: string) => {
    if (olderThan(APP_VERSION, min)) throw new SyncHttpError(426, 'update_required', 'This app is too old');
  };
  try {
    // Up: the outbox in batches. At least one push per run, so the register sees this tablet's status.
    let sent = 0;
    let most: number = SYNC_LIMITS.pushMaxEvents;
    for (let first = true; ; first = false) {
      const bytes = Math.floor((SYNC_LIMITS.pushMaxBytes * most) / SYNC_LIMITS.pushMaxEvents);
      const taken = takeBatch(await outboxHead(most), most, bytes);
      const batch = taken.events;
      if (batch.length === 0 && !first) break;
      // A submission's photos and recordings first: the server applies no event without its media.
      // A file refused for good is not retried: the server quarantines its event with the reason.
      await uploadMediaFor(batch, device.token, meter);
      let res: PushResponse;
      try {
        res = await postSync<PushResponse>(
          '/api/sync/v1/push',
          pushBody(taken, await statusReport()),
          device.token,
          meter,
        );
      } catch (e) {
        const smaller = e instanceof SyncHttpError ? smallerBatch(e, batch.length) : null;
        if (smaller === null) throw e;
        most = smaller;
        continue;
      }
      await acknowledge(res.ackedSeq);
      announce('status');
      checkVersion(res.minAppVersion);
      sent += batch.length;
      report({ phase: 'push', items: sent, itemsTotal: null, bytes: up, bytesTotal: null, etaMs: null });
      // The server holds an earlier gap: stop rather than resend the same batch forever.
      if (batch.length === 0 || res.ackedSeq < batch[batch.length - 1]!.deviceSeq) break;
    }

    // Down: pages until there are no more. Each page and its cursor are stored together.
    let rows = 0;
    for (;;) {
      let page: PullResponse;
      try {
        page = await postSync<PullResponse>(
          '/api/sync/v1/pull',
          { cursor: await localDb.cursor() },
          device.token,
          meter,
        );
      } catch (e) {
        if (e instanceof SyncHttpError && e.status === 410 && e.code === CURSOR_EXPIRED) {
          const scopes = (e.details as { scopes?: string[] } | undefined)?.scopes ?? [];
          await resetScopes(scopes.length ? scopes : Object.keys(await localDb.cursor()));
          announce('rows');
          continue;
        }
        throw e;
      }
      await applyPage(page);
      rows += page.changes.length;
      if (page.changes.length || page.removedScopes.length) announce('rows');
      checkVersion(page.minAppVersion);
      report({ phase: 'pull', items: rows, itemsTotal: null, bytes: down, bytesTotal: null, etaMs: null });
      if (!page.hasMore) break;
    }
    await patchStatus((s) => ({
      lastSyncAt: new Date().toISOString(),
      lastError: null,
      blocked: null,
      monthBytes: addBytes(s.monthBytes, new Date(), up, down),
    }));
    up = 0;
    down = 0;

    let media: MediaOutcome = 'none';
    if (opts.media) {
      const mediaStart = Date.now();
      const { mediaOnlyOnWifi } = await getSettings();
      media = await syncMedia({
        token: device.token,
        wifiOnly: mediaOnlyOnWifi,
        manual: opts.manual ?? false,
        meter,
        onProgress: (p) => {
          const elapsed = Date.now() - mediaStart;
          const rate = elapsed > 500 && p.bytes > 0 ? p.bytes / elapsed : null;
          report({
            phase: 'media',
            items: p.files,
            itemsTotal: p.filesTotal,
            bytes: p.bytes,
            bytesTotal: p.bytesTotal,
            etaMs: rate ? Math.round((p.bytesTotal - p.bytes) / rate) : null,
          });
        },
      });
      await saveBytes();
      if (media === 'quota') await patchStatus(() => ({ lastError: 'quota' }));
      if (media !== 'none') announce('media');
    }
    return { kind: 'ok', media };
  } catch (e) {
    await saveBytes().catch(() => undefined);
    return classify(e);
  }
}

async function classify(e: unknown): Promise<SyncOutcome> {
  if (isQuotaError(e)) {
    // The disk is full while storing rows: the outbox lives in its own transactions and is intact.
    await patchStatus(() => ({ lastError: 'quota' })).catch(() => undefined);
    return { kind: 'retry', retryAfterMs: 10 * 60_000, message: 'storage full' };
  }
  if (!(e instanceof SyncHttpError)) {
    const message = e instanceof Error ? e.message : String(e);
    await patchStatus(() => ({ lastError: message })).catch(() => undefined);
    return { kind: 'retry', retryAfterMs: null, message };
  }
  if (e.status === 401) {
    await patchStatus(() => ({ blocked: 'revoked', lastError: e.code }));
    return { kind: 'blocked', why: 'revoked' };
  }
  if (e.status === 426) {
    await patchStatus(() => ({ blocked: 'update_required', lastError: e.code }));
    return { kind: 'blocked', why: 'update_required' };
  }
  await patchStatus(() => ({ lastError: e.status === 0 ? 'offline' : e.code }));
  if (e.status === 0) return { kind: 'offline' };
  return { kind: 'retry', retryAfterMs: e.retryAfterMs, message: e.message };
}
