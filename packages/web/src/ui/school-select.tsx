import type { Locale, Page, School } from '@lawh/shared';
import { useApp } from '../app/context';
import { withQuery } from '../lib/api';
import { SelectField } from './fields';
import { FilterSelect } from './filter-select';
import { useFetch } from './use-fetch';

export const schoolName = (s: Pick<School, 'nameAr' | 'nameFr'>, locale: Locale) =>
  locale === 'ar' ? s.nameAr : s.nameFr;

/** The active schools the user may see (the server scopes a school admin to their own), by name. */
export function useSchools(enabled = true): { schools: School[]; error: string | null } {
  const { locale } = useApp();
  const { data, error } = useFetch<Page<School>>(
    enabled
      ? withQuery('/api/v1/schools', { pageSize: 200, sort: locale === 'ar' ? 'nameAr' : 'nameFr' })
      : null,
  );
  return { schools: data?.items ?? [], error: error?.message ?? null };
}

/**
 * The school a record belongs to. Only the programme admin chooses; for everyone else, and for a
 * record that already exists, the school is shown but locked.
 */
export function SchoolSelect({
  value,
  onChange,
  error,
  locked,
  currentName,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | null;
  locked?: boolean;
  /** The record's school name, shown while the list loads or if the school is archived. */
  currentName?: string | null;
}) {
  const { t, me, locale } = useApp();
  const { schools, error: loadError } = useSchools();
  const fixed = locked || me?.role !== 'programme_admin';
  const options = schools.map((s) => ({ value: s.id, label: schoolName(s, locale) }));
  // An archived school is missing from the active list, and any school is while it loads.
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentName ?? t('app.loading') });
  if (!fixed) options.unshift({ value: '', label: t('picker.choose') });
  return (
    <SelectField
      label={t('picker.school')}
      value={value}
      onChange={onChange}
      options={options}
      error={error ?? loadError}
      disabled={fixed}
      required
    />
  );
}

/** The school filter of a list page; only the programme admin has more than one school to pick. */
export function SchoolFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t, me, locale } = useApp();
  const { schools } = useSchools(me?.role === 'programme_admin');
  if (me?.role !== 'programme_admin') return null;
  return (
    <FilterSelect
      label={t('picker.school')}
      value={value}
      onChange={onChange}
      options={schools.map((s) => ({ value: s.id, label: schoolName(s, locale) }))}
    />
  );
}
