import type { Assignment, ClassRow } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { ApiError, api } from '../../lib/api';
import { rejectionText, sendTeacherEvent, usePendingTeacherEvents } from '../../teacher/outbox';
import { DateText } from '../../ui/formatted';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { AssignForm } from './assign-form';
import { ClassProgressTable } from './class-progress';
import './assignments.css';

type Message = { kind: 'success' | 'error' | 'info'; text: string };

/**
 * "Assignments" on a class's page: its current work (lessons, quizzes, tasks) with who it is for and
 * when it is due; assigning more, editing, closing a task, withdrawing, the grading queue.
 */
export function ClassAssignments({ cls }: { cls: ClassRow }) {
  const { t, me } = useApp();
  const list = useFetch<Assignment[]>(`/api/v1/classes/${cls.id}/assignments`);
  const pending = usePendingTeacherEvents('assignment.saved').filter((e) => e.payload.classId === cls.id);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [progressTick, setProgressTick] = useState(0);
  const changed = () => {
    list.reload();
    setProgressTick((n) => n + 1);
  };
  const titleOf = (a: Assignment) => a.title ?? a.contentTitle ?? '';
  const failed = (e: unknown) =>
    setMessage({
      kind: 'error',
      text: e instanceof ApiError && e.status === 0 ? t('app.offline') : String((e as Error).message),
    });

  const withdraw = async (a: Assignment) => {
    try {
      const r = await sendTeacherEvent('assignment.withdrawn', 1, { assignmentId: a.id });
      if (r.status === 'rejected') failed(new Error(rejectionText(t, r)));
      else
        setMessage({
          kind: r.status === 'pending' ? 'info' : 'success',
          text:
            r.status === 'pending'
              ? t('classroom.pending')
              : t('assignment.withdrawn', { title: titleOf(a) }),
        });
      changed();
    } catch (e) {
      failed(e);
    } finally {
      setConfirming(null);
    }
  };
  const setClosed = async (a: Assignment, close: boolean) => {
    try {
      await api.post<Assignment>(`/api/v1/assignments/${a.id}/${close ? 'close' : 'reopen'}`);
      setMessage({
        kind: 'success',
        text: t(close ? 'classroom.closedNote' : 'classroom.reopenedNote', { title: titleOf(a) }),
      });
      changed();
    } catch (e) {
      failed(e);
    }
  };
  const done = (title: string, outcome: 'applied' | 'pending') => {
    setEditing(null);
    setMessage(
      outcome === 'pending'
        ? { kind: 'info', text: t('classroom.pending') }
        : { kind: 'success', text: t('classroom.saved', { title }) },
    );
    changed();
  };

  return (
    <>
      <section aria-labelledby="class-assignments">
        <div class="section-head">
          <h2 id="class-assignments">{t('assignment.title')}</h2>
          {!cls.archived && editing === null && (
            <button type="button" class="primary" onClick={() => (setMessage(null), setEditing('new'))}>
              {t('classroom.add')}
            </button>
          )}
        </div>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        {editing === 'new' && <AssignForm cls={cls} onCancel={() => setEditing(null)} onDone={done} />}
        {pending.length > 0 && (
          <ul class="assignment-list" aria-label={t('classroom.waiting')}>
            {pending.map((e) => (
              <li key={e.id}>
                <span>
                  <bdi>{String(e.payload.title ?? '')}</bdi>{' '}
                  <span class="badge badge-offline">{t('classroom.waiting')}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {list.error && <Notice kind="error">{list.error.message}</Notice>}
        {!list.data ? (
          !list.error && <Spinner label={t('app.loading')} />
        ) : list.data.length === 0 ? (
          <p>{t('assignment.none')}</p>
        ) : (
          <ul class="assignment-list">
            {list.data.map((a) =>
              editing === a.id ? (
                <li key={a.id}>
                  <AssignForm cls={cls} existing={a} onCancel={() => setEditing(null)} onDone={done} />
                </li>
              ) : (
                <li key={a.id}>
                  <div>
                    <strong dir="auto">{titleOf(a)}</strong>{' '}
                    <span class="badge">
                      {t(a.kind === 'task' ? 'classroom.kind.task' : `content.kind.${a.kind}`)}
                    </span>
                    {a.closedAt && <span class="badge badge-warn">{t('classroom.closed')}</span>}
                    <div class="assignment-dates">
                      <span>
                        {a.audience.type === 'class'
                          ? t('classroom.audience.class')
                          : a.audience.type === 'groups'
                            ? t('classroom.audienceGroups', { count: a.audience.groupIds.length })
                            : t('classroom.audienceLearners', { count: a.audience.learnerIds.length })}
                      </span>
                      {' · '}
                      {a.dueAt ? (
                        <>
                          {t('assignment.due')} <DateText iso={a.dueAt} withTime />
                        </>
                      ) : (
                        t('assignment.noDue')
                      )}
                    </div>
                  </div>
                  {confirming === a.id ? (
                    <div class="row-actions">
                      <span>{t('assignment.withdrawConfirm', { title: titleOf(a) })}</span>
                      <button type="button" class="danger" onClick={() => withdraw(a)}>
                        {t('assignment.withdrawYes')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  ) : (
                    <div class="row-actions">
                      {a.kind === 'task' && (
                        <Link
                          href={`/assignments/${a.id}/grading`}
                          class="button"
                          aria-label={t('classroom.gradeNamed', { title: titleOf(a) })}
                        >
                          {t('classroom.grade')}
                        </Link>
                      )}
                      {me?.role === 'teacher' && (
                        <Link
                          href={`/assignments/${a.id}/comments`}
                          class="button"
                          aria-label={t('comments.linkNamed', { title: titleOf(a) })}
                        >
                          {t('comments.link')}
                        </Link>
                      )}
                      <button
                        type="button"
                        aria-label={t('classroom.editNamed', { title: titleOf(a) })}
                        onClick={() => (setMessage(null), setEditing(a.id))}
                      >
                        {t('classroom.edit')}
                      </button>
                      {a.kind === 'task' && (
                        <button
                          type="button"
                          aria-label={t(a.closedAt ? 'classroom.reopenNamed' : 'classroom.closeNamed', {
                            title: titleOf(a),
                          })}
                          onClick={() => setClosed(a, !a.closedAt)}
                        >
                          {t(a.closedAt ? 'classroom.reopen' : 'classroom.close')}
                        </button>
                      )}
                      <button
                        type="button"
                        aria-label={t('assignment.withdrawNamed', { title: titleOf(a) })}
                        onClick={() => (setMessage(null), setConfirming(a.id))}
                      >
                        {t('assignment.withdraw')}
                      </button>
                    </div>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </section>
      <ClassProgressTable classId={cls.id} tick={progressTick} />
    </>
  );
}
