import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/context';
import type { MessageKey } from '../i18n';
import { useFormat } from '../ui/format';
import type { SyncStatus } from './local-types';
import { onSync, syncState } from './sync-client';
import type { SyncProgress } from './sync-engine';
import './tablet-sync.css';

/** The sync worker's latest word: running, its progress, and how the last run ended. */
export function useSyncState() {
  const [state, setState] = useState(syncState);
  useEffect(() => onSync(() => setState(syncState())), []);
  return state;
}

/** Bytes as "12.3 MB" in the interface's locale. */
export function formatBytes(n: number, intl: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let v = n;
  while (v >= 999.5 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return new Intl.NumberFormat(intl, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(v);
}

export function formatDuration(ms: number, intl: string): string {
  const s = Math.max(1, Math.round(ms / 1000));
  const [value, unit] =
    s < 90 ? [s, 'second'] : s < 5400 ? [Math.round(s / 60), 'minute'] : [Math.round(s / 3600), 'hour'];
  return new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** What to tell the user about the last problem, if any. */
export function problemKey(status: Pick<SyncStatus, 'blocked' | 'lastError'>): MessageKey | null {
  if (status.blocked === 'revoked') return 'sync.blocked.revoked';
  if (status.blocked === 'update_required') return 'sync.blocked.update';
  if (!status.lastError) return null;
  if (status.lastError === 'offline') return 'sync.error.offline';
  if (status.lastError === 'quota') return 'sync.error.quota';
  return 'sync.error.other';
}

/** A progress bar with what it counts: items, bytes and time left when they are known. */
export function SyncProgressBar({ progress }: { progress: SyncProgress | null }) {
  const { t, intl } = useApp();
  const { num } = useFormat();
  const known = progress?.bytesTotal ? Math.min(1, progress.bytes / progress.bytesTotal) : null;
  let label = t('sync.status.syncing');
  if (progress?.phase === 'push') label = t('sync.progress.push', { count: num(progress.items) });
  if (progress?.phase === 'pull') label = t('sync.progress.pull', { count: num(progress.items) });
  if (progress?.phase === 'media')
    label = t('sync.progress.media', { done: num(progress.items), total: num(progress.itemsTotal ?? 0) });
  const bytes =
    progress?.phase === 'media' && progress.bytesTotal
      ? t('sync.progress.bytes', {
          done: formatBytes(progress.bytes, intl),
          total: formatBytes(progress.bytesTotal, intl),
        })
      : progress && progress.bytes > 0
        ? formatBytes(progress.bytes, intl)
        : null;
  return (
    <div class="sync-progress">
      <div
        class="sync-bar"
        role="progressbar"
        aria-label={t('sync.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known === null ? undefined : Math.round(known * 100)}
        aria-valuetext={label}
      >
        <span
          class={known === null ? 'sync-bar-fill sync-bar-busy' : 'sync-bar-fill'}
          style={known === null ? undefined : { inlineSize: `${known * 100}%` }}
        />
      </div>
      <p class="sync-progress-text" aria-live="polite">
        <span>{label}</span>
        {bytes && <bdi dir="ltr">{bytes}</bdi>}
        {progress?.etaMs != null && (
          <span>{t('sync.progress.eta', { time: formatDuration(progress.etaMs, intl) })}</span>
        )}
      </p>
    </div>
  );
}
