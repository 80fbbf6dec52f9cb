import { assignmentSavedPayload, gradeEventPayload, withdrawEventPayload } from '@lawh/shared';
import { assignmentsService } from '../assignments/assignments.service';
import type { TeacherEventHandler } from '../teacher-events/handlers';
import { gradingService } from './grading.service';

// Classroom actions from the teacher outbox (registered in teacher-events/handlers.ts). Each calls
// the service the REST route calls, with the ids and whole values the event carries, so a resent
// event changes nothing.

export const assignmentSaved: TeacherEventHandler<typeof assignmentSavedPayload> = {
  kind: 'assignment.saved',
  v: 1,
  payload: assignmentSavedPayload,
  apply: (db, auth, p) => assignmentsService(db).save(auth, p),
};

export const assignmentWithdrawn: TeacherEventHandler<typeof withdrawEventPayload> = {
  kind: 'assignment.withdrawn',
  v: 1,
  payload: withdrawEventPayload,
  apply: (db, auth, p) => assignmentsService(db).withdraw(auth, p.assignmentId),
};

export const submissionGraded: TeacherEventHandler<typeof gradeEventPayload> = {
  kind: 'submission.graded',
  v: 1,
  payload: gradeEventPayload,
  apply: (db, auth, { submissionId, ...grade }) => gradingService(db).grade(auth, submissionId, grade),
};
