import type { ContentListQuery } from '@lawh/shared';
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Auth, contentDraftVisible, visibleContent } from '../../auth/policy';
import type { ContentItemsTable, ContentVersionsTable, DB } from '../../db/schema';
import { paged } from '../../lib/paging';
import type { SearchDocument } from './content-search';

type Db = Kysely<DB>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const ref = (column: string) => sql.ref(column);
const TAG_COLUMNS = ['title', 'cycle', 'level', 'subject', 'language'] as const;

/** True when the draft differs from the latest version, or nothing was published yet. */
const draftChanged = sql<number>`case when ${ref('contentVersions.id')} is null
  or ${ref('contentItems.draftBody')} <> ${ref('contentVersions.body')}
  or coalesce(${ref('contentItems.unit')}, '') <> coalesce(${ref('contentVersions.unit')}, '')
  ${sql.join(
    TAG_COLUMNS.map((c) => sql`or ${ref(`contentItems.${c}`)} <> ${ref(`contentVersions.${c}`)}`),
    sql` `,
  )} then 1 else 0 end`;

/**
 * Each row seen as the viewer may see it: its draft's column where the draft is visible to them,
 * its latest published version's otherwise (visibleContent keeps only published rows for them).
 */
const viewed = (auth: Auth, draftCol: string, publishedCol: string): RawBuilder<string> =>
  sql<string>`case when ${contentDraftVisible(auth)} then ${ref(draftCol)} else ${ref(publishedCol)} end`;

const viewedTag = (auth: Auth, c: string) => viewed(auth, `contentItems.${c}`, `contentVersions.${c}`);

const SORTS: Record<ContentListQuery['sort'], (auth: Auth) => Expression<string>> = {
  title: (auth) => viewedTag(auth, 'title'),
  updatedAt: (auth) => viewed(auth, 'contentItems.updatedAt', 'contentVersions.publishedAt'),
  createdAt: () => ref('contentItems.createdAt') as RawBuilder<string>,
};

const withLatest = (db: Db, auth: Auth) =>
  visibleContent(auth, db.selectFrom('contentItems'))
    .leftJoin('contentVersions', (j) =>
      j
        .onRef('contentVersions.contentId', '=', 'contentItems.id')
        .onRef('contentVersions.version', '=', 'contentItems.latestVersion'),
    )
    .select([
      'contentItems.id',
      'contentItems.kind',
      'contentItems.schoolId',
      'contentItems.title',
      'contentItems.cycle',
      'contentItems.level',
      'contentItems.subject',
      'contentItems.unit',
      'contentItems.language',
      'contentItems.latestVersion',
      'contentItems.archivedAt',
      'contentItems.updatedAt',
      'contentVersions.title as publishedTitle',
      'contentVersions.cycle as publishedCycle',
      'contentVersions.level as publishedLevel',
      'contentVersions.subject as publishedSubject',
      'contentVersions.unit as publishedUnit',
      'contentVersions.language as publishedLanguage',
      'contentVersions.publishedAt',
      draftChanged.as('draftChanged'),
    ]);

export type ContentRow = Awaited<ReturnType<ReturnType<typeof withLatest>['executeTakeFirstOrThrow']>>;

/**
 * Words matched against the viewer's view of each row: the draft's index entry or the published
 * one's. Parenthesised whole: Kysely ANDs it with the visibility filter as raw text.
 */
function matches(db: Db, auth: Auth, match: string): RawBuilder<SqlBool> {
  const draft = contentDraftVisible(auth);
  if (isPostgres(db)) {
    const query = sql`to_tsquery('simple', ${match})`;
    return sql<SqlBool>`(((${draft}) and ${ref('contentItems.searchVector')} @@ ${query})
      or (not (${draft}) and ${ref('contentVersions.searchVector')} @@ ${query}))`;
  }
  const hits = (doc: string) =>
    sql`(select content_id from content_search where content_search match ${match} and doc = ${doc})`;
  return sql<SqlBool>`(((${draft}) and ${ref('contentItems.id')} in ${hits('draft')})
    or (not (${draft}) and ${ref('contentItems.id')} in ${hits('published')}))`;
}

export type NewContentItem = Omit<ContentItemsTable, 'latestVersion' | 'archivedAt'>;
export type NewContentVersion = ContentVersionsTable;

export const contentRepository = {
  /** `match` is an FTS5 expression on SQLite and a tsquery on PostgreSQL (see content-search.ts). */
  list(db: Db, auth: Auth, q: ContentListQuery, match: { fts: string; ts: string } | null) {
    let qb = withLatest(db, auth);
    if (q.kind) qb = qb.where('contentItems.kind', '=', q.kind);
    for (const c of ['cycle', 'level', 'subject', 'unit', 'language'] as const) {
      const value = q[c];
      if (value !== undefined) qb = qb.where(viewedTag(auth, c), '=', value);
    }
    if (q.status !== 'all')
      qb = qb.where('contentItems.latestVersion', q.status === 'draft' ? 'is' : 'is not', null);
    if (q.archived !== 'all')
      qb = qb.where('contentItems.archivedAt', q.archived === 'true' ? 'is not' : 'is', null);
    if (match) qb = qb.where(matches(db, auth, isPostgres(db) ? match.ts : match.fts));
    return paged(qb.orderBy(SORTS[q.sort](auth), q.order).orderBy('contentItems.id', q.order), q);
  },

  find: (db: Db, auth: Auth, id: string) =>
    withLatest(db, auth)
      .leftJoin('users as publisher', 'publisher.id', 'contentVersions.publishedBy')
      .select([
        'contentItems.draftBody',
        'contentItems.draftUpdatedAt',
        'contentVersions.publishedBy',
        'publisher.givenName as publisherGivenName',
        'publisher.familyName as publisherFamilyName',
      ])
      .where('contentItems.id', '=', id)
      .executeTakeFirst(),

  /** Quizzes by id that the author may see, whatever their state; the service judges each. */
  findQuizzes: (db: Db, auth: Auth, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : visibleContent(auth, db.selectFrom('contentItems'))
          .select([
            'contentItems.id',
            'contentItems.schoolId',
            'contentItems.latestVersion',
            'contentItems.archivedAt',
          ])
          .where('contentItems.kind', '=', 'quiz')
          .where('contentItems.id', 'in', ids)
          .execute(),

  /** The kind of each stored medium among `hashes`. */
  async mediaKinds(db: Db, hashes: string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const rows = await db.selectFrom('media').select(['hash', 'kind']).where('hash', 'in', hashes).execute();
    return new Map(rows.map((r) => [r.hash, r.kind]));
  },

  insert: (db: Db, row: NewContentItem) => db.insertInto('contentItems').values(row).execute(),

  update: (db: Db, id: string, patch: Partial<ContentItemsTable>) =>
    db.updateTable('contentItems').set(patch).where('id', '=', id).execute(),

  /** Takes the next version number and returns the draft to freeze, in one statement (it locks the row on PostgreSQL). */
  nextVersion: (db: Db, id: string, now: string) =>
    db
      .updateTable('contentItems')
      .set({ latestVersion: sql<number>`coalesce(${ref('latestVersion')}, 0) + 1`, updatedAt: now })
      .where('id', '=', id)
      .returning(['latestVersion', 'title', 'cycle', 'level', 'subject', 'unit', 'language', 'draftBody'])
      .executeTakeFirstOrThrow(),

  insertVersion: (db: Db, row: NewContentVersion) => db.insertInto('contentVersions').values(row).execute(),

  listVersions: (db: Db, contentId: string) =>
    db
      .selectFrom('contentVersions')
      .innerJoin('users', 'users.id', 'contentVersions.publishedBy')
      .select([
        'contentVersions.contentId',
        'contentVersions.version',
        'contentVersions.title',
        'contentVersions.publishedAt',
        'contentVersions.publishedBy',
        'users.givenName',
        'users.familyName',
      ])
      .where('contentVersions.contentId', '=', contentId)
      .orderBy('contentVersions.version', 'desc')
      .execute(),

  getVersion: (db: Db, contentId: string, version: number) =>
    db
      .selectFrom('contentVersions')
      .innerJoin('users', 'users.id', 'contentVersions.publishedBy')
      .selectAll('contentVersions')
      .select(['users.givenName', 'users.familyName'])
      .where('contentVersions.contentId', '=', contentId)
      .where('contentVersions.version', '=', version)
      .executeTakeFirst(),

  /** Replaces the draft's search entry; call inside the write's transaction. */
  async indexDraft(db: Db, contentId: string, doc: SearchDocument, searchText: string) {
    if (isPostgres(db)) {
      await sql`update content_items set search_vector = to_tsvector('simple', ${searchText})
        where id = ${contentId}`.execute(db);
      return;
    }
    await sql`delete from content_search where content_id = ${contentId} and doc = 'draft'`.execute(db);
    await sql`insert into content_search (content_id, doc, title, body_text, tags)
      values (${contentId}, 'draft', ${doc.title}, ${doc.bodyText}, ${doc.tags})`.execute(db);
  },

  /**
   * Makes the draft's search entry the published one; the new version was copied from that draft.
   * On PostgreSQL this sets the vector of the version inserted in the same transaction, the one
   * write a version row ever gets after its insert.
   */
  async indexPublished(db: Db, contentId: string, versionId: string) {
    if (isPostgres(db)) {
      await sql`update content_versions set search_vector =
        (select search_vector from content_items where id = ${contentId}) where id = ${versionId}`.execute(
        db,
      );
      return;
    }
    await sql`delete from content_search where content_id = ${contentId} and doc = 'published'`.execute(db);
    await sql`insert into content_search (content_id, doc, title, body_text, tags)
      select content_id, 'published', title, body_text, tags from content_search
      where content_id = ${contentId} and doc = 'draft'`.execute(db);
  },
};
