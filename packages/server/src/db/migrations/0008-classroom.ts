import { type Kysely, PostgresAdapter } from 'kysely';

// Classroom (issue 5): tasks next to lessons and quizzes, class groups, audiences, submissions and
// their grading.
// - assignments gain a kind ('task' has no content item, so contentId becomes nullable), a title,
//   instructions, attachments (JSON [{hash, mime, bytes, name}]), an audience ('class', 'groups'
//   or 'learners', detailed in assignmentGroups / assignmentLearners), closedAt, maxPoints and a
//   rubric (JSON [{criterion, levels: [{label, points}]}]).
// - a group is soft-deleted (archivedAt) so a task given to it still knows who it was for.
// - submissions keep every attempt: a resubmission is a new row with the next attempt number, so
//   nothing a learner sent or a teacher wrote is lost. The grade lives on the attempt it judges.

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  if (pg) {
    const table = () => db.schema.alterTable('assignments');
    await table()
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('lesson'))
      .execute();
    await table().addColumn('title', 'text').execute();
    await table().addColumn('instructions', 'text').execute();
    await table()
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await table()
      .addColumn('audience', 'text', (c) => c.notNull().defaultTo('class'))
      .execute();
    await table().addColumn('closedAt', 'text').execute();
    await table().addColumn('maxPoints', 'real').execute();
    await table().addColumn('rubric', 'text').execute();
    await table()
      .alterColumn('contentId', (c) => c.dropNotNull())
      .execute();
    await db
      .updateTable('assignments')
      .set((eb) => ({
        kind: eb
          .selectFrom('contentItems')
          .select('contentItems.kind')
          .whereRef('contentItems.id', '=', 'assignments.contentId'),
      }))
      .execute();
  } else {
    // SQLite cannot drop NOT NULL: copy the table into one without it (nothing references it yet).
    await db.schema.dropIndex('assignmentsClass').execute();
    await db.schema.alterTable('assignments').renameTo('assignmentsOld').execute();
    await db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
      .addColumn('contentId', 'text', (c) => c.references('contentItems.id'))
      .addColumn('contentVersion', 'integer')
      .addColumn('openAt', 'text', (c) => c.notNull())
      .addColumn('dueAt', 'text')
      .addColumn('createdBy', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('createdAt', 'text', (c) => c.notNull())
      .addColumn('updatedAt', 'text', (c) => c.notNull())
      .addColumn('withdrawnAt', 'text')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('lesson'))
      .addColumn('title', 'text')
      .addColumn('instructions', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('audience', 'text', (c) => c.notNull().defaultTo('class'))
      .addColumn('closedAt', 'text')
      .addColumn('maxPoints', 'real')
      .addColumn('rubric', 'text')
      .execute();
    const cols = [
      'id',
      'classId',
      'contentId',
      'contentVersion',
      'openAt',
      'dueAt',
      'createdBy',
      'createdAt',
      'updatedAt',
      'withdrawnAt',
    ];
    await db
      .insertInto('assignments')
      .columns([...cols, 'kind'])
      .expression(
        db
          .selectFrom('assignmentsOld')
          .select(cols.map((c) => `assignmentsOld.${c}`))
          .select((eb) =>
            eb
              .selectFrom('contentItems')
              .select('contentItems.kind')
              .whereRef('contentItems.id', '=', 'assignmentsOld.contentId')
              .as('kind'),
          ),
      )
      .execute();
    await db.schema.dropTable('assignmentsOld').execute();
    await db.schema.createIndex('assignmentsClass').on('assignments').columns(['classId', 'dueAt']).execute();
  }

  await db.schema
    .createTable('classGroups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('classId', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('archivedAt', 'text')
    .execute();
  await db.schema.createIndex('classGroupsClass').on('classGroups').column('classId').execute();

  await db.schema
    .createTable('classGroupMembers')
    .addColumn('groupId', 'text', (c) => c.notNull().references('classGroups.id'))
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('classGroupMembersPk', ['groupId', 'learnerId'])
    .execute();

  await db.schema
    .createTable('assignmentGroups')
    .addColumn('assignmentId', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('groupId', 'text', (c) => c.notNull().references('classGroups.id'))
    .addPrimaryKeyConstraint('assignmentGroupsPk', ['assignmentId', 'groupId'])
    .execute();

  await db.schema
    .createTable('assignmentLearners')
    .addColumn('assignmentId', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('assignmentLearnersPk', ['assignmentId', 'learnerId'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignmentId', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('learnerId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    // 'submitted' | 'graded' | 'returned'; lateness is its own flag (a late piece is still late once graded).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('submittedAt', 'text', (c) => c.notNull())
    .addColumn('receivedAt', 'text', (c) => c.notNull())
    .addColumn('eventId', 'text')
    .addColumn('points', 'real')
    .addColumn('rubricChoices', 'text')
    .addColumn('feedbackText', 'text')
    .addColumn('feedbackVoiceHash', 'text')
    .addColumn('gradedBy', 'text', (c) => c.references('users.id'))
    .addColumn('gradedAt', 'text')
    .addColumn('returnedAt', 'text')
    .addUniqueConstraint('submissionsAttempt', ['assignmentId', 'learnerId', 'attempt'])
    .execute();
  await db.schema
    .createIndex('submissionsLearner')
    .on('submissions')
    .columns(['learnerId', 'assignmentId'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'submissions',
    'assignmentLearners',
    'assignmentGroups',
    'classGroupMembers',
    'classGroups',
  ])
    await db.schema.dropTable(t).execute();
  for (const c of [
    'kind',
    'title',
    'instructions',
    'attachments',
    'audience',
    'closedAt',
    'maxPoints',
    'rubric',
  ])
    await db.schema.alterTable('assignments').dropColumn(c).execute();
}
