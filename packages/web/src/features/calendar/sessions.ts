import type { AcademicSession, Page } from '@lawh/shared';
import { schoolDate } from '@lawh/shared/lib/school-day';
import { withQuery } from '../../lib/api';
import { useFetch } from '../../ui/use-fetch';

const byStart = (a: AcademicSession, b: AcademicSession) => a.startDate.localeCompare(b.startDate);

/**
 * Every school year and term, archived ones included: a programme has a handful of sessions a year,
 * far below one page, and the views decide what to show.
 */
export function useSessions(type?: AcademicSession['type']) {
  const res = useFetch<Page<AcademicSession>>(
    withQuery('/api/v1/academic-sessions', { type, archived: 'all', pageSize: 200 }),
  );
  const all = res.data?.items ?? [];
  return {
    ...res,
    /** Newest first, as people look for the current year. */
    years: all.filter((s) => s.type === 'schoolYear').sort((a, b) => byStart(b, a)),
    termsOf: (yearId: string) => all.filter((s) => s.type === 'term' && s.parentId === yearId).sort(byStart),
  };
}

/** The year that contains today, else the newest active one. */
export function currentYear(years: AcademicSession[], today = schoolDate()) {
  const active = years.filter((y) => !y.archived);
  return active.find((y) => y.startDate <= today && today <= y.endDate) ?? active[0] ?? null;
}
