import { z } from 'zod';
import { SUBJECTS } from '../lib/constants';
import { id, listQuery, text } from './common';

/** Moroccan cycles and levels (DESIGN.md). */
export const LEVELS = {
  primaire: ['1AP', '2AP', '3AP', '4AP', '5AP', '6AP'],
  college: ['1AC', '2AC', '3AC'],
  lycee: ['TC', '1BAC', '2BAC'],
} as const;
export const CYCLES = Object.keys(LEVELS) as Array<keyof typeof LEVELS>;
export const cycle = z.enum(['primaire', 'college', 'lycee']);
export type Cycle = z.infer<typeof cycle>;
export const ALL_LEVELS = Object.values(LEVELS).flat();
export const level = z.enum(ALL_LEVELS as [string, ...string[]]);

export { SUBJECTS };
export const subject = z.enum(SUBJECTS);

export const classInput = z
  .strictObject({
    schoolId: id,
    yearId: id,
    title: text(100),
    cycle,
    level,
    subject,
    teacherIds: z.array(id).max(10).default([]),
  })
  .refine((c) => (LEVELS[c.cycle] as readonly string[]).includes(c.level), {
    message: 'level does not belong to this cycle',
    path: ['level'],
  });
export type ClassInput = z.infer<typeof classInput>;

export const classPatch = z.strictObject({
  title: text(100).optional(),
  cycle: cycle.optional(),
  level: level.optional(),
  subject: subject.optional(),
  yearId: id.optional(),
  teacherIds: z.array(id).max(10).optional(),
});
export type ClassPatch = z.infer<typeof classPatch>;

export const classRow = z.object({
  id,
  schoolId: id,
  schoolName: z.string(),
  yearId: id,
  title: z.string(),
  cycle,
  level: z.string(),
  subject,
  teachers: z.array(z.object({ id, displayName: z.string() })),
  learnerCount: z.number().int(),
  archived: z.boolean(),
});
export type ClassRow = z.infer<typeof classRow>;

export const classListQuery = listQuery.extend({
  sort: z.enum(['title', 'level', 'subject']).default('title'),
  schoolId: id.optional(),
  level: level.optional(),
  subject: subject.optional(),
  /** Only the classes this learner is enrolled in (the learner's sign-in card names them). */
  learnerId: id.optional(),
});
export type ClassListQuery = z.infer<typeof classListQuery>;
