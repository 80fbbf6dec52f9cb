import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

export const authRepository = {
  findLoginUser: (db: Db, username: string) =>
    db
      .selectFrom('users')
      .select(['id', 'passwordHash'])
      .where('username', '=', username)
      .where('archivedAt', 'is', null)
      .executeTakeFirst(),

  findMe: (db: Db, userId: string) =>
    db
      .selectFrom('users')
      .select(['id', 'role', 'username', 'givenName', 'familyName', 'nameAr', 'schoolId', 'locale'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow(),

  insertSession: (db: Db, row: DB['sessions']) => db.insertInto('sessions').values(row).execute(),

  deleteSession: (db: Db, tokenHash: string) =>
    db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute(),

  deleteExpiredSessions: (db: Db, now: string) =>
    db.deleteFrom('sessions').where('expiresAt', '<=', now).execute(),

  getThrottle: (db: Db, key: string) =>
    db.selectFrom('loginThrottle').selectAll().where('key', '=', key).executeTakeFirst(),

  putThrottle: async (db: Db, row: DB['loginThrottle']) => {
    await db
      .insertInto('loginThrottle')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ failures: row.failures, windowStartedAt: row.windowStartedAt }),
      )
      .execute();
  },

  clearThrottle: (db: Db, key: string) => db.deleteFrom('loginThrottle').where('key', '=', key).execute(),

  setLocale: (db: Db, userId: string, locale: DB['users']['locale'], now: string) =>
    db.updateTable('users').set({ locale, updatedAt: now }).where('id', '=', userId).execute(),
};
