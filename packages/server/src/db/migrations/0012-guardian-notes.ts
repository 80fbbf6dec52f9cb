import type { Kysely } from 'kysely';

// The teacher's short weekly note to a learner's guardians (issue 5), printed and copied with the
// weekly summary: one per learner, class and week (the Monday, YYYY-MM-DD, in Casablanca).

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guardianNotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('authorId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addUniqueConstraint('guardianNotesOne', ['learnerId', 'classId', 'week'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guardianNotes').execute();
}
