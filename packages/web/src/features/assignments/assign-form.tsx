import type { Assignment, AssignmentAudience, ClassRow, ContentSummary, Page, Rubric } from '@lawh/shared';
import { newId } from '@lawh/shared/lib/ids';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, withQuery } from '../../lib/api';
import { rejectionText, sendTeacherEvent } from '../../teacher/outbox';
import { TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { AudienceField } from './audience-field';
import { dayOf, endOfDay, startOfDay } from './classroom-client';
import { type Attachment, AttachmentsField, type Scale, ScaleField } from './task-fields';

/**
 * Assigning work to a class, or editing it: a published lesson or quiz from the library, or a task
 * (title, instructions, attachments, a grading scale), for the class, some groups or chosen
 * learners, with open and due dates. Saved through the teacher outbox, so it works offline.
 */
export function AssignForm({
  cls,
  existing,
  onDone,
  onCancel,
}: {
  cls: ClassRow;
  existing?: Assignment;
  onDone: (title: string, outcome: 'applied' | 'pending') => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const listId = useId();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<'content' | 'task'>(
    existing?.kind === 'task' ? 'task' : existing ? 'content' : 'task',
  );
  const [audience, setAudience] = useState<AssignmentAudience>(existing?.audience ?? { type: 'class' });
  const [attachments, setAttachments] = useState<Attachment[]>(
    existing?.attachments.map((a) => ({ hash: a.hash, name: a.name })) ?? [],
  );
  const [scale, setScale] = useState<Scale>(
    !existing ? 'points' : existing.rubric ? 'rubric' : existing.maxPoints ? 'points' : 'none',
  );
  const [rubric, setRubric] = useState<Rubric>(existing?.rubric ?? []);
  const form = useForm({
    contentId: existing?.contentId ?? '',
    title: existing?.title ?? '',
    instructions: existing?.instructions ?? '',
    maxPoints: existing?.maxPoints && !existing.rubric ? String(existing.maxPoints) : '20',
    openDate: existing ? dayOf(existing.openAt) : '',
    dueDate: existing ? dayOf(existing.dueAt) : '',
  });
  const { values, set, errors } = form;
  const results = useFetch<Page<ContentSummary>>(
    existing || kind === 'task'
      ? null
      : withQuery('/api/v1/content', { status: 'published', q, pageSize: 20, sort: 'title', order: 'asc' }),
  );
  // The library and the class's own school: what the server accepts for this class.
  const items = (results.data?.items ?? []).filter(
    (c) => !c.archived && (c.schoolId === null || c.schoolId === cls.schoolId),
  );
  const chosen = items.find((c) => c.id === values.contentId);
  const isTask = kind === 'task';
  const name = existing
    ? (existing.title ?? existing.contentTitle ?? '')
    : isTask
      ? values.title
      : (chosen?.title ?? '');

  const submit = async (e: Event) => {
    e.preventDefault();
    const payload: Record<string, unknown> = {
      assignmentId: existing?.id ?? newId(),
      classId: cls.id,
      audience,
      dueAt: values.dueDate ? endOfDay(values.dueDate) : null,
    };
    if (values.openDate) payload.openAt = startOfDay(values.openDate);
    if (!existing) {
      payload.kind = isTask ? 'task' : undefined;
      if (!isTask) payload.contentId = values.contentId;
    }
    if (isTask) {
      payload.title = values.title.trim();
      payload.instructions = values.instructions.trim() || null;
      payload.attachments = attachments;
      payload.rubric = scale === 'rubric' ? rubric : null;
      payload.maxPoints = scale === 'points' ? Number(values.maxPoints) || null : null;
    }
    const outcome = await form.submit(async () => {
      const r = await sendTeacherEvent('assignment.saved', 1, payload);
      if (r.status === 'rejected') throw new ApiError(422, r.code, rejectionText(t, r), { field: r.field });
      return r.status;
    });
    if (outcome) onDone(name, outcome);
  };

  return (
    <form class="form subsection" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{existing ? t('classroom.editNamed', { title: name }) : t('classroom.add')}</legend>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        {!existing && (
          <div role="radiogroup" aria-label={t('classroom.what')} class="choice-row">
            <label class="choice">
              <input type="radio" name={`${listId}-kind`} checked={isTask} onChange={() => setKind('task')} />
              {t('classroom.what.task')}
            </label>
            <label class="choice">
              <input
                type="radio"
                name={`${listId}-kind`}
                checked={!isTask}
                onChange={() => setKind('content')}
              />
              {t('classroom.what.content')}
            </label>
          </div>
        )}
        {!isTask && !existing && (
          <>
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
          </>
        )}
        {isTask && (
          <>
            <TextField
              label={t('classroom.taskTitle')}
              value={values.title}
              onInput={set('title')}
              error={errors.title}
              required
              dir="auto"
            />
            <div class="field">
              <label for={`${listId}-instructions`}>{t('classroom.instructions')}</label>
              <textarea
                id={`${listId}-instructions`}
                rows={5}
                dir="auto"
                value={values.instructions}
                aria-invalid={errors.instructions ? true : undefined}
                onInput={(e) => set('instructions')((e.target as HTMLTextAreaElement).value)}
              />
              {errors.instructions && (
                <span class="field-error">
                  <bdi>{errors.instructions}</bdi>
                </span>
              )}
            </div>
            <AttachmentsField
              value={attachments}
              onChange={setAttachments}
              error={Object.entries(errors).find(([k]) => k.startsWith('attachments'))?.[1]}
            />
            <ScaleField
              scale={scale}
              onScale={setScale}
              maxPoints={values.maxPoints}
              onMaxPoints={set('maxPoints')}
              rubric={rubric}
              onRubric={setRubric}
              errors={errors}
            />
          </>
        )}
        <AudienceField
          classId={cls.id}
          value={audience}
          onChange={setAudience}
          error={Object.entries(errors).find(([k]) => k.startsWith('audience'))?.[1]}
        />
        <TextField
          label={t('classroom.openDate')}
          type="date"
          value={values.openDate}
          onInput={set('openDate')}
          error={errors.openAt}
          dir="ltr"
        />
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
        <button
          type="submit"
          class="primary"
          disabled={form.busy || (isTask ? !values.title.trim() : !existing && !chosen)}
        >
          {existing
            ? t('classroom.save')
            : name
              ? t('assignment.assignNamed', { title: name })
              : t('assignment.assign')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
