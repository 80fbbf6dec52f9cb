import type { PackFilters } from '@lawh/shared';
import { type Insertable, type Kysely, PostgresAdapter, sql } from 'kysely';
import { type Auth, visibleContent } from '../../auth/policy';
import type {
  ContentItemsTable,
  ContentVersionsTable,
  DB,
  MediaRenditionsTable,
  MediaTable,
} from '../../db/schema';
import { type SearchDocument, searchTextOf } from '../content/content-search';

type Db = Kysely<DB>;

/** SQLite allows 32766 bound values per statement; stay far below it. */
const CHUNK = 500;

async function chunked<T, R>(values: T[], run: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await run(values.slice(i, i + CHUNK))));
  return out;
}

const units = (u: PackFilters['unit']) => (u === undefined ? [] : Array.isArray(u) ? u : [u]);

export const packsRepository = {
  /**
   * Published, live items the user may see whose latest published version matches the filters:
   * what travels is that version's tags, not the draft's.
   */
  async exportable(db: Db, auth: Auth, f: PackFilters): Promise<string[]> {
    let qb = visibleContent(auth, db.selectFrom('contentItems'))
      .innerJoin('contentVersions', (j) =>
        j
          .onRef('contentVersions.contentId', '=', 'contentItems.id')
          .onRef('contentVersions.version', '=', 'contentItems.latestVersion'),
      )
      .select('contentItems.id')
      .where('contentItems.archivedAt', 'is', null);
    for (const c of ['cycle', 'level', 'subject', 'language'] as const) {
      const value = f[c];
      if (value !== undefined) qb = qb.where(`contentVersions.${c}`, '=', value);
    }
    const u = units(f.unit);
    if (u.length) qb = qb.where('contentVersions.unit', 'in', u);
    return (await qb.orderBy('contentItems.id').execute()).map((r) => r.id);
  },

  /** Published, live quizzes among `ids` that the user may see (links from exported lessons). */
  publishedQuizzes: (db: Db, auth: Auth, ids: string[]) =>
    chunked(ids, (part) =>
      visibleContent(auth, db.selectFrom('contentItems'))
        .select('contentItems.id')
        .where('contentItems.id', 'in', part)
        .where('contentItems.kind', '=', 'quiz')
        .where('contentItems.latestVersion', 'is not', null)
        .execute(),
    ).then((rows) => rows.map((r) => r.id)),

  items: (db: Db, ids: string[]) =>
    chunked(ids, (part) =>
      db
        .selectFrom('contentItems')
        .select(['id', 'kind', 'schoolId', 'createdBy', 'createdAt', 'latestVersion', 'draftBody', 'title'])
        .select(['cycle', 'level', 'subject', 'unit', 'language'])
        .where('id', 'in', part)
        .execute(),
    ),

  versions: (db: Db, ids: string[]) =>
    chunked(ids, (part) =>
      db
        .selectFrom('contentVersions')
        .selectAll()
        .where('contentId', 'in', part)
        .orderBy('contentId')
        .orderBy('version')
        .execute(),
    ),

  media: (db: Db, hashes: string[]) =>
    chunked(hashes, (part) => db.selectFrom('media').selectAll().where('hash', 'in', part).execute()),

  renditions: (db: Db, hashes: string[]) =>
    chunked(hashes, (part) =>
      db
        .selectFrom('mediaRenditions')
        .selectAll()
        .where('mediaHash', 'in', part)
        .orderBy('mediaHash')
        .orderBy('name')
        .execute(),
    ),

  existingIds: (db: Db, table: 'schools' | 'users', ids: string[]) =>
    chunked(ids, (part) => db.selectFrom(table).select('id').where('id', 'in', part).execute()).then(
      (rows) => new Set(rows.map((r) => r.id)),
    ),

  /** Any programme admin, to stand for the command line's imports when a pack's author is unknown here. */
  someProgrammeAdmin: (db: Db) =>
    db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'programme_admin')
      .where('archivedAt', 'is', null)
      .orderBy('createdAt')
      .executeTakeFirst(),

  insertMedia: (db: Db, row: Insertable<MediaTable>) =>
    db
      .insertInto('media')
      .values(row)
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute(),

  insertRendition: (db: Db, row: Insertable<MediaRenditionsTable>) =>
    db
      .insertInto('mediaRenditions')
      .values(row)
      .onConflict((oc) => oc.columns(['mediaHash', 'name']).doNothing())
      .execute(),

  insertItem: (db: Db, row: ContentItemsTable) => db.insertInto('contentItems').values(row).execute(),

  updateItem: (db: Db, id: string, patch: Partial<ContentItemsTable>) =>
    db.updateTable('contentItems').set(patch).where('id', '=', id).execute(),

  insertVersion: (db: Db, row: ContentVersionsTable) =>
    db.insertInto('contentVersions').values(row).execute(),

  item: (db: Db, id: string) =>
    db.selectFrom('contentItems').selectAll().where('id', '=', id).executeTakeFirst(),

  version: (db: Db, contentId: string, version: number) =>
    db
      .selectFrom('contentVersions')
      .selectAll()
      .where('contentId', '=', contentId)
      .where('version', '=', version)
      .executeTakeFirst(),

  versionNumbers: async (db: Db, contentId: string) =>
    new Set(
      (
        await db.selectFrom('contentVersions').select('version').where('contentId', '=', contentId).execute()
      ).map((r) => Number(r.version)),
    ),

  quizExists: async (db: Db, id: string) =>
    (await db
      .selectFrom('contentItems')
      .select('id')
      .where('id', '=', id)
      .where('kind', '=', 'quiz')
      .executeTakeFirst()) !== undefined,

  /**
   * Makes this version the item's published search entry: FTS5's 'published' doc on SQLite, the
   * version's own tsvector on PostgreSQL (content.repository's indexPublished copies the draft's,
   * which an import may leave different).
   */
  async indexPublished(db: Db, versionId: string, contentId: string, doc: SearchDocument) {
    const text = searchTextOf(doc);
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`update content_versions set search_vector = to_tsvector('simple', ${text})
        where id = ${versionId}`.execute(db);
      return;
    }
    await sql`delete from content_search where content_id = ${contentId} and doc = 'published'`.execute(db);
    await sql`insert into content_search (content_id, doc, title, body_text, tags)
      values (${contentId}, 'published', ${doc.title}, ${doc.bodyText}, ${doc.tags})`.execute(db);
  },
};
