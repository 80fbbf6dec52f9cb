import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Lessons and quizzes. `content_items` holds the one editable draft; `content_versions` holds what
// was published, one frozen row per version that is never updated, because a learner's record
// names the exact version they used.
//
// Full-text search differs per database and is created only where it exists:
// - SQLite: an FTS5 table with one row for each item's draft and one for its latest published
//   version (`doc`), so a learner is never matched on words only an unpublished draft contains;
// - PostgreSQL: a tsvector on the draft (content_items) and on each version, with GIN indexes.
//   The 'simple' configuration because PostgreSQL has no Arabic stemmer; the service folds the text
//   (tashkeel, hamza forms, accents) before it reaches either database.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contentItems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // NULL: the programme-wide library, visible to every school once published.
    .addColumn('schoolId', 'text', (c) => c.references('schools.id'))
    .addColumn('createdBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('draftBody', 'text', (c) => c.notNull())
    .addColumn('draftUpdatedAt', 'text', (c) => c.notNull())
    .addColumn('latestVersion', 'integer')
    .addColumn('archivedAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('searchText', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contentItemsSchoolKind')
    .on('contentItems')
    .columns(['schoolId', 'kind', 'updatedAt'])
    .execute();
  await db.schema
    .createIndex('contentItemsTags')
    .on('contentItems')
    .columns(['cycle', 'level', 'subject'])
    .execute();

  await db.schema
    .createTable('contentVersions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contentId', 'text', (c) => c.notNull().references('contentItems.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('publishedBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('publishedAt', 'text', (c) => c.notNull())
    .addUniqueConstraint('contentVersionsContentVersion', ['contentId', 'version'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table content_items add column search_vector tsvector`.execute(db);
    await sql`alter table content_versions add column search_vector tsvector`.execute(db);
    await sql`create index content_items_search on content_items using gin (search_vector)`.execute(db);
    await sql`create index content_versions_search on content_versions using gin (search_vector)`.execute(db);
  } else {
    await sql`create virtual table content_search using fts5(
      content_id unindexed, doc unindexed, title, body_text, tags,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`drop table content_search`.execute(db);
  }
  await db.schema.dropTable('contentVersions').execute();
  await db.schema.dropTable('contentItems').execute();
}
