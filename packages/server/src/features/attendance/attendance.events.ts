import { attendanceMarkedPayload } from '@lawh/shared';
import type { TeacherEventHandler } from '../teacher-events/handlers';
import { attendanceService } from './attendance.service';

/**
 * `attendance.marked` v1 from the teacher outbox: a whole register (class, day, live session, every
 * mark), applied through the same service and rules as `PUT /api/v1/classes/:id/attendance`. It is
 * a "set", so a resend changes nothing. The teacher's clock says when the register was taken, but
 * never later than now: a tablet whose clock runs ahead must not block later corrections.
 */
export const attendanceMarked: TeacherEventHandler<typeof attendanceMarkedPayload> = {
  kind: 'attendance.marked',
  v: 1,
  payload: attendanceMarkedPayload,
  apply: (db, auth, { classId, ...register }, meta) => {
    const now = new Date();
    const acted = new Date(meta.clientTs);
    const at = (Number.isNaN(acted.getTime()) || acted > now ? now : acted).toISOString();
    return attendanceService(db).takeRegister(auth, classId, register, { at });
  },
};
