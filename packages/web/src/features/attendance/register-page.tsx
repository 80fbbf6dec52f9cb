import {
  ATTENDANCE_STATUSES,
  type ClassRow,
  type LiveSession,
  type Register,
  type RegisterRow,
  schoolDate,
} from '@lawh/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link, navigate, useLocation } from '../../app/router';
import { withQuery } from '../../lib/api';
import { API_CACHE, rejectionText, sendTeacherEvent, usePendingTeacherEvents } from '../../teacher/outbox';
import { ltr, useFormat } from '../../ui/format';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import {
  ATTENDANCE_EVENT,
  allPresent,
  type Draft,
  draftOf,
  type Notes,
  notesOf,
  pendingFor,
  type RegisterKey,
  registerEvent,
  unmarkedCount,
} from './register-model';
import './attendance.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The learners of a class as this device last loaded any of its registers (the service worker keeps
 * the answers): offline, a day never opened here can still be taken.
 */
async function cachedLearners(classId: string): Promise<RegisterRow[] | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open(API_CACHE);
  const prefix = `${location.origin}/api/v1/classes/${classId}/attendance?`;
  for (const req of [...(await cache.keys())].reverse()) {
    if (!req.url.startsWith(prefix)) continue;
    const res = await cache.match(req);
    const reg = (await res?.json().catch(() => null)) as Register | null;
    if (reg?.rows) return reg.rows.filter((r) => r.enrolled).map((r) => ({ ...r, status: null, note: null }));
  }
  return null;
}

/** `/classes/:id/attendance?date=&session=`: one row per learner, four large choices, save whole. */
export function RegisterPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const fmt = useFormat();
  const { query } = useLocation();
  const today = schoolDate();
  const askedDate = query.get('date') ?? '';
  const date = DAY.test(askedDate) ? askedDate : today;
  const liveSessionId = query.get('session') || null;
  const key: RegisterKey = { classId: id, date, liveSessionId };

  const cls = useFetch<ClassRow>(`/api/v1/classes/${id}`);
  const session = useFetch<LiveSession>(liveSessionId ? `/api/v1/live-sessions/${liveSessionId}` : null);
  const reg = useFetch<Register>(withQuery(`/api/v1/classes/${id}/attendance`, { date, liveSessionId }));
  const pending = pendingFor(usePendingTeacherEvents(ATTENDANCE_EVENT), key);
  const [fallback, setFallback] = useState<RegisterRow[] | null | undefined>(undefined);
  const [draft, setDraft] = useState<Draft>({});
  const [notes, setNotes] = useState<Notes>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const offline = reg.error?.status === 0;
  useEffect(() => {
    setFallback(undefined);
    if (offline) void cachedLearners(id).then(setFallback, () => setFallback(null));
  }, [offline, id, date, liveSessionId]);

  const rows: RegisterRow[] | null = reg.data?.rows ?? (offline ? (fallback ?? null) : null);

  // The shown statuses follow the server's copy and any queued save, until the teacher changes one.
  const pendingSig = pending ? JSON.stringify(pending.marks) : '';
  useEffect(() => {
    if (!dirty && rows) {
      setDraft(draftOf({ rows }, pending));
      setNotes(notesOf({ rows }, pending));
    }
  }, [reg.data, fallback, pendingSig, dirty]);
  useEffect(() => {
    setDirty(false);
    setMessage(null);
  }, [date, liveSessionId]);

  // A queued save that has just been sent: read the register again from the server.
  const hadPending = useRef(false);
  useEffect(() => {
    if (hadPending.current && !pending) reg.reload();
    hadPending.current = pending !== null;
  }, [pending !== null]);

  const setStatus = (learnerId: string, status: Draft[string]) => {
    setDirty(true);
    setMessage(null);
    setDraft((d) => ({ ...d, [learnerId]: status }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!rows) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await sendTeacherEvent(ATTENDANCE_EVENT, 1, {
        ...registerEvent(key, rows, draft, notes),
      });
      if (result.status === 'applied') {
        setMessage({ kind: 'success', text: t('attendance.saved') });
        reg.reload();
      } else if (result.status === 'rejected')
        setMessage({ kind: 'error', text: t('attendance.rejected', { reason: rejectionText(t, result) }) });
      setDirty(false);
    } catch {
      setMessage({ kind: 'error', text: t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const className = cls.data?.title ?? '';
  // An archived class's registers are kept and read, never taken again (the server says 409).
  const archived = cls.data?.archived === true;
  const title = session.data
    ? t('attendance.sessionRegisterTitle', { title: session.data.title })
    : t('attendance.registerTitle', { className });
  const nameOf = (r: RegisterRow) => (locale === 'ar' && r.nameAr ? r.nameAr : r.name);

  return (
    <Page title={title}>
      <nav class="row-actions attendance-links" aria-label={t('attendance.section')}>
        <Link href={`/classes/${id}`} class="button">
          {className || t('class.title')}
        </Link>
        <Link href={`/classes/${id}/attendance/summary?month=${date.slice(0, 7)}`} class="button">
          {t('attendance.summary')}
        </Link>
        <Link href={`/classes/${id}/live-sessions`} class="button">
          {t('live.title')}
        </Link>
      </nav>
      {liveSessionId ? (
        <p class="register-when">
          {t('attendance.forSession', { date: ltr(fmt.date(`${date}T12:00:00Z`)) })}{' '}
          <Link href={`/classes/${id}/attendance?date=${date}`} class="button">
            {t('attendance.dayRegister')}
          </Link>
        </p>
      ) : (
        <div class="field register-date">
          <label for={`${id}-date`}>{t('attendance.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            dir="ltr"
            value={date}
            max={today}
            onChange={(e) => {
              const v = (e.target as HTMLInputElement).value;
              if (DAY.test(v)) navigate(`/classes/${id}/attendance?date=${v}`, { replace: true });
            }}
          />
        </div>
      )}
      {archived && <Notice kind="info">{t('class.isArchived')}</Notice>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {pending && !dirty && <Notice kind="info">{t('attendance.pending')}</Notice>}
      {reg.error && !offline && <Notice kind="error">{reg.error.message}</Notice>}
      {offline && fallback === null && <Notice kind="error">{t('attendance.offlineNoRoster')}</Notice>}
      {offline && fallback && <Notice kind="info">{t('attendance.fromOtherDay')}</Notice>}
      {!rows ? (
        !reg.error && <Spinner label={t('app.loading')} />
      ) : rows.length === 0 ? (
        <p>{t('attendance.noLearners')}</p>
      ) : (
        <form onSubmit={save} noValidate>
          <p class="register-status" aria-live="polite">
            {reg.data?.markedByName && !pending ? (
              <span>{t('attendance.takenBy', { name: reg.data.markedByName })}</span>
            ) : (
              !pending && !reg.data?.markedAt && <span>{t('attendance.notTaken')}</span>
            )}
            <span>{t('attendance.unmarked', { count: unmarkedCount(rows, draft) })}</span>
          </p>
          <div class="row-actions">
            <button type="button" onClick={() => (setDirty(true), setDraft(allPresent(rows)))}>
              {t('attendance.allPresent')}
            </button>
          </div>
          <ul class="register">
            {rows.map((r) => (
              <RegisterLine
                key={r.learnerId}
                row={r}
                name={nameOf(r)}
                status={draft[r.learnerId] ?? null}
                note={notes[r.learnerId] ?? ''}
                waiting={!!pending && !dirty}
                onChange={(s) => setStatus(r.learnerId, s)}
                onNote={(note) => (setDirty(true), setNotes((n) => ({ ...n, [r.learnerId]: note })))}
              />
            ))}
          </ul>
          <div class="form-actions register-save">
            <button type="submit" class="primary" disabled={busy || archived}>
              {t('attendance.save')}
            </button>
            {pending && !dirty && <span class="badge badge-waiting">{t('attendance.pendingBadge')}</span>}
          </div>
        </form>
      )}
    </Page>
  );
}

function RegisterLine({
  row,
  name,
  status,
  note,
  waiting,
  onChange,
  onNote,
}: {
  row: RegisterRow;
  name: string;
  status: Draft[string] | null;
  note: string;
  waiting: boolean;
  onChange: (s: Draft[string]) => void;
  onNote: (note: string) => void;
}) {
  const { t } = useApp();
  return (
    <li class={waiting && status ? 'register-row waiting' : 'register-row'}>
      <span class="register-name">
        <bdi>{name}</bdi>
        {row.massarCode && (
          <bdi dir="ltr" class="register-code">
            {row.massarCode}
          </bdi>
        )}
        {!row.enrolled && <span class="badge">{t('attendance.left')}</span>}
      </span>
      <div role="radiogroup" class="marks" aria-label={t('attendance.statusOf', { name })}>
        {ATTENDANCE_STATUSES.map((s) => (
          <label key={s} class={`mark mark-${s}`}>
            <input
              type="radio"
              name={`mark-${row.learnerId}`}
              value={s}
              checked={status === s}
              onChange={() => onChange(s)}
            />
            <span>{t(`attendance.status.${s}`)}</span>
          </label>
        ))}
      </div>
      {/* Shown for an absence or lateness, or while a note is kept: nothing hidden is ever sent. */}
      {status && (status !== 'present' || note !== '') && (
        <input
          class="register-note"
          type="text"
          dir="auto"
          maxLength={500}
          value={note}
          aria-label={t('attendance.noteFor', { name })}
          placeholder={t('attendance.note')}
          onInput={(e) => onNote((e.target as HTMLInputElement).value)}
        />
      )}
    </li>
  );
}
