import { z } from 'zod';
import { id, isoDateTime } from './common';

// Basic assignments: a published lesson or quiz for a class, with dates. The Classroom work extends them.

const dueAfterOpen = (v: { openAt?: string | null; dueAt?: string | null }) =>
  !v.openAt || !v.dueAt || Date.parse(v.dueAt) > Date.parse(v.openAt);
const dueAfterOpenIssue = { message: 'the due date must be after the opening date', path: ['dueAt'] };

export const assignmentInput = z
  .strictObject({
    contentId: id,
    /** When it appears on the tablets; now when left out. */
    openAt: isoDateTime.optional(),
    dueAt: isoDateTime.nullable().optional(),
  })
  .refine(dueAfterOpen, dueAfterOpenIssue);
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const assignmentPatch = z
  .strictObject({ openAt: isoDateTime.optional(), dueAt: isoDateTime.nullable().optional() })
  .refine(dueAfterOpen, dueAfterOpenIssue);
export type AssignmentPatch = z.infer<typeof assignmentPatch>;

export const assignment = z.object({
  id,
  classId: id,
  contentId: id,
  contentKind: z.enum(['lesson', 'quiz']),
  contentTitle: z.string(),
  openAt: z.string(),
  dueAt: z.string().nullable(),
  withdrawn: z.boolean(),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof assignment>;

export const progressStatus = z.enum(['started', 'completed', 'mastered']);

/** Each learner of a class against each of the class's current assignments. */
export const classProgress = z.object({
  assignments: z.array(assignment),
  learners: z.array(
    z.object({
      id,
      name: z.string(),
      nameAr: z.string().nullable(),
      progress: z.array(
        z.object({
          assignmentId: id,
          status: progressStatus,
          score: z.number().nullable(),
          attempts: z.number().int(),
          lastAt: z.string(),
        }),
      ),
    }),
  ),
});
export type ClassProgress = z.infer<typeof classProgress>;
