import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

export const learnerSignInRepository = {
  find: (db: Db, learnerId: string) =>
    db.selectFrom('learnerSignIn').selectAll().where('learnerId', '=', learnerId).executeTakeFirst(),

  /** Writes the given secrets (JSON), keeping the other one as it is. */
  upsert: (
    db: Db,
    learnerId: string,
    secrets: { pictureCode?: string; pin?: string },
    by: string,
    now: string,
  ) =>
    db
      .insertInto('learnerSignIn')
      .values({
        learnerId,
        pictureCode: secrets.pictureCode ?? null,
        pin: secrets.pin ?? null,
        updatedBy: by,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column('learnerId').doUpdateSet({ ...secrets, updatedBy: by, updatedAt: now }))
      .execute(),

  /** Clears both secrets; the row stays so that the change reaches the tablets as a change. */
  clear: (db: Db, learnerId: string, by: string, now: string) =>
    db
      .updateTable('learnerSignIn')
      .set({ pictureCode: null, pin: null, updatedBy: by, updatedAt: now })
      .where('learnerId', '=', learnerId)
      .execute(),
};
