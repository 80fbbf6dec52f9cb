import type { AcademicSessionListQuery } from '@lawh/shared';
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { AcademicSessionsTable, DB } from '../../db/schema';
import { paged } from '../../lib/paging';

type Db = Kysely<DB>;

const columns = [
  'id',
  'title',
  'type',
  'startDate',
  'endDate',
  'parentId',
  'archivedAt',
] as const satisfies ReadonlyArray<keyof AcademicSessionsTable>;

export type AcademicSessionRecord = Pick<AcademicSessionsTable, (typeof columns)[number]>;

export const calendarRepository = {
  list(db: Db, q: AcademicSessionListQuery) {
    let qb = db.selectFrom('academicSessions').select(columns);
    if (q.type) qb = qb.where('type', '=', q.type);
    if (q.archived !== 'all') qb = qb.where('archivedAt', q.archived === 'true' ? 'is not' : 'is', null);
    return paged(qb.orderBy('startDate', 'desc').orderBy('id'), q);
  },

  find: (db: Db, id: string): Promise<AcademicSessionRecord | undefined> =>
    db.selectFrom('academicSessions').select(columns).where('id', '=', id).executeTakeFirst(),

  /** The active terms of a year that would fall outside these dates. */
  termsOutside: (db: Db, yearId: string, startDate: string, endDate: string) =>
    db
      .selectFrom('academicSessions')
      .select(['id', 'startDate', 'endDate'])
      .where('parentId', '=', yearId)
      .where('archivedAt', 'is', null)
      .where((eb) => eb.or([eb('startDate', '<', startDate), eb('endDate', '>', endDate)]))
      .execute(),

  insert: (db: Db, row: Insertable<AcademicSessionsTable>) =>
    db.insertInto('academicSessions').values(row).execute(),

  update: (db: Db, id: string, patch: Updateable<AcademicSessionsTable>) =>
    db.updateTable('academicSessions').set(patch).where('id', '=', id).execute(),
};
