import type { ClassRow, Enrolment } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { type ApiError, api } from '../../lib/api';
import { isolate } from '../../ui/bidi';
import { DataTable } from '../../ui/data-table';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { FIXED_ORDER, wholePage } from '../../ui/whole-page';
import { personName } from '../people/people-labels';
import { EnrolPicker } from './enrol-picker';

/** The learners enrolled in a class; those who manage the school enrol and remove them here. */
export function ClassEnrolments({ cls, canManage }: { cls: ClassRow; canManage: boolean }) {
  const { t, locale, intl } = useApp();
  const enrolments = useFetch<Enrolment[]>(`/api/v1/classes/${cls.id}/enrolments`);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const collator = new Intl.Collator(intl);
  const rows = [...(enrolments.data ?? [])].sort((a, b) =>
    collator.compare(personName(a, locale), personName(b, locale)),
  );

  const remove = async (e: Enrolment) => {
    setBusy(e.learnerId);
    try {
      await api.del(`/api/v1/classes/${cls.id}/enrolments/${e.learnerId}`);
      setNotice({ kind: 'success', text: t('class.removed', { name: isolate(personName(e, locale)) }) });
      enrolments.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: (err as ApiError).message || t('common.error') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="subsection" aria-labelledby="class-learners-title">
      <h2 id="class-learners-title">{t('class.learners')}</h2>
      <div aria-live="polite">{notice && <Notice kind={notice.kind}>{notice.text}</Notice>}</div>
      {enrolments.error && <Notice kind="error">{enrolments.error.message}</Notice>}
      {canManage && !cls.archived && (
        <EnrolPicker
          cls={cls}
          enrolledIds={rows.map((e) => e.learnerId)}
          onEnrolled={(name) => {
            setNotice({ kind: 'success', text: t('class.enrolled', { name: isolate(name) }) });
            enrolments.reload();
          }}
          onError={(text) => setNotice({ kind: 'error', text })}
        />
      )}
      <div class="subsection">
        <DataTable<Enrolment>
          caption={t('class.learnersOf', { name: isolate(cls.title) })}
          data={enrolments.data ? wholePage(rows) : null}
          sort={FIXED_ORDER}
          onSort={() => undefined}
          onPage={() => undefined}
          columns={[
            { key: 'massarCode', label: t('learner.massarCode'), ltr: true, render: (e) => e.massarCode },
            {
              key: 'name',
              label: t('learner.name'),
              render: (e) => <Link href={`/learners/${e.learnerId}`}>{personName(e, locale)}</Link>,
            },
            { key: 'sex', label: t('people.sex'), render: (e) => t(`people.sex.${e.sex}`) },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    label: t('common.actions'),
                    render: (e: Enrolment) => (
                      <button
                        type="button"
                        class="danger"
                        disabled={busy === e.learnerId}
                        aria-label={t('class.removeNamed', { name: personName(e, locale) })}
                        onClick={() => remove(e)}
                      >
                        {t('class.remove')}
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </section>
  );
}
