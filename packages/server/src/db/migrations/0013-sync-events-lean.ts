import type { Kysely } from 'kysely';

// Every stored event paid for an index on (actor_id, seq) that no query reads: about a third of an
// event's insert cost on SQLite (bench/README.md). Readers of a learner's history use
// learner_progress, submissions and the other projections; an export by learner can scan by seq.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('syncEventsActor').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('syncEventsActor').on('syncEvents').columns(['actorId', 'seq']).execute();
}
