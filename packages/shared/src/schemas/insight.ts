import { z } from 'zod';
import { INACTIVE_DAYS_CHOICES } from '../lib/stuck';
import { assignment } from './assignments';
import { submissionState } from './classroom';
import { id, isoDateTime, longText } from './common';

// Class insight (issue 5): the class progress grid, a page per learner, stuck learners, and the
// guardians' weekly summary. All read-only except the teacher's weekly note.

export const progressStatus = z.enum(['started', 'completed', 'mastered']);

export const stuckReason = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('wrong_answers'),
    assignmentId: id,
    correct: z.number().int(),
    answered: z.number().int(),
  }),
  z.object({ kind: z.literal('inactive'), days: z.number().int(), lastActivityAt: z.string().nullable() }),
]);

/** One learner on one assignment: what the tablet reported, and the task's submission state. */
export const progressCell = z.object({
  assignmentId: id,
  status: progressStatus,
  score: z.number().nullable(),
  attempts: z.number().int(),
  correct: z.number().int(),
  answered: z.number().int(),
  lastAt: z.string(),
});

/**
 * Where an assignment stands for a learner: a task by its latest submission (assigned, missing,
 * submitted, late, graded, returned); a lesson or quiz not yet finished as assigned or missing.
 */
export const stateCell = z.object({
  assignmentId: id,
  state: submissionState,
  /** The grade given (staff see it before it is returned). */
  points: z.number().nullable(),
  maxPoints: z.number().nullable(),
  /** When it was sent, or returned. */
  at: z.string().nullable(),
});

export const progressQuery = z.strictObject({
  /** Days without activity that flag a learner as stuck. */
  inactiveDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(7)
    .describe(`usually one of ${INACTIVE_DAYS_CHOICES.join(', ')}`),
});
export type ProgressQuery = z.infer<typeof progressQuery>;

/** Each learner of a class against each of the class's current assignments. */
export const classProgress = z.object({
  assignments: z.array(assignment),
  groups: z.array(z.object({ id, name: z.string() })),
  inactiveDays: z.number().int(),
  learners: z.array(
    z.object({
      id,
      name: z.string(),
      nameAr: z.string().nullable(),
      groupIds: z.array(id),
      /** The current assignments meant for this learner (class, one of their groups, or them). */
      assignmentIds: z.array(id),
      /** What the tablet reported, where it reported something. */
      progress: z.array(progressCell),
      states: z.array(stateCell),
      /** Share (0..1) of the learner's current assignments done. */
      overall: z.number(),
      lastActivityAt: z.string().nullable(),
      stuck: z.array(stuckReason),
    }),
  ),
});
export type ClassProgress = z.infer<typeof classProgress>;
export type ClassProgressLearner = ClassProgress['learners'][number];

/** `/learners/:id/progress`: the learner's work in every class the viewer sees. */
export const learnerProgress = z.object({
  learner: z.object({ id, name: z.string(), nameAr: z.string().nullable() }),
  inactiveDays: z.number().int(),
  classes: z.array(
    z.object({
      id,
      title: z.string(),
      assignments: z.array(assignment),
      row: classProgress.shape.learners.element,
    }),
  ),
});
export type LearnerProgress = z.infer<typeof learnerProgress>;

// The guardians' weekly summary: the 7 days up to `to`.

const summaryItem = z.object({
  assignmentId: id,
  title: z.string(),
  className: z.string(),
  kind: z.enum(['lesson', 'quiz', 'task']),
  dueAt: z.string().nullable(),
});

export const guardianSummary = z.object({
  learner: z.object({ id, name: z.string(), nameAr: z.string().nullable() }),
  from: z.string(),
  to: z.string(),
  /** Monday (YYYY-MM-DD, Casablanca) of the week the teachers' notes belong to. */
  week: z.string(),
  /** Finished this week: a lesson or quiz completed, a task sent. */
  done: z.array(summaryItem.extend({ at: z.string(), score: z.number().nullable() })),
  /** Past due and nothing sent, whenever it was due. */
  missing: z.array(summaryItem),
  /** Sent and waiting for the teacher — never "missing". */
  awaitingGrade: z.array(summaryItem.extend({ at: z.string(), late: z.boolean() })),
  /** Grades the teacher returned this week. */
  returned: z.array(
    summaryItem.extend({ at: z.string(), points: z.number().nullable(), maxPoints: z.number().nullable() }),
  ),
  notes: z.array(
    z.object({
      classId: id,
      className: z.string(),
      authorName: z.string(),
      body: z.string(),
      updatedAt: z.string(),
    }),
  ),
  /** Classes whose note the viewer may write (a teacher's own, an admin's school's). */
  writableClasses: z.array(z.object({ id, title: z.string() })),
});
export type GuardianSummary = z.infer<typeof guardianSummary>;

export const guardianSummaryQuery = z.strictObject({ to: isoDateTime.optional() });

export const guardianNoteInput = z.strictObject({
  classId: id,
  /** Monday of the week (YYYY-MM-DD); the summary gives it. */
  week: z.iso.date(),
  /** Empty removes the note. */
  body: longText(600).transform((s) => s.trim()),
});
export type GuardianNoteInput = z.infer<typeof guardianNoteInput>;

/** Teacher event `guardianNote.saved` v1 (offline-capable): the note for a learner, class and week, set whole. */
export const guardianNoteSavedPayload = z.strictObject({
  learnerId: id,
  classId: id,
  week: z.iso.date(),
  body: longText(600).transform((s) => s.trim()),
});
