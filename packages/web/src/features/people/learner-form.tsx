import { consentStatus, type Learner, sex } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { SelectField, TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { SchoolSelect } from '../../ui/school-select';
import { useForm } from '../../ui/use-form';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Creates or edits a learner, with the guardian and the guardian's consent (law 09-08). */
export function LearnerForm({ learner, onSaved }: { learner: Learner | null; onSaved: () => void }) {
  const { t, me } = useApp();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    schoolId: learner?.schoolId ?? (me?.role === 'programme_admin' ? '' : (me?.schoolId ?? '')),
    massarCode: learner?.massarCode ?? '',
    nameAr: learner?.nameAr ?? '',
    givenName: learner?.givenName ?? '',
    familyName: learner?.familyName ?? '',
    sex: learner?.sex ?? '',
    birthYear: learner ? String(learner.birthYear) : '',
    guardianName: learner?.guardianName ?? '',
    guardianPhone: learner?.guardianPhone ?? '',
    consentStatus: learner?.consentStatus ?? 'pending',
    consentDate: learner?.consentDate ?? '',
  });
  const { values, set, errors } = form;
  const decided = values.consentStatus !== 'pending';

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const { schoolId, ...rest } = values;
    const body = {
      ...rest,
      // An empty box is a missing year, which the server names, rather than the year 0.
      birthYear: values.birthYear.trim() === '' ? null : Number(values.birthYear),
      guardianName: orNull(values.guardianName),
      guardianPhone: orNull(values.guardianPhone),
      consentDate: orNull(values.consentDate),
    };
    const result = await form.submit(() =>
      learner
        ? api.patch<Learner>(`/api/v1/learners/${learner.id}`, body)
        : api.post<Learner>('/api/v1/learners', { schoolId, ...body }),
    );
    if (result && !learner) navigate(`/learners/${result.id}`, { replace: true });
    else if (result) {
      setSaved(true);
      onSaved();
    }
  };
  const archive = async () => {
    if (!learner) return;
    setSaved(false);
    const done = await form.submit(() =>
      api.post(`/api/v1/learners/${learner.id}/${learner.archived ? 'restore' : 'archive'}`),
    );
    if (done) onSaved();
  };

  return (
    <form class="form" onSubmit={save} noValidate aria-label={learner ? t('learner.edit') : t('learner.new')}>
      <div aria-live="polite">
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
      </div>
      <SchoolSelect
        value={values.schoolId}
        onChange={set('schoolId')}
        error={errors.schoolId}
        locked={!!learner}
        currentName={learner?.schoolName}
      />
      <TextField
        label={t('learner.massarCode')}
        value={values.massarCode}
        onInput={(v) => set('massarCode')(v.toUpperCase())}
        error={errors.massarCode}
        hint={t('learner.massarHint')}
        dir="ltr"
        maxLength={10}
        autocomplete="off"
        spellcheck={false}
        required
      />
      <TextField
        label={t('people.nameAr')}
        value={values.nameAr}
        onInput={set('nameAr')}
        error={errors.nameAr}
        dir="rtl"
        lang="ar"
        required
      />
      <div class="grid-2">
        <TextField
          label={t('people.givenNameLatin')}
          value={values.givenName}
          onInput={set('givenName')}
          error={errors.givenName}
          dir="ltr"
          required
        />
        <TextField
          label={t('people.familyNameLatin')}
          value={values.familyName}
          onInput={set('familyName')}
          error={errors.familyName}
          dir="ltr"
          required
        />
        <SelectField
          label={t('people.sex')}
          value={values.sex}
          onChange={set('sex')}
          error={errors.sex}
          options={[
            ...(values.sex ? [] : [{ value: '', label: t('picker.choose') }]),
            ...sex.options.map((s) => ({ value: s, label: t(`people.sex.${s}`) })),
          ]}
          required
        />
        <TextField
          label={t('learner.birthYear')}
          value={values.birthYear}
          onInput={set('birthYear')}
          error={errors.birthYear}
          type="number"
          inputMode="numeric"
          min={1990}
          max={2030}
          dir="ltr"
          required
        />
      </div>
      <fieldset>
        <legend>{t('learner.guardian')}</legend>
        <TextField
          label={t('learner.guardianName')}
          value={values.guardianName}
          onInput={set('guardianName')}
          error={errors.guardianName}
          // Guardians' names are written in Arabic or in Latin script, as the family gives them.
          dir="auto"
        />
        <TextField
          label={t('learner.guardianPhone')}
          value={values.guardianPhone}
          onInput={set('guardianPhone')}
          error={errors.guardianPhone}
          type="tel"
          autocomplete="off"
          dir="ltr"
        />
        <div class="grid-2">
          <SelectField
            label={t('learner.consentStatus')}
            value={values.consentStatus}
            onChange={(v) => set('consentStatus')(v as Learner['consentStatus'])}
            error={errors.consentStatus}
            options={consentStatus.options.map((s) => ({ value: s, label: t(`learner.consent.${s}`) }))}
            required
          />
          <TextField
            label={t('learner.consentDate')}
            value={values.consentDate}
            onInput={set('consentDate')}
            error={errors.consentDate}
            hint={t('learner.consentDateHint')}
            type="date"
            dir="ltr"
            required={decided}
          />
        </div>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {learner ? t('common.save') : t('common.create')}
        </button>
        <Link href="/learners" class="button secondary">
          {t('common.cancel')}
        </Link>
        {learner && (
          <button type="button" class="secondary" onClick={archive} disabled={form.busy}>
            {learner.archived ? t('common.restore') : t('common.archive')}
          </button>
        )}
      </div>
    </form>
  );
}
