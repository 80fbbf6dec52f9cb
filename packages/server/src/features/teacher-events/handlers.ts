import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Auth } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { attendanceMarked } from '../attendance/attendance.events';
import { assignmentSaved, assignmentWithdrawn, submissionGraded } from '../classroom/classroom.handlers';
import { guardianNoteSaved } from '../insight/insight.handlers';
import { announcementPosted, teacherCommentPosted } from '../messages/messages.handlers';

// The registry of teacher events (docs/teacher-outbox.md). A feature whose teacher actions must work
// offline adds its handlers to the list below. A handler:
// - checks nothing itself beyond its payload schema: it calls the feature's service, which applies
//   the same policy and rules as the REST route (a 4xx AppError rejects the event, kept on record);
// - is idempotent: the payload carries the ids and the absolute values ("set", not "add"), because
//   a crash between applying and recording means the device sends the event again.

export interface TeacherEventMeta {
  eventId: string;
  /** When the teacher acted, by the device's clock. */
  clientTs: string;
}

export interface TeacherEventHandler<S extends z.ZodType = z.ZodType> {
  kind: string;
  v: number;
  payload: S;
  apply(db: Kysely<DB>, auth: Auth, payload: z.infer<S>, meta: TeacherEventMeta): Promise<unknown>;
}

/** Keeps the payload type of one handler while the list holds handlers of every kind. */
export const teacherEventHandler = <S extends z.ZodType>(h: TeacherEventHandler<S>): TeacherEventHandler =>
  h as unknown as TeacherEventHandler;

export const teacherEventHandlers: TeacherEventHandler[] = [
  teacherEventHandler(assignmentSaved),
  teacherEventHandler(assignmentWithdrawn),
  teacherEventHandler(submissionGraded),
  teacherEventHandler(attendanceMarked),
  teacherEventHandler(announcementPosted),
  teacherEventHandler(teacherCommentPosted),
  teacherEventHandler(guardianNoteSaved),
];
