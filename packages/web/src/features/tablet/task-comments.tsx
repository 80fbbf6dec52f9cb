import { newId } from '@lawh/shared/lib/ids';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { openTabletDb } from '../../tablet/local-db';
import { isQuotaError } from '../../tablet/local-logic';
import { useFormat } from '../../ui/format';
import { type CommentLike, threadOf } from './announcements-model';
import { useLearner, useTablet } from './tablet-context';
import { useLocal } from './use-local';
import './messages-tablet.css';

/** The contract's limit on a comment (schemas/messages.ts COMMENT_BODY_MAX, kept zod-free here). */
const COMMENT_MAX = 2000;

/**
 * The signed-in learner's conversation with their teachers about one task: the comments the tablet
 * holds, the learner's own waiting to be sent, and a box to write one. Posting queues a
 * `comment.posted` event in the tablet's outbox, so it works offline and is sent at the next sync.
 */
export function TaskComments({ assignmentId }: { assignmentId: string }) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const { db } = useTablet();
  const learner = useLearner();
  const id = useId();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<'full' | 'error' | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: thread } = useLocal(
    async () => {
      const [comments, outbox] = await Promise.all([
        db.rows('comment') as Promise<CommentLike[]>,
        openTabletDb().then((d) => d.getAll('outbox')),
      ]);
      return threadOf(learner.id, assignmentId, comments, outbox);
    },
    [db, learner.id, assignmentId],
    ['rows', 'outbox', 'status'],
  );

  const send = async (e: Event) => {
    e.preventDefault();
    const text = body.trim();
    if (!text || text.length > COMMENT_MAX) return;
    setBusy(true);
    setProblem(null);
    try {
      await db.record(learner.id, 'comment.posted', {
        commentId: newId(),
        assignmentId,
        learnerId: learner.id,
        body: text,
      });
      setBody('');
    } catch (err) {
      // Nothing was stored: the text stays in the box, to send again.
      setProblem(isQuotaError(err) ? 'full' : 'error');
    } finally {
      setBusy(false);
    }
  };

  const tooLong = body.trim().length > COMMENT_MAX;
  return (
    <section class="task-comments" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('tablet.comments.title')}</h2>
      {thread && thread.length === 0 && <p>{t('tablet.comments.none')}</p>}
      {thread && thread.length > 0 && (
        <ol class="tablet-comment-list">
          {thread.map((c) => (
            <li key={c.id} class={`tablet-comment from-${c.authorRole}${c.waiting ? ' waiting' : ''}`}>
              <p class="tablet-comment-meta">
                {c.authorRole === 'learner' ? (
                  t('tablet.comments.you')
                ) : (
                  <bdi>{t('tablet.comments.teacher', { name: c.authorName })}</bdi>
                )}{' '}
                ·{' '}
                <bdi dir="ltr">
                  <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
                </bdi>
              </p>
              <p class="tablet-comment-body" dir="auto">
                {c.body}
              </p>
              {c.waiting && <p class="sync-waiting">{t('tablet.comments.waiting')}</p>}
            </li>
          ))}
        </ol>
      )}
      <form class="tablet-comment-form" onSubmit={send}>
        <label for={`${id}-body`}>{t('tablet.comments.label')}</label>
        <textarea
          id={`${id}-body`}
          dir="auto"
          rows={3}
          value={body}
          aria-invalid={tooLong ? true : undefined}
          aria-describedby={tooLong || problem ? `${id}-problem` : undefined}
          onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)}
        />
        {(tooLong || problem) && (
          <p class="field-error" id={`${id}-problem`} role="alert">
            {t(
              tooLong
                ? 'tablet.comments.tooLong'
                : problem === 'full'
                  ? 'tablet.comments.full'
                  : 'common.error',
            )}
          </p>
        )}
        <button type="submit" class="primary tablet-big" disabled={busy || !body.trim() || tooLong}>
          {t('tablet.comments.send')}
        </button>
      </form>
    </section>
  );
}
