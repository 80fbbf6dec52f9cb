import { SUBMISSION_MAX_MEDIA, SUBMISSION_MAX_TEXT } from '@lawh/shared/content/submission-state';
import { newId } from '@lawh/shared/lib/ids';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import type { MessageKey } from '../../i18n';
import { isQuotaError } from '../../tablet/local-logic';
import type { QueuedMedia } from '../../tablet/local-types';
import { PhotoError, preparePhoto, sha256Hex } from '../../tablet/photo';
import { clock } from '../../tablet/voice';
import { Notice } from '../../ui/page';
import { useLearner, useTablet } from './tablet-context';
import { type Recording, VoiceRecorder } from './voice-recorder';

interface Draft {
  key: string;
  kind: 'photo' | 'voice';
  blob: Blob;
  mime: string;
  url: string;
  ms?: number;
}

/**
 * The learner's answer to a task: text, photos from the camera (made small on the tablet) and
 * voice recordings (played back before sending). "Send" stores the files and the event together;
 * the sync engine sends them at the next connection, and the task view then shows "waiting to send"
 * in place of this form.
 */
export function SubmissionForm({ assignmentId, again }: { assignmentId: string; again: boolean }) {
  const { t } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  const [text, setText] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [busy, setBusy] = useState<'photo' | 'send' | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const urls = useRef(new Set<string>());
  useEffect(
    () => () => {
      for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [],
  );

  const full = drafts.length >= SUBMISSION_MAX_MEDIA;
  const add = (d: Omit<Draft, 'key' | 'url'>) => {
    const url = URL.createObjectURL(d.blob);
    urls.current.add(url);
    setDrafts((list) => [...list, { ...d, key: newId(), url }]);
  };
  const remove = (key: string) =>
    setDrafts((list) => {
      const gone = list.find((d) => d.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.url);
        urls.current.delete(gone.url);
      }
      return list.filter((d) => d.key !== key);
    });

  const onPhoto = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    setProblem(null);
    setBusy('photo');
    try {
      for (const file of files.slice(0, SUBMISSION_MAX_MEDIA - drafts.length)) {
        const blob = await preparePhoto(file);
        add({ kind: 'photo', blob, mime: blob.type });
      }
    } catch (err) {
      setProblem(
        err instanceof PhotoError && err.code === 'too_large'
          ? 'tablet.task.photoTooLarge'
          : 'tablet.task.photoError',
      );
    } finally {
      setBusy(null);
    }
  };

  const onRecording = (r: Recording) => add({ kind: 'voice', blob: r.blob, mime: r.mime, ms: r.ms });

  const send = async (e: Event) => {
    e.preventDefault();
    const answer = text.trim();
    if (!answer && drafts.length === 0) {
      setProblem('tablet.task.empty');
      return;
    }
    setProblem(null);
    setBusy('send');
    try {
      const media: QueuedMedia[] = [];
      for (const d of drafts) {
        const hash = await sha256Hex(d.blob);
        if (!media.some((m) => m.hash === hash))
          media.push({ hash, mime: d.mime, bytes: d.blob.size, kind: d.kind, blob: d.blob });
      }
      await db.submit(learner.id, { submissionId: newId(), assignmentId, text: answer || null }, media);
      setText('');
      for (const d of drafts) remove(d.key);
    } catch (err) {
      // Nothing of this answer was stored; what the form holds stays, to send again later.
      setProblem(isQuotaError(err) ? 'tablet.task.diskFull' : 'tablet.task.saveError');
    } finally {
      setBusy(null);
    }
  };

  const photos = drafts.filter((d) => d.kind === 'photo');
  const voices = drafts.filter((d) => d.kind === 'voice');
  return (
    <form class="task-form" onSubmit={send} aria-labelledby="task-form-title">
      <h2 id="task-form-title">{t(again ? 'tablet.task.newAnswer' : 'tablet.task.yourWork')}</h2>
      <label class="field">
        <span>{t('tablet.task.text')}</span>
        <textarea
          dir="auto"
          rows={5}
          maxLength={SUBMISSION_MAX_TEXT}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>

      <div class="task-media-actions">
        <label class={`button secondary tablet-big task-photo-button${full || busy ? ' disabled' : ''}`}>
          <input
            type="file"
            accept="image/*"
            capture="environment"
            class="task-photo-input"
            disabled={full || busy !== null}
            onChange={onPhoto}
          />
          {t('tablet.task.takePhoto')}
        </label>
        <VoiceRecorder onDone={onRecording} disabled={full || busy !== null} />
      </div>
      {busy === 'photo' && <p role="status">{t('tablet.task.preparingPhoto')}</p>}
      {full && <p>{t('tablet.task.tooMany', { max: SUBMISSION_MAX_MEDIA })}</p>}

      {photos.length > 0 && (
        <ul class="task-drafts">
          {photos.map((d, i) => (
            <li key={d.key} class="task-draft">
              <img src={d.url} alt={t('tablet.task.photoAlt', { n: i + 1 })} />
              <button type="button" class="secondary" onClick={() => remove(d.key)}>
                {t('tablet.task.removePhoto', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {voices.length > 0 && (
        <ul class="task-drafts">
          {voices.map((d, i) => (
            <li key={d.key} class="task-draft task-draft-voice">
              <span>
                {t('tablet.task.recordingN', { n: i + 1 })}{' '}
                <bdi dir="ltr" class="num">
                  {clock(d.ms ?? 0)}
                </bdi>
              </span>
              {/* biome-ignore lint/a11y/useMediaCaption: the learner's own voice, just recorded */}
              <audio controls src={d.url} aria-label={t('tablet.task.recordingN', { n: i + 1 })} />
              <button type="button" class="secondary" onClick={() => remove(d.key)}>
                {t('tablet.task.removeRecording', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}

      {problem && <Notice kind="error">{t(problem)}</Notice>}
      <button type="submit" class="primary tablet-big" disabled={busy !== null}>
        {t(again ? 'tablet.task.sendAgain' : 'tablet.task.send')}
      </button>
    </form>
  );
}
