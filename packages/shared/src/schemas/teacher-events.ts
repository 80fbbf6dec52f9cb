import { z } from 'zod';
import { isoDateTime } from './common';

// Teacher events: what a teacher does in the web app, queued on the device (offline or not) and
// sent to POST /api/teacher/v1/events. The signed-in teacher is the actor. Each kind's payload is
// checked by the server handler registered for it (features/teacher-events/handlers.ts).

export const TEACHER_EVENTS_MAX = 100;

export const teacherEvent = z.strictObject({
  /** The idempotency key: a resent event is answered from the first result, never applied twice. */
  id: z.uuid(),
  kind: z.string().min(1).max(64),
  v: z.number().int().min(1),
  /** When the teacher did it, by the device's clock. */
  clientTs: isoDateTime,
  payload: z.looseObject({}),
});
export type TeacherEvent = z.infer<typeof teacherEvent>;

export const teacherEventsRequest = z.strictObject({
  events: z.array(teacherEvent).min(1).max(TEACHER_EVENTS_MAX),
});
export type TeacherEventsRequest = z.infer<typeof teacherEventsRequest>;

export const teacherEventResult = z.strictObject({
  id: z.uuid(),
  /** Rejected events break a rule (e.g. a withdrawn task); they are kept, and never retried. */
  status: z.enum(['applied', 'rejected']),
  error: z.strictObject({ code: z.string(), message: z.string(), field: z.string().nullable() }).optional(),
});
export type TeacherEventResult = z.infer<typeof teacherEventResult>;

export const teacherEventsResponse = z.strictObject({ results: z.array(teacherEventResult) });
export type TeacherEventsResponse = z.infer<typeof teacherEventsResponse>;
