import { type ClassRow, CYCLES, type Cycle, LEVELS, SUBJECTS } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { SelectField, TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { SchoolSelect } from '../../ui/school-select';
import { useForm } from '../../ui/use-form';
import { YearSelect } from '../calendar/year-select';
import { TeacherChecks } from './teacher-checks';

/** Creates a class, or edits one (its school stays). Teachers are the school's, picked by name. */
export function ClassForm({ cls, onSaved }: { cls: ClassRow | null; onSaved: () => void }) {
  const { t, me } = useApp();
  const form = useForm({
    schoolId: cls?.schoolId ?? (me?.role === 'programme_admin' ? '' : (me?.schoolId ?? '')),
    yearId: cls?.yearId ?? '',
    title: cls?.title ?? '',
    cycle: cls?.cycle ?? ('primaire' as Cycle),
    level: cls?.level ?? LEVELS.primaire[0],
    subject: cls?.subject ?? SUBJECTS[0],
    teacherIds: cls?.teachers.map((x) => x.id) ?? [],
  });
  const { values, set, setValues, errors } = form;

  const save = async (e: Event) => {
    e.preventDefault();
    const { schoolId, ...changes } = values;
    const saved = await form.submit(() =>
      cls
        ? api.patch<ClassRow>(`/api/v1/classes/${cls.id}`, changes)
        : api.post<ClassRow>('/api/v1/classes', values),
    );
    if (saved && !cls) navigate(`/classes/${saved.id}`, { replace: true });
    else if (saved) onSaved();
  };
  const archive = async () => {
    if (!cls) return;
    const done = await form.submit(() =>
      api.post(`/api/v1/classes/${cls.id}/${cls.archived ? 'restore' : 'archive'}`),
    );
    if (done) onSaved();
  };

  return (
    <form class="form" onSubmit={save} noValidate aria-label={cls ? t('class.edit') : t('class.new')}>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <SchoolSelect
        value={values.schoolId}
        // The teachers of one school cannot teach a class of another.
        onChange={(v) => setValues((s) => ({ ...s, schoolId: v, teacherIds: [] }))}
        error={errors.schoolId}
        locked={!!cls}
        currentName={cls?.schoolName}
      />
      <YearSelect value={values.yearId} onChange={set('yearId')} error={errors.yearId} />
      <TextField
        label={t('class.name')}
        value={values.title}
        onInput={set('title')}
        error={errors.title}
        hint={t('class.nameHint')}
        required
      />
      <div class="grid-2">
        <SelectField
          label={t('class.cycle')}
          value={values.cycle}
          // A level belongs to one cycle: changing the cycle starts at its first level.
          onChange={(v) => setValues((s) => ({ ...s, cycle: v as Cycle, level: LEVELS[v as Cycle][0] }))}
          error={errors.cycle}
          options={CYCLES.map((c) => ({ value: c, label: t(`class.cycle.${c}`) }))}
          required
        />
        <SelectField
          label={t('class.level')}
          value={values.level}
          onChange={set('level')}
          error={errors.level}
          options={LEVELS[values.cycle].map((l) => ({ value: l, label: l }))}
          dir="ltr"
          required
        />
      </div>
      <SelectField
        label={t('class.subject')}
        value={values.subject}
        onChange={(v) => set('subject')(v as ClassRow['subject'])}
        error={errors.subject}
        options={SUBJECTS.map((s) => ({ value: s, label: t(`class.subject.${s}`) }))}
        required
      />
      <TeacherChecks
        schoolId={values.schoolId}
        value={values.teacherIds}
        onChange={set('teacherIds')}
        error={errors.teacherIds ?? Object.entries(errors).find(([k]) => k.startsWith('teacherIds.'))?.[1]}
        assigned={cls && values.schoolId === cls.schoolId ? cls.teachers : []}
      />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {cls ? t('common.save') : t('common.create')}
        </button>
        <Link href="/classes" class="button secondary">
          {t('common.cancel')}
        </Link>
        {cls && (
          <button type="button" class="secondary" onClick={archive} disabled={form.busy}>
            {cls.archived ? t('common.restore') : t('common.archive')}
          </button>
        )}
      </div>
    </form>
  );
}
