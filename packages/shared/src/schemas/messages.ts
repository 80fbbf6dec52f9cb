import { z } from 'zod';
import { HHMM } from '../lib/quiet-hours';
import { CONTROL_CHARS } from '../lib/text';
import { id, isoDateTime } from './common';
import { mediaHash } from './content';

// Announcements to a class, comment threads on a task (one per task and learner), and a school's
// quiet hours (issue 5; the sync rows are in ./sync.ts).

export const ANNOUNCEMENT_BODY_MAX = 2000;
export const COMMENT_BODY_MAX = 2000;
export const ATTACHMENT_NAME_MAX = 200;

/** Free text over several lines, trimmed, without control characters other than line breaks. */
export const messageBody = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

/** A comment as tablets send it in `comment.posted` and teachers type it: 1..2000 characters. */
export const commentBody = messageBody(COMMENT_BODY_MAX).pipe(z.string().min(1, 'write a comment'));

export const hhmm = z.string().regex(HHMM, 'a time like 21:00');
export const quietHours = z.strictObject({ start: hhmm, end: hhmm });
export type QuietHoursInput = z.infer<typeof quietHours>;

export const announcementInput = z
  .strictObject({
    /** An id chosen by the client (the teacher outbox resends it); a new one when left out. */
    id: id.optional(),
    body: messageBody(ANNOUNCEMENT_BODY_MAX).default(''),
    audio: z.strictObject({ hash: mediaHash }).nullable().optional(),
    attachment: z
      .strictObject({
        hash: mediaHash,
        name: messageBody(ATTACHMENT_NAME_MAX).pipe(z.string().min(1)),
      })
      .nullable()
      .optional(),
  })
  .refine((a) => a.body.length > 0 || !!a.audio, {
    message: 'write a message or record one',
    path: ['body'],
  });
export type AnnouncementInput = z.infer<typeof announcementInput>;

const mediaRef = z.strictObject({ hash: mediaHash, mime: z.string(), bytes: z.number().int() });

export const announcement = z.object({
  id,
  classId: id,
  body: z.string(),
  audio: mediaRef.nullable(),
  attachment: mediaRef.extend({ name: z.string() }).nullable(),
  authorId: id,
  authorName: z.string(),
  createdAt: isoDateTime,
});
export type Announcement = z.infer<typeof announcement>;
export const announcementList = z.object({ items: z.array(announcement) });

export const announcementParams = z.strictObject({ id, announcementId: id });
export const threadParams = z.strictObject({ id, learnerId: id });

export const commentInput = z.strictObject({
  /** An id chosen by the client (the teacher outbox resends it); a new one when left out. */
  id: id.optional(),
  body: commentBody,
});
export type CommentInput = z.infer<typeof commentInput>;

export const comment = z.object({
  id,
  assignmentId: id,
  learnerId: id,
  authorId: id,
  authorName: z.string(),
  authorRole: z.enum(['teacher', 'learner']),
  body: z.string(),
  createdAt: isoDateTime,
});
export type Comment = z.infer<typeof comment>;
export const commentList = z.object({ items: z.array(comment) });

/** One learner's thread on a task, as the teacher's list shows it; learners with no comment yet too. */
export const commentThread = z.object({
  learnerId: id,
  learnerName: z.string(),
  /** The learner's name in Arabic script, when the roster has it. */
  learnerNameAr: z.string().nullable(),
  count: z.number().int(),
  lastAt: isoDateTime.nullable(),
  lastBody: z.string().nullable(),
  lastAuthorRole: z.enum(['teacher', 'learner']).nullable(),
});
export type CommentThread = z.infer<typeof commentThread>;
export const commentThreadList = z.object({
  /** The task, for the page's heading and its way back to the class. */
  assignment: z.object({ id, classId: id, title: z.string() }),
  items: z.array(commentThread),
});
export type CommentThreadList = z.infer<typeof commentThreadList>;

// Teacher events (the web app's outbox, features/teacher-events): the same actions as the REST
// routes, carrying their ids so that a resend changes nothing.
export const announcementPostedPayload = z
  .strictObject({
    announcementId: id,
    classId: id,
    body: messageBody(ANNOUNCEMENT_BODY_MAX).default(''),
    audio: z.strictObject({ hash: mediaHash }).nullable().default(null),
    attachment: z
      .strictObject({ hash: mediaHash, name: messageBody(ATTACHMENT_NAME_MAX).pipe(z.string().min(1)) })
      .nullable()
      .default(null),
  })
  .refine((a) => a.body.length > 0 || !!a.audio, {
    message: 'write a message or record one',
    path: ['body'],
  });
export type AnnouncementPostedPayload = z.input<typeof announcementPostedPayload>;

export const teacherCommentPostedPayload = z.strictObject({
  commentId: id,
  assignmentId: id,
  learnerId: id,
  body: commentBody,
});
export type TeacherCommentPostedPayload = z.input<typeof teacherCommentPostedPayload>;
