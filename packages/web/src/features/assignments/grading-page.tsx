import type { Assignment, GradingQueue, QueueEntry, SubmissionAttempt } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { ApiError } from '../../lib/api';
import { rejectionText, sendTeacherEvent, usePendingTeacherEvents } from '../../teacher/outbox';
import { DateText, Grade } from '../../ui/formatted';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { mediaUrl, uploadMedia } from '../content/media-api';
import { canRecord, Recorder } from '../content/recorder';
import './assignments.css';

/** `/assignments/:id/grading`: the task's queue, one learner at a time, grade, feedback, return. */
export function GradingPage({ id }: { id: string }) {
  const { t } = useApp();
  const task = useFetch<Assignment>(`/api/v1/assignments/${id}`);
  const queue = useFetch<GradingQueue>(`/api/v1/assignments/${id}/submissions`);
  const pending = usePendingTeacherEvents('submission.graded');
  const a = task.data;
  const title = a ? (a.title ?? a.contentTitle ?? '') : '';
  const error = task.error ?? queue.error;
  if (!a || !queue.data)
    return (
      <Page title={t('grading.title')}>
        {error ? <Notice kind="error">{error.message}</Notice> : <Spinner label={t('app.loading')} />}
      </Page>
    );
  // The work waiting for the teacher first, then what is graded but not returned; the rest after.
  const entries = [...queue.data.entries].sort((x, y) => QUEUE_ORDER[x.state] - QUEUE_ORDER[y.state]);
  const count = (s: string) => entries.filter((e) => e.state === s).length;
  return (
    <Page title={t('grading.titleNamed', { title })}>
      <p>
        <Link href={`/classes/${a.classId}`}>{t('grading.back')}</Link>
      </p>
      {a.closedAt && <Notice kind="info">{t('grading.isClosed')}</Notice>}
      <p class="muted">
        {t('grading.counts', {
          waiting: count('submitted') + count('late'),
          returned: count('returned'),
          missing: count('missing'),
        })}
      </p>
      {entries.length === 0 && <p>{t('grading.none')}</p>}
      <ol class="grading-queue">
        {entries.map((e) => (
          <li key={e.learnerId}>
            <Submission
              entry={e}
              task={a}
              waiting={pending.some((p) => p.payload.submissionId === e.latest?.id)}
              onSaved={queue.reload}
            />
          </li>
        ))}
      </ol>
    </Page>
  );
}

const QUEUE_ORDER: Record<QueueEntry['state'], number> = {
  late: 0,
  submitted: 0,
  graded: 1,
  missing: 2,
  assigned: 3,
  returned: 4,
};

const STATE_BADGE: Record<QueueEntry['state'], string> = {
  assigned: '',
  missing: 'badge-warn',
  submitted: '',
  late: 'badge-warn',
  graded: '',
  returned: '',
};

function Submission({
  entry,
  task,
  waiting,
  onSaved,
}: {
  entry: QueueEntry;
  task: Assignment;
  waiting: boolean;
  onSaved: () => void;
}) {
  const { t, locale } = useApp();
  const headingId = useId();
  const s = entry.latest;
  return (
    <article class="grading-entry" aria-labelledby={headingId}>
      <h2 id={headingId} class="grading-name">
        <bdi>{locale === 'ar' && entry.nameAr ? entry.nameAr : entry.name}</bdi>{' '}
        <span class={`badge ${STATE_BADGE[entry.state]}`}>{t(`insight.state.${entry.state}`)}</span>
        {waiting && <span class="badge badge-offline">{t('classroom.waiting')}</span>}
      </h2>
      {s ? (
        <>
          <Answer attempt={s} />
          {entry.state === 'returned' ? (
            <Returned attempt={s} task={task} />
          ) : (
            <GradeForm attempt={s} task={task} graded={entry.state === 'graded'} onSaved={onSaved} />
          )}
          {entry.earlier.length > 0 && (
            <details>
              <summary>{t('grading.earlier', { count: entry.earlier.length })}</summary>
              {entry.earlier.map((x) => (
                <div key={x.id} class="subsection">
                  <h3>{t('grading.attempt', { n: x.attempt })}</h3>
                  <Answer attempt={x} />
                  {x.returnedAt && <Returned attempt={x} task={task} />}
                </div>
              ))}
            </details>
          )}
        </>
      ) : (
        <p class="muted">{t('grading.noAnswer')}</p>
      )}
    </article>
  );
}

function Answer({ attempt }: { attempt: SubmissionAttempt }) {
  const { t } = useApp();
  const photos = attempt.media.filter((m) => m.kind === 'photo');
  const voices = attempt.media.filter((m) => m.kind === 'voice');
  return (
    <div class="grading-answer">
      <p class="assignment-dates">
        {t('grading.sentAt')} <DateText iso={attempt.submittedAt} withTime />
        {attempt.late && <span class="badge badge-warn">{t('grading.late')}</span>}
      </p>
      {attempt.text && (
        <p class="grading-text" dir="auto">
          {attempt.text}
        </p>
      )}
      {photos.length > 0 && (
        <div class="grading-photos">
          {photos.map((m, i) => (
            <a key={m.hash} href={mediaUrl(m.hash)} target="_blank" rel="noopener">
              <img src={mediaUrl(m.hash)} alt={t('grading.photo', { n: i + 1 })} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {voices.map((m, i) => (
        <div key={m.hash} class="grading-voice">
          <span>{t('grading.voice', { n: i + 1 })}</span>
          {/* biome-ignore lint/a11y/useMediaCaption: a learner's spoken answer has no captions */}
          <audio controls preload="none" src={mediaUrl(m.hash)} />
        </div>
      ))}
    </div>
  );
}

function Returned({ attempt, task }: { attempt: SubmissionAttempt; task: Assignment }) {
  const { t } = useApp();
  return (
    <div class="grading-result">
      {attempt.points !== null && task.maxPoints !== null && (
        <p>
          {t('grading.gradeLabel')} <Grade points={attempt.points} max={task.maxPoints} />
        </p>
      )}
      {attempt.rubric && task.rubric && (
        <ul>
          {attempt.rubric.map((c) => {
            const criterion = task.rubric?.[c.criterion];
            const level = criterion?.levels[c.level];
            return criterion && level ? (
              <li key={c.criterion}>
                <bdi>{criterion.criterion}</bdi>: <bdi>{level.label}</bdi>{' '}
                <Grade points={level.points} max={Math.max(...criterion.levels.map((l) => l.points))} />
              </li>
            ) : null;
          })}
        </ul>
      )}
      {attempt.feedbackText && (
        <p dir="auto" class="grading-text">
          {attempt.feedbackText}
        </p>
      )}
      {attempt.feedbackVoice && (
        // biome-ignore lint/a11y/useMediaCaption: spoken feedback, its text (if any) is above
        <audio controls preload="none" src={mediaUrl(attempt.feedbackVoice.hash)} />
      )}
      {attempt.returnedAt && (
        <p class="assignment-dates">
          {t('grading.returnedAt')} <DateText iso={attempt.returnedAt} withTime />
        </p>
      )}
    </div>
  );
}

function GradeForm({
  attempt,
  task,
  graded,
  onSaved,
}: {
  attempt: SubmissionAttempt;
  task: Assignment;
  graded: boolean;
  onSaved: () => void;
}) {
  const { t } = useApp();
  const id = useId();
  const form = useForm({
    points: attempt.points === null ? '' : String(attempt.points),
    feedbackText: attempt.feedbackText ?? '',
  });
  const [levels, setLevels] = useState<Record<number, number>>(
    Object.fromEntries((attempt.rubric ?? []).map((c) => [c.criterion, c.level])),
  );
  const [voice, setVoice] = useState<string | null>(attempt.feedbackVoice?.hash ?? null);
  const [uploading, setUploading] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const rubric = task.rubric;

  const recorded = async (clip: File) => {
    setUploading(true);
    try {
      setVoice((await uploadMedia(clip, clip.name, () => {})).hash);
    } catch (e) {
      setNote(e instanceof ApiError && e.status === 0 ? t('app.offline') : String((e as Error).message));
    } finally {
      setUploading(false);
    }
  };

  const save = (returned: boolean) =>
    form.submit(async () => {
      setNote(null);
      const payload: Record<string, unknown> = {
        submissionId: attempt.id,
        feedbackText: form.values.feedbackText.trim() || null,
        feedbackVoiceHash: voice,
        returned,
      };
      if (rubric)
        payload.rubric = Object.keys(levels).length
          ? Object.entries(levels).map(([c, l]) => ({ criterion: Number(c), level: l }))
          : null;
      else if (task.maxPoints !== null)
        payload.points =
          form.values.points.trim() === '' ? null : Number(form.values.points.replace(',', '.'));
      const r = await sendTeacherEvent('submission.graded', 1, payload);
      if (r.status === 'rejected') throw new ApiError(400, r.code, rejectionText(t, r), { field: r.field });
      setNote(
        r.status === 'pending'
          ? t('classroom.pending')
          : t(returned ? 'grading.returnedNote' : 'grading.saved'),
      );
      onSaved();
      return r.status;
    });

  return (
    <form class="form grading-form" onSubmit={(e) => (e.preventDefault(), void save(false))} noValidate>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      {note && <Notice kind="info">{note}</Notice>}
      {rubric ? (
        <fieldset>
          <legend>{t('classroom.scale.rubric')}</legend>
          {rubric.map((c, ci) => (
            <div key={ci} role="radiogroup" aria-label={c.criterion} class="rubric-choice">
              <span class="rubric-criterion-name">
                <bdi>{c.criterion}</bdi>
              </span>
              <div class="choice-row">
                {c.levels.map((l, li) => (
                  <label key={li} class="choice">
                    <input
                      type="radio"
                      name={`${id}-c${ci}`}
                      checked={levels[ci] === li}
                      onChange={() => setLevels((x) => ({ ...x, [ci]: li }))}
                    />
                    <bdi>{l.label}</bdi>{' '}
                    <Grade points={l.points} max={Math.max(...c.levels.map((x) => x.points))} />
                  </label>
                ))}
              </div>
            </div>
          ))}
          {Object.entries(form.errors).find(([k]) => k.startsWith('rubric')) && (
            <p class="field-error">
              <bdi>{Object.entries(form.errors).find(([k]) => k.startsWith('rubric'))?.[1]}</bdi>
            </p>
          )}
        </fieldset>
      ) : (
        task.maxPoints !== null && (
          <div class="field">
            <label for={`${id}-points`}>
              {t('grading.points')} <bdi dir="ltr">/ {task.maxPoints}</bdi>
            </label>
            <input
              id={`${id}-points`}
              type="text"
              inputMode="decimal"
              dir="ltr"
              value={form.values.points}
              aria-invalid={form.errors.points ? true : undefined}
              aria-describedby={form.errors.points ? `${id}-points-error` : undefined}
              onInput={(e) => form.set('points')((e.target as HTMLInputElement).value)}
            />
            {form.errors.points && (
              <span class="field-error" id={`${id}-points-error`}>
                <bdi>{form.errors.points}</bdi>
              </span>
            )}
          </div>
        )
      )}
      <div class="field">
        <label for={`${id}-feedback`}>{t('grading.feedback')}</label>
        <textarea
          id={`${id}-feedback`}
          rows={3}
          dir="auto"
          value={form.values.feedbackText}
          onInput={(e) => form.set('feedbackText')((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <fieldset>
        <legend>{t('grading.voiceFeedback')}</legend>
        {voice ? (
          <div class="grading-voice">
            {/* biome-ignore lint/a11y/useMediaCaption: the teacher's own recording, played back */}
            <audio controls preload="none" src={mediaUrl(voice)} />
            <button type="button" onClick={() => setVoice(null)}>
              {t('grading.removeVoice')}
            </button>
          </div>
        ) : canRecord() ? (
          <Recorder onRecorded={recorded} disabled={uploading} />
        ) : (
          <p class="muted">{t('grading.noRecorder')}</p>
        )}
        {uploading && <p role="status">{t('classroom.uploading')}</p>}
      </fieldset>
      <div class="form-actions">
        <button type="submit" disabled={form.busy || uploading}>
          {t('grading.saveGrade')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={form.busy || uploading}
          onClick={() => void save(true)}
        >
          {graded ? t('grading.return') : t('grading.saveAndReturn')}
        </button>
      </div>
    </form>
  );
}
