import { type ClassRow, type LiveSession, schoolDate, schoolInstant, schoolWallClock } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { ApiError, api } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import './attendance.css';

/** `/classes/:id/live-sessions`: upcoming sessions with their join links, scheduling, cancelling, registers. */
export function LiveSessionsPage({ id }: { id: string }) {
  const { t } = useApp();
  const cls = useFetch<ClassRow>(`/api/v1/classes/${id}`);
  const upcoming = useFetch<{ items: LiveSession[] }>(`/api/v1/live-sessions?classId=${id}&when=upcoming`);
  const past = useFetch<{ items: LiveSession[] }>(`/api/v1/live-sessions?classId=${id}&when=past&limit=10`);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const className = cls.data?.title ?? '';
  const changed = (text: string) => {
    setMessage({ kind: 'success', text });
    upcoming.reload();
    past.reload();
  };

  return (
    <Page title={t('live.titleFor', { className })}>
      <nav class="row-actions attendance-links" aria-label={t('attendance.section')}>
        <Link href={`/classes/${id}`} class="button">
          {className || t('class.title')}
        </Link>
        <Link href={`/classes/${id}/attendance`} class="button">
          {t('attendance.openToday')}
        </Link>
        <Link href={`/classes/${id}/attendance/summary`} class="button">
          {t('attendance.summary')}
        </Link>
      </nav>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <section aria-labelledby="live-upcoming">
        <div class="section-head">
          <h2 id="live-upcoming">{t('live.upcoming')}</h2>
          {!adding && !cls.data?.archived && (
            <button type="button" class="primary" onClick={() => (setMessage(null), setAdding(true))}>
              {t('live.schedule')}
            </button>
          )}
        </div>
        {adding && (
          <ScheduleForm
            classId={id}
            onCancel={() => setAdding(false)}
            onDone={(s) => (setAdding(false), changed(t('live.scheduled', { title: s.title })))}
          />
        )}
        <SessionList
          list={upcoming}
          empty={t('live.none')}
          onCancelled={(s) => changed(t('live.cancelled', { title: s.title }))}
          onEdited={(s) => changed(t('live.saved', { title: s.title }))}
          onError={(text) => setMessage({ kind: 'error', text })}
        />
      </section>
      <section aria-labelledby="live-past">
        <h2 id="live-past">{t('live.past')}</h2>
        <SessionList list={past} empty={t('live.nonePast')} />
      </section>
    </Page>
  );
}

function SessionList({
  list,
  empty,
  onCancelled,
  onEdited,
  onError,
}: {
  list: ReturnType<typeof useFetch<{ items: LiveSession[] }>>;
  empty: string;
  onCancelled?: (s: LiveSession) => void;
  onEdited?: (s: LiveSession) => void;
  onError?: (text: string) => void;
}) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const today = schoolDate();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const cancel = async (s: LiveSession) => {
    try {
      await api.post<LiveSession>(`/api/v1/live-sessions/${s.id}/cancel`);
      onCancelled?.(s);
    } catch (e) {
      onError?.(e instanceof ApiError && e.status === 0 ? t('app.offline') : String((e as Error).message));
    } finally {
      setConfirming(null);
    }
  };
  if (list.error) return <Notice kind="error">{list.error.message}</Notice>;
  if (!list.data) return <Spinner label={t('app.loading')} />;
  if (list.data.items.length === 0) return <p>{empty}</p>;
  return (
    <ul class="live-list">
      {list.data.items.map((s) =>
        editing === s.id ? (
          <li key={s.id}>
            <ScheduleForm
              classId={s.classId}
              session={s}
              onCancel={() => setEditing(null)}
              onDone={(saved) => (setEditing(null), onEdited?.(saved))}
            />
          </li>
        ) : (
          <li key={s.id}>
            <div>
              <strong dir="auto">{s.title}</strong>{' '}
              {s.cancelled && <span class="badge">{t('live.isCancelled')}</span>}
              <div class="live-when">
                <bdi dir="ltr">
                  <time dateTime={s.startsAt}>{dateTime(s.startsAt)}</time>
                </bdi>{' '}
                · {t('live.minutes', { count: s.durationMinutes })}
              </div>
            </div>
            <div class="row-actions">
              {s.joinUrl && !s.cancelled ? (
                <a
                  href={s.joinUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  class="button primary"
                  aria-label={t('live.joinNamed', { title: s.title })}
                >
                  {t('live.join')}
                </a>
              ) : (
                !s.cancelled && <span class="field-hint">{t('live.noLink')}</span>
              )}
              {/* A register is taken on the session's day or after, never ahead of it. */}
              {!s.cancelled && s.date <= today && (
                <Link
                  href={`/classes/${s.classId}/attendance?date=${s.date}&session=${s.id}`}
                  class="button"
                  aria-label={t('live.takeAttendanceNamed', { title: s.title })}
                >
                  {t('live.takeAttendance')}
                </Link>
              )}
              {onEdited && !s.cancelled && (
                <button
                  type="button"
                  aria-label={t('live.editNamed', { title: s.title })}
                  onClick={() => setEditing(s.id)}
                >
                  {t('common.edit')}
                </button>
              )}
              {onCancelled &&
                !s.cancelled &&
                (confirming === s.id ? (
                  <>
                    <span>{t('live.cancelConfirm', { title: s.title })}</span>
                    <button type="button" class="danger" onClick={() => cancel(s)}>
                      {t('live.cancelYes')}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('live.keep')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    aria-label={t('live.cancelNamed', { title: s.title })}
                    onClick={() => setConfirming(s.id)}
                  >
                    {t('live.cancel')}
                  </button>
                ))}
            </div>
          </li>
        ),
      )}
    </ul>
  );
}

/** The picker's `YYYY-MM-DDTHH:MM` is the school's time, as the list shows it. */
const toIso = (local: string) => (local ? schoolInstant(local).toISOString() : '');
const toLocal = (iso: string) => schoolWallClock(iso).toISOString().slice(0, 16);

/** Schedules a session, or edits `session` (its own link left empty goes back to the school's service). */
function ScheduleForm({
  classId,
  session,
  onDone,
  onCancel,
}: {
  classId: string;
  session?: LiveSession;
  onDone: (s: LiveSession) => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const form = useForm({
    title: session?.title ?? '',
    startsAt: session ? toLocal(session.startsAt) : '',
    durationMinutes: String(session?.durationMinutes ?? 45),
    meetingUrl: session?.customUrl ? (session.joinUrl ?? '') : '',
  });
  const { values, set, errors } = form;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      title: values.title,
      startsAt: toIso(values.startsAt),
      durationMinutes: Number(values.durationMinutes),
      meetingUrl: values.meetingUrl.trim() || null,
    };
    const done = await form.submit(() =>
      session
        ? api.patch<LiveSession>(`/api/v1/live-sessions/${session.id}`, body)
        : api.post<LiveSession>(`/api/v1/classes/${classId}/live-sessions`, body),
    );
    if (done) onDone(done);
  };
  return (
    <form class="form subsection" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{session ? t('live.editNamed', { title: session.title }) : t('live.schedule')}</legend>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        <TextField
          label={t('live.sessionTitle')}
          value={values.title}
          onInput={set('title')}
          error={errors.title}
          dir="auto"
          required
        />
        <TextField
          label={t('live.startsAt')}
          type="datetime-local"
          value={values.startsAt}
          onInput={set('startsAt')}
          error={errors.startsAt}
          dir="ltr"
          required
        />
        <TextField
          label={t('live.duration')}
          type="number"
          min={5}
          max={480}
          step={5}
          inputMode="numeric"
          value={values.durationMinutes}
          onInput={set('durationMinutes')}
          error={errors.durationMinutes}
          dir="ltr"
          required
        />
        <TextField
          label={t('live.meetingUrl')}
          hint={t('live.meetingUrlHint')}
          type="url"
          value={values.meetingUrl}
          onInput={set('meetingUrl')}
          error={errors.meetingUrl}
          dir="ltr"
        />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {session ? t('common.save') : t('live.schedule')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
