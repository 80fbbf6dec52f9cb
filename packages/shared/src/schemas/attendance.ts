import { z } from 'zod';
import { MEETING_PLACEHOLDER, meetingUrlProblem } from '../lib/school-day';
import { id, isoDate, isoDateTime, longText, text } from './common';

// Attendance (a register per class and day, or per live session) and live sessions with a link to
// the school's external video-meeting service (issue 5). Dates are the school's calendar days.

export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused'] as const;
export const attendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof attendanceStatus>;

/** Enough for the largest class with room to spare; a register is one write. */
export const REGISTER_MAX_MARKS = 200;
export const MEETING_URL_MAX = 500;

/** A live session's own link (overriding the school's service): a full https address. */
export const meetingUrl = z
  .string()
  .trim()
  .max(MEETING_URL_MAX)
  .superRefine((s, ctx) => {
    const problem = meetingUrlProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A school's video-meeting service: a base https URL or a template with `{sessionId}`. */
export const meetingUrlSetting = z
  .string()
  .trim()
  .max(MEETING_URL_MAX)
  .superRefine((s, ctx) => {
    const problem = meetingUrlProblem(s, { template: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`https base URL or template with ${MEETING_PLACEHOLDER}`);

export const attendanceMarkInput = z.strictObject({
  learnerId: id,
  status: attendanceStatus,
  note: longText(500).nullable().optional(),
});
export type AttendanceMarkInput = z.infer<typeof attendanceMarkInput>;

/**
 * A whole register, replacing what was stored for that class, day and session (a "set": sending it
 * twice changes nothing). Learners left out have no mark.
 */
export const registerInput = z.strictObject({
  date: isoDate,
  /** null: the day's register; an id: the register of that live session (on its day). */
  liveSessionId: id.nullable().default(null),
  marks: z.array(attendanceMarkInput).max(REGISTER_MAX_MARKS),
});
export type RegisterInput = z.input<typeof registerInput>;

export const registerQuery = z.strictObject({
  date: isoDate,
  liveSessionId: id.optional(),
});
export type RegisterQuery = z.infer<typeof registerQuery>;

export const registerRow = z.object({
  learnerId: id,
  name: z.string(),
  nameAr: z.string(),
  massarCode: z.string().nullable(),
  /** null: not marked yet on this register. */
  status: attendanceStatus.nullable(),
  note: z.string().nullable(),
  /** false for a learner who has a mark but has since left the class. */
  enrolled: z.boolean(),
});
export type RegisterRow = z.infer<typeof registerRow>;

export const register = z.object({
  classId: id,
  date: isoDate,
  liveSessionId: id.nullable(),
  /** When the register was last taken (the teacher's clock), or null if never. */
  markedAt: isoDateTime.nullable(),
  markedByName: z.string().nullable(),
  rows: z.array(registerRow),
});
export type Register = z.infer<typeof register>;

export const attendanceMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11');

export const ATTENDANCE_CSV_LANGS = ['ar', 'fr', 'en', 'zgh'] as const;
export const summaryQuery = z.strictObject({
  month: attendanceMonth,
  /** The language of the CSV's header row. */
  lang: z.enum(ATTENDANCE_CSV_LANGS).default('fr'),
});
export type SummaryQuery = z.infer<typeof summaryQuery>;

export const attendanceCounts = z.object({
  present: z.number().int(),
  absent: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
});
export type AttendanceCounts = z.infer<typeof attendanceCounts>;

export const summaryRow = attendanceCounts.extend({
  learnerId: id,
  name: z.string(),
  nameAr: z.string(),
  massarCode: z.string().nullable(),
  /** (present + late) / (present + late + absent); excused absences do not count; null when never marked. */
  rate: z.number().min(0).max(1).nullable(),
});
export type SummaryRow = z.infer<typeof summaryRow>;

export const attendanceSummary = z.object({
  classId: id,
  month: attendanceMonth,
  /** Registers taken in the month (days and live sessions). */
  registers: z.number().int(),
  rows: z.array(summaryRow),
});
export type AttendanceSummary = z.infer<typeof attendanceSummary>;

// Live sessions

export const LIVE_SESSION_MAX_MINUTES = 480;

export const liveSessionInput = z.strictObject({
  title: text(200),
  startsAt: isoDateTime,
  durationMinutes: z.number().int().min(5).max(LIVE_SESSION_MAX_MINUTES),
  /** The session's own link; left out or null: the school's service gives one. */
  meetingUrl: meetingUrl.nullable().optional(),
});
export type LiveSessionInput = z.infer<typeof liveSessionInput>;
export const liveSessionPatch = liveSessionInput.partial();
export type LiveSessionPatch = z.infer<typeof liveSessionPatch>;

export const liveSession = z.object({
  id,
  classId: id,
  classTitle: z.string(),
  title: z.string(),
  startsAt: isoDateTime,
  durationMinutes: z.number().int(),
  /** The link to join: the session's own, or the school's service's. */
  joinUrl: z.string().nullable(),
  /** True when the session has a link of its own rather than the school's. */
  customUrl: z.boolean(),
  /** The school's calendar day the session falls on (its register's date). */
  date: isoDate,
  cancelled: z.boolean(),
  createdAt: isoDateTime,
});
export type LiveSession = z.infer<typeof liveSession>;

export const liveSessionListQuery = z.strictObject({
  classId: id.optional(),
  /** upcoming: not over and not cancelled, soonest first; past: over, latest first; all: soonest first. */
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LiveSessionListQuery = z.infer<typeof liveSessionListQuery>;
export const liveSessionList = z.object({ items: z.array(liveSession) });

/** `attendance.marked` v1 from the teacher outbox: a whole register, so a resend is harmless. */
export const attendanceMarkedPayload = registerInput.extend({ classId: id });
export type AttendanceMarkedPayload = z.input<typeof attendanceMarkedPayload>;
