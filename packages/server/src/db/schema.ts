import type { Condition, ConsentStatus, DeviceStatus, Locale, Role } from '@lawh/shared';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types as the application sees them (camelCase; CamelCasePlugin maps to snake_case columns).
// Timestamps are ISO-8601 UTC strings and dates are YYYY-MM-DD on both SQLite and PostgreSQL.

export interface ProgrammesTable {
  id: string;
  name: string;
  donor: string;
  implementer: string;
  agreementDate: string;
  tabletsGranted: number;
  createdAt: string;
}

export interface SchoolsTable {
  id: string;
  sourcedId: string | null;
  code: string;
  nameAr: string;
  nameFr: string;
  region: string;
  province: string;
  searchText: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Quiet hours, 'HH:MM' in the school's time zone (0010; defaults 21:00–07:00). */
  quietStart: Generated<string>;
  quietEnd: Generated<string>;
  /** Video-meeting service for live sessions (0009): https base URL or template with {sessionId}. */
  meetingUrl: Generated<string | null>;
}

export interface AcademicSessionsTable {
  id: string;
  sourcedId: string | null;
  title: string;
  type: 'schoolYear' | 'term';
  startDate: string;
  endDate: string;
  parentId: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  sourcedId: string | null;
  role: Role;
  schoolId: string | null;
  username: string | null;
  passwordHash: string | null;
  nameAr: string;
  givenName: string;
  familyName: string;
  sex: 'F' | 'M' | null;
  birthYear: number | null;
  massarCode: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  consentStatus: ConsentStatus | null;
  consentDate: string | null;
  locale: Locale;
  searchText: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClassesTable {
  id: string;
  sourcedId: string | null;
  schoolId: string;
  yearId: string;
  title: string;
  cycle: 'primaire' | 'college' | 'lycee';
  level: string;
  subject: string;
  searchText: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EnrolmentsTable {
  id: string;
  sourcedId: string | null;
  classId: string;
  userId: string;
  role: 'learner' | 'teacher';
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  windowStartedAt: string;
}

export interface DevicesTable {
  id: string;
  serialNumber: string;
  imei: string | null;
  model: string;
  batch: string;
  status: DeviceStatus;
  condition: Condition;
  schoolId: string | null;
  learnerId: string | null;
  searchText: string;
  createdAt: string;
  updatedAt: string;
  // As last reported by the tablet itself when it synced.
  lastSyncAt: string | null;
  appVersion: string | null;
  freeStorageBytes: number | null;
  outboxCount: number | null;
}

export interface DeviceEventsTable {
  id: Generated<number>;
  deviceId: string;
  at: string;
  action: string;
  actorId: string | null;
  fromStatus: DeviceStatus | null;
  toStatus: DeviceStatus;
  schoolId: string | null;
  learnerId: string | null;
  guardianName: string | null;
  condition: Condition | null;
  note: string | null;
}

export interface ContentItemsTable {
  id: string;
  kind: 'lesson' | 'quiz';
  schoolId: string | null;
  createdBy: string;
  title: string;
  cycle: string;
  level: string;
  subject: string;
  unit: string | null;
  language: string;
  /** JSON: a lesson's `{blocks}` or a quiz's `{items, mastery}`. */
  draftBody: string;
  draftUpdatedAt: string;
  latestVersion: number | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  searchText: string;
}

/** Published versions: inserted once, never updated. */
export interface ContentVersionsTable {
  id: string;
  contentId: string;
  version: number;
  title: string;
  cycle: string;
  level: string;
  subject: string;
  unit: string | null;
  language: string;
  body: string;
  publishedBy: string;
  publishedAt: string;
}

/** Uploaded media, keyed by the SHA-256 of their bytes. */
export interface MediaTable {
  hash: string;
  kind: 'image' | 'audio' | 'video' | 'pdf';
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  originalName: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface MediaRenditionsTable {
  mediaHash: string;
  name: string;
  hash: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  createdAt: string;
}

export interface EnrolmentCodesTable {
  codeHash: string;
  deviceId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface DeviceCredentialsTable {
  id: string;
  deviceId: string;
  tokenHash: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  lastSeenAt: string | null;
}

export interface LearnerSignInTable {
  learnerId: string;
  /** JSON of a SecretHash (shared/schemas/sync.ts). */
  pictureCode: string | null;
  pin: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

export interface AssignmentsTable {
  id: string;
  classId: string;
  /** Null for a task (0008). */
  contentId: string | null;
  contentVersion: number | null;
  openAt: string;
  dueAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  // Classroom (0008)
  kind: Generated<'lesson' | 'quiz' | 'task'>;
  title: string | null;
  instructions: string | null;
  /** JSON [{hash, mime, bytes, name}]. */
  attachments: Generated<string>;
  audience: Generated<'class' | 'groups' | 'learners'>;
  closedAt: string | null;
  maxPoints: number | null;
  /** JSON [{criterion, levels: [{label, points}]}]. */
  rubric: string | null;
}

/** Classroom (0008): groups inside a class, soft-deleted. */
export interface ClassGroupsTable {
  id: string;
  classId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}
export interface ClassGroupMembersTable {
  groupId: string;
  learnerId: string;
}
export interface AssignmentGroupsTable {
  assignmentId: string;
  groupId: string;
}
export interface AssignmentLearnersTable {
  assignmentId: string;
  learnerId: string;
}
/** Classroom (0008): one row per attempt; the grade lives on the attempt it judges. */
export interface SubmissionsTable {
  id: string;
  assignmentId: string;
  learnerId: string;
  attempt: number;
  state: 'submitted' | 'graded' | 'returned';
  /** 0 or 1. */
  late: number;
  text: string | null;
  /** JSON [{hash, mime, bytes, kind}]. */
  media: string;
  submittedAt: string;
  receivedAt: string;
  eventId: string | null;
  points: number | null;
  /** JSON [{criterion, level}] (indexes into the assignment's rubric). */
  rubricChoices: string | null;
  feedbackText: string | null;
  feedbackVoiceHash: string | null;
  gradedBy: string | null;
  gradedAt: string | null;
  returnedAt: string | null;
}

export interface SyncEventsTable {
  seq: Generated<number>;
  id: string;
  deviceId: string;
  deviceSeq: number;
  actorId: string;
  kind: string;
  v: number;
  clientTs: string;
  /** JSON. */
  payload: string;
  receivedAt: string;
}

export interface DeviceSyncStateTable {
  deviceId: string;
  ackedSeq: number;
  updatedAt: string;
}

export interface SyncQuarantineTable {
  seq: Generated<number>;
  eventId: string | null;
  deviceId: string;
  deviceSeq: number;
  reason: string;
  /** The event as received, JSON. */
  event: string;
  receivedAt: string;
  resolvedAt: string | null;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  scope: string;
  entity: string;
  entityKey: string;
  op: 'put' | 'del';
  /** JSON; null for del. */
  data: string | null;
  at: string;
}

export interface LearnerProgressTable {
  learnerId: string;
  contentId: string;
  contentVersion: number;
  status: 'started' | 'completed' | 'mastered';
  score: number | null;
  attempts: number;
  correct: number;
  answered: number;
  firstAt: string;
  lastAt: string;
  updatedAt: string;
}

export interface SyncScopesTable {
  scope: string;
  /** When the scope's rows were last projected into the change log; null: never. */
  builtAt: string | null;
  /** The highest tombstone seq compaction dropped: a cursor below it gets 410. */
  horizonSeq: number;
}

/** What the change log currently holds for each live row of a scope. */
export interface SyncScopeRowsTable {
  scope: string;
  entity: string;
  entityKey: string;
  hash: string;
  /** The media hashes the row's data references, space-separated; null when none (0014). */
  media: string | null;
}

/** One teacher event from the web app's outbox, as applied or rejected (0011). */
/** A teacher's weekly note to a learner's guardians (migration 0012). */
export interface GuardianNotesTable {
  id: string;
  learnerId: string;
  classId: string;
  /** Monday of the week, YYYY-MM-DD in Casablanca. */
  week: string;
  body: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
}

export interface TeacherEventsTable {
  id: string;
  userId: string;
  kind: string;
  v: number;
  clientTs: string;
  payload: string;
  status: 'applied' | 'rejected';
  errorCode: string | null;
  errorMessage: string | null;
  errorField: string | null;
  receivedAt: string;
}

/** An announcement to a class (0010); soft-deleted so tablets get a tombstone. */
export interface AnnouncementsTable {
  id: string;
  classId: string;
  authorId: string;
  /** Empty when the announcement is audio only. */
  body: string;
  audioHash: string | null;
  attachmentHash: string | null;
  attachmentName: string | null;
  attachmentMime: string | null;
  createdAt: string;
  deletedAt: string | null;
}

/** One comment in the thread of (assignment, learner) (0010). */
export interface CommentsTable {
  id: string;
  assignmentId: string;
  learnerId: string;
  authorId: string;
  authorRole: 'teacher' | 'learner';
  body: string;
  createdAt: string;
}

/** A scheduled live class session on an external video-meeting service (0009). */
export interface LiveSessionsTable {
  id: string;
  classId: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  /** startsAt + durationMinutes, ISO UTC. */
  endsAt: string;
  /** The session's own link; null: computed from schools.meetingUrl. */
  meetingUrl: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

/** One learner's mark on one register: a class's day (liveSessionId null) or a live session (0009). */
export interface AttendanceMarksTable {
  id: string;
  classId: string;
  /** The school's calendar day, YYYY-MM-DD. */
  date: string;
  liveSessionId: string | null;
  learnerId: string;
  status: 'present' | 'absent' | 'late' | 'excused';
  note: string | null;
  markedBy: string;
  /** When the teacher took the register, by their device's clock. */
  markedAt: string;
}

export interface DB {
  programmes: ProgrammesTable;
  schools: SchoolsTable;
  academicSessions: AcademicSessionsTable;
  users: UsersTable;
  classes: ClassesTable;
  enrolments: EnrolmentsTable;
  sessions: SessionsTable;
  loginThrottle: LoginThrottleTable;
  devices: DevicesTable;
  deviceEvents: DeviceEventsTable;
  media: MediaTable;
  mediaRenditions: MediaRenditionsTable;
  contentItems: ContentItemsTable;
  contentVersions: ContentVersionsTable;
  enrolmentCodes: EnrolmentCodesTable;
  deviceCredentials: DeviceCredentialsTable;
  learnerSignIn: LearnerSignInTable;
  assignments: AssignmentsTable;
  classGroups: ClassGroupsTable;
  classGroupMembers: ClassGroupMembersTable;
  assignmentGroups: AssignmentGroupsTable;
  assignmentLearners: AssignmentLearnersTable;
  submissions: SubmissionsTable;
  syncEvents: SyncEventsTable;
  deviceSyncState: DeviceSyncStateTable;
  syncQuarantine: SyncQuarantineTable;
  changeLog: ChangeLogTable;
  learnerProgress: LearnerProgressTable;
  syncScopes: SyncScopesTable;
  syncScopeRows: SyncScopeRowsTable;
  teacherEvents: TeacherEventsTable;
  announcements: AnnouncementsTable;
  comments: CommentsTable;
  guardianNotes: GuardianNotesTable;
  liveSessions: LiveSessionsTable;
  attendanceMarks: AttendanceMarksTable;
}

export type School = Selectable<SchoolsTable>;
export type NewSchool = Insertable<SchoolsTable>;
export type SchoolUpdate = Updateable<SchoolsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type ClassRecord = Selectable<ClassesTable>;
export type DeviceRecord = Selectable<DevicesTable>;
