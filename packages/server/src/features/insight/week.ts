// The guardians' week: the 7 days up to a moment, and the Monday (in Casablanca, where the schools
// are) of the week that moment falls in, which keys the teachers' notes.

import { schoolDate } from '@lawh/shared';

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD) of the Casablanca week holding `iso`. */
export function mondayOf(iso: string): string {
  const day = new Date(`${schoolDate(iso)}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

export function summaryWindow(to: string): { from: string; to: string; week: string } {
  const end = new Date(to);
  return {
    from: new Date(end.getTime() - 7 * DAY_MS).toISOString(),
    to: end.toISOString(),
    week: mondayOf(to),
  };
}
