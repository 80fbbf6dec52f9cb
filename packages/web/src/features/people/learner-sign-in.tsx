import { type Learner, type LearnerSignInStatus, SIGN_IN_PICTURES, type SignInPicture } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { api } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { Notice, Spinner } from '../../ui/page';
import { pictureLabelKey, SignInPictureIcon } from '../../ui/sign-in-pictures';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { type JustSet, LearnerCard } from './learner-card';
import './learner-sign-in.css';

const CODE_LENGTH = 3;

/**
 * "Tablet sign-in" on a learner's page: the teacher picks three pictures in order and/or a 4-digit
 * PIN, or resets both. The server keeps only hashes, so the page can say whether each is set but
 * never show it again: the teacher writes it down, or prints the learner's card, when setting it.
 */
export function LearnerSignIn({ learner }: { learner: Learner }) {
  const { t } = useApp();
  const url = `/api/v1/learners/${encodeURIComponent(learner.id)}/sign-in`;
  const status = useFetch<LearnerSignInStatus>(url);
  const form = useForm({ pictures: [] as SignInPicture[], pin: '' });
  const { values, set, errors } = form;
  const [saved, setSaved] = useState<'saved' | 'reset' | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  // Kept in memory for this visit only, for the printed card.
  const [justSet, setJustSet] = useState<JustSet>({ pictures: null, pin: null });
  const [card, setCard] = useState(false);

  const toggle = (p: SignInPicture) => {
    setSaved(null);
    const chosen = values.pictures;
    set('pictures')(
      chosen.includes(p) ? chosen.filter((x) => x !== p) : [...chosen, p].slice(0, CODE_LENGTH),
    );
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const body: Record<string, unknown> = {};
    if (values.pictures.length) body.pictureCode = values.pictures;
    if (values.pin) body.pin = values.pin;
    const done = await form.submit(() => api.put<LearnerSignInStatus>(url, body));
    if (done) {
      setSaved('saved');
      setJustSet((j) => ({
        pictures: values.pictures.length ? values.pictures : j.pictures,
        pin: values.pin || j.pin,
      }));
      status.reload();
    }
  };
  const reset = async () => {
    const done = await form.submit(() => api.del<LearnerSignInStatus>(url));
    setConfirmReset(false);
    if (done) {
      form.setValues({ pictures: [], pin: '' });
      setJustSet({ pictures: null, pin: null });
      setSaved('reset');
      status.reload();
    }
  };

  const s = status.data;
  const full = values.pictures.length >= CODE_LENGTH;
  return (
    <section aria-labelledby="learner-sign-in">
      <h2 id="learner-sign-in">{t('signIn.title')}</h2>
      <p class="lead">{t('signIn.lead')}</p>
      {status.error && <Notice kind="error">{status.error.message}</Notice>}
      {saved && <Notice kind="success">{t(saved === 'saved' ? 'signIn.saved' : 'signIn.wasReset')}</Notice>}
      {s ? (
        <dl class="facts">
          <dt>{t('signIn.pictureCode')}</dt>
          <dd data-testid="picture-code-status">{t(s.pictureCode ? 'signIn.isSet' : 'signIn.notSet')}</dd>
          <dt>{t('signIn.pin')}</dt>
          <dd data-testid="pin-status">{t(s.pin ? 'signIn.isSet' : 'signIn.notSet')}</dd>
        </dl>
      ) : (
        !status.error && <Spinner label={t('app.loading')} />
      )}
      <form class="form" onSubmit={save} noValidate>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        <fieldset aria-describedby={errors.pictureCode ? 'picture-code-error' : undefined}>
          <legend>{t('signIn.choosePictures')}</legend>
          <div class="picture-grid">
            {SIGN_IN_PICTURES.map((p) => {
              const at = values.pictures.indexOf(p);
              return (
                <button
                  key={p}
                  type="button"
                  class="picture-choice"
                  aria-pressed={at >= 0}
                  disabled={full && at < 0}
                  onClick={() => toggle(p)}
                >
                  <SignInPictureIcon name={p} />
                  <span>{t(pictureLabelKey(p))}</span>
                  {at >= 0 && (
                    <span class="picture-order" aria-hidden="true">
                      {at + 1}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <p aria-live="polite">
            {values.pictures.length
              ? t('signIn.chosen', {
                  pictures: values.pictures.map((p) => t(pictureLabelKey(p))).join(' · '),
                })
              : t('signIn.noneChosen')}
          </p>
          {errors.pictureCode && (
            <p class="field-error" id="picture-code-error">
              {t('signIn.pictureRule')}
            </p>
          )}
          {values.pictures.length > 0 && (
            <button type="button" onClick={() => set('pictures')([])}>
              {t('signIn.clearPictures')}
            </button>
          )}
        </fieldset>
        <TextField
          label={t('signIn.pin')}
          hint={t('signIn.pinHint')}
          value={values.pin}
          onInput={(v) => (setSaved(null), set('pin')(v))}
          // The server names the field; the rule is said in the user's language.
          error={errors.pin ? t('signIn.pinRule') : undefined}
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          dir="ltr"
        />
        <p class="field-hint">{t('signIn.writeDown')}</p>
        <div class="form-actions">
          <button
            type="submit"
            class="primary"
            disabled={form.busy || (values.pictures.length === 0 && values.pin === '')}
          >
            {t('signIn.save')}
          </button>
          {!card && (
            <button type="button" onClick={() => setCard(true)}>
              {t('learnerCard.print')}
            </button>
          )}
          {(s?.pictureCode || s?.pin) && !confirmReset && (
            <button type="button" class="danger" onClick={() => setConfirmReset(true)}>
              {t('signIn.reset')}
            </button>
          )}
        </div>
        {confirmReset && (
          <div class="subsection">
            <p id="reset-confirm">{t('signIn.resetConfirm')}</p>
            <div class="form-actions">
              <button type="button" class="danger" onClick={reset} disabled={form.busy}>
                {t('signIn.resetYes')}
              </button>
              <button type="button" onClick={() => setConfirmReset(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        )}
      </form>
      {card && <LearnerCard learner={learner} status={s} justSet={justSet} onClose={() => setCard(false)} />}
    </section>
  );
}
