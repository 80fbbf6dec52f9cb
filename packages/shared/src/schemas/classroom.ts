import { z } from 'zod';
import { SUBMISSION_STATES } from '../content/submission-state';
import { id, longText, text } from './common';

// Classroom (issue 5): class groups, the grading queue, grades. Assignments are in ./assignments.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const classGroupInput = z.strictObject({
  name: text(100),
  learnerIds: z.array(id).max(200).default([]),
});
export type ClassGroupInput = z.infer<typeof classGroupInput>;
export const classGroupPatch = z.strictObject({
  name: text(100).optional(),
  learnerIds: z.array(id).max(200).optional(),
});
export type ClassGroupPatch = z.infer<typeof classGroupPatch>;

export const classGroup = z.object({ id, classId: id, name: z.string(), learnerIds: z.array(id) });
export type ClassGroup = z.infer<typeof classGroup>;

export const submissionState = z.enum(SUBMISSION_STATES);

const mediaItem = z.object({
  hash: z.string(),
  mime: z.string(),
  bytes: z.number(),
  kind: z.enum(['photo', 'voice']),
});

/** One attempt as the teacher sees it (the grade is visible to staff before it is returned). */
export const submissionAttempt = z.object({
  id,
  attempt: z.number().int(),
  late: z.boolean(),
  submittedAt: z.string(),
  text: z.string().nullable(),
  media: z.array(mediaItem),
  points: z.number().nullable(),
  /** The level chosen for each criterion, by index into the assignment's rubric. */
  rubric: z.array(z.object({ criterion: z.number().int(), level: z.number().int() })).nullable(),
  feedbackText: z.string().nullable(),
  feedbackVoice: z.object({ hash: z.string(), mime: z.string(), bytes: z.number() }).nullable(),
  gradedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
});
export type SubmissionAttempt = z.infer<typeof submissionAttempt>;

/** A learner of the task's audience, their state and their latest attempt (older ones kept). */
export const queueEntry = z.object({
  learnerId: id,
  name: z.string(),
  nameAr: z.string().nullable(),
  state: submissionState,
  latest: submissionAttempt.nullable(),
  earlier: z.array(submissionAttempt),
});
export type QueueEntry = z.infer<typeof queueEntry>;
export const gradingQueue = z.object({ entries: z.array(queueEntry) });
export type GradingQueue = z.infer<typeof gradingQueue>;

/** A grade, set whole ("set", not "add", so a resent one changes nothing). */
export const gradeInput = z.strictObject({
  points: z.number().nullable().optional(),
  rubric: z
    .array(z.strictObject({ criterion: z.number().int().min(0), level: z.number().int().min(0) }))
    .max(20)
    .nullable()
    .optional(),
  feedbackText: longText(5000).nullable().optional(),
  feedbackVoiceHash: sha256.nullable().optional(),
  /** Return it to the learner now (it reaches the tablet on the next sync). */
  returned: z.boolean().optional(),
});
export type GradeInput = z.infer<typeof gradeInput>;

/** Teacher events (offline-capable writes, features/teacher-events). */
export const gradeEventPayload = gradeInput.extend({ submissionId: id });
export const withdrawEventPayload = z.strictObject({ assignmentId: id });
