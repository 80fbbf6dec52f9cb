import { ALL_LEVELS, CYCLES, contentLanguage, type PackImportSummary, SUBJECTS } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { LANGUAGE_NAMES, type MessageKey } from '../../i18n';
import { ApiError, withQuery } from '../../lib/api';
import { FilterSelect } from '../../ui/filter-select';
import { useFormat } from '../../ui/format';
import { Notice, Page } from '../../ui/page';
import { uploadWithProgress } from './media-api';
import './content.css';

const PROBLEMS = new Set([
  'not_a_zip',
  'unsafe_path',
  'unknown_entry',
  'missing_entry',
  'zip_bomb',
  'too_large',
  'tampered',
  'corrupt',
  'unsafe_media',
  'manifest',
]);

type Filters = Record<'cycle' | 'level' | 'subject' | 'language', string>;

/** The export link: the server streams the zip, so the browser's own download shows its progress. */
export function exportUrl(filters: Filters, units: string): string {
  const base = withQuery('/api/v1/packs/export', filters);
  const unitParams = units
    .split('\n')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => `unit=${encodeURIComponent(u)}`);
  if (!unitParams.length) return base;
  return `${base}${base.includes('?') ? '&' : '?'}${unitParams.join('&')}`;
}

/**
 * `/packs`: carry published lessons and quizzes with their media to another Lawh server
 * (a school hub), or bring a pack in. The upload shows how much was sent; the server then verifies
 * every file before it writes anything.
 */
export function PacksPage() {
  const { t } = useApp();
  const { num } = useFormat();
  const fileId = useId();
  const unitsId = useId();
  const [filters, setFilters] = useState<Filters>({ cycle: '', level: '', subject: '', language: '' });
  const [units, setUnits] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState<number | null | undefined>(undefined);
  const [summary, setSummary] = useState<PackImportSummary | null>(null);
  const [error, setError] = useState<{ text: string; detail: string | null } | null>(null);
  const busy = sent !== undefined;

  const filter = (key: keyof Filters, label: string, options: Array<{ value: string; label: string }>) => (
    <FilterSelect
      label={label}
      value={filters[key]}
      onChange={(v) => setFilters({ ...filters, [key]: v })}
      options={options}
    />
  );

  const send = async (e: Event) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) return;
    setSummary(null);
    setError(null);
    setSent(0);
    try {
      setSummary(
        await uploadWithProgress<PackImportSummary>('/api/v1/packs/import', file, file.name, setSent),
      );
    } catch (err) {
      const problem =
        err instanceof ApiError ? (err.details as { problem?: string } | undefined)?.problem : undefined;
      const text =
        err instanceof ApiError && err.status === 0
          ? t('app.offline')
          : problem && PROBLEMS.has(problem)
            ? t(`packs.problem.${problem}` as MessageKey)
            : t('packs.refused');
      setError({ text, detail: err instanceof ApiError && err.status !== 0 ? err.message : null });
    } finally {
      setSent(undefined);
    }
  };

  const rows: Array<[MessageKey, number]> = summary
    ? [
        ['packs.contentCreated', summary.contentCreated],
        ['packs.contentUpdated', summary.contentUpdated],
        ['packs.contentUnchanged', summary.contentUnchanged],
        ['packs.mediaAdded', summary.mediaAdded],
        ['packs.mediaAlreadyPresent', summary.mediaAlreadyPresent],
      ]
    : [];

  return (
    <Page title={t('packs.title')}>
      <p class="lead">{t('packs.lead')}</p>

      <section class="subsection" aria-labelledby="packs-export">
        <h2 id="packs-export">{t('packs.export')}</h2>
        <p>{t('packs.exportLead')}</p>
        <div class="tags-grid">
          {filter(
            'cycle',
            t('class.cycle'),
            CYCLES.map((c) => ({ value: c, label: t(`class.cycle.${c}`) })),
          )}
          {filter(
            'level',
            t('class.level'),
            ALL_LEVELS.map((l) => ({ value: l, label: l })),
          )}
          {filter(
            'subject',
            t('class.subject'),
            SUBJECTS.map((s) => ({ value: s, label: t(`class.subject.${s}`) })),
          )}
          {filter(
            'language',
            t('content.language'),
            contentLanguage.options.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
          )}
        </div>
        <div class="field">
          <label for={unitsId}>{t('packs.units')}</label>
          <textarea
            id={unitsId}
            rows={3}
            dir="auto"
            value={units}
            aria-describedby={`${unitsId}-hint`}
            onInput={(e) => setUnits((e.target as HTMLTextAreaElement).value)}
          />
          <span class="field-hint" id={`${unitsId}-hint`}>
            {t('packs.unitsHint')}
          </span>
        </div>
        <div class="form-actions">
          <a class="button primary" href={exportUrl(filters, units)} download>
            {t('packs.download')}
          </a>
        </div>
      </section>

      <section class="subsection" aria-labelledby="packs-import">
        <h2 id="packs-import">{t('packs.import')}</h2>
        <p>{t('packs.importLead')}</p>
        <form class="form" onSubmit={send} noValidate>
          <div class="field">
            <label for={fileId}>
              {t('packs.file')}
              <span aria-hidden="true"> *</span>
            </label>
            <input
              id={fileId}
              type="file"
              accept=".zip,application/zip"
              required
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? `${fileId}-error` : undefined}
              onChange={(e) => {
                setFile((e.target as HTMLInputElement).files?.[0] ?? null);
                setMissing(false);
                setSummary(null);
                setError(null);
              }}
            />
            {missing && (
              <span class="field-error" id={`${fileId}-error`}>
                {t('import.chooseFile')}
              </span>
            )}
          </div>
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('packs.send')}
            </button>
          </div>
        </form>
        {busy && (
          <div class="upload-progress" role="status" aria-live="polite">
            {/* Sent in full: the server is now checking every file, which it cannot report. */}
            {sent === null || sent >= 1 ? (
              <>
                <progress aria-label={t('packs.checking')} />
                <span>{t('packs.checking')}</span>
              </>
            ) : (
              <>
                <progress max={1} value={sent} aria-label={t('packs.uploading')} />
                <span>
                  {t('packs.uploading')} {num(Math.round(sent * 100))}%
                </span>
              </>
            )}
          </div>
        )}
        {error && (
          <Notice kind="error">
            <p>{error.text}</p>
            <p>{t('packs.nothingImported')}</p>
            {error.detail && (
              <p class="ltr" dir="ltr">
                <small>{error.detail}</small>
              </p>
            )}
          </Notice>
        )}
        {summary && (
          <>
            <Notice kind="success">{t('packs.imported')}</Notice>
            <div class="table-wrap">
              <table>
                <caption>{t('packs.summary')}</caption>
                <tbody>
                  {rows.map(([key, n]) => (
                    <tr key={key}>
                      <th scope="row">{t(key)}</th>
                      <td class="ltr" dir="ltr">
                        {num(n)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Page>
  );
}
