import type { AcademicSession } from '@lawh/shared';
import { useApp } from '../../app/context';
import { api } from '../../lib/api';
import { isolate } from '../../ui/bidi';
import { SelectField, TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { useForm } from '../../ui/use-form';

/** What the form starts from: an existing session to edit, or the kind of session to add. */
export interface Draft {
  session: AcademicSession | null;
  type: AcademicSession['type'];
  parentId: string;
}

/** Adds a school year or a term, or edits one (its kind and year stay as they are). */
export function SessionForm({
  draft,
  years,
  onSaved,
  onCancel,
}: {
  draft: Draft;
  /** Every school year, archived ones included (an edited term may belong to one). */
  years: AcademicSession[];
  onSaved: (s: AcademicSession, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const editing = draft.session;
  const form = useForm({
    type: draft.type,
    parentId: draft.parentId || years.find((y) => !y.archived)?.id || '',
    title: editing?.title ?? '',
    startDate: editing?.startDate ?? '',
    endDate: editing?.endDate ?? '',
  });
  const { values, set, errors } = form;
  const isTerm = values.type === 'term';

  const save = async (e: Event) => {
    e.preventDefault();
    const dates = { title: values.title, startDate: values.startDate, endDate: values.endDate };
    const saved = await form.submit(() =>
      editing
        ? api.patch<AcademicSession>(`/api/v1/academic-sessions/${editing.id}`, dates)
        : api.post<AcademicSession>('/api/v1/academic-sessions', {
            ...dates,
            type: values.type,
            parentId: isTerm ? values.parentId || null : null,
          }),
    );
    if (saved) onSaved(saved, !editing);
  };

  return (
    <form class="form subsection" onSubmit={save} noValidate aria-labelledby="session-form-title">
      <h2 id="session-form-title" tabIndex={-1}>
        {editing ? t('calendar.editNamed', { name: isolate(editing.title) }) : t('calendar.add')}
      </h2>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <SelectField
        label={t('calendar.type')}
        value={values.type}
        onChange={(v) => set('type')(v as AcademicSession['type'])}
        error={errors.type}
        options={[
          { value: 'schoolYear', label: t('calendar.type.schoolYear') },
          { value: 'term', label: t('calendar.type.term') },
        ]}
        disabled={!!editing}
        required
      />
      {isTerm && (
        <SelectField
          label={t('calendar.parent')}
          value={values.parentId}
          onChange={set('parentId')}
          error={errors.parentId}
          options={
            editing
              ? [{ value: values.parentId, label: years.find((y) => y.id === values.parentId)?.title ?? '—' }]
              : [
                  { value: '', label: t('picker.choose') },
                  ...years.filter((y) => !y.archived).map((y) => ({ value: y.id, label: y.title })),
                ]
          }
          disabled={!!editing}
          required
        />
      )}
      <TextField
        label={t('calendar.sessionTitle')}
        value={values.title}
        onInput={set('title')}
        error={errors.title}
        hint={isTerm ? t('calendar.termTitleHint') : t('calendar.yearTitleHint')}
        required
      />
      <div class="grid-2">
        <TextField
          label={t('calendar.startDate')}
          type="date"
          dir="ltr"
          value={values.startDate}
          onInput={set('startDate')}
          error={errors.startDate}
          required
        />
        <TextField
          label={t('calendar.endDate')}
          type="date"
          dir="ltr"
          value={values.endDate}
          onInput={set('endDate')}
          error={errors.endDate}
          required
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {editing ? t('common.save') : t('common.create')}
        </button>
        {(editing || draft.type === 'term') && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
