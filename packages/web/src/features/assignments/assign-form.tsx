import type { Assignment, ClassRow, ContentSummary, Page } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { api, withQuery } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';

/** A due date picked as a day means the end of that day where the teacher is. */
const endOfDay = (date: string) => new Date(`${date}T23:59:00`).toISOString();

/** Search the published lessons and quizzes this class may get, pick one, give it a due date. */
export function AssignForm({
  cls,
  onDone,
  onCancel,
}: {
  cls: ClassRow;
  onDone: (a: Assignment) => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const listId = useId();
  const [q, setQ] = useState('');
  const form = useForm({ contentId: '', dueDate: '' });
  const { values, set, errors } = form;
  const results = useFetch<Page<ContentSummary>>(
    withQuery('/api/v1/content', { status: 'published', q, pageSize: 20, sort: 'title', order: 'asc' }),
  );
  // The library and the class's own school: what the server accepts for this class.
  const items = (results.data?.items ?? []).filter(
    (c) => !c.archived && (c.schoolId === null || c.schoolId === cls.schoolId),
  );
  const chosen = items.find((c) => c.id === values.contentId);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { contentId: values.contentId };
    if (values.dueDate) body.dueAt = endOfDay(values.dueDate);
    const done = await form.submit(() => api.post<Assignment>(`/api/v1/classes/${cls.id}/assignments`, body));
    if (done) onDone(done);
  };
  return (
    <form class="form subsection" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('assignment.add')}</legend>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        <TextField label={t('assignment.find')} type="search" value={q} onInput={setQ} dir="auto" />
        {results.error && <Notice kind="error">{results.error.message}</Notice>}
        <div role="radiogroup" aria-labelledby={`${listId}-label`} class="pick-list assignment-pick">
          <span id={`${listId}-label`} class="field-hint">
            {t('assignment.pick')}
          </span>
          {items.map((c) => (
            <label key={c.id} class="field-check">
              <input
                type="radio"
                name={`${listId}-content`}
                checked={values.contentId === c.id}
                onChange={() => set('contentId')(c.id)}
              />
              <span dir="auto">{c.title}</span> <span class="badge">{t(`content.kind.${c.kind}`)}</span>
            </label>
          ))}
          {results.data && items.length === 0 && <p>{t('assignment.noContent')}</p>}
        </div>
        {errors.contentId && (
          <p class="field-error">
            <bdi>{errors.contentId}</bdi>
          </p>
        )}
        <TextField
          label={t('assignment.dueDate')}
          hint={t('assignment.dueHint')}
          type="date"
          value={values.dueDate}
          onInput={set('dueDate')}
          error={errors.dueAt}
          dir="ltr"
        />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy || !chosen}>
          {chosen ? t('assignment.assignNamed', { title: chosen.title }) : t('assignment.assign')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
