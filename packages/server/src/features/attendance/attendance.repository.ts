import type { Insertable, Kysely, Updateable } from 'kysely';
import { type Auth, visibleClasses } from '../../auth/policy';
import type { AttendanceMarksTable, DB, LiveSessionsTable } from '../../db/schema';

type Db = Kysely<DB>;

/** A register's key: the day's (liveSessionId null) or one live session's. */
export interface RegisterKey {
  classId: string;
  date: string;
  liveSessionId: string | null;
}

export const liveSessionColumns = (db: Db) =>
  db
    .selectFrom('liveSessions')
    .innerJoin('classes', 'classes.id', 'liveSessions.classId')
    .innerJoin('schools', 'schools.id', 'classes.schoolId')
    .select([
      'liveSessions.id',
      'liveSessions.classId',
      'liveSessions.title',
      'liveSessions.startsAt',
      'liveSessions.durationMinutes',
      'liveSessions.meetingUrl',
      'liveSessions.cancelledAt',
      'liveSessions.createdAt',
      'classes.title as classTitle',
      'classes.schoolId',
      'schools.meetingUrl as schoolMeetingUrl',
    ]);

export type LiveSessionRow = Awaited<
  ReturnType<ReturnType<typeof liveSessionColumns>['executeTakeFirstOrThrow']>
>;

export const attendanceRepository = {
  /** The class if the user may see it (for a teacher: a class they teach). */
  findClass: (db: Db, auth: Auth, id: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .select(['classes.id', 'classes.schoolId', 'classes.title', 'classes.archivedAt'])
      .where('classes.id', '=', id)
      .executeTakeFirst(),

  schoolMeetingUrl: async (db: Db, schoolId: string) =>
    (await db.selectFrom('schools').select('meetingUrl').where('id', '=', schoolId).executeTakeFirst())
      ?.meetingUrl ?? null,

  /** The active learners of a class, by family name. */
  enrolledLearners: (db: Db, classId: string) =>
    db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.userId')
      .select(['users.id', 'users.givenName', 'users.familyName', 'users.nameAr', 'users.massarCode'])
      .where('enrolments.classId', '=', classId)
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('users.archivedAt', 'is', null)
      .orderBy('users.familyName')
      .orderBy('users.givenName')
      .orderBy('users.id')
      .execute(),

  /** Learners by id, for those marked once who have since left the class. */
  learnersByIds: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('users')
          .select(['id', 'givenName', 'familyName', 'nameAr', 'massarCode'])
          .where('id', 'in', ids)
          .execute(),

  registerMarks: (db: Db, k: RegisterKey) =>
    db
      .selectFrom('attendanceMarks')
      .leftJoin('users as marker', 'marker.id', 'attendanceMarks.markedBy')
      .select([
        'attendanceMarks.learnerId',
        'attendanceMarks.status',
        'attendanceMarks.note',
        'attendanceMarks.markedAt',
        'marker.givenName as markerGiven',
        'marker.familyName as markerFamily',
      ])
      .where('attendanceMarks.classId', '=', k.classId)
      .where('attendanceMarks.date', '=', k.date)
      .where((eb) =>
        k.liveSessionId === null
          ? eb('attendanceMarks.liveSessionId', 'is', null)
          : eb('attendanceMarks.liveSessionId', '=', k.liveSessionId),
      )
      .execute(),

  deleteRegister: (db: Db, k: RegisterKey) =>
    db
      .deleteFrom('attendanceMarks')
      .where('classId', '=', k.classId)
      .where('date', '=', k.date)
      .where((eb) =>
        k.liveSessionId === null
          ? eb('liveSessionId', 'is', null)
          : eb('liveSessionId', '=', k.liveSessionId),
      )
      .execute(),

  insertMarks: (db: Db, rows: Insertable<AttendanceMarksTable>[]) =>
    rows.length === 0 ? Promise.resolve() : db.insertInto('attendanceMarks').values(rows).execute(),

  /** Every learner's count of each status over the class's registers between two days. */
  monthCounts: (db: Db, classId: string, first: string, last: string) =>
    db
      .selectFrom('attendanceMarks')
      .select((eb) => ['learnerId', 'status', eb.fn.countAll<number>().as('n')])
      .where('classId', '=', classId)
      .where('date', '>=', first)
      .where('date', '<=', last)
      .groupBy(['learnerId', 'status'])
      .execute(),

  /** How many registers (days and live sessions) were taken between two days. */
  registerCount: async (db: Db, classId: string, first: string, last: string) => {
    const rows = await db
      .selectFrom('attendanceMarks')
      .select(['date', 'liveSessionId'])
      .where('classId', '=', classId)
      .where('date', '>=', first)
      .where('date', '<=', last)
      .groupBy(['date', 'liveSessionId'])
      .execute();
    return rows.length;
  },

  // Live sessions

  findLiveSession: (db: Db, id: string) =>
    liveSessionColumns(db).where('liveSessions.id', '=', id).executeTakeFirst(),

  /** Sessions of the classes the user sees, optionally of one class, in a time window. */
  listLiveSessions: (
    db: Db,
    auth: Auth,
    q: { classId?: string; when: 'upcoming' | 'past' | 'all'; limit: number; now: string },
  ) => {
    let qb = liveSessionColumns(db).where('liveSessions.classId', 'in', (eb) =>
      visibleClasses(auth, eb.selectFrom('classes')).select('classes.id'),
    );
    if (q.classId) qb = qb.where('liveSessions.classId', '=', q.classId);
    if (q.when === 'upcoming')
      qb = qb.where('liveSessions.endsAt', '>', q.now).where('liveSessions.cancelledAt', 'is', null);
    if (q.when === 'past') qb = qb.where('liveSessions.endsAt', '<=', q.now);
    return qb
      .orderBy('liveSessions.startsAt', q.when === 'past' ? 'desc' : 'asc')
      .orderBy('liveSessions.id')
      .limit(q.limit)
      .execute();
  },

  insertLiveSession: (db: Db, row: Insertable<LiveSessionsTable>) =>
    db.insertInto('liveSessions').values(row).execute(),

  updateLiveSession: (db: Db, id: string, patch: Updateable<LiveSessionsTable>) =>
    db.updateTable('liveSessions').set(patch).where('id', '=', id).execute(),
};
