import type { Assignment, ClassRow } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { useFormat } from '../../ui/format';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { AssignForm } from './assign-form';
import { ClassProgressTable } from './class-progress';
import './assignments.css';

/** "Assignments" on a class's page: its current work with due dates, assigning more, withdrawing, and who did what. */
export function ClassAssignments({ cls }: { cls: ClassRow }) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const list = useFetch<Assignment[]>(`/api/v1/classes/${cls.id}/assignments`);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [progressTick, setProgressTick] = useState(0);
  const changed = () => {
    list.reload();
    setProgressTick((n) => n + 1);
  };

  const withdraw = async (a: Assignment) => {
    try {
      await api.post<Assignment>(`/api/v1/assignments/${a.id}/withdraw`);
      setMessage({ kind: 'success', text: t('assignment.withdrawn', { title: a.contentTitle }) });
      changed();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: e instanceof ApiError && e.status === 0 ? t('app.offline') : String((e as Error).message),
      });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <>
      <section aria-labelledby="class-assignments">
        <div class="section-head">
          <h2 id="class-assignments">{t('assignment.title')}</h2>
          {!cls.archived && !adding && (
            <button type="button" class="primary" onClick={() => (setMessage(null), setAdding(true))}>
              {t('assignment.add')}
            </button>
          )}
        </div>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        {adding && (
          <AssignForm
            cls={cls}
            onCancel={() => setAdding(false)}
            onDone={(a) => {
              setAdding(false);
              setMessage({ kind: 'success', text: t('assignment.assigned', { title: a.contentTitle }) });
              changed();
            }}
          />
        )}
        {list.error && <Notice kind="error">{list.error.message}</Notice>}
        {!list.data ? (
          !list.error && <Spinner label={t('app.loading')} />
        ) : list.data.length === 0 ? (
          <p>{t('assignment.none')}</p>
        ) : (
          <ul class="assignment-list">
            {list.data.map((a) => (
              <li key={a.id}>
                <div>
                  <strong dir="auto">{a.contentTitle}</strong>{' '}
                  <span class="badge">{t(`content.kind.${a.contentKind}`)}</span>
                  <div class="assignment-dates">
                    {a.dueAt ? (
                      <>
                        {t('assignment.due')}{' '}
                        <bdi dir="ltr">
                          <time dateTime={a.dueAt}>{dateTime(a.dueAt)}</time>
                        </bdi>
                      </>
                    ) : (
                      t('assignment.noDue')
                    )}
                  </div>
                </div>
                {confirming === a.id ? (
                  <div class="row-actions">
                    <span>{t('assignment.withdrawConfirm', { title: a.contentTitle })}</span>
                    <button type="button" class="danger" onClick={() => withdraw(a)}>
                      {t('assignment.withdrawYes')}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    aria-label={t('assignment.withdrawNamed', { title: a.contentTitle })}
                    onClick={() => (setMessage(null), setConfirming(a.id))}
                  >
                    {t('assignment.withdraw')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ClassProgressTable classId={cls.id} tick={progressTick} />
    </>
  );
}
