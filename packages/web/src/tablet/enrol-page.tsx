import { type EnrolResponse, enrolmentCode } from '@lawh/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app/context';
import { Link, navigate, useLocation } from '../app/router';
import type { MessageKey } from '../i18n';
import { Notice } from '../ui/page';
import { APP_VERSION } from './app-version';
import { localDb, saveDevice } from './local-db';
import type { DeviceIdentity } from './local-types';
import { onSync, startSync, syncNow } from './sync-client';
import type { SyncOutcome } from './sync-engine';
import { postSync, SyncHttpError } from './sync-http';
import { problemKey, SyncProgressBar, useSyncState } from './sync-ui';

type Step = 'form' | 'enrolling' | 'syncing' | 'failed';

/** The code as the QR URL or the user gave it: `?code=` of a URL, or the text itself. */
function codeFrom(text: string): string {
  try {
    return new URL(text).searchParams.get('code') ?? text;
  } catch {
    return text;
  }
}

/**
 * /enrol — a device manager sets up a new tablet: types the code (or scans the QR code where the
 * browser can read one), the tablet gets its credential, then downloads its classes and lessons.
 */
export function EnrolPage() {
  const { t, locale } = useApp();
  const { query } = useLocation();
  const [code, setCode] = useState(() => query.get('code') ?? '');
  const [step, setStep] = useState<Step>('form');
  const [error, setError] = useState<MessageKey | null>(null);
  const [detail, setDetail] = useState('');
  const [enrolled, setEnrolled] = useState<DeviceIdentity | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  // A withdrawn tablet may be enrolled again (as itself, keeping its work) with a new code.
  const [revoked, setRevoked] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const sync = useSyncState();

  useEffect(() => {
    void Promise.all([localDb.device(), localDb.status()]).then(([d, status]) => {
      setEnrolled(d);
      const again = status.blocked === 'revoked';
      setRevoked(again);
      // A QR code opened the page: no need to press the button.
      if ((!d || again) && query.get('code') && enrolmentCode.safeParse(query.get('code')).success)
        void submit(query.get('code')!);
    });
  }, []);

  useEffect(
    () =>
      onSync((m) => {
        if (step !== 'syncing' || m.type !== 'outcome' || m.outcome.kind === 'not_enrolled') return;
        if (m.outcome.kind === 'ok') navigate('/tablet', { replace: true });
        else
          void localDb.status().then((status) => {
            setProblem(problemKey(status) ?? outcomeKey(m.outcome));
            setStep('failed');
          });
      }),
    [step],
  );

  async function submit(raw: string) {
    setError(null);
    const parsed = enrolmentCode.safeParse(codeFrom(raw));
    if (!parsed.success) {
      setError('enrol.badCode');
      return;
    }
    setStep('enrolling');
    try {
      const res = await postSync<EnrolResponse>(
        '/api/sync/v1/enrol',
        { code: parsed.data, appVersion: APP_VERSION },
        null,
        () => {},
      );
      const identity: DeviceIdentity = { ...res, enrolledAt: new Date().toISOString() };
      if ((await saveDevice(identity)) === 'refused') {
        setStep('form');
        setError('enrol.otherDevice');
        return;
      }
      setRevoked(false);
      setEnrolled(identity);
      // Ask the browser not to evict the tablet's data when space runs low (granted more readily
      // to an installed app). The answer is shown, not required.
      setPersisted((await navigator.storage?.persist?.().catch(() => false)) ?? false);
      setStep('syncing');
      if (!startSync()) syncNow();
    } catch (e) {
      setStep('form');
      if (!(e instanceof SyncHttpError)) {
        setError('enrol.failed');
        setDetail(String(e));
      } else if (e.status === 0) setError('enrol.offline');
      else if (e.status === 426) setError('sync.blocked.update');
      else if (e.status === 400 && (e.code === 'validation' || e.code === 'code_unknown'))
        setError('enrol.badCode');
      else if (e.status === 400 || e.status === 410) setError('enrol.codeRefused');
      else {
        setError('enrol.failed');
        setDetail(e.message);
      }
    }
  }

  const outcome = sync.outcome?.type === 'outcome' ? sync.outcome.outcome : null;
  return (
    <section class="page tablet-page">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('enrol.title')}</h1>
      </header>
      {enrolled && revoked && step === 'form' && <Notice kind="error">{t('sync.blocked.revoked')}</Notice>}
      {enrolled && !revoked && step === 'form' && (
        <>
          <Notice kind="info">{t('enrol.already', { school: schoolName(enrolled, locale) })}</Notice>
          <p class="sync-actions">
            <Link href="/tablet" class="button primary">
              {t('enrol.continue')}
            </Link>
            <Link href="/tablet/status" class="button secondary">
              {t('sync.status.title')}
            </Link>
          </p>
        </>
      )}
      {(!enrolled || revoked) && (step === 'form' || step === 'enrolling') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(code);
          }}
        >
          <p>{t('enrol.lead')}</p>
          {error && <Notice kind="error">{t(error, { error: detail })}</Notice>}
          <div class="field enrol-code">
            <label for="enrol-code">{t('enrol.code')}</label>
            <input
              id="enrol-code"
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
              inputMode="text"
              autoCapitalize="characters"
              autoComplete="off"
              spellcheck={false}
              maxLength={40}
              aria-describedby="enrol-code-hint"
              aria-invalid={error === 'enrol.badCode' ? true : undefined}
            />
            <span class="field-hint" id="enrol-code-hint">
              {t('enrol.codeHint')}
            </span>
          </div>
          <p class="sync-actions">
            <button type="submit" class="primary" disabled={step === 'enrolling'}>
              {t('enrol.submit')}
            </button>
          </p>
          <QrScanner onCode={(text) => void submit(text)} />
        </form>
      )}
      {enrolled && (step === 'syncing' || step === 'failed') && (
        <>
          <Notice kind="success">
            {t('enrol.enrolled', { school: schoolName(enrolled, locale), serial: enrolled.serialNumber })}
          </Notice>
          {persisted === false && <Notice kind="info">{t('enrol.notPersisted')}</Notice>}
          {step === 'syncing' && (
            <>
              <p>{t('enrol.firstSync')}</p>
              <SyncProgressBar
                progress={sync.progress?.type === 'progress' ? sync.progress.progress : null}
              />
            </>
          )}
          {step === 'failed' && (
            <>
              <Notice kind="error">{t(problem ?? outcomeKey(outcome))}</Notice>
              <p class="sync-actions">
                <button
                  type="button"
                  class="primary"
                  onClick={() => {
                    setStep('syncing');
                    syncNow();
                  }}
                >
                  {t('enrol.retry')}
                </button>
                <Link href="/tablet" class="button secondary">
                  {t('enrol.continue')}
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}

function outcomeKey(o: SyncOutcome | null): MessageKey {
  if (o?.kind === 'blocked') return problemKey({ blocked: o.why, lastError: null })!;
  return o?.kind === 'offline' ? 'sync.error.offline' : 'sync.error.other';
}

export function schoolName(d: DeviceIdentity, locale: string): string {
  return locale === 'ar' ? d.school.nameAr : d.school.nameFr;
}

// BarcodeDetector is not in TypeScript's DOM library yet.
interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
declare const BarcodeDetector: { new (opts: { formats: string[] }): Detector } | undefined;

/** "Scan the QR code", only where the browser can read QR codes (BarcodeDetector). */
function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useApp();
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new BarcodeDetector!({ formats: ['qr_code'] });
        timer = setInterval(async () => {
          if (!video.current) return;
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]) {
            setOn(false);
            onCode(found[0].rawValue);
          }
        }, 300);
      } catch {
        setFailed(true);
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on, onCode]);

  if (typeof BarcodeDetector === 'undefined' || !navigator.mediaDevices) return null;
  return (
    <div>
      {failed && <Notice kind="error">{t('enrol.noCamera')}</Notice>}
      <p class="sync-actions">
        <button type="button" class="secondary" onClick={() => setOn(!on)} aria-pressed={on}>
          {t(on ? 'enrol.scanStop' : 'enrol.scan')}
        </button>
      </p>
      {on && (
        <>
          <p>{t('enrol.scanHelp')}</p>
          <video ref={video} class="enrol-video" muted playsInline />
        </>
      )}
    </div>
  );
}
