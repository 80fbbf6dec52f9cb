import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { baseMime } from '../../tablet/photo';
import { clock, pickVoiceMime, VOICE_BITS_PER_SECOND, VOICE_MAX_MS } from '../../tablet/voice';
import { Notice } from '../../ui/page';

/** A finished recording, ready to play back and to queue. */
export interface Recording {
  blob: Blob;
  /** Base type, e.g. 'audio/webm'. */
  mime: string;
  ms: number;
}

type State =
  | { kind: 'idle' }
  | { kind: 'recording'; since: number }
  | { kind: 'error'; key: 'denied' | 'none' };

/**
 * "Record my voice": the microphone through MediaRecorder (Opus at a speech bitrate), with the
 * elapsed time on screen and one large Stop button. Stops by itself after VOICE_MAX_MS.
 */
export function VoiceRecorder({ onDone, disabled }: { onDone: (r: Recording) => void; disabled: boolean }) {
  const { t } = useApp();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [now, setNow] = useState(Date.now());
  const recorder = useRef<MediaRecorder | null>(null);
  const stopButton = useRef<HTMLButtonElement>(null);

  // Leaving the page mid-recording releases the microphone.
  useEffect(() => () => stopAll(recorder.current), []);

  useEffect(() => {
    if (state.kind !== 'recording') return;
    stopButton.current?.focus();
    const tick = setInterval(() => {
      setNow(Date.now());
      if (Date.now() - state.since >= VOICE_MAX_MS) recorder.current?.stop();
    }, 250);
    return () => clearInterval(tick);
  }, [state]);

  const start = async () => {
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'error', key: 'none' });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
    } catch {
      setState({ kind: 'error', key: 'denied' });
      return;
    }
    const mimeType = pickVoiceMime((m) => MediaRecorder.isTypeSupported(m));
    const rec = new MediaRecorder(stream, {
      ...(mimeType ? { mimeType } : {}),
      audioBitsPerSecond: VOICE_BITS_PER_SECOND,
    });
    const chunks: Blob[] = [];
    const since = Date.now();
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      const mime = baseMime(rec.mimeType || mimeType || 'audio/webm');
      const blob = new Blob(chunks, { type: mime });
      setState({ kind: 'idle' });
      if (blob.size > 0) onDone({ blob, mime, ms: Date.now() - since });
    };
    recorder.current = rec;
    rec.start(1000);
    setNow(since);
    setState({ kind: 'recording', since });
  };

  if (state.kind === 'recording')
    return (
      <div class="task-recorder recording">
        <p class="task-recorder-status">
          <span class="task-rec-dot" aria-hidden="true" />
          {/* Announced once; the running time is a timer, which screen readers do not read out each second. */}
          <span role="status">{t('tablet.task.recording')}</span>{' '}
          <bdi dir="ltr" class="num" role="timer">
            <time>{clock(now - state.since)}</time>
          </bdi>
        </p>
        <button
          ref={stopButton}
          type="button"
          class="primary tablet-big"
          onClick={() => recorder.current?.stop()}
        >
          {t('tablet.task.stop')}
        </button>
      </div>
    );
  return (
    <div class="task-recorder">
      <button type="button" class="secondary tablet-big" onClick={start} disabled={disabled}>
        {t('tablet.task.record')}
      </button>
      {state.kind === 'error' && (
        <Notice kind="error">
          {t(state.key === 'denied' ? 'tablet.task.micDenied' : 'tablet.task.noRecorder')}
        </Notice>
      )}
    </div>
  );
}

function stopAll(rec: MediaRecorder | null) {
  if (!rec || rec.state === 'inactive') return;
  // Gone from the page: release the microphone, keep nothing.
  rec.onstop = () => {
    for (const track of rec.stream.getTracks()) track.stop();
  };
  rec.stop();
}
