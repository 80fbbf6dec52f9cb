import { type Kysely, sql } from 'kysely';

// Attendance and live sessions (issue 5). A register is the set of marks of one class on one school
// day, either the day's own (live_session_id NULL) or one live session's. NULLs are distinct in a
// UNIQUE index on both SQLite and PostgreSQL, so the key indexes coalesce(live_session_id, '').
// A live session keeps its own link only when the teacher overrode the school's service; otherwise
// the link is computed from schools.meeting_url when read, so a school changing services moves its
// upcoming sessions with it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('liveSessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('startsAt', 'text', (c) => c.notNull())
    .addColumn('durationMinutes', 'integer', (c) => c.notNull())
    // startsAt + duration, kept so "upcoming" and "past" are plain comparisons on both databases.
    .addColumn('endsAt', 'text', (c) => c.notNull())
    .addColumn('meetingUrl', 'text')
    .addColumn('createdBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('cancelledAt', 'text')
    .execute();
  await db.schema
    .createIndex('liveSessionsClass')
    .on('liveSessions')
    .columns(['classId', 'endsAt'])
    .execute();

  await db.schema
    .createTable('attendanceMarks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('liveSessionId', 'text', (c) => c.references('liveSessions.id'))
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('markedBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('markedAt', 'text', (c) => c.notNull())
    .execute();
  // Raw SQL: the key holds an expression, which Kysely's index builder does not name portably.
  await sql`create unique index attendance_marks_register on attendance_marks
    (class_id, date, (coalesce(live_session_id, '')), learner_id)`.execute(db);
  await db.schema
    .createIndex('attendanceMarksLearner')
    .on('attendanceMarks')
    .columns(['learnerId', 'date'])
    .execute();

  // An https base URL or a template with {sessionId}; NULL: the school has no meeting service.
  await db.schema.alterTable('schools').addColumn('meetingUrl', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('meetingUrl').execute();
  await db.schema.dropTable('attendanceMarks').execute();
  await db.schema.dropTable('liveSessions').execute();
}
