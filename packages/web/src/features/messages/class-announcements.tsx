import {
  ANNOUNCEMENT_BODY_MAX,
  type Announcement,
  type AnnouncementPostedPayload,
  type ClassRow,
  type MediaRef,
  newId,
} from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { rejectionText, sendTeacherEvent, usePendingTeacherEvents } from '../../teacher/outbox';
import { useFormat } from '../../ui/format';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { MediaField, MediaPreview } from '../content/media-field';
import { AttachmentField } from './attachment-field';
import './messages.css';

type Message = { kind: 'success' | 'error' | 'info'; text: string };

/** "Announcements" on a class's page: post text, a recording or a file; the list, newest first. */
export function ClassAnnouncements({ cls }: { cls: ClassRow }) {
  const { t } = useApp();
  const list = useFetch<{ items: Announcement[] }>(`/api/v1/classes/${cls.id}/announcements`);
  const pending = usePendingTeacherEvents('announcement.posted').filter(
    (e) => (e.payload as { classId?: string }).classId === cls.id,
  );
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const remove = async (a: Announcement) => {
    try {
      await api.del(`/api/v1/classes/${cls.id}/announcements/${a.id}`);
      setMessage({ kind: 'success', text: t('announce.deleted') });
      list.reload();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: e instanceof ApiError && e.status === 0 ? t('app.offline') : (e as Error).message,
      });
    } finally {
      setConfirming(null);
    }
  };

  const shown = (list.data?.items ?? []).filter(
    (a) => !pending.some((p) => p.payload.announcementId === a.id),
  );
  return (
    <section aria-labelledby="class-announcements" class="announcements">
      <h2 id="class-announcements">{t('announce.title')}</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!cls.archived && (
        <AnnouncementForm
          classId={cls.id}
          onDone={(m) => {
            setMessage(m);
            list.reload();
          }}
        />
      )}
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error ? (
        <Spinner label={t('app.loading')} />
      ) : shown.length === 0 && pending.length === 0 ? (
        <p>{t('announce.none')}</p>
      ) : (
        <ul class="announcement-list">
          {pending.map((p) => {
            const body = (p.payload as AnnouncementPostedPayload).body ?? '';
            return (
              <li key={p.id} class="announcement pending">
                <p dir="auto" class="announcement-body">
                  {body}
                </p>
                <span class="badge">{t('announce.waiting')}</span>
              </li>
            );
          })}
          {shown.map((a) => (
            <AnnouncementItem
              key={a.id}
              a={a}
              confirming={confirming === a.id}
              onAsk={() => (setMessage(null), setConfirming(a.id))}
              onCancel={() => setConfirming(null)}
              onDelete={() => remove(a)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AnnouncementItem({
  a,
  confirming,
  onAsk,
  onCancel,
  onDelete,
}: {
  a: Announcement;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onDelete: () => void;
}) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const when = dateTime(a.createdAt);
  return (
    <li class="announcement">
      <p class="announcement-meta">
        <bdi>{a.authorName}</bdi> ·{' '}
        <bdi dir="ltr">
          <time dateTime={a.createdAt}>{when}</time>
        </bdi>
      </p>
      {a.body && (
        <p dir="auto" class="announcement-body">
          {a.body}
        </p>
      )}
      {a.audio && (
        <div class="announcement-audio">
          <span>{t('announce.listen')}</span>
          <MediaPreview media={{ hash: a.audio.hash, kind: 'audio' }} />
        </div>
      )}
      {a.attachment && (
        <MediaPreview
          media={{ hash: a.attachment.hash, kind: kindOf(a.attachment.mime), name: a.attachment.name }}
        />
      )}
      {confirming ? (
        <div class="row-actions">
          <span>{t('announce.deleteConfirm')}</span>
          <button type="button" class="danger" onClick={onDelete}>
            {t('announce.deleteYes')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" aria-label={t('announce.deleteNamed', { date: when })} onClick={onAsk}>
          {t('announce.delete')}
        </button>
      )}
    </li>
  );
}

/** The media kind a stored file's type shows it as (an attachment may be any of them). */
export function kindOf(mime: string): MediaRef['kind'] {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'pdf';
}

function AnnouncementForm({ classId, onDone }: { classId: string; onDone: (m: Message) => void }) {
  const { t } = useApp();
  const id = useId();
  const [body, setBody] = useState('');
  const [audio, setAudio] = useState<(MediaRef & { kind: 'audio' }) | undefined>(undefined);
  const [attachment, setAttachment] = useState<MediaRef | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!body.trim() && !audio) {
      setErrors({ body: t('announce.needBody') });
      return;
    }
    setBusy(true);
    setErrors({});
    const payload: AnnouncementPostedPayload = {
      announcementId: newId(),
      classId,
      body: body.trim(),
      audio: audio ? { hash: audio.hash } : null,
      attachment: attachment ? { hash: attachment.hash, name: attachment.name ?? 'file' } : null,
    };
    try {
      const r = await sendTeacherEvent('announcement.posted', 1, payload);
      if (r.status === 'rejected') {
        const text = rejectionText(t, r);
        const field = r.field?.split('.')[0] ?? 'form';
        setErrors({ [['body', 'audio', 'attachment'].includes(field) ? field : 'form']: text });
        return;
      }
      setBody('');
      setAudio(undefined);
      setAttachment(undefined);
      onDone({
        kind: r.status === 'applied' ? 'success' : 'info',
        text: t(r.status === 'applied' ? 'announce.posted' : 'announce.queued'),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="announcement-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('announce.new')}</h3>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <div class="field">
        <label for={`${id}-body`}>{t('announce.body')}</label>
        <textarea
          id={`${id}-body`}
          rows={4}
          dir="auto"
          maxLength={ANNOUNCEMENT_BODY_MAX}
          value={body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${id}-hint${errors.body ? ` ${id}-error` : ''}`}
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
        />
        <span class="field-hint" id={`${id}-hint`}>
          {t('announce.bodyHint')}
        </span>
        {errors.body && (
          <span class="field-error" id={`${id}-error`} role="alert">
            <bdi>{errors.body}</bdi>
          </span>
        )}
      </div>
      <MediaField
        label={t('announce.audio')}
        kind="audio"
        value={audio}
        onChange={setAudio}
        record
        error={errors.audio}
      />
      <AttachmentField
        label={t('announce.attachment')}
        value={attachment}
        onChange={setAttachment}
        error={errors.attachment}
      />
      <button type="submit" class="primary" disabled={busy}>
        {t('announce.post')}
      </button>
    </form>
  );
}
