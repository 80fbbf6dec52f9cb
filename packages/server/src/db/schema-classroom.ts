// Row types of the classroom, messages and attendance tables (migrations 0008–0012),
// as the application sees them (db/schema.ts says how). db/schema.ts re-exports them and lists them in DB.

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

/** One teacher event from the web app's outbox, as applied or rejected (0011). */
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
