import type { Page, Staff } from '@lawh/shared';
import { useApp } from '../../app/context';
import { withQuery } from '../../lib/api';
import { CheckboxField } from '../../ui/fields';
import { useFetch } from '../../ui/use-fetch';
import { personName } from '../people/people-labels';

/** The teachers of a class, chosen among the active teachers of its school. */
export function TeacherChecks({
  schoolId,
  value,
  onChange,
  error,
  assigned = [],
}: {
  schoolId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | null;
  /** The class's teachers as saved: one since archived is no longer in the school's list. */
  assigned?: Array<{ id: string; displayName: string }>;
}) {
  const { t, locale } = useApp();
  const { data, error: loadError } = useFetch<Page<Staff>>(
    schoolId
      ? withQuery('/api/v1/staff', {
          schoolId,
          role: 'teacher',
          pageSize: 200,
          sort: locale === 'ar' ? 'nameAr' : 'familyName',
        })
      : null,
  );
  const choices = (data?.items ?? []).map((x) => ({ id: x.id, name: personName(x, locale) }));
  for (const a of assigned)
    if (!choices.some((c) => c.id === a.id)) choices.push({ id: a.id, name: a.displayName });
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((x) => x !== id));
  return (
    <fieldset aria-describedby={error ? 'class-teachers-error' : undefined}>
      <legend>{t('class.teachers')}</legend>
      {!schoolId && <p class="field-hint">{t('class.chooseSchoolFirst')}</p>}
      {schoolId && data && choices.length === 0 && <p class="field-hint">{t('class.noTeachers')}</p>}
      {loadError && <p class="field-error">{loadError.message}</p>}
      {choices.map((x) => (
        <CheckboxField
          key={x.id}
          label={x.name}
          checked={value.includes(x.id)}
          onChange={(on) => toggle(x.id, on)}
        />
      ))}
      {error && (
        <p class="field-error" id="class-teachers-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
