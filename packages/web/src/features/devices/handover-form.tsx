import type { Condition, Learner, Page } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { withQuery } from '../../lib/api';
import { CheckboxField, TextField } from '../../ui/fields';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { personName } from '../people/people-labels';
import { type ActionProps, ConditionField, NoteField, postAction } from './device-actions';

/**
 * Hands the tablet to a learner of its school. The guardian's consent is asked for here, at the
 * moment of handover, whatever the learner's file says: the tablet goes home with the child.
 */
export function HandOverForm({ device, onDone, onStale, onCancel }: ActionProps) {
  const { t } = useApp();
  const form = useForm({
    learnerId: '',
    guardianName: '',
    guardianConsent: false,
    condition: device.condition as Condition,
    note: '',
  });
  const { values, set, setValues, errors } = form;
  const [chosen, setChosen] = useState<Learner | null>(null);
  const choose = (l: Learner) => {
    setChosen(l);
    setValues((v) => ({ ...v, learnerId: l.id, guardianName: l.guardianName ?? '' }));
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      action: 'hand_over',
      learnerId: values.learnerId,
      guardianName: values.guardianName,
      guardianConsent: values.guardianConsent,
      condition: values.condition,
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    };
    if (await postAction(form, device, body, onStale)) onDone('hand_over');
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('device.do.hand_over')}</legend>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        <LearnerPicker
          schoolId={device.schoolId ?? ''}
          chosen={chosen}
          onChoose={choose}
          error={errors.learnerId}
        />
        <TextField
          label={t('learner.guardianName')}
          hint={t('device.guardianNameHint')}
          value={values.guardianName}
          onInput={set('guardianName')}
          error={errors.guardianName}
          required
        />
        <CheckboxField
          label={t('device.guardianConsents')}
          checked={values.guardianConsent}
          onChange={set('guardianConsent')}
          error={errors.guardianConsent}
          required
        />
        <ConditionField value={values.condition} onChange={set('condition')} error={errors.condition} />
        <NoteField value={values.note} onInput={set('note')} error={errors.note} />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {t('device.do.hand_over')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Finds an active learner of the tablet's school by name or Massar code. */
function LearnerPicker({
  schoolId,
  chosen,
  onChoose,
  error,
}: {
  schoolId: string;
  chosen: Learner | null;
  onChoose: (l: Learner) => void;
  error?: string;
}) {
  const { t, locale } = useApp();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useFetch<Page<Learner>>(
    q
      ? withQuery('/api/v1/learners', {
          schoolId,
          q,
          pageSize: 10,
          sort: locale === 'ar' ? 'nameAr' : 'familyName',
        })
      : null,
  );
  const search = () => setQ(draft.trim());
  return (
    <fieldset>
      <legend>{t('device.learner')}</legend>
      <div class="filters">
        <TextField
          label={t('device.findLearner')}
          hint={t('device.findLearnerHint')}
          type="search"
          value={draft}
          onInput={setDraft}
          onKeyDown={(e) => {
            // Enter searches instead of submitting the handover half filled in.
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
        />
        <button type="button" onClick={search}>
          {t('common.search')}
        </button>
      </div>
      {found.loading && <Spinner label={t('app.loading')} />}
      {found.error && <Notice kind="error">{found.error.message}</Notice>}
      {q && found.data?.items.length === 0 && <p>{t('device.noLearnerFound')}</p>}
      {q && found.data && found.data.items.length > 0 && (
        <fieldset>
          <legend>{t('device.learnersFound')}</legend>
          {found.data.items.map((l) => (
            <div class="field field-check" key={l.id}>
              <input
                type="radio"
                name="handover-learner"
                id={`handover-${l.id}`}
                checked={chosen?.id === l.id}
                onChange={() => onChoose(l)}
              />
              <label for={`handover-${l.id}`}>
                {/* One span: the label is a flex box, which would drop the spaces around the dot. */}
                <span>
                  {personName(l, locale)} · <bdi dir="ltr">{l.massarCode}</bdi>
                </span>
              </label>
            </div>
          ))}
          {found.data.total > found.data.items.length && <p class="field-hint">{t('class.refineSearch')}</p>}
        </fieldset>
      )}
      {chosen && (
        <p>
          {t('device.chosenLearner', { name: personName(chosen, locale) })}{' '}
          {t('device.consentOnFile', { status: t(`learner.consent.${chosen.consentStatus}`) })}
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          <bdi>{error}</bdi>
        </p>
      )}
    </fieldset>
  );
}
