/** A local date (yyyy-mm-dd) as the end of that day, or its start, where the teacher is. */
export const endOfDay = (date: string) => new Date(`${date}T23:59:00`).toISOString();
export const startOfDay = (date: string) => new Date(`${date}T00:00:00`).toISOString();
/** The local calendar day of an instant, for a date input. */
export const dayOf = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
