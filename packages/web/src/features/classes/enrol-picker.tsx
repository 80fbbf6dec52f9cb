import type { ClassRow, Learner, Page } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { type ApiError, api, withQuery } from '../../lib/api';
import { DataTable } from '../../ui/data-table';
import { TextField } from '../../ui/fields';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { FIXED_ORDER, wholePage } from '../../ui/whole-page';
import { personName } from '../people/people-labels';

/** Finds an active learner of the class's school by name or Massar code and enrols them. */
export function EnrolPicker({
  cls,
  enrolledIds,
  onEnrolled,
  onError,
}: {
  cls: ClassRow;
  enrolledIds: string[];
  onEnrolled: (name: string) => void;
  onError: (message: string) => void;
}) {
  const { t, locale } = useApp();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const found = useFetch<Page<Learner>>(
    q
      ? withQuery('/api/v1/learners', {
          schoolId: cls.schoolId,
          q,
          pageSize: 10,
          sort: locale === 'ar' ? 'nameAr' : 'familyName',
        })
      : null,
  );

  const enrol = async (l: Learner) => {
    setBusy(l.id);
    try {
      await api.post(`/api/v1/classes/${cls.id}/enrolments`, { learnerId: l.id });
      onEnrolled(personName(l, locale));
    } catch (e) {
      onError((e as ApiError).message || t('common.error'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="form subsection">
      <h3 id="enrol-title">{t('class.enrol')}</h3>
      <p class="field-hint" id="enrol-hint">
        {t('class.findLearnerHint')}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the Android WebViews we support */}
      <form
        class="filters"
        role="search"
        aria-labelledby="enrol-title"
        aria-describedby="enrol-hint"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(draft.trim());
        }}
      >
        <TextField label={t('class.findLearner')} type="search" value={draft} onInput={setDraft} />
        <button type="submit">{t('common.search')}</button>
      </form>
      {found.loading && <Spinner label={t('app.loading')} />}
      {found.error && <Notice kind="error">{found.error.message}</Notice>}
      {q && found.data && found.data.total > found.data.items.length && (
        <p class="field-hint">{t('class.refineSearch')}</p>
      )}
      {q && found.data && (
        <DataTable<Learner>
          caption={t('class.matches')}
          data={wholePage(found.data.items)}
          sort={FIXED_ORDER}
          onSort={() => undefined}
          onPage={() => undefined}
          columns={[
            { key: 'massarCode', label: t('learner.massarCode'), ltr: true, render: (l) => l.massarCode },
            { key: 'name', label: t('learner.name'), render: (l) => personName(l, locale) },
            {
              key: 'actions',
              label: t('common.actions'),
              render: (l) =>
                enrolledIds.includes(l.id) ? (
                  <span class="badge">{t('class.alreadyEnrolled')}</span>
                ) : (
                  <button
                    type="button"
                    class="primary"
                    disabled={busy === l.id}
                    aria-label={t('class.enrolNamed', { name: personName(l, locale) })}
                    onClick={() => enrol(l)}
                  >
                    {t('class.enrolOne')}
                  </button>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
