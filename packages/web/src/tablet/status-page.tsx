import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/context';
import { Link } from '../app/router';
import { useFormat } from '../ui/format';
import { Notice, Spinner } from '../ui/page';
import { APP_VERSION } from './app-version';
import { schoolName } from './enrol-page';
import { getSettings, localDb, onLocalChange, saveSettings, type TabletSettings } from './local-db';
import type { DeviceIdentity, SyncStatus } from './local-types';
import { connectionType, mediaStats } from './media';
import { startSync, syncNow } from './sync-client';
import { storageEstimate } from './sync-engine';
import { formatBytes, problemKey, SyncProgressBar, useSyncState } from './sync-ui';

interface Facts {
  device: DeviceIdentity | null;
  status: SyncStatus;
  settings: TabletSettings;
  media: { files: number; bytes: number; waiting: number };
  storage: { used: number | null; free: number | null };
  persisted: boolean | null;
}

async function loadFacts(): Promise<Facts> {
  const [device, status, settings, media, storage, persisted] = await Promise.all([
    localDb.device(),
    localDb.status(),
    getSettings(),
    mediaStats(),
    storageEstimate(),
    navigator.storage?.persisted?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  return { device, status, settings, media, storage, persisted };
}

/**
 * /tablet/status — for the device manager or the teacher: is this tablet syncing, what waits to be
 * sent, how much data and space it uses, and "Sync now".
 */
export function TabletStatusPage() {
  const { t, intl, locale } = useApp();
  const fmt = useFormat();
  const sync = useSyncState();
  const [facts, setFacts] = useState<Facts | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    startSync();
    return onLocalChange(() => setTick((n) => n + 1));
  }, []);
  useEffect(() => {
    void loadFacts().then(setFacts);
  }, [tick, sync.outcome]);

  if (!facts) return <Spinner label={t('app.loading')} />;
  const { device, status, settings, media, storage } = facts;
  const bytes = (n: number) => formatBytes(n, intl);
  const problem = problemKey(status);
  const connection = connectionType();
  const wifiWaiting =
    settings.mediaOnlyOnWifi && connection !== null && connection !== 'wifi' && media.waiting > 0;
  return (
    <section class="page tablet-page">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('sync.status.title')}</h1>
      </header>
      {!device && (
        <Notice kind="info">
          <p>{t('sync.status.notEnrolled')}</p>
          <Link href="/enrol" class="button primary">
            {t('enrol.title')}
          </Link>
        </Notice>
      )}
      {device && (
        <>
          <p>
            <bdi>
              {t('sync.status.device', { serial: device.serialNumber, school: schoolName(device, locale) })}
            </bdi>
          </p>
          {problem && (
            <Notice kind={status.blocked ? 'error' : 'info'}>
              {t(problem)}
              {status.blocked === 'update_required' && (
                <>
                  {' '}
                  <button type="button" class="secondary" onClick={() => location.reload()}>
                    {t('sync.reload')}
                  </button>
                </>
              )}
            </Notice>
          )}
          <p class="sync-actions">
            <button type="button" class="primary" disabled={sync.running} onClick={() => syncNow()}>
              {t(sync.running ? 'sync.status.syncing' : 'sync.status.syncNow')}
            </button>
          </p>
          {sync.running && (
            <SyncProgressBar progress={sync.progress?.type === 'progress' ? sync.progress.progress : null} />
          )}
          <dl class="sync-facts">
            <dt>{t('sync.status.lastSync')}</dt>
            <dd>
              <bdi dir="ltr">
                {status.lastSyncAt ? fmt.dateTime(status.lastSyncAt) : t('sync.status.never')}
              </bdi>
            </dd>
            <dt>{t('sync.status.waiting')}</dt>
            <dd data-testid="sync-waiting">
              <bdi dir="ltr">{fmt.num(status.waiting)}</bdi>
            </dd>
            <dt>{t('sync.status.dataMonth')}</dt>
            <dd>
              {t('sync.status.dataUpDown', {
                up: bytes(status.monthBytes.up),
                down: bytes(status.monthBytes.down),
              })}
            </dd>
            <dt>{t('sync.status.space')}</dt>
            <dd>
              {storage.used === null || storage.free === null
                ? t('sync.status.spaceUnknown')
                : t('sync.status.spaceUsedFree', { used: bytes(storage.used), free: bytes(storage.free) })}
              {facts.persisted !== null && (
                <>
                  <br />
                  {t(facts.persisted ? 'sync.status.persisted' : 'sync.status.notPersisted')}
                </>
              )}
            </dd>
            <dt>{t('sync.status.media')}</dt>
            <dd>
              {t('sync.status.mediaFiles', { files: fmt.num(media.files), size: bytes(media.bytes) })}
              {media.waiting > 0 && (
                <>
                  <br />
                  {t('sync.status.mediaWaiting', { count: fmt.num(media.waiting) })}
                </>
              )}
            </dd>
          </dl>
          <p class="field-hint">
            <bdi>{t('sync.status.version', { version: APP_VERSION })}</bdi>
          </p>
          <p>
            <label class="sync-switch">
              <input
                type="checkbox"
                checked={settings.mediaOnlyOnWifi}
                onChange={(e) => {
                  void saveSettings({ ...settings, mediaOnlyOnWifi: (e.target as HTMLInputElement).checked });
                }}
              />
              {t('sync.status.wifiOnly')}
            </label>
          </p>
          <p class="field-hint">
            {connection === null
              ? t('sync.status.connectionUnknown')
              : t('sync.status.connection', { type: connection })}
          </p>
          {wifiWaiting && <Notice kind="info">{t('sync.status.wifiWaiting')}</Notice>}
        </>
      )}
      <p>
        <Link href="/tablet" class="button secondary">
          {t('sync.status.back')}
        </Link>
      </p>
    </section>
  );
}
