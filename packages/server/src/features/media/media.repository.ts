import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, MediaRenditionsTable, MediaTable } from '../../db/schema';
import { isUniqueViolation } from '../../lib/db-errors';
import { inTransaction } from '../../lib/transaction';

type Db = Kysely<DB>;
export type MediaRow = Selectable<MediaTable>;
export type RenditionRow = Selectable<MediaRenditionsTable>;

export const mediaRepository = {
  find(db: Db, hash: string): Promise<MediaRow | undefined> {
    return db.selectFrom('media').selectAll().where('hash', '=', hash).executeTakeFirst();
  },

  renditionsOf(db: Db, hash: string): Promise<RenditionRow[]> {
    return db
      .selectFrom('mediaRenditions')
      .selectAll()
      .where('mediaHash', '=', hash)
      .orderBy('name')
      .execute();
  },

  /** Type and size of anything servable under this hash: an original or a rendition. */
  async servable(db: Db, hash: string): Promise<{ mime: string; bytes: number } | undefined> {
    const original = await db
      .selectFrom('media')
      .select(['mime', 'bytes'])
      .where('hash', '=', hash)
      .executeTakeFirst();
    return (
      original ??
      db
        .selectFrom('mediaRenditions')
        .select(['mime', 'bytes'])
        .where('hash', '=', hash)
        .limit(1)
        .executeTakeFirst()
    );
  },

  /** The record and its renditions together, or neither. */
  insert(db: Db, row: Insertable<MediaTable>, renditions: Insertable<MediaRenditionsTable>[]): Promise<void> {
    return inTransaction(db, async (trx) => {
      await trx.insertInto('media').values(row).execute();
      if (renditions.length) await trx.insertInto('mediaRenditions').values(renditions).execute();
    });
  },

  /** A rendition made later (a video's); a second one of the same name is ignored. */
  async addRendition(db: Db, row: Insertable<MediaRenditionsTable>): Promise<void> {
    try {
      await db.insertInto('mediaRenditions').values(row).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  },

  /** Does the database name this hash, as an original or as a rendition? */
  async isReferenced(db: Db, hash: string): Promise<boolean> {
    const hit = await db
      .selectFrom('media')
      .select('hash')
      .where('hash', '=', hash)
      .union(db.selectFrom('mediaRenditions').select('hash').where('hash', '=', hash))
      .executeTakeFirst();
    return hit !== undefined;
  },
};
