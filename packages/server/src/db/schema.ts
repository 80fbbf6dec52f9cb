import type { Condition, ConsentStatus, DeviceStatus, Locale, Role } from '@lawh/shared';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AnnouncementsTable,
  AssignmentGroupsTable,
  AssignmentLearnersTable,
  AttendanceMarksTable,
  ClassGroupMembersTable,
  ClassGroupsTable,
  CommentsTable,
  GuardianNotesTable,
  LiveSessionsTable,
  SubmissionsTable,
  TeacherEventsTable,
} from './schema-classroom';
import type {
  ChangeLogTable,
  DeviceSyncStateTable,
  LearnerProgressTable,
  SyncEventsTable,
  SyncQuarantineTable,
  SyncScopeRowsTable,
  SyncScopesTable,
} from './schema-sync';

export type * from './schema-classroom';
export type * from './schema-sync';

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
