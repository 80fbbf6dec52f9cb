import type { Kysely } from 'kysely';

// The change log's bookkeeping (docs/adr/0006-sync-change-log.md).
// - syncScopes: per scope, when its rows were last projected into the change log, and the horizon:
//   the highest tombstone seq dropped by compaction (a cursor below it must start over).
// - syncScopeRows: what the change log currently says each row of a scope is (a hash of its data),
//   so that projecting a scope again appends only what changed, and a missing row becomes a tombstone.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('syncScopes')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('builtAt', 'text')
    .addColumn('horizonSeq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('syncScopeRows')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entityKey', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('syncScopeRowsPk', ['scope', 'entity', 'entityKey'])
    .execute();

  // Compaction looks for old tombstones and superseded rows by time.
  await db.schema.createIndex('changeLogAt').on('changeLog').column('at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('changeLogAt').execute();
  await db.schema.dropTable('syncScopeRows').execute();
  await db.schema.dropTable('syncScopes').execute();
}
