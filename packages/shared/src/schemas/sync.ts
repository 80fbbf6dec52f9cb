import { z } from 'zod';
import { SUBMISSION_MAX_MEDIA, SUBMISSION_MAX_TEXT } from '../content/submission-state';
import { SIGN_IN_PICTURES } from '../lib/constants';
import { SYNC_LIMITS } from '../lib/sync-constants';
import { id, isoDateTime, text } from './common';
import { contentLanguage, quizAnswer } from './content';
import { commentBody, quietHours } from './messages';

export { CURSOR_EXPIRED, SYNC_LIMITS } from '../lib/sync-constants';

// The wire contract of sync protocol v1 (DESIGN.md, docs/sync-protocol.md). Server and tablet both
// import these; a change here is a protocol change and needs a new `v` or path version.

// ---------------------------------------------------------------------------------------------
// Provisioning

/** Enrolment codes: 8 characters of Crockford base32 (no I, L, O, U), shown as XXXX-XXXX. */
export const ENROLMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const enrolmentCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, '8 letters or digits'));

export const appVersion = z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 1.2.3');

export const enrolRequest = z.strictObject({ code: enrolmentCode, appVersion });
export type EnrolRequest = z.infer<typeof enrolRequest>;

export const enrolResponse = z.strictObject({
  deviceId: id,
  serialNumber: z.string(),
  /** The bearer credential. Shown once; the server keeps only its hash. */
  token: z.string().min(32),
  school: z.strictObject({ id, nameAr: z.string(), nameFr: z.string() }),
  minAppVersion: appVersion,
  /**
   * The highest device_seq the server holds for this tablet. A tablet enrolled again with empty
   * storage numbers its next event above it; starting again at 1 would look like resends and be
   * ignored. Optional only for servers older than this field.
   */
  lastSeq: z.number().int().min(0).optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponse>;

// ---------------------------------------------------------------------------------------------
// Learner sign-in on a shared tablet

export { SIGN_IN_PICTURES };
export const signInPicture = z.enum(SIGN_IN_PICTURES);
export type SignInPicture = z.infer<typeof signInPicture>;
export const pictureCode = z
  .array(signInPicture)
  .length(3)
  .refine((p) => new Set(p).size === 3, { message: 'three different pictures' });
export const pin = z.string().regex(/^\d{4}$/, '4 digits');

/** A salted hash of a picture code (pictures joined by '-') or a PIN, checkable offline. */
export const secretHash = z.strictObject({
  alg: z.literal('pbkdf2-sha256'),
  iter: z.number().int().min(1000).max(1_000_000),
  salt: z.string().min(16).max(64), // base64
  hash: z.string().min(32).max(64), // base64 of 32 bytes
});
export type SecretHash = z.infer<typeof secretHash>;

// ---------------------------------------------------------------------------------------------
// Up: events

export const EVENT_KINDS = [
  'lesson.opened',
  'lesson.completed',
  'quiz.answered',
  'quiz.completed',
  'comment.posted',
  // Classroom (CORE)
  'submission.submitted',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const contentRef = { contentId: id, version: z.number().int().min(1) };
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
/** A photo or voice recording a learner attached; its bytes are uploaded before the event is pushed. */
export const submissionMediaRef = z.strictObject({
  hash: sha256Hex,
  mime: z.string().min(1).max(100),
  bytes: z.number().int().min(1),
  kind: z.enum(['photo', 'voice']),
});
/** Payload schemas by kind and version. The server upcasts old versions before applying. */
export const eventPayloads = {
  'lesson.opened': { 1: z.strictObject({ ...contentRef }) },
  'lesson.completed': { 1: z.strictObject({ ...contentRef, durationMs: z.number().int().min(0) }) },
  'quiz.answered': {
    1: z.strictObject({
      ...contentRef,
      itemId: id,
      answer: quizAnswer,
      correct: z.boolean(),
      score: z.number().min(0).max(1),
      attempt: z.number().int().min(1),
      hintsUsed: z.number().int().min(0),
    }),
  },
  'quiz.completed': {
    1: z.strictObject({
      ...contentRef,
      score: z.number().min(0).max(1),
      correct: z.number().int().min(0),
      answered: z.number().int().min(0),
      mastered: z.boolean(),
    }),
  },
  /** A learner's comment in their own thread on a task (features/messages applies it). */
  'comment.posted': {
    1: z.strictObject({ commentId: id, assignmentId: id, learnerId: id, body: commentBody }),
  },
  // Classroom (CORE): a learner's answer to a task; sent again after a return, with a new id.
  'submission.submitted': {
    1: z.strictObject({
      submissionId: id,
      assignmentId: id,
      text: z.string().max(SUBMISSION_MAX_TEXT).nullable(),
      media: z.array(submissionMediaRef).max(SUBMISSION_MAX_MEDIA),
    }),
  },
} as const satisfies Record<EventKind, Record<number, z.ZodType>>;

/**
 * The envelope. Kind and payload are checked loosely here and strictly by the server, so that one
 * bad or unknown event is quarantined and acknowledged instead of failing its whole batch.
 */
export const syncEvent = z.strictObject({
  id: z.uuid(),
  deviceId: id,
  deviceSeq: z.number().int().min(1),
  actorId: id,
  kind: z.string().min(1).max(64),
  v: z.number().int().min(1),
  clientTs: isoDateTime,
  // Any object: the server checks it against the kind's schema (a record would copy every key).
  payload: z.looseObject({}),
});
export type SyncEvent = z.infer<typeof syncEvent>;

/** What the tablet reports about itself on every push (shown in the tablet register). */
export const deviceStatusReport = z.strictObject({
  appVersion,
  freeStorageBytes: z.number().int().min(0).nullable(),
  usedStorageBytes: z.number().int().min(0).nullable(),
  outboxCount: z.number().int().min(0),
});
export type DeviceStatusReport = z.infer<typeof deviceStatusReport>;

export const pushRequest = z.strictObject({
  events: z.array(syncEvent).max(SYNC_LIMITS.pushMaxEvents),
  status: deviceStatusReport,
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResponse = z.strictObject({
  /** Every event of this device up to here is stored (or quarantined): delete them from the outbox. */
  ackedSeq: z.number().int().min(0),
  quarantined: z.number().int().min(0),
  minAppVersion: appVersion,
});
export type PushResponse = z.infer<typeof pushResponse>;

// ---------------------------------------------------------------------------------------------
// Down: server rows

/** Scopes are decided by the server; the device treats them as opaque names. */
export const scopeName = z.string().regex(/^[a-z]+:[A-Za-z0-9_.:-]+$/, 'not a scope');
export const syncCursor = z.record(scopeName, z.number().int().min(0));
export type SyncCursor = z.infer<typeof syncCursor>;

export const pullRequest = z.strictObject({ cursor: syncCursor });
export type PullRequest = z.infer<typeof pullRequest>;

export const SYNC_ENTITIES = [
  'school',
  'class',
  'learner',
  'enrolment',
  'assignment',
  'content',
  'progress',
  'announcement',
  'comment',
  // Classroom (CORE)
  'submission',
  'liveSession',
] as const;
export const syncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof syncEntity>;

export const syncChange = z.strictObject({
  seq: z.number().int().min(1),
  scope: scopeName,
  entity: syncEntity,
  key: z.string(),
  op: z.enum(['put', 'del']),
  data: z.unknown().optional(),
});
export type SyncChange = z.infer<typeof syncChange>;

export const pullResponse = z.strictObject({
  changes: z.array(syncChange),
  /** Store this with the applied page, in one local transaction. */
  cursor: syncCursor,
  hasMore: z.boolean(),
  /** Scopes no longer granted: purge their rows on the device. */
  removedScopes: z.array(scopeName),
  minAppVersion: appVersion,
});
export type PullResponse = z.infer<typeof pullResponse>;

// The data of each entity as the device receives it.
export const syncRows = {
  school: z.strictObject({ id, nameAr: z.string(), nameFr: z.string(), quietHours }),
  class: z.strictObject({ id, schoolId: id, name: z.string(), level: z.string() }),
  learner: z.strictObject({
    id,
    givenName: z.string(),
    familyName: z.string(),
    nameAr: z.string().nullable(),
    pictureCode: secretHash.nullable(),
    pin: secretHash.nullable(),
  }),
  enrolment: z.strictObject({ classId: id, learnerId: id }),
  assignment: z.strictObject({
    id,
    classId: id,
    kind: z.enum(['lesson', 'quiz', 'task']),
    /** The lesson or quiz; null for a task. */
    contentId: id.nullable(),
    title: z.string().nullable(),
    instructions: z.string().nullable(),
    attachments: z.array(
      z.strictObject({
        hash: z.string(),
        mime: z.string(),
        bytes: z.number().int().min(0),
        name: z.string(),
      }),
    ),
    /** Who it is for; null: the whole class. */
    learnerIds: z.array(id).nullable(),
    openAt: isoDateTime,
    dueAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    maxPoints: z.number().nullable(),
  }),
  content: z.strictObject({
    id,
    kind: z.enum(['lesson', 'quiz']),
    version: z.number().int().min(1),
    title: text(200),
    language: contentLanguage,
    unit: z.string().nullable(),
    subject: z.string(),
    level: z.string(),
    /** The frozen published body (lessonBody or quizBody from ./content). */
    body: z.unknown(),
    /** Media hashes the body references, with sizes, for the download manager. */
    media: z.array(z.strictObject({ hash: z.string(), bytes: z.number().int().min(0), mime: z.string() })),
  }),
  progress: z.strictObject({
    learnerId: id,
    contentId: id,
    version: z.number().int().min(1),
    status: z.enum(['started', 'completed', 'mastered']),
    score: z.number().nullable(),
    attempts: z.number().int(),
    lastAt: isoDateTime,
  }),
  /** Class scope (features/messages). */
  announcement: z.strictObject({
    id,
    classId: id,
    body: z.string(),
    audio: z.strictObject({ hash: z.string(), mime: z.string(), bytes: z.number().int() }).nullable(),
    attachment: z
      .strictObject({ hash: z.string(), mime: z.string(), bytes: z.number().int(), name: z.string() })
      .nullable(),
    authorName: z.string(),
    createdAt: isoDateTime,
  }),
  /** Class scope: a live session on the school's meeting service, from a day before it (features/attendance). */
  liveSession: z.strictObject({
    id,
    classId: id,
    title: z.string(),
    startsAt: isoDateTime,
    durationMinutes: z.number().int(),
    /** null when neither the session nor the school has a meeting link. */
    joinUrl: z.string().nullable(),
    cancelled: z.boolean(),
  }),
  /** Learner scope: the thread of (assignment, learner) (features/messages). */
  comment: z.strictObject({
    id,
    assignmentId: id,
    learnerId: id,
    authorId: id,
    authorName: z.string(),
    authorRole: z.enum(['teacher', 'learner']),
    body: z.string(),
    createdAt: isoDateTime,
  }),
  // Classroom (CORE): the learner's latest attempt at a task. The grade comes down only once returned.
  submission: z.strictObject({
    id,
    assignmentId: id,
    learnerId: id,
    state: z.enum(['submitted', 'returned']),
    late: z.boolean(),
    submittedAt: isoDateTime,
    text: z.string().nullable(),
    media: z.array(submissionMediaRef),
    returned: z
      .strictObject({
        points: z.number().nullable(),
        maxPoints: z.number().nullable(),
        rubric: z
          .array(z.strictObject({ criterion: z.string(), level: z.string(), points: z.number() }))
          .nullable(),
        feedbackText: z.string().nullable(),
        feedbackVoice: z
          .strictObject({ hash: z.string(), mime: z.string(), bytes: z.number().int().min(0) })
          .nullable(),
        returnedAt: isoDateTime,
      })
      .nullable(),
  }),
} as const satisfies Record<SyncEntity, z.ZodType>;
export type SyncRow<E extends SyncEntity> = z.infer<(typeof syncRows)[E]>;

// ---------------------------------------------------------------------------------------------
// Admin: events held back by the server

export const quarantinedEvent = z.strictObject({
  seq: z.number().int(),
  deviceId: id,
  serialNumber: z.string(),
  deviceSeq: z.number().int(),
  eventId: z.string().nullable(),
  /** `code: explanation`, e.g. `actor_not_in_school: …`. */
  reason: z.string(),
  /** The event as the tablet sent it. */
  event: z.unknown(),
  receivedAt: isoDateTime,
});
export type QuarantinedEvent = z.infer<typeof quarantinedEvent>;
export const quarantineQuery = z.strictObject({
  deviceId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const quarantineList = z.strictObject({ items: z.array(quarantinedEvent) });
