import type { ImportCounts } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ImportCountsTable, ImportProblemsTable, UploadProgress, useUpload } from '../../ui/import-result';
import { Notice, Page } from '../../ui/page';

/**
 * `/roster`: a OneRoster 1.1 zip from the ministry's system. The file is checked first (a dry run
 * that writes nothing) so the admin sees what would change before anything does.
 */
export function RosterPage() {
  const { t } = useApp();
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  // The preview belongs to the file it was made from; choosing another file discards it.
  const [preview, setPreview] = useState<ImportCounts | null>(null);
  const [imported, setImported] = useState<ImportCounts | null>(null);

  const check = async (e: Event) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) return;
    setPreview(null);
    setImported(null);
    const result = await upload.send('/api/v1/roster/import?dryRun=true', file);
    if (result) setPreview(result.counts);
  };
  const commit = async () => {
    if (!file) return;
    const result = await upload.send('/api/v1/roster/import', file);
    setPreview(null);
    if (result) setImported(result.counts);
  };

  return (
    <Page
      title={t('roster.title')}
      actions={
        <a href="/api/v1/roster/export" class="button" download>
          {t('roster.export')}
        </a>
      }
    >
      <p class="lead">{t('roster.lead')}</p>
      <form class="form" onSubmit={check} noValidate>
        <div class="field">
          <label for="roster-zip">
            {t('roster.file')}
            <span aria-hidden="true"> *</span>
          </label>
          <input
            id="roster-zip"
            type="file"
            accept=".zip,application/zip"
            required
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? 'roster-zip-hint roster-zip-error' : 'roster-zip-hint'}
            onChange={(e) => {
              setFile((e.target as HTMLInputElement).files?.[0] ?? null);
              setMissing(false);
              setPreview(null);
              setImported(null);
              upload.reset();
            }}
          />
          <span class="field-hint" id="roster-zip-hint">
            {t('roster.fileHint')}
          </span>
          {missing && (
            <span class="field-error" id="roster-zip-error">
              {t('import.chooseFile')}
            </span>
          )}
        </div>
        <div class="form-actions">
          <button type="submit" class={preview ? undefined : 'primary'} disabled={upload.busy}>
            {t('roster.check')}
          </button>
        </div>
      </form>

      <div class="subsection">
        {upload.busy && <UploadProgress label={preview ? t('roster.importing') : t('roster.checking')} />}
        {upload.error && <Notice kind="error">{upload.error}</Notice>}
        {preview && !upload.busy && (
          <>
            <Notice kind="info">{t('roster.previewReady')}</Notice>
            <ImportCountsTable counts={preview} caption={t('roster.previewCaption')} />
            <div class="form-actions">
              <button type="button" class="primary" onClick={commit}>
                {t('roster.import')}
              </button>
            </div>
          </>
        )}
        {imported && (
          <>
            <Notice kind="success">{t('roster.imported')}</Notice>
            <ImportCountsTable counts={imported} caption={t('import.counts')} />
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
