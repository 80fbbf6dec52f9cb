import type { ClassListQuery } from '@lawh/shared';
import type { Insertable, Kysely, Updateable } from 'kysely';
import { type Auth, visibleClasses } from '../../auth/policy';
import type { ClassesTable, DB, EnrolmentsTable } from '../../db/schema';
import { paged, searchPattern } from '../../lib/paging';

type Db = Kysely<DB>;

// The school's name and the learner count are correlated subqueries, so the count query that
// paged() derives from this one stays a plain scan of `classes`.
const withCounts = (db: Db, auth: Auth) =>
  visibleClasses(auth, db.selectFrom('classes')).select((eb) => [
    'classes.id',
    'classes.schoolId',
    'classes.yearId',
    'classes.title',
    'classes.cycle',
    'classes.level',
    'classes.subject',
    'classes.archivedAt',
    eb
      .selectFrom('schools')
      .select('schools.nameFr')
      .whereRef('schools.id', '=', 'classes.schoolId')
      .as('schoolName'),
    eb
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.userId')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('enrolments.classId', '=', 'classes.id')
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('users.archivedAt', 'is', null)
      .as('learnerCount'),
  ]);

export type ClassListRow = Awaited<ReturnType<ReturnType<typeof withCounts>['executeTakeFirstOrThrow']>>;

export const classesRepository = {
  list(db: Db, auth: Auth, q: ClassListQuery) {
    let qb = withCounts(db, auth);
    const pattern = searchPattern(q.q);
    if (pattern) qb = qb.where('classes.searchText', 'like', pattern);
    if (q.schoolId) qb = qb.where('classes.schoolId', '=', q.schoolId);
    if (q.level) qb = qb.where('classes.level', '=', q.level);
    if (q.subject) qb = qb.where('classes.subject', '=', q.subject);
    if (q.learnerId) {
      const learnerId = q.learnerId;
      qb = qb.where('classes.id', 'in', (eb) =>
        eb
          .selectFrom('enrolments')
          .select('enrolments.classId')
          .where('enrolments.userId', '=', learnerId)
          .where('enrolments.role', '=', 'learner')
          .where('enrolments.archivedAt', 'is', null),
      );
    }
    if (q.archived !== 'all')
      qb = qb.where('classes.archivedAt', q.archived === 'true' ? 'is not' : 'is', null);
    return paged(qb.orderBy(`classes.${q.sort}`, q.order).orderBy('classes.id'), q);
  },

  find: (db: Db, auth: Auth, id: string) =>
    withCounts(db, auth).where('classes.id', '=', id).executeTakeFirst(),

  /** The active teachers of many classes in one query (a page of the list, or one class). */
  teachersOf: (db: Db, classIds: string[]) =>
    classIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('enrolments')
          .innerJoin('users', 'users.id', 'enrolments.userId')
          .select(['enrolments.classId', 'users.id', 'users.givenName', 'users.familyName'])
          .where('enrolments.classId', 'in', classIds)
          .where('enrolments.role', '=', 'teacher')
          .where('enrolments.archivedAt', 'is', null)
          .where('users.archivedAt', 'is', null)
          .orderBy('users.familyName')
          .orderBy('users.givenName')
          .orderBy('users.id')
          .execute(),

  findSchool: (db: Db, id: string) =>
    db.selectFrom('schools').select(['id', 'archivedAt']).where('id', '=', id).executeTakeFirst(),

  findSession: (db: Db, id: string) =>
    db.selectFrom('academicSessions').select(['type', 'archivedAt']).where('id', '=', id).executeTakeFirst(),

  /** Those of `ids` who are teachers of this school, archived or not. */
  teachersAmong: (db: Db, schoolId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('users')
          .select(['id', 'archivedAt'])
          .where('id', 'in', ids)
          .where('role', '=', 'teacher')
          .where('schoolId', '=', schoolId)
          .execute(),

  /** Everyone with an active teacher enrolment in the class, archived accounts included. */
  assignedTeacherIds: async (db: Db, classId: string) =>
    (
      await db
        .selectFrom('enrolments')
        .select('userId')
        .where('classId', '=', classId)
        .where('role', '=', 'teacher')
        .where('archivedAt', 'is', null)
        .execute()
    ).map((r) => r.userId),

  insert: (db: Db, row: Insertable<ClassesTable>) => db.insertInto('classes').values(row).execute(),

  update: (db: Db, id: string, patch: Updateable<ClassesTable>) =>
    db.updateTable('classes').set(patch).where('id', '=', id).execute(),

  /** Adds teacher enrolments, bringing back an archived one rather than adding a second row. */
  async assignTeachers(db: Db, rows: Array<Insertable<EnrolmentsTable>>, now: string) {
    if (rows.length === 0) return;
    await db
      .insertInto('enrolments')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['classId', 'userId']).doUpdateSet({ role: 'teacher', archivedAt: null, updatedAt: now }),
      )
      .execute();
  },

  async unassignTeachers(db: Db, classId: string, userIds: string[], now: string) {
    if (userIds.length === 0) return;
    await db
      .updateTable('enrolments')
      .set({ archivedAt: now, updatedAt: now })
      .where('classId', '=', classId)
      .where('userId', 'in', userIds)
      .where('role', '=', 'teacher')
      .execute();
  },
};
