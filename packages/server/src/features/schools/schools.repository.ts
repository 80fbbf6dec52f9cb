import type { SchoolListQuery } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, visibleSchools } from '../../auth/policy';
import type { DB, NewSchool, SchoolUpdate } from '../../db/schema';
import { paged, searchPattern } from '../../lib/paging';

type Db = Kysely<DB>;

const withCounts = (db: Db) =>
  db
    .selectFrom('schools')
    .select((eb) => [
      'schools.id',
      'schools.code',
      'schools.nameAr',
      'schools.nameFr',
      'schools.region',
      'schools.province',
      'schools.archivedAt',
      'schools.meetingUrl',
      'schools.updatedAt',
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.schoolId', '=', 'schools.id')
        .where('users.role', '=', 'learner')
        .where('users.archivedAt', 'is', null)
        .as('learnerCount'),
      eb
        .selectFrom('devices')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('devices.schoolId', '=', 'schools.id')
        .as('tabletCount'),
    ]);

export type SchoolRow = Awaited<ReturnType<ReturnType<typeof withCounts>['executeTakeFirstOrThrow']>>;

export const schoolsRepository = {
  list(db: Db, auth: Auth, q: SchoolListQuery) {
    let qb = visibleSchools(auth, withCounts(db));
    const pattern = searchPattern(q.q);
    if (pattern) qb = qb.where('schools.searchText', 'like', pattern);
    if (q.region) qb = qb.where('schools.region', '=', q.region);
    if (q.archived !== 'all')
      qb = qb.where('schools.archivedAt', q.archived === 'true' ? 'is not' : 'is', null);
    return paged(qb.orderBy(`schools.${q.sort}`, q.order).orderBy('schools.id'), q);
  },

  find: (db: Db, auth: Auth, id: string) =>
    visibleSchools(auth, withCounts(db)).where('schools.id', '=', id).executeTakeFirst(),

  findByCode: (db: Db, code: string) =>
    db.selectFrom('schools').select(['id']).where('code', '=', code).executeTakeFirst(),

  insert: (db: Db, row: NewSchool) => db.insertInto('schools').values(row).execute(),

  update: (db: Db, id: string, patch: SchoolUpdate) =>
    db.updateTable('schools').set(patch).where('id', '=', id).execute(),

  getRaw: (db: Db, id: string) =>
    db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst(),
};
