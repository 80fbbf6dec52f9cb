import type { Kysely } from 'kysely';

// Announcements to a class, comment threads per (task, learner), and each school's quiet hours.
// Announcements are soft-deleted (deletedAt) so that a tablet that already synced one gets a
// tombstone; media columns are hashes into `media`, not foreign keys, like content bodies (a file
// outlives any one use of it). A comment thread is keyed by (assignment, learner): the learner and
// the class's teachers post into it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('authorId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('audioHash', 'text')
    .addColumn('attachmentHash', 'text')
    .addColumn('attachmentName', 'text')
    .addColumn('attachmentMime', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('deletedAt', 'text')
    .execute();
  await db.schema
    .createIndex('announcementsClass')
    .on('announcements')
    .columns(['classId', 'createdAt'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignmentId', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('authorId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('authorRole', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commentsThread')
    .on('comments')
    .columns(['assignmentId', 'learnerId', 'createdAt'])
    .execute();
  // The learner scope projects a learner's threads across tasks.
  await db.schema.createIndex('commentsLearner').on('comments').column('learnerId').execute();

  // 'HH:MM' in the school's time zone; no notifications from start to end (across midnight).
  await db.schema
    .alterTable('schools')
    .addColumn('quietStart', 'text', (c) => c.notNull().defaultTo('21:00'))
    .execute();
  await db.schema
    .alterTable('schools')
    .addColumn('quietEnd', 'text', (c) => c.notNull().defaultTo('07:00'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('quietEnd').execute();
  await db.schema.alterTable('schools').dropColumn('quietStart').execute();
  await db.schema.dropTable('comments').execute();
  await db.schema.dropTable('announcements').execute();
}
