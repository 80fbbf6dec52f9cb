import type { MessageKey } from '../../i18n';
import { OutboxFullError, type SendResult, sendTeacherEvent } from '../../teacher/outbox';

// Teacher posts (announcements, replies) go through the teacher outbox, so they work offline: the
// outcome is "sent", "queued" (on this device, sent later) or an error the form shows by its field.

export type PostOutcome =
  | { kind: 'sent' }
  | { kind: 'queued' }
  | { kind: 'error'; field: string | null; message: string | null; key?: MessageKey };

export async function postTeacherEvent(kind: string, payload: Record<string, unknown>): Promise<PostOutcome> {
  let r: SendResult;
  try {
    r = await sendTeacherEvent(kind, 1, payload);
  } catch (e) {
    if (e instanceof OutboxFullError)
      return { kind: 'error', field: null, message: null, key: 'common.error' };
    throw e;
  }
  if (r.status === 'applied') return { kind: 'sent' };
  if (r.status === 'pending') return { kind: 'queued' };
  // The server names fields of the payload: "payload.body" is the form's "body".
  const field = r.error.field?.replace(/^payload\./, '') ?? null;
  return { kind: 'error', field, message: r.error.message };
}
