import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/context';
import { Link } from '../app/router';
import type { MessageKey } from '../i18n/messages/en';
import { DateText } from '../ui/formatted';
import { Notice, Page } from '../ui/page';
import { dismissTeacherEvent, flush, useTeacherOutbox } from './outbox';
import type { QueuedEvent } from './outbox-core';

const KIND_LABELS: Record<string, MessageKey> = {
  'assignment.saved': 'outbox.kind.assignment.saved',
  'assignment.withdrawn': 'outbox.kind.assignment.withdrawn',
  'submission.graded': 'outbox.kind.submission.graded',
  'attendance.marked': 'outbox.kind.attendance.marked',
  'announcement.posted': 'outbox.kind.announcement.posted',
  'comment.posted': 'outbox.kind.comment.posted',
  'guardianNote.saved': 'outbox.kind.guardianNote.saved',
};

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** In the top bar: offline, and how many of the teacher's changes wait or were refused. */
export function OutboxBadge() {
  const { t } = useApp();
  const online = useOnline();
  const events = useTeacherOutbox();
  const pending = events.filter((e) => e.status === 'pending').length;
  const rejected = events.length - pending;
  if (online && events.length === 0) return null;
  return (
    <span class="outbox-badge" role="status">
      {!online && <span class="badge badge-offline">{t('outbox.offline')}</span>}
      {pending > 0 && (
        <Link href="/outbox" class="badge">
          {t('outbox.waiting', { count: pending })}
        </Link>
      )}
      {rejected > 0 && (
        <Link href="/outbox" class="badge badge-warn">
          {t('outbox.rejectedCount', { count: rejected })}
        </Link>
      )}
    </span>
  );
}

function EventRow({ e }: { e: QueuedEvent }) {
  const { t } = useApp();
  const label = KIND_LABELS[e.kind];
  return (
    <li class="outbox-item">
      <strong>{label ? t(label) : e.kind}</strong> · <DateText iso={e.clientTs} withTime />
      {e.status === 'rejected' && (
        <>
          <p class="outbox-reason">{t('outbox.reason', { reason: e.error?.message ?? '' })}</p>
          <button type="button" class="secondary" onClick={() => void dismissTeacherEvent(e.id)}>
            {t('outbox.dismiss')}
          </button>
        </>
      )}
    </li>
  );
}

/** Every change made on this device that the server has not taken yet, and the ones it refused. */
export function OutboxPage() {
  const { t } = useApp();
  const online = useOnline();
  const events = useTeacherOutbox();
  const [sending, setSending] = useState(false);
  const pending = events.filter((e) => e.status === 'pending');
  const rejected = events.filter((e) => e.status === 'rejected');
  return (
    <Page
      title={t('outbox.title')}
      actions={
        pending.length > 0 && (
          <button
            type="button"
            disabled={!online || sending}
            onClick={async () => {
              setSending(true);
              await flush();
              setSending(false);
            }}
          >
            {sending ? t('outbox.sending') : t('outbox.sendNow')}
          </button>
        )
      }
    >
      <p>{t('outbox.explain')}</p>
      {!online && <Notice kind="info">{t('outbox.offlineExplain')}</Notice>}
      {events.length === 0 && <Notice kind="success">{t('outbox.empty')}</Notice>}
      {pending.length > 0 && (
        <section aria-labelledby="outbox-pending">
          <h2 id="outbox-pending">{t('outbox.waiting', { count: pending.length })}</h2>
          <ol class="outbox-list">
            {pending.map((e) => (
              <EventRow key={e.id} e={e} />
            ))}
          </ol>
        </section>
      )}
      {rejected.length > 0 && (
        <section aria-labelledby="outbox-rejected">
          <h2 id="outbox-rejected">{t('outbox.rejectedCount', { count: rejected.length })}</h2>
          <p>{t('outbox.rejectedExplain')}</p>
          <ol class="outbox-list">
            {rejected.map((e) => (
              <EventRow key={e.id} e={e} />
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}
