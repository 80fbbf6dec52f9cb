import type { Kysely } from 'kysely';

// What teachers did from the web app's outbox, once per event id (docs/teacher-outbox.md): the
// idempotency record that answers a resend, and the trail of rejected events, which are kept.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacherEvents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('v', 'integer', (c) => c.notNull())
    .addColumn('clientTs', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('errorCode', 'text')
    .addColumn('errorMessage', 'text')
    .addColumn('errorField', 'text')
    .addColumn('receivedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teacherEventsUser')
    .on('teacherEvents')
    .columns(['userId', 'receivedAt'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('teacherEvents').execute();
}
