import type { LearnerListQuery } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, visibleLearners } from '../../auth/policy';
import type { DB, NewUser } from '../../db/schema';
import { paged, searchPattern } from '../../lib/paging';

type Db = Kysely<DB>;

// The school's name is a correlated subquery, not a join, so the count query that paged() derives
// from this one reads `users` alone, through the (school_id, role, family_name) index.
const withSchool = (db: Db, auth: Auth) =>
  visibleLearners(auth, db.selectFrom('users')).select((eb) => [
    'users.id',
    'users.schoolId',
    'users.massarCode',
    'users.nameAr',
    'users.givenName',
    'users.familyName',
    'users.sex',
    'users.birthYear',
    'users.guardianName',
    'users.guardianPhone',
    'users.consentStatus',
    'users.consentDate',
    'users.archivedAt',
    eb
      .selectFrom('schools')
      .select('schools.nameFr')
      .whereRef('schools.id', '=', 'users.schoolId')
      .as('schoolName'),
  ]);

export type LearnerRow = Awaited<ReturnType<ReturnType<typeof withSchool>['executeTakeFirstOrThrow']>>;

export const learnersRepository = {
  /** One page and one count, whatever the filters: the list must stay fast at 2,000 learners a school. */
  list(db: Db, auth: Auth, q: LearnerListQuery) {
    let qb = withSchool(db, auth);
    const pattern = searchPattern(q.q);
    if (pattern) qb = qb.where('users.searchText', 'like', pattern);
    if (q.schoolId) qb = qb.where('users.schoolId', '=', q.schoolId);
    if (q.sex) qb = qb.where('users.sex', '=', q.sex);
    if (q.consentStatus) qb = qb.where('users.consentStatus', '=', q.consentStatus);
    if (q.classId) {
      const classId = q.classId;
      qb = qb.where('users.id', 'in', (eb) =>
        eb
          .selectFrom('enrolments')
          .select('enrolments.userId')
          .where('enrolments.classId', '=', classId)
          .where('enrolments.role', '=', 'learner')
          .where('enrolments.archivedAt', 'is', null),
      );
    }
    if (q.archived !== 'all')
      qb = qb.where('users.archivedAt', q.archived === 'true' ? 'is not' : 'is', null);
    return paged(qb.orderBy(`users.${q.sort}`, q.order).orderBy('users.id'), q);
  },

  find: (db: Db, auth: Auth, id: string) =>
    withSchool(db, auth).where('users.id', '=', id).executeTakeFirst(),

  findSchool: (db: Db, id: string) =>
    db.selectFrom('schools').select(['id', 'archivedAt']).where('id', '=', id).executeTakeFirst(),

  insert: (db: Db, row: NewUser) => db.insertInto('users').values(row).execute(),

  update: (db: Db, id: string, patch: Partial<NewUser>) =>
    db.updateTable('users').set(patch).where('id', '=', id).where('role', '=', 'learner').execute(),

  deleteSessions: (db: Db, userId: string) =>
    db.deleteFrom('sessions').where('userId', '=', userId).execute(),
};
