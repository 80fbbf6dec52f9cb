import {
  COMMENT_BODY_MAX,
  type Comment,
  type CommentThread,
  type CommentThreadList,
  newId,
  type TeacherCommentPostedPayload,
} from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { rejectionText, sendTeacherEvent, usePendingTeacherEvents } from '../../teacher/outbox';
import { useFormat } from '../../ui/format';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import './messages.css';

/** The learner's name as the interface's language writes it. */
const nameIn = (x: CommentThread, locale: string) =>
  locale === 'ar' && x.learnerNameAr ? x.learnerNameAr : x.learnerName;

/**
 * `/assignments/:id/comments` — a task's comment threads for its teacher: the learners it is for,
 * and the conversation with the one chosen, with a reply box (sent through the teacher outbox).
 */
export function TaskThreadsPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const threads = useFetch<CommentThreadList>(`/api/v1/assignments/${id}/threads`);
  const [learnerId, setLearnerId] = useState<string | null>(null);
  const data = threads.data;
  const title = data?.assignment.title ?? '';
  if (!data)
    return threads.error ? (
      <Page title={t('comments.link')}>
        <Notice kind="error">{threads.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  const chosen = data.items.find((x) => x.learnerId === learnerId) ?? null;
  return (
    <Page title={t('comments.title', { title })}>
      <p>
        <Link href={`/classes/${data.assignment.classId}`}>{t('comments.back')}</Link>
      </p>
      <div class="task-threads-grid task-threads">
        <nav aria-labelledby="threads-head">
          <h2 id="threads-head">{t('comments.threads')}</h2>
          <ul class="thread-list">
            {data.items.map((x) => (
              <li key={x.learnerId}>
                <button
                  type="button"
                  class="link"
                  aria-current={x.learnerId === learnerId ? 'true' : undefined}
                  onClick={() => setLearnerId(x.learnerId)}
                >
                  <bdi>{nameIn(x, locale)}</bdi>
                </button>{' '}
                <span class="badge">{t('comments.count', { count: x.count })}</span>
              </li>
            ))}
          </ul>
        </nav>
        {chosen ? (
          <Thread
            key={chosen.learnerId}
            assignmentId={id}
            thread={chosen}
            name={nameIn(chosen, locale)}
            onPosted={threads.reload}
          />
        ) : (
          <p>{t('comments.choose')}</p>
        )}
      </div>
    </Page>
  );
}

function Thread({
  assignmentId,
  thread,
  name,
  onPosted,
}: {
  assignmentId: string;
  thread: CommentThread;
  name: string;
  onPosted: () => void;
}) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const formId = useId();
  const comments = useFetch<{ items: Comment[] }>(
    `/api/v1/assignments/${assignmentId}/threads/${thread.learnerId}`,
  );
  const pending = usePendingTeacherEvents('comment.posted')
    .map((e) => e.payload as TeacherCommentPostedPayload)
    .filter((p) => p.assignmentId === assignmentId && p.learnerId === thread.learnerId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (e: Event) => {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const payload: TeacherCommentPostedPayload = {
        commentId: newId(),
        assignmentId,
        learnerId: thread.learnerId,
        body: text,
      };
      const r = await sendTeacherEvent('comment.posted', 1, payload);
      if (r.status === 'rejected') {
        setError(rejectionText(t, r));
        return;
      }
      setBody('');
      if (r.status === 'pending') setNotice(t('comments.queued'));
      comments.reload();
      onPosted();
    } finally {
      setBusy(false);
    }
  };

  const shown = (comments.data?.items ?? []).filter((c) => !pending.some((p) => p.commentId === c.id));
  return (
    <section aria-labelledby={`${formId}-head`}>
      <h2 id={`${formId}-head`}>{t('comments.threadWith', { name })}</h2>
      {comments.error && <Notice kind="error">{comments.error.message}</Notice>}
      {!comments.data && !comments.error ? (
        <Spinner label={t('app.loading')} />
      ) : shown.length === 0 && pending.length === 0 ? (
        <p>{t('comments.none')}</p>
      ) : (
        <ol class="comment-list">
          {shown.map((c) => (
            <li key={c.id} class={`comment from-${c.authorRole}`}>
              <p class="comment-meta">
                <bdi>{c.authorName}</bdi> ·{' '}
                {t(c.authorRole === 'teacher' ? 'comments.teacher' : 'comments.learner')} ·{' '}
                <bdi dir="ltr">
                  <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
                </bdi>
              </p>
              <p class="comment-body" dir="auto">
                {c.body}
              </p>
            </li>
          ))}
          {pending.map((p) => (
            <li key={p.commentId} class="comment from-teacher pending">
              <p class="comment-body" dir="auto">
                {p.body}
              </p>
              <span class="badge">{t('comments.waiting')}</span>
            </li>
          ))}
        </ol>
      )}
      {notice && <Notice kind="info">{notice}</Notice>}
      <form class="comment-form" onSubmit={send} noValidate>
        <div class="field">
          <label for={`${formId}-body`}>{t('comments.reply')}</label>
          <textarea
            id={`${formId}-body`}
            rows={3}
            dir="auto"
            maxLength={COMMENT_BODY_MAX}
            value={body}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${formId}-error` : undefined}
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
          />
          {error && (
            <span class="field-error" id={`${formId}-error`} role="alert">
              <bdi>{error}</bdi>
            </span>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy || !body.trim()}>
          {t('comments.send')}
        </button>
      </form>
    </section>
  );
}
