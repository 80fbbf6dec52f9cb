import type { Device, EnrolmentCodeResponse } from '@lawh/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { useFormat } from '../../ui/format';
import { Notice } from '../../ui/page';
import { QrCode } from '../../ui/qr-code';
import './device-provision.css';

/** Lost and retired tablets cannot be provisioned (the server revokes them). */
const CANNOT_PROVISION = new Set<Device['status']>(['lost', 'retired']);

/**
 * The tablet's app: an enrolment code to provision it (typed or scanned as a QR code), revoking its
 * credential, and what the tablet last reported about itself when it synced.
 */
export function DeviceProvision({ device, onChanged }: { device: Device; onChanged: () => void }) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const [code, setCode] = useState<EnrolmentCodeResponse | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  // An action on the tablet (lost, retired, another school) ends its unused code: stop showing it.
  useEffect(() => setCode(null), [device.updatedAt]);
  const blocked =
    device.schoolId === null
      ? 'provision.needsSchool'
      : CANNOT_PROVISION.has(device.status)
        ? 'provision.notNow'
        : null;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 0
          ? t('app.offline')
          : e instanceof Error
            ? e.message
            : t('common.error'),
      );
    } finally {
      setBusy(false);
    }
  };
  const makeCode = () =>
    run(async () => {
      setRevoked(false);
      setCode(await api.post<EnrolmentCodeResponse>(`/api/v1/devices/${device.id}/enrolment-codes`));
    });
  const revoke = () =>
    run(async () => {
      await api.post<Device>(`/api/v1/devices/${device.id}/revoke-credential`);
      setConfirming(false);
      setCode(null);
      setRevoked(true);
      onChanged();
    });

  return (
    <section aria-labelledby="device-provision">
      <h2 id="device-provision">{t('provision.title')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {revoked && <Notice kind="success">{t('provision.revoked')}</Notice>}
      <ReportedFacts device={device} />
      {blocked && <p>{t(blocked)}</p>}
      <div class="row-actions">
        {!blocked && (
          <button type="button" class="primary" onClick={makeCode} disabled={busy}>
            {t(code ? 'provision.makeAnother' : 'provision.makeCode')}
          </button>
        )}
        {device.provisioned && !confirming && (
          <button type="button" class="danger" onClick={() => setConfirming(true)} disabled={busy}>
            {t('provision.revoke')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="subsection">
          <p id="revoke-confirm">{t('provision.revokeConfirm')}</p>
          <div class="form-actions">
            <button type="button" class="danger" onClick={revoke} disabled={busy}>
              {t('provision.revokeYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {code && (
        <figure class="enrolment" aria-labelledby="enrolment-caption">
          <QrCode text={code.enrolUrl} label={t('provision.qrLabel', { code: code.code })} />
          <div>
            <p class="enrolment-code" data-testid="enrolment-code">
              <bdi dir="ltr">{code.code}</bdi>
            </p>
            <figcaption id="enrolment-caption">
              <p>{t('provision.howTo')}</p>
              <p>
                {t('provision.expires')}{' '}
                <bdi dir="ltr">
                  <time dateTime={code.expiresAt}>{dateTime(code.expiresAt)}</time>
                </bdi>
              </p>
            </figcaption>
          </div>
        </figure>
      )}
    </section>
  );
}

/** What the tablet reported at its last sync; nothing until it has synced once. */
function ReportedFacts({ device: d }: { device: Device }) {
  const { t, intl } = useApp();
  const { dateTime, num } = useFormat();
  const bytes = useMemo(() => {
    const gb = new Intl.NumberFormat(intl, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 });
    const mb = new Intl.NumberFormat(intl, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 });
    return (n: number) => (n >= 1e9 ? gb.format(n / 1e9) : mb.format(n / 1e6));
  }, [intl]);
  const none = t('provision.notReported');
  return (
    <dl class="facts">
      <dt>{t('provision.credential')}</dt>
      <dd>
        <span class="badge">{t(d.provisioned ? 'provision.isProvisioned' : 'provision.notProvisioned')}</span>
      </dd>
      <dt>{t('provision.lastSync')}</dt>
      <dd>
        {d.lastSyncAt ? (
          <bdi dir="ltr">
            <time dateTime={d.lastSyncAt}>{dateTime(d.lastSyncAt)}</time>
          </bdi>
        ) : (
          t('provision.never')
        )}
      </dd>
      <dt>{t('provision.appVersion')}</dt>
      <dd>{d.appVersion ? <bdi dir="ltr">{d.appVersion}</bdi> : none}</dd>
      <dt>{t('provision.freeStorage')}</dt>
      <dd>{d.freeStorageBytes === null ? none : <bdi dir="ltr">{bytes(d.freeStorageBytes)}</bdi>}</dd>
      <dt>{t('provision.outbox')}</dt>
      <dd>{d.outboxCount === null ? none : <bdi dir="ltr">{num(d.outboxCount)}</bdi>}</dd>
    </dl>
  );
}
