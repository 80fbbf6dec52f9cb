import { schoolDate, schoolInstant } from '@lawh/shared/lib/school-day';

/** A school day (yyyy-mm-dd) as the end of that day, or its start, on the school's clock. */
export const endOfDay = (date: string) => schoolInstant(`${date}T23:59`).toISOString();
export const startOfDay = (date: string) => schoolInstant(`${date}T00:00`).toISOString();
/** The school day of an instant, for a date input. */
export const dayOf = (iso: string | null) => (iso ? schoolDate(iso) : '');
