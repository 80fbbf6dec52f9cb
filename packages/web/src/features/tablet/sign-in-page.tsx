import { SIGN_IN_PICTURES, type SignInPicture, signInSecretText } from '@lawh/shared';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { isolate } from '../../ui/bidi';
import { Notice, Spinner } from '../../ui/page';
import { pictureLabelKey, SignInPictureIcon } from '../../ui/sign-in-pictures';
import { learnerName } from './home-model';
import { checkSecret } from './secret-check';
import { afterFailure, guardOf, setGuard, waitLeft } from './sign-in-guard';
import { useTablet } from './tablet-context';
import { useLocal } from './use-local';

type Mode = 'pictures' | 'pin';

/** /tablet/sign-in/:id — the learner's picture code or PIN, checked on the tablet, offline. */
export function TabletSignInPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const { db, signIn } = useTablet();
  const { data: learner, loading } = useLocal(() => db.row('learner', id), [db, id]);
  const [mode, setMode] = useState<Mode | null>(null);
  const [pictures, setPictures] = useState<SignInPicture[]>([]);
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [checking, setChecking] = useState(false);
  const [now, setNow] = useState(Date.now());
  const wait = waitLeft(guardOf(id), now);

  // Tick once a second while a cool-down runs, so the countdown and the buttons come back by themselves.
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait > 0]);

  if (loading) return <Spinner label={t('app.loading')} />;
  if (!learner)
    return (
      <section class="page tablet-page">
        <h1 tabIndex={-1}>{t('tablet.signIn.unknown')}</h1>
        <p>
          <Link href="/tablet">{t('tablet.signIn.back')}</Link>
        </p>
      </section>
    );

  const name = learnerName(learner, locale);
  const available: Mode[] = [
    ...(learner.pictureCode ? (['pictures'] as const) : []),
    ...(learner.pin ? (['pin'] as const) : []),
  ];
  const current = mode ?? available[0] ?? null;

  const attempt = async (secret: { pictures: SignInPicture[] } | { pin: string }) => {
    const stored = 'pin' in secret ? learner.pin : learner.pictureCode;
    if (!stored || waitLeft(guardOf(id), Date.now()) > 0) return;
    setChecking(true);
    const ok = await checkSecret(
      signInSecretText('pin' in secret ? secret.pin : secret.pictures),
      stored,
    ).catch(() => false);
    setChecking(false);
    if (ok) {
      setGuard(id, { failures: 0, until: 0 });
      signIn(learner);
      return;
    }
    setGuard(id, afterFailure(guardOf(id), Date.now()));
    setNow(Date.now());
    setWrong(true);
    setPictures([]);
    setPin('');
  };

  const pickPicture = (p: SignInPicture) => {
    if (pictures.includes(p) || pictures.length >= 3) return;
    const next = [...pictures, p];
    setPictures(next);
    setWrong(false);
    if (next.length === 3) void attempt({ pictures: next });
  };
  const pressDigit = (d: string) => {
    if (pin.length >= 4) return;
    const next = pin + d;
    setPin(next);
    setWrong(false);
    if (next.length === 4) void attempt({ pin: next });
  };
  const locked = wait > 0 || checking;

  return (
    <section class="page tablet-page tablet-sign-in">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('tablet.signIn.title', { name: isolate(name) })}</h1>
      </header>
      {current === null && <Notice kind="info">{t('tablet.signIn.noCode')}</Notice>}
      {available.length > 1 && (
        <fieldset class="tablet-modes">
          <legend class="tablet-sr">{t('tablet.signIn.how')}</legend>
          {available.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={current === m}
              class={current === m ? 'primary' : undefined}
              onClick={() => {
                setMode(m);
                setPictures([]);
                setPin('');
                setWrong(false);
              }}
            >
              {t(m === 'pictures' ? 'tablet.signIn.usePictures' : 'tablet.signIn.usePin')}
            </button>
          ))}
        </fieldset>
      )}
      <div role="status" aria-live="polite" class="tablet-sign-in-status">
        {wait > 0 ? (
          <Notice kind="error">{t('tablet.signIn.wait', { seconds: Math.ceil(wait / 1000) })}</Notice>
        ) : wrong ? (
          <Notice kind="error">{t('tablet.signIn.wrong')}</Notice>
        ) : checking ? (
          t('tablet.signIn.checking')
        ) : current === 'pictures' ? (
          t('tablet.signIn.picturesChosen', { count: pictures.length })
        ) : current === 'pin' ? (
          t('tablet.signIn.digitsTyped', { count: pin.length })
        ) : null}
      </div>

      {current === 'pictures' && (
        <>
          <p class="lead">{t('tablet.signIn.picturesHelp')}</p>
          <ol class="tablet-slots" aria-label={t('tablet.signIn.yourPictures')}>
            {[0, 1, 2].map((i) => {
              const p = pictures[i];
              return (
                <li key={i} class={p ? 'filled' : undefined}>
                  {p ? (
                    <>
                      <SignInPictureIcon name={p} />
                      <span class="tablet-sr">{t(pictureLabelKey(p))}</span>
                    </>
                  ) : (
                    <span aria-hidden="true">?</span>
                  )}
                </li>
              );
            })}
          </ol>
          <div class="tablet-pictures">
            {SIGN_IN_PICTURES.map((p) => (
              <button
                key={p}
                type="button"
                class="tablet-picture"
                disabled={locked || pictures.includes(p)}
                aria-pressed={pictures.includes(p)}
                onClick={() => pickPicture(p)}
              >
                <SignInPictureIcon name={p} size={56} />
                <span>{t(pictureLabelKey(p))}</span>
              </button>
            ))}
          </div>
          <button
            type="button"
            class="tablet-undo"
            disabled={locked || pictures.length === 0}
            onClick={() => setPictures(pictures.slice(0, -1))}
          >
            {t('tablet.signIn.undo')}
          </button>
        </>
      )}

      {current === 'pin' && (
        <>
          <p class="lead">{t('tablet.signIn.pinHelp')}</p>
          <div class="tablet-pin-dots" aria-hidden="true">
            {[0, 1, 2, 3].map((i) => (
              <span key={i} class={i < pin.length ? 'on' : undefined} />
            ))}
          </div>
          <div class="tablet-keypad" dir="ltr">
            {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
              <button key={d} type="button" disabled={locked} onClick={() => pressDigit(d)}>
                {d}
              </button>
            ))}
            <button
              type="button"
              disabled={locked || pin.length === 0}
              aria-label={t('tablet.signIn.undo')}
              onClick={() => setPin(pin.slice(0, -1))}
            >
              <span aria-hidden="true">⌫</span>
            </button>
            <button type="button" disabled={locked} onClick={() => pressDigit('0')}>
              0
            </button>
          </div>
        </>
      )}
      <p>
        <Link href="/tablet">{t('tablet.signIn.notMe')}</Link>
      </p>
    </section>
  );
}
