import { type Kysely, sql } from 'kysely';

// A tablet may fetch a file only if a row of one of its scopes references it (before this, the
// hash alone was the capability). Each logged row records the media hashes its data references,
// space-separated (null: none), and the rows that reference any are indexed by scope.

/** As features/sync/projection.ts mediaHashes finds them: any `hash` key holding a SHA-256. */
const REF = /"hash":"([0-9a-f]{64})"/g;

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('syncScopeRows').addColumn('media', 'text').execute();
  await db.schema
    .createIndex('syncScopeRowsMedia')
    .on('syncScopeRows')
    .column('scope')
    .where(sql.ref('media'), 'is not', null)
    .execute();
  // The rows logged so far: the change log holds the current put of each row.
  const puts = await db
    .selectFrom('changeLog')
    .select(['scope', 'entity', 'entityKey', 'data'])
    .where('op', '=', 'put')
    .where('data', 'like', '%"hash":"%')
    .execute();
  for (const p of puts as Array<{ scope: string; entity: string; entityKey: string; data: string }>) {
    const hashes = [...new Set([...p.data.matchAll(REF)].map((m) => m[1]))];
    if (hashes.length === 0) continue;
    await db
      .updateTable('syncScopeRows')
      .set({ media: hashes.join(' ') })
      .where('scope', '=', p.scope)
      .where('entity', '=', p.entity)
      .where('entityKey', '=', p.entityKey)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('syncScopeRowsMedia').execute();
  await db.schema.alterTable('syncScopeRows').dropColumn('media').execute();
}
