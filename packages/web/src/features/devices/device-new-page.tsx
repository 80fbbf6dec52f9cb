import type { Device } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/page';
import { useForm } from '../../ui/use-form';

/** `/tablets/new`: registers one tablet in the programme's stock. */
export function DeviceNewPage() {
  const { t } = useApp();
  const form = useForm({ serialNumber: '', imei: '', model: '', batch: '' });
  const { values, set, errors } = form;
  const save = async (e: Event) => {
    e.preventDefault();
    const saved = await form.submit(() =>
      api.post<Device>('/api/v1/devices', { ...values, imei: values.imei.trim() || null }),
    );
    if (saved) navigate(`/tablets/${saved.id}`, { replace: true });
  };
  return (
    <Page title={t('device.new')}>
      <p class="lead">{t('device.newLead')}</p>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <form class="form" onSubmit={save} noValidate>
        <TextField
          label={t('device.serialNumber')}
          hint={t('device.serialHint')}
          value={values.serialNumber}
          onInput={set('serialNumber')}
          error={errors.serialNumber}
          dir="ltr"
          autoComplete="off"
          required
        />
        <TextField
          label={t('device.imei')}
          hint={t('device.imeiHint')}
          value={values.imei}
          onInput={set('imei')}
          error={errors.imei}
          dir="ltr"
          inputMode="numeric"
          autoComplete="off"
        />
        <TextField
          label={t('device.model')}
          value={values.model}
          onInput={set('model')}
          error={errors.model}
          required
        />
        <TextField
          label={t('device.batch')}
          hint={t('device.batchHint')}
          value={values.batch}
          onInput={set('batch')}
          error={errors.batch}
          dir="ltr"
          required
        />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={form.busy}>
            {t('device.add')}
          </button>
          <Link href="/tablets" class="button">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
