import type { MediaKind, MediaRef } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError } from '../../lib/api';
import { mediaUrl, uploadMedia } from './media-api';
import { canRecord, Recorder } from './recorder';

const ACCEPT: Record<MediaKind, string> = {
  image: 'image/png,image/jpeg,image/webp,image/gif,image/svg+xml',
  audio: 'audio/*',
  video: 'video/*',
  pdf: 'application/pdf',
};

/** Shows a stored file the way a learner will meet it. */
export function MediaPreview({ media }: { media: MediaRef }) {
  const { t } = useApp();
  const src = mediaUrl(media.hash);
  switch (media.kind) {
    case 'image':
      return <img class="media-preview" src={src} alt={media.alt ?? ''} loading="lazy" />;
    case 'audio':
      // biome-ignore lint/a11y/useMediaCaption: authors' recordings have no caption track; the block's text is the transcript
      return <audio controls preload="none" src={src} />;
    case 'video':
      // biome-ignore lint/a11y/useMediaCaption: uploaded classroom videos come without captions
      return <video class="media-preview" controls preload="metadata" src={src} />;
    case 'pdf':
      return (
        <a href={src} target="_blank" rel="noopener">
          {media.name ?? t('content.media.openPdf')}
        </a>
      );
  }
}

/**
 * A file of one kind: upload (with progress), or record for audio, then preview, replace or remove.
 * Upload errors (too large, wrong type) are the server's and appear next to the field.
 */
export function MediaField<K extends MediaKind>({
  label,
  kind,
  value,
  onChange,
  error,
  record,
  removable = true,
}: {
  label: string;
  kind: K;
  value: (MediaRef & { kind: K }) | undefined;
  onChange: (media: (MediaRef & { kind: K }) | undefined) => void;
  error?: string;
  /** Offer in-browser recording (audio only, where MediaRecorder exists). */
  record?: boolean;
  removable?: boolean;
}) {
  const { t } = useApp();
  const id = useId();
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const busy = progress !== undefined;

  const upload = async (file: File) => {
    setUploadError(null);
    setProgress(null);
    try {
      const stored = await uploadMedia(file, file.name, setProgress);
      if (stored.kind !== kind) {
        setUploadError(t('content.media.wrongKind', { kind: t(`content.media.kind.${kind}`) }));
        return;
      }
      onChange({ hash: stored.hash, kind, name: file.name.slice(0, 200) || undefined });
    } catch (e) {
      setUploadError(e instanceof ApiError ? uploadMessage(e) : t('common.error'));
    } finally {
      setProgress(undefined);
    }
  };
  const uploadMessage = (e: ApiError) => {
    if (e.status === 413) return t('content.media.tooLarge');
    if (e.status === 415) return t('content.media.unsupported');
    if (e.status === 0) return t('app.offline');
    return e.message || t('common.error');
  };
  const shown = uploadError ?? error;

  return (
    <div class="field media-field">
      <label for={id}>{label}</label>
      {value && <MediaPreview media={value} />}
      {value && kind === 'image' && (
        <label class="field">
          <span>{t('content.media.alt')}</span>
          <input
            value={value.alt ?? ''}
            dir="auto"
            onInput={(e) => {
              const alt = (e.target as HTMLInputElement).value;
              onChange({ ...value, alt: alt.trim() ? alt : undefined });
            }}
          />
        </label>
      )}
      <div class="media-actions">
        <input
          id={id}
          type="file"
          accept={ACCEPT[kind]}
          disabled={busy}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : undefined}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void upload(file);
            input.value = '';
          }}
        />
        {record && kind === 'audio' && canRecord() && (
          <Recorder onRecorded={(clip) => void upload(clip)} disabled={busy} />
        )}
        {value && removable && (
          <button type="button" class="danger" onClick={() => onChange(undefined)} disabled={busy}>
            {t('content.media.remove')}
          </button>
        )}
      </div>
      {busy && (
        <div class="upload-progress" role="status" aria-live="polite">
          <progress value={progress ?? undefined} max={1} aria-label={t('content.media.uploading')} />
          <span>
            {progress == null
              ? t('content.media.uploading')
              : t('content.media.uploadingPercent', { percent: Math.round(progress * 100) })}
          </span>
        </div>
      )}
      {shown && (
        <span class="field-error" id={`${id}-error`} role="alert">
          <bdi>{shown}</bdi>
        </span>
      )}
    </div>
  );
}
