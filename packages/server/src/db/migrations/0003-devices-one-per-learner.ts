import type { Kysely } from 'kysely';

// A learner holds at most one tablet. The service checks it first to answer with a clear 409; this
// index makes it true under concurrent handovers too (PostgreSQL runs them in parallel) and for rows
// written by other tools. Both databases let any number of rows share a NULL here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('devicesLearnerUnique').on('devices').column('learnerId').unique().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devicesLearnerUnique').execute();
}
