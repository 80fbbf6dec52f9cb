import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { openTabletDb } from '../../tablet/local-db';
import { DateText, Grade, Num } from '../../ui/formatted';
import { Notice, Spinner } from '../../ui/page';
import { mediaUrl } from '../content/media-api';
import { useLearner, useTablet } from './tablet-context';
import { SLOT, Slot, TaskFacts } from './task-card';
import { TaskComments } from './task-comments';
import {
  canSubmitNow,
  forLearner,
  type Returned,
  type TaskAttachment,
  type TaskItem,
  taskItem,
} from './task-model';
import { SubmissionForm } from './task-submit';
import { useLocal } from './use-local';

/**
 * /tablet/task/:id — a task for the signed-in learner: what to do, the teacher's files, the answer
 * form (text, photos, voice), where the answer is ("waiting to send", "sent") and, once returned,
 * the grade and the teacher's feedback. Loaded on first use (app/routes.tsx), all from IndexedDB.
 */
export function TabletTaskPage({ id }: { id: string }) {
  const { t } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  const { data, loading } = useLocal(
    async () => {
      const [a, enrolments, submissions, local, status, done] = await Promise.all([
        db.row('assignment', id),
        db.rows('enrolment'),
        db.rows('submission'),
        db.submissions(learner.id),
        db.status(),
        downloaded(),
      ]);
      const classIds = new Set(enrolments.filter((e) => e.learnerId === learner.id).map((e) => e.classId));
      if (a?.kind !== 'task' || !forLearner(a, learner.id, classIds)) return null;
      const server = submissions
        .filter((s) => s.learnerId === learner.id && s.assignmentId === id)
        .sort((x, y) => y.submittedAt.localeCompare(x.submittedAt))[0];
      const mine = local.find((l) => l.assignmentId === id);
      return { item: taskItem(a, server, mine, status.ackedSeq, new Date()), done, local: mine };
    },
    [db, id, learner.id],
    ['rows', 'outbox', 'status', 'media'],
  );
  // Sending replaces the form with "waiting to send": focus goes there, not back to the page's top.
  const formShown = useRef(false);
  const justSent = formShown.current && data?.item.status === 'waiting';
  useEffect(() => {
    formShown.current = !!data && canSubmitNow(data.item);
  });

  if (loading) return <Spinner label={t('app.loading')} />;
  if (!data)
    return (
      <section class="page tablet-page">
        <h1 tabIndex={-1}>{t('tablet.task.missing')}</h1>
        <p>
          <Link href="/tablet/home">{t('tablet.backHome')}</Link>
        </p>
      </section>
    );
  const { item, done } = data;
  const a = item.assignment;
  return (
    <article class="page tablet-page tablet-task">
      <header class="page-head">
        <h1 tabIndex={-1}>
          <bdi dir="auto">{a.title || t('tablet.tasks.untitled')}</bdi>
        </h1>
        <Link href="/tablet/home" class="button secondary">
          {t('tablet.backHome')}
        </Link>
      </header>
      <TaskFacts item={item} />
      {item.closed && <Notice kind="info">{t('tablet.task.closed')}</Notice>}

      {a.instructions && (
        <section aria-labelledby="task-instructions">
          <h2 id="task-instructions">{t('tablet.task.instructions')}</h2>
          <p class="task-instructions" dir="auto">
            {a.instructions}
          </p>
        </section>
      )}
      {a.attachments.length > 0 && (
        <section aria-labelledby="task-attachments">
          <h2 id="task-attachments">{t('tablet.task.attachments')}</h2>
          <ul class="task-attachments">
            {a.attachments.map((f) => (
              <Attachment key={f.hash} file={f} ready={done.has(f.hash)} />
            ))}
          </ul>
        </section>
      )}

      {item.status !== 'todo' && <SentWork item={item} focus={justSent} />}
      {item.returned && <ReturnedView r={item.returned} voiceReady={done} />}

      {canSubmitNow(item) && <SubmissionForm assignmentId={a.id} again={item.status === 'returned'} />}

      <TaskComments assignmentId={a.id} />
    </article>
  );
}

/** What the learner sent (or queued): text, how many photos and recordings, when. */
function SentWork({ item, focus }: { item: TaskItem; focus: boolean }) {
  const { t } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const { photo, voice } = item.mediaCount;
  return (
    <section aria-labelledby="task-sent" class="task-sent">
      <h2 id="task-sent" ref={heading} tabIndex={-1}>
        {t('tablet.task.yourWork')}
      </h2>
      {item.submittedAt && (
        <p>
          <Slot text={t('tablet.task.sentOn', { date: SLOT })}>
            <DateText iso={item.submittedAt} withTime />
          </Slot>
        </p>
      )}
      {item.status === 'waiting' && <Notice kind="info">{t('tablet.task.queued')}</Notice>}
      {item.text && (
        <p class="task-text" dir="auto">
          {item.text}
        </p>
      )}
      {(photo > 0 || voice > 0) && (
        <p>
          {[
            photo > 0 ? t('tablet.task.photos', { count: photo }) : null,
            voice > 0 ? t('tablet.task.recordings', { count: voice }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
    </section>
  );
}

/** The teacher's grade (points or rubric), written feedback and recorded voice. */
function ReturnedView({ r, voiceReady }: { r: Returned; voiceReady: ReadonlySet<string> }) {
  const { t } = useApp();
  return (
    <section aria-labelledby="task-feedback" class="task-feedback">
      <h2 id="task-feedback">{t('tablet.task.feedback')}</h2>
      <p>
        <Slot text={t('tablet.task.returnedOn', { date: SLOT })}>
          <DateText iso={r.returnedAt} withTime />
        </Slot>
      </p>
      {r.points !== null && (
        <p class="task-grade" data-testid="task-grade">
          <Slot text={t('tablet.task.grade', { grade: SLOT })}>
            {r.maxPoints !== null ? <Grade points={r.points} max={r.maxPoints} /> : <Num value={r.points} />}
          </Slot>
        </p>
      )}
      {r.rubric && r.rubric.length > 0 && (
        <table class="task-rubric">
          <caption>{t('tablet.task.rubric')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tablet.task.criterion')}</th>
              <th scope="col">{t('tablet.task.level')}</th>
              <th scope="col">{t('tablet.task.rubricPoints')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rubric.map((line) => (
              <tr key={line.criterion}>
                <td dir="auto">{line.criterion}</td>
                <td dir="auto">{line.level}</td>
                <td>
                  <Num value={line.points} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.feedbackText && (
        <p class="task-feedback-text" dir="auto">
          {r.feedbackText}
        </p>
      )}
      {r.feedbackVoice &&
        (voiceReady.has(r.feedbackVoice.hash) ? (
          <figure class="task-voice">
            <figcaption id="task-voice-label">{t('tablet.task.voiceFeedback')}</figcaption>
            {/* biome-ignore lint/a11y/useMediaCaption: the teacher's spoken feedback; its words are the feedback */}
            <audio
              controls
              preload="metadata"
              src={mediaUrl(r.feedbackVoice.hash)}
              aria-labelledby="task-voice-label"
            />
          </figure>
        ) : (
          <p>{t('tablet.task.voiceMissing')}</p>
        ))}
    </section>
  );
}

function Attachment({ file, ready }: { file: TaskAttachment; ready: boolean }) {
  const { t, intl } = useApp();
  if (!ready) return <li>{t('tablet.task.attachmentMissing', { name: file.name })}</li>;
  const url = mediaUrl(file.hash);
  if (file.mime.startsWith('image/'))
    return (
      <li>
        <figure>
          <img src={url} alt={file.name} />
          <figcaption>
            <bdi>{file.name}</bdi>
          </figcaption>
        </figure>
      </li>
    );
  if (file.mime.startsWith('audio/'))
    return (
      <li>
        <figure>
          <figcaption>
            <bdi>{file.name}</bdi>
          </figcaption>
          {/* biome-ignore lint/a11y/useMediaCaption: a teacher's recording for the task */}
          <audio controls preload="metadata" src={url} aria-label={file.name} />
        </figure>
      </li>
    );
  return (
    <li>
      <a href={url} download={file.name} class="button secondary task-file">
        <bdi>{file.name}</bdi> <bdi dir="ltr">({kilobytes(intl, file.bytes)})</bdi>
      </a>
    </li>
  );
}

function kilobytes(intl: string, bytes: number) {
  return new Intl.NumberFormat(intl, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
    Math.max(1, bytes / 1000),
  );
}

/** The media files downloaded and verified on this tablet (tablet/media.ts). */
async function downloaded(): Promise<Set<string>> {
  const all = await (await openTabletDb()).getAll('media');
  return new Set(all.filter((m) => m.done).map((m) => m.hash));
}
