import { z } from 'zod';
import { id, isoDateTime, longText, text } from './common';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

// Assignments: a published lesson or quiz, or a task (title, instructions, attachments), for a
// class, some of its groups or chosen learners, with dates; a task may be closed and graded.

const dueAfterOpen = (v: { openAt?: string | null; dueAt?: string | null }) =>
  !v.openAt || !v.dueAt || Date.parse(v.dueAt) > Date.parse(v.openAt);
const dueAfterOpenIssue = { message: 'the due date must be after the opening date', path: ['dueAt'] };

const attachmentRef = z.strictObject({ hash: sha256, name: text(200) });
const audience = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('class') }),
  z.strictObject({ type: z.literal('groups'), groupIds: z.array(id).min(1).max(50) }),
  z.strictObject({ type: z.literal('learners'), learnerIds: z.array(id).min(1).max(200) }),
]);
export type AssignmentAudience = z.infer<typeof audience>;

/** A rubric: criteria, each with levels worth points (the learner's grade is the sum of the levels chosen). */
export const rubric = z
  .array(
    z.strictObject({
      criterion: text(200),
      levels: z
        .array(z.strictObject({ label: text(100), points: z.number().min(0).max(1000) }))
        .min(1)
        .max(10),
    }),
  )
  .min(1)
  .max(20);
export type Rubric = z.infer<typeof rubric>;

/** Fields of a task that can be set when it is made and changed later. */
const editable = {
  title: text(200).optional(),
  instructions: longText(5000).nullable().optional(),
  attachments: z.array(attachmentRef).max(10).optional(),
  audience: audience.optional(),
  /** When it appears on the tablets; now when left out. */
  openAt: isoDateTime.optional(),
  dueAt: isoDateTime.nullable().optional(),
  /** The scale of points grades (ignored by a rubric, whose levels set the scale). */
  maxPoints: z.number().positive().max(1000).nullable().optional(),
  rubric: rubric.nullable().optional(),
};

export const assignmentInput = z
  .strictObject({
    /** lesson and quiz: a published content item; task: a title and instructions of its own. */
    kind: z.enum(['lesson', 'quiz', 'task']).optional(),
    contentId: id.optional(),
    ...editable,
  })
  .refine(dueAfterOpen, dueAfterOpenIssue)
  .refine((v) => v.kind === 'task' || v.contentId !== undefined, {
    message: 'choose a lesson or quiz',
    path: ['contentId'],
  })
  .refine((v) => v.kind !== 'task' || v.title !== undefined, {
    message: 'a task needs a title',
    path: ['title'],
  });
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const assignmentPatch = z.strictObject(editable).refine(dueAfterOpen, dueAfterOpenIssue);
export type AssignmentPatch = z.infer<typeof assignmentPatch>;

/** Teacher event `assignment.saved`: create (unknown id) or edit (known id), offline-capable. */
export const assignmentSavedPayload = z
  .strictObject({
    assignmentId: id,
    classId: id,
    kind: z.enum(['lesson', 'quiz', 'task']).optional(),
    contentId: id.optional(),
    ...editable,
  })
  .refine(dueAfterOpen, dueAfterOpenIssue);
export type AssignmentSavedPayload = z.infer<typeof assignmentSavedPayload>;

export const assignment = z.object({
  id,
  classId: id,
  kind: z.enum(['lesson', 'quiz', 'task']),
  contentId: id.nullable(),
  contentKind: z.enum(['lesson', 'quiz']).nullable(),
  contentTitle: z.string().nullable(),
  title: z.string().nullable(),
  instructions: z.string().nullable(),
  attachments: z.array(z.object({ hash: z.string(), mime: z.string(), bytes: z.number(), name: z.string() })),
  audience,
  openAt: z.string(),
  dueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  maxPoints: z.number().nullable(),
  rubric: rubric.nullable(),
  withdrawn: z.boolean(),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof assignment>;

// Class progress (the grid over these assignments) lives in insight.ts.
