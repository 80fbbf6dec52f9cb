import { z } from 'zod';
import type { SchoolClock } from '../lib/school-day';
import { id, isoDate, listQuery, text } from './common';

/** OneRoster academicSessions: a school year and the terms inside it. */
export const sessionType = z.enum(['schoolYear', 'term']);

export const academicSessionInput = z
  .strictObject({
    title: text(100),
    type: sessionType,
    startDate: isoDate,
    endDate: isoDate,
    parentId: id.nullable().optional(),
  })
  .refine((s) => s.startDate < s.endDate, { message: 'must be after startDate', path: ['endDate'] })
  .refine((s) => (s.type === 'term' ? !!s.parentId : !s.parentId), {
    message: 'a term belongs to a school year; a school year has no parent',
    path: ['parentId'],
  });
export type AcademicSessionInput = z.infer<typeof academicSessionInput>;

/** A session keeps its kind and its year; only its title and dates change. */
export const academicSessionPatch = z
  .strictObject({ title: text(100).optional(), startDate: isoDate.optional(), endDate: isoDate.optional() })
  .refine((s) => !s.startDate || !s.endDate || s.startDate < s.endDate, {
    message: 'must be after startDate',
    path: ['endDate'],
  });
export type AcademicSessionPatch = z.infer<typeof academicSessionPatch>;

/** Always newest first: a programme has a handful of sessions a year. */
export const academicSessionListQuery = listQuery
  .pick({ page: true, pageSize: true, archived: true })
  .extend({ type: sessionType.optional() });
export type AcademicSessionListQuery = z.infer<typeof academicSessionListQuery>;

export const academicSession = z.object({
  id,
  title: z.string(),
  type: sessionType,
  startDate: z.string(),
  endDate: z.string(),
  parentId: id.nullable(),
  archived: z.boolean(),
});
export type AcademicSession = z.infer<typeof academicSession>;

/** GET /api/v1/school-clock: the school's UTC offsets, for pages whose own tz data may be wrong. */
export const schoolClock = z.object({
  zone: z.string(),
  offsets: z.array(z.object({ from: z.string(), minutes: z.number().int() })),
  until: z.string(),
}) satisfies z.ZodType<SchoolClock>;
