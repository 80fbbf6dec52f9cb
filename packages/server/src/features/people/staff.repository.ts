import type { StaffListQuery } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, visibleStaff } from '../../auth/policy';
import type { DB, NewUser } from '../../db/schema';
import { paged, searchPattern } from '../../lib/paging';

type Db = Kysely<DB>;

const withSchool = (db: Db, auth: Auth) =>
  visibleStaff(auth, db.selectFrom('users')).select((eb) => [
    'users.id',
    'users.schoolId',
    'users.role',
    'users.username',
    'users.nameAr',
    'users.givenName',
    'users.familyName',
    'users.sex',
    'users.archivedAt',
    eb
      .selectFrom('schools')
      .select('schools.nameFr')
      .whereRef('schools.id', '=', 'users.schoolId')
      .as('schoolName'),
  ]);

export type StaffRow = Awaited<ReturnType<ReturnType<typeof withSchool>['executeTakeFirstOrThrow']>>;

export const staffRepository = {
  list(db: Db, auth: Auth, q: StaffListQuery) {
    let qb = withSchool(db, auth);
    const pattern = searchPattern(q.q);
    if (pattern) qb = qb.where('users.searchText', 'like', pattern);
    if (q.schoolId) qb = qb.where('users.schoolId', '=', q.schoolId);
    if (q.role) qb = qb.where('users.role', '=', q.role);
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
    db.updateTable('users').set(patch).where('id', '=', id).execute(),

  /** Signs the user out everywhere. */
  deleteSessions: (db: Db, userId: string) =>
    db.deleteFrom('sessions').where('userId', '=', userId).execute(),
};
