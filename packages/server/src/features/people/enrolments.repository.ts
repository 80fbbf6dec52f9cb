import type { Insertable, Kysely } from 'kysely';
import { type Auth, visibleClasses, visibleLearners } from '../../auth/policy';
import type { DB, EnrolmentsTable } from '../../db/schema';

type Db = Kysely<DB>;

const learnerEnrolments = (db: Db) =>
  db
    .selectFrom('enrolments')
    .innerJoin('users', 'users.id', 'enrolments.userId')
    .select([
      'enrolments.id',
      'enrolments.classId',
      'enrolments.userId',
      'users.massarCode',
      'users.nameAr',
      'users.givenName',
      'users.familyName',
      'users.sex',
    ])
    .where('enrolments.role', '=', 'learner')
    .where('enrolments.archivedAt', 'is', null)
    .where('users.archivedAt', 'is', null);

export type EnrolmentRow = Awaited<
  ReturnType<ReturnType<typeof learnerEnrolments>['executeTakeFirstOrThrow']>
>;

export const enrolmentsRepository = {
  findClass: (db: Db, auth: Auth, id: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .select(['classes.id', 'classes.schoolId', 'classes.archivedAt'])
      .where('classes.id', '=', id)
      .executeTakeFirst(),

  /** The class's active learners that this user may see (a learner sees only themselves). */
  list: (db: Db, auth: Auth, classId: string) =>
    learnerEnrolments(db)
      .where('enrolments.classId', '=', classId)
      .where('users.id', 'in', visibleLearners(auth, db.selectFrom('users').select('users.id')))
      .orderBy('users.familyName')
      .orderBy('users.givenName')
      .orderBy('users.id')
      .execute(),

  findActive: (db: Db, classId: string, userId: string) =>
    learnerEnrolments(db)
      .where('enrolments.classId', '=', classId)
      .where('enrolments.userId', '=', userId)
      .executeTakeFirst(),

  findLearner: (db: Db, id: string) =>
    db
      .selectFrom('users')
      .select(['id', 'role', 'schoolId', 'archivedAt'])
      .where('id', '=', id)
      .executeTakeFirst(),

  /** The one row a (class, user) pair may have, active or archived. */
  findAny: (db: Db, classId: string, userId: string) =>
    db
      .selectFrom('enrolments')
      .select(['id', 'role', 'archivedAt'])
      .where('classId', '=', classId)
      .where('userId', '=', userId)
      .executeTakeFirst(),

  insert: (db: Db, row: Insertable<EnrolmentsTable>) => db.insertInto('enrolments').values(row).execute(),

  /** Ends an active enrolment; false when it had already ended. */
  end: async (db: Db, id: string, now: string) =>
    Number(
      (
        await db
          .updateTable('enrolments')
          .set({ archivedAt: now, updatedAt: now })
          .where('id', '=', id)
          .where('archivedAt', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) > 0,

  /** Brings an ended enrolment back; false when someone else already did. */
  resume: async (db: Db, id: string, now: string) =>
    Number(
      (
        await db
          .updateTable('enrolments')
          .set({ archivedAt: null, updatedAt: now })
          .where('id', '=', id)
          .where('archivedAt', 'is not', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) > 0,
};
