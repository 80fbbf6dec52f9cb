import type { AcademicSession } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { type ApiError, api } from '../../lib/api';
import { isolate } from '../../ui/bidi';
import { DataTable } from '../../ui/data-table';
import { Notice, Page, Spinner } from '../../ui/page';
import { FIXED_ORDER, wholePage } from '../../ui/whole-page';
import { type Draft, SessionForm } from './session-form';
import { useSessions } from './sessions';

const shown = (s: AcademicSession, archived: string) =>
  archived === 'all' || s.archived === (archived === 'true');

/** The school years and their terms; the programme admin adds, edits and archives them. */
export function CalendarPage() {
  const { t, me } = useApp();
  const canManage = me?.role === 'programme_admin';
  const sessions = useSessions();
  const [archived, setArchived] = useState('false');
  const [draft, setDraft] = useState<Draft>({ session: null, type: 'schoolYear', parentId: '' });
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const openForm = (d: Draft) => {
    setDraft(d);
    setFormKey((k) => k + 1);
    requestAnimationFrame(() => document.getElementById('session-form-title')?.focus());
  };
  const toggleArchived = async (s: AcademicSession) => {
    setBusy(true);
    try {
      await api.post(`/api/v1/academic-sessions/${s.id}/${s.archived ? 'restore' : 'archive'}`);
      setNotice({
        kind: 'success',
        text: t(s.archived ? 'calendar.restored' : 'calendar.archived', { name: isolate(s.title) }),
      });
      sessions.reload();
    } catch (e) {
      setNotice({ kind: 'error', text: (e as ApiError).message || t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const rowActions = (s: AcademicSession) =>
    canManage && (
      <div class="row-actions">
        <button
          type="button"
          class="secondary"
          aria-label={t('calendar.editNamed', { name: s.title })}
          onClick={() => openForm({ session: s, type: s.type, parentId: s.parentId ?? '' })}
        >
          {t('common.edit')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => toggleArchived(s)}>
          {s.archived ? t('common.restore') : t('common.archive')}
        </button>
      </div>
    );

  const years = sessions.years.filter(
    (y) => shown(y, archived) || sessions.termsOf(y.id).some((s) => shown(s, archived)),
  );
  return (
    <Page title={t('calendar.title')}>
      <div aria-live="polite">{notice && <Notice kind={notice.kind}>{notice.text}</Notice>}</div>
      <div class="filters">
        <label class="field">
          <span>{t('common.show')}</span>
          <select value={archived} onChange={(e) => setArchived((e.target as HTMLSelectElement).value)}>
            <option value="false">{t('common.active')}</option>
            <option value="true">{t('common.archived')}</option>
            <option value="all">{t('common.all')}</option>
          </select>
        </label>
      </div>
      {sessions.error && <Notice kind="error">{sessions.error.message}</Notice>}
      {sessions.loading && !sessions.data && <Spinner label={t('app.loading')} />}
      {sessions.data && years.length === 0 && <p>{t('calendar.empty')}</p>}
      {years.map((year) => (
        <section key={year.id} class="session-year" aria-labelledby={`year-${year.id}`}>
          <div class="section-head">
            <h2 id={`year-${year.id}`}>
              {year.title} {year.archived && <span class="badge">{t('common.archived')}</span>}
            </h2>
            <span class="ltr" dir="ltr">
              {year.startDate} → {year.endDate}
            </span>
            {rowActions(year)}
            {canManage && !year.archived && (
              <button
                type="button"
                class="secondary"
                onClick={() => openForm({ session: null, type: 'term', parentId: year.id })}
              >
                {t('calendar.addTerm')}
              </button>
            )}
          </div>
          <DataTable<AcademicSession>
            caption={t('calendar.termsOf', { name: isolate(year.title) })}
            data={wholePage(sessions.termsOf(year.id).filter((s) => shown(s, archived)))}
            sort={FIXED_ORDER}
            onSort={() => undefined}
            onPage={() => undefined}
            columns={[
              {
                key: 'title',
                label: t('calendar.sessionTitle'),
                render: (s) => (
                  <>
                    {s.title} {s.archived && <span class="badge">{t('common.archived')}</span>}
                  </>
                ),
              },
              { key: 'start', label: t('calendar.startDate'), ltr: true, render: (s) => s.startDate },
              { key: 'end', label: t('calendar.endDate'), ltr: true, render: (s) => s.endDate },
              ...(canManage ? [{ key: 'actions', label: t('common.actions'), render: rowActions }] : []),
            ]}
          />
        </section>
      ))}
      {canManage && (
        <SessionForm
          key={formKey}
          draft={draft}
          years={sessions.years}
          onCancel={() => openForm({ session: null, type: 'schoolYear', parentId: '' })}
          onSaved={(s, created) => {
            setNotice({
              kind: 'success',
              text: t(created ? 'calendar.created' : 'calendar.saved', { name: isolate(s.title) }),
            });
            sessions.reload();
            openForm({ session: null, type: 'schoolYear', parentId: '' });
          }}
        />
      )}
    </Page>
  );
}
