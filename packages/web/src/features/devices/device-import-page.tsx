import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { ImportCountsTable, ImportProblemsTable, UploadProgress, useUpload } from '../../ui/import-result';
import { Notice, Page } from '../../ui/page';

/** `/tablets/import`: a delivery's CSV, all rows or none. */
export function DeviceImportPage() {
  const { t } = useApp();
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const send = async (e: Event) => {
    e.preventDefault();
    setMissing(!file);
    if (file) await upload.send('/api/v1/devices/import', file);
  };
  return (
    <Page title={t('device.importTitle')}>
      <p class="lead">{t('device.importLead')}</p>
      <p>
        {t('device.importColumns')} <code dir="ltr">serial_number,imei,model,batch</code>
      </p>
      <form class="form" onSubmit={send} noValidate>
        <div class="field">
          <label for="device-csv">
            {t('device.importFile')}
            <span aria-hidden="true"> *</span>
          </label>
          <input
            id="device-csv"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? 'device-csv-error' : undefined}
            onChange={(e) => {
              setFile((e.target as HTMLInputElement).files?.[0] ?? null);
              setMissing(false);
              upload.reset();
            }}
          />
          {missing && (
            <span class="field-error" id="device-csv-error">
              {t('import.chooseFile')}
            </span>
          )}
        </div>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={upload.busy}>
            {t('device.importSubmit')}
          </button>
          <Link href="/tablets" class="button">
            {t('device.backToRegister')}
          </Link>
        </div>
      </form>
      <div class="subsection">
        {upload.busy && <UploadProgress label={t('import.uploading')} />}
        {upload.error && <Notice kind="error">{upload.error}</Notice>}
        {upload.result && (
          <>
            <Notice kind="success">{t('device.imported')}</Notice>
            <ImportCountsTable counts={upload.result.counts} caption={t('import.counts')} />
          </>
        )}
        {upload.problems && (
          <>
            <Notice kind="error">{t('import.nothingImported')}</Notice>
            <ImportProblemsTable problems={upload.problems} />
          </>
        )}
      </div>
    </Page>
  );
}
