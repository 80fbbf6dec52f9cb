import type { ImportCounts, ImportProblem, ImportResult } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../app/context';
import type { MessageKey } from '../i18n';
import { ApiError, api } from '../lib/api';
import { useFormat } from './format';

/** What an upload came to: the counts, or every problem found (and then nothing was written). */
export interface UploadState {
  busy: boolean;
  result: ImportResult | null;
  problems: ImportProblem[] | null;
  error: string | null;
}

/** Sends a file as the multipart field `file` and keeps the answer: counts, problems or an error. */
export function useUpload() {
  const { t } = useApp();
  const [state, setState] = useState<UploadState>({ busy: false, result: null, problems: null, error: null });
  async function send(url: string, file: File): Promise<ImportResult | null> {
    setState({ busy: true, result: null, problems: null, error: null });
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const result = await api.post<ImportResult>(url, body);
      setState({ busy: false, result, problems: null, error: null });
      return result;
    } catch (e) {
      const problems =
        e instanceof ApiError && e.code === 'import_failed'
          ? ((e.details as { problems?: ImportProblem[] } | undefined)?.problems ?? [])
          : null;
      const error =
        e instanceof ApiError ? (e.status === 0 ? t('app.offline') : e.message) : t('common.error');
      setState({ busy: false, result: null, problems, error: problems ? null : error });
      return null;
    }
  }
  const reset = () => setState({ busy: false, result: null, problems: null, error: null });
  return { ...state, send, reset };
}

/** An upload in progress: the browser does not report how far the server is, so it is indeterminate. */
export function UploadProgress({ label }: { label: string }) {
  const id = useId();
  return (
    <div class="upload-progress" role="status" aria-live="polite">
      <progress aria-labelledby={id} />
      <span id={id}>{label}</span>
    </div>
  );
}

const ENTITIES = new Set([
  'devices',
  'schools',
  'academicSessions',
  'classes',
  'learners',
  'teachers',
  'schoolAdmins',
  'enrolments',
]);

/** Rows created, updated and left unchanged, per kind of record. */
export function ImportCountsTable({ counts, caption }: { counts: ImportCounts; caption: string }) {
  const { t } = useApp();
  const { num } = useFormat();
  const label = (k: string) => (ENTITIES.has(k) ? t(`import.entity.${k}` as MessageKey) : k);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.entity')}</th>
            <th scope="col">{t('import.created')}</th>
            <th scope="col">{t('import.updated')}</th>
            <th scope="col">{t('import.unchanged')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(counts).map(([k, c]) => (
            <tr key={k}>
              <th scope="row">{label(k)}</th>
              <td class="ltr" dir="ltr">
                {num(c.created)}
              </td>
              <td class="ltr" dir="ltr">
                {num(c.updated)}
              </td>
              <td class="ltr" dir="ltr">
                {num(c.unchanged)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// A file with thousands of bad rows would freeze a small laptop; the first ones are enough to start.
const MAX_SHOWN = 500;

/** Every problem found in an imported file, precise enough to fix the file by hand. */
export function ImportProblemsTable({ problems }: { problems: ImportProblem[] }) {
  const { t } = useApp();
  const shown = problems.slice(0, MAX_SHOWN);
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('import.problems', { count: problems.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.file')}</th>
            <th scope="col">{t('import.line')}</th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={`${p.file}:${p.line}:${p.column}:${p.message}`}>
              <td class="ltr" dir="ltr">
                {p.file}
              </td>
              <td class="ltr" dir="ltr">
                {p.line ?? t('common.none')}
              </td>
              <td class="ltr" dir="ltr">
                {p.column ?? t('common.none')}
              </td>
              <td>
                <bdi>{p.message}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > shown.length && (
        <p class="field-hint">{t('import.moreProblems', { count: problems.length - shown.length })}</p>
      )}
    </div>
  );
}
