import type { Kysely } from 'kysely';

// Media are keyed by the SHA-256 of their bytes. created_by is deliberately not a foreign key: a
// content pack brings media made by users of another server.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('durationMs', 'integer')
    .addColumn('originalName', 'text')
    .addColumn('createdBy', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mediaRenditions')
    .addColumn('mediaHash', 'text', (c) => c.notNull().references('media.hash').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mediaRenditionsPk', ['mediaHash', 'name'])
    .execute();
  // Serving looks a rendition up by its own hash.
  await db.schema.createIndex('mediaRenditionsHash').on('mediaRenditions').column('hash').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mediaRenditions').execute();
  await db.schema.dropTable('media').execute();
}
