import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app/context';

/** Recording needs both the API and a microphone permission prompt; old WebViews have neither. */
export const canRecord = () =>
  typeof MediaRecorder !== 'undefined' &&
  typeof navigator !== 'undefined' &&
  !!navigator.mediaDevices?.getUserMedia;

// Chromium records webm/opus, Firefox ogg/opus; both are small enough for a spoken sentence.
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/ogg'];

/** Record / Stop buttons around MediaRecorder; hands the finished clip to `onRecorded`. */
export function Recorder({ onRecorded, disabled }: { onRecorded: (clip: File) => void; disabled?: boolean }) {
  const { t } = useApp();
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    if (!recording) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [recording]);
  // Leaving the page mid-recording must release the microphone.
  useEffect(
    () => () => {
      for (const track of recorder.current?.stream.getTracks() ?? []) track.stop();
    },
    [],
  );

  const start = async () => {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError(t('content.media.micDenied'));
      return;
    }
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    rec.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      const type = (rec.mimeType || 'audio/webm').split(';')[0]!;
      const ext = type.includes('ogg') ? 'ogg' : 'webm';
      onRecorded(new File(chunks, `recording-${Date.now()}.${ext}`, { type }));
    };
    recorder.current = rec;
    rec.start();
    setSeconds(0);
    setRecording(true);
  };
  const stop = () => {
    recorder.current?.stop();
    recorder.current = null;
    setRecording(false);
  };

  return (
    <div class="recorder">
      {recording ? (
        <button type="button" class="danger" onClick={stop}>
          <span aria-hidden="true">■</span> {t('content.media.stop')}
        </button>
      ) : (
        <button type="button" onClick={start} disabled={disabled}>
          <span aria-hidden="true">●</span> {t('content.media.record')}
        </button>
      )}
      <span role="status" aria-live="polite">
        {recording ? t('content.media.recording', { seconds }) : ''}
      </span>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
