import { OutboxFullError, type SendResult, sendTeacherEvent } from '../../teacher/outbox';

// Classroom writes that must work offline go through the teacher outbox as events (the server
// applies them with the same rules as the REST routes); the rest use the REST routes directly.

export type Outcome =
  | { status: 'applied' }
  | { status: 'pending' }
  | { status: 'rejected'; field: string | null; message: string };

/** Sends one teacher event; a rejection names the field the server refused. */
export async function sendClassroomEvent(kind: string, payload: Record<string, unknown>): Promise<Outcome> {
  let r: SendResult;
  try {
    r = await sendTeacherEvent(kind, 1, payload);
  } catch (e) {
    if (e instanceof OutboxFullError) return { status: 'rejected', field: null, message: 'storage full' };
    throw e;
  }
  if (r.status !== 'rejected') return r;
  return { status: 'rejected', field: r.error.field, message: r.error.message };
}

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
