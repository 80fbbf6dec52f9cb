import type { Device, DeviceActionName, DeviceHistoryEntry } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { isolate } from '../../ui/bidi';
import { useFormat } from '../../ui/format';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { DeviceActions } from './device-actions';
import { DeviceHistory } from './device-history';
import { DeviceProvision } from './device-provision';

/** `/tablets/:id`: one tablet's facts, what may happen to it next, and everything that has. */
export function DevicePage({ id }: { id: string }) {
  const { t } = useApp();
  const device = useFetch<Device>(`/api/v1/devices/${encodeURIComponent(id)}`);
  const history = useFetch<DeviceHistoryEntry[]>(`/api/v1/devices/${encodeURIComponent(id)}/history`);
  const [done, setDone] = useState<DeviceActionName | null>(null);
  const d = device.data;
  if (!d) {
    return (
      <Page title={t('device.titleOne', { serial: '' })}>
        {device.error ? (
          <Notice kind="error">{device.error.message}</Notice>
        ) : (
          <Spinner label={t('app.loading')} />
        )}
      </Page>
    );
  }
  return (
    <Page
      title={t('device.titleOne', { serial: isolate(d.serialNumber) })}
      actions={
        <Link href="/tablets" class="button">
          {t('device.backToRegister')}
        </Link>
      }
    >
      {done && <Notice kind="success">{t(`device.done.${done}`)}</Notice>}
      <DeviceFacts d={d} />
      <DeviceActions
        device={d}
        onDone={(action) => {
          setDone(action);
          device.reload();
          history.reload();
        }}
        onStale={() => {
          setDone(null);
          device.reload();
          history.reload();
        }}
      />
      <DeviceProvision
        device={d}
        onChanged={() => {
          device.reload();
          history.reload();
        }}
      />
      <section aria-labelledby="device-history">
        <h2 id="device-history">{t('device.history')}</h2>
        {history.error && <Notice kind="error">{history.error.message}</Notice>}
        {history.data ? <DeviceHistory entries={history.data} /> : <Spinner label={t('app.loading')} />}
      </section>
    </Page>
  );
}

function DeviceFacts({ d }: { d: Device }) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  return (
    <dl class="facts">
      <dt>{t('device.serialNumber')}</dt>
      <dd>
        <bdi dir="ltr">{d.serialNumber}</bdi>
      </dd>
      <dt>{t('device.imei')}</dt>
      <dd>{d.imei ? <bdi dir="ltr">{d.imei}</bdi> : t('common.none')}</dd>
      <dt>{t('device.model')}</dt>
      <dd>
        <bdi>{d.model}</bdi>
      </dd>
      <dt>{t('device.batch')}</dt>
      <dd>
        <bdi dir="ltr">{d.batch}</bdi>
      </dd>
      <dt>{t('device.status')}</dt>
      <dd>
        <span class="badge">{t(`device.status.${d.status}`)}</span>
      </dd>
      <dt>{t('device.condition')}</dt>
      <dd>{t(`device.condition.${d.condition}`)}</dd>
      <dt>{t('picker.school')}</dt>
      <dd>{d.schoolName ?? t('device.noSchool')}</dd>
      <dt>{t('device.learner')}</dt>
      <dd>{d.learnerName ?? t('common.none')}</dd>
      <dt>{t('device.updatedAt')}</dt>
      <dd>
        <bdi dir="ltr">
          <time dateTime={d.updatedAt}>{dateTime(d.updatedAt)}</time>
        </bdi>
      </dd>
    </dl>
  );
}
