import type { MediaRef } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError } from '../../lib/api';
import { uploadMedia } from '../content/media-api';
import { MediaPreview } from '../content/media-field';

// A file of any kind the media store takes (a worksheet as PDF, a picture, a recording, a video),
// uploaded through the same endpoint and limits as lesson media.
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,image/gif,audio/*,video/*';

export function AttachmentField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: MediaRef | undefined;
  onChange: (m: MediaRef | undefined) => void;
  error?: string;
}) {
  const { t } = useApp();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const shown = uploadError ?? error;

  const upload = async (file: File) => {
    setUploadError(null);
    setBusy(true);
    try {
      const stored = await uploadMedia(file, file.name, () => undefined);
      onChange({ hash: stored.hash, kind: stored.kind, name: file.name.slice(0, 200) || undefined });
    } catch (e) {
      const status = e instanceof ApiError ? e.status : -1;
      setUploadError(
        status === 413
          ? t('content.media.tooLarge')
          : status === 415
            ? t('content.media.unsupported')
            : status === 0
              ? t('app.offline')
              : e instanceof ApiError
                ? e.message
                : t('common.error'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="field media-field">
      <label for={id}>{label}</label>
      {value && <MediaPreview media={value.kind === 'image' ? { ...value, alt: value.name } : value} />}
      <div class="media-actions">
        <input
          id={id}
          type="file"
          accept={ACCEPT}
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
        {value && (
          <button type="button" class="danger" onClick={() => onChange(undefined)} disabled={busy}>
            {t('content.media.remove')}
          </button>
        )}
      </div>
      {busy && (
        <span role="status" aria-live="polite">
          {t('content.media.uploading')}
        </span>
      )}
      {shown && (
        <span class="field-error" id={`${id}-error`} role="alert">
          <bdi>{shown}</bdi>
        </span>
      )}
    </div>
  );
}
