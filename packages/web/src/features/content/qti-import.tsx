import type { ContentTags, QtiImportResult, QtiSkippedItem } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { ApiError, api } from '../../lib/api';
import { Notice } from '../../ui/page';
import { defaultTags, type FieldErrors } from './content-form';
import { ContentTagsFields } from './content-tags';

/** The fields the server names in a 400 are the tag fields' own names. */
const errorsOf = (err: ApiError): FieldErrors => {
  const issues = (err.details as { issues?: Array<{ field: string; message: string }> } | undefined)?.issues;
  return Object.fromEntries((issues ?? []).map((i) => [i.field, i.message]));
};

function SkippedList({ items }: { items: QtiSkippedItem[] }) {
  const { t } = useApp();
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('qti.unsupported', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('qti.item')}</th>
            <th scope="col">{t('qti.interaction')}</th>
            <th scope="col">{t('qti.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={`${s.file}#${s.identifier}`}>
              <td dir="ltr" class="ltr">
                <bdi>{s.identifier}</bdi>
                <br />
                <small>{s.file}</small>
              </td>
              <td dir="ltr" class="ltr">
                {s.interaction}
              </td>
              <td dir="ltr" class="ltr">
                {s.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Import quiz items from a QTI 2.1 or 3.0 package (or one item file) as a new draft quiz, tagged
 * here. What could not be imported is listed as the server names it (QTI names, file paths).
 */
export function QtiImportPanel({ id, onImported }: { id: string; onImported: () => void }) {
  const { t, locale } = useApp();
  const fileId = useId();
  const [tags, setTags] = useState<ContentTags>(defaultTags(locale));
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<QtiImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; skipped: QtiSkippedItem[] } | null>(null);

  const send = async (e: Event) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    setErrors({});
    const body = new FormData();
    // Fields before the file, as the server reads the form in order.
    for (const [k, v] of Object.entries(tags)) if (v) body.append(k, String(v));
    body.append('file', file, file.name);
    try {
      setResult(await api.post<QtiImportResult>('/api/v1/content/import/qti', body));
      onImported();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 400 && err.code === 'validation_failed') setErrors(errorsOf(err));
      const skipped = (err.details as { unsupported?: QtiSkippedItem[] } | undefined)?.unsupported ?? [];
      const message =
        err.status === 0
          ? t('app.offline')
          : err.code === 'qti_nothing_supported'
            ? t('qti.nothingSupported')
            : err.message;
      setFailure({ message, skipped });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="subsection" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('qti.title')}</h2>
      <p>{t('qti.lead')}</p>
      <form class="form" onSubmit={send} noValidate>
        <div class="field">
          <label for={fileId}>
            {t('qti.file')}
            <span aria-hidden="true"> *</span>
          </label>
          <input
            id={fileId}
            type="file"
            accept=".zip,.xml,application/zip,application/xml,text/xml"
            required
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${fileId}-error` : undefined}
            onChange={(e) => {
              setFile((e.target as HTMLInputElement).files?.[0] ?? null);
              setMissing(false);
            }}
          />
          {missing && (
            <span class="field-error" id={`${fileId}-error`}>
              {t('import.chooseFile')}
            </span>
          )}
        </div>
        <ContentTagsFields value={tags} onChange={setTags} errors={errors} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
            {busy ? t('qti.importing') : t('qti.send')}
          </button>
        </div>
      </form>
      {failure && (
        <Notice kind="error">
          <p>{failure.message}</p>
        </Notice>
      )}
      {failure && failure.skipped.length > 0 && <SkippedList items={failure.skipped} />}
      {result && (
        <Notice kind="success">
          <p>{t('qti.imported', { count: result.imported })}</p>
          <p>
            <Link href={`/content/${result.quizId}`}>{t('qti.openQuiz')}</Link>
          </p>
        </Notice>
      )}
      {result && result.unsupported.length > 0 && <SkippedList items={result.unsupported} />}
    </section>
  );
}
