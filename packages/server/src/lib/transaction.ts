import type { Kysely } from 'kysely';

/**
 * Runs `fn` in a transaction, or in the caller's when `db` already is one: Kysely cannot nest them,
 * and the demo seed drives the media and content services inside its single transaction.
 */
export const inTransaction = <DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);
