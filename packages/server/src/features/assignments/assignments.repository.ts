import type { Insertable, Kysely, Updateable } from 'kysely';
import { type Auth, assignableContent, visibleClasses, visibleContent } from '../../auth/policy';
import type { AssignmentsTable, DB } from '../../db/schema';

type Db = Kysely<DB>;

const withContent = (db: Db) =>
  db
    .selectFrom('assignments')
    .leftJoin('contentItems', 'contentItems.id', 'assignments.contentId')
    .select([
      'assignments.id',
      'assignments.classId',
      'assignments.kind',
      'assignments.contentId',
      'assignments.title',
      'assignments.instructions',
      'assignments.attachments',
      'assignments.audience',
      'assignments.openAt',
      'assignments.dueAt',
      'assignments.closedAt',
      'assignments.maxPoints',
      'assignments.rubric',
      'assignments.withdrawnAt',
      'assignments.createdAt',
      'contentItems.kind as contentKind',
      'contentItems.title as contentTitle',
    ]);

export type AssignmentRow = Awaited<ReturnType<ReturnType<typeof withContent>['executeTakeFirstOrThrow']>>;

export const assignmentsRepository = {
  /** The class if the user may see it (for a teacher: a class they teach). */
  findClass: (db: Db, auth: Auth, id: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .select(['classes.id', 'classes.schoolId', 'classes.archivedAt'])
      .where('classes.id', '=', id)
      .executeTakeFirst(),

  /** The content item if the user sees it and it may be given to a class of this school. */
  findAssignableContent: (db: Db, auth: Auth, contentId: string, schoolId: string) =>
    visibleContent(auth, assignableContent(db.selectFrom('contentItems'), schoolId))
      .select(['contentItems.id', 'contentItems.kind'])
      .where('contentItems.id', '=', contentId)
      .executeTakeFirst(),

  /** Whether the content item exists at all, to tell "not published" from "no such content". */
  contentExists: (db: Db, auth: Auth, contentId: string) =>
    visibleContent(auth, db.selectFrom('contentItems'))
      .select('contentItems.id')
      .where('contentItems.id', '=', contentId)
      .executeTakeFirst(),

  activeFor: (db: Db, classId: string, contentId: string) =>
    db
      .selectFrom('assignments')
      .select('id')
      .where('classId', '=', classId)
      .where('contentId', '=', contentId)
      .where('withdrawnAt', 'is', null)
      .executeTakeFirst(),

  /** The class's current assignments, soonest due first, those without a due date last. */
  listActive: (db: Db, classId: string) =>
    withContent(db)
      .where('assignments.classId', '=', classId)
      .where('assignments.withdrawnAt', 'is', null)
      .orderBy((eb) => eb.case().when('assignments.dueAt', 'is', null).then(1).else(0).end())
      .orderBy('assignments.dueAt')
      .orderBy('assignments.openAt')
      .orderBy('assignments.id')
      .execute(),

  find: (db: Db, id: string) => withContent(db).where('assignments.id', '=', id).executeTakeFirst(),

  insert: (db: Db, row: Insertable<AssignmentsTable>) => db.insertInto('assignments').values(row).execute(),

  update: (db: Db, id: string, patch: Updateable<AssignmentsTable>) =>
    db.updateTable('assignments').set(patch).where('id', '=', id).execute(),

  /** The groups and chosen learners of these assignments. */
  audienceRefs: async (db: Db, ids: string[]) => {
    if (ids.length === 0) return { groups: [], learners: [] };
    const [groups, learners] = await Promise.all([
      db.selectFrom('assignmentGroups').selectAll().where('assignmentId', 'in', ids).execute(),
      db.selectFrom('assignmentLearners').selectAll().where('assignmentId', 'in', ids).execute(),
    ]);
    return { groups, learners };
  },

  /** Replaces who the assignment is for. */
  setAudience: async (db: Db, id: string, groupIds: string[], learnerIds: string[]) => {
    await db.deleteFrom('assignmentGroups').where('assignmentId', '=', id).execute();
    await db.deleteFrom('assignmentLearners').where('assignmentId', '=', id).execute();
    if (groupIds.length)
      await db
        .insertInto('assignmentGroups')
        .values(groupIds.map((groupId) => ({ assignmentId: id, groupId })))
        .execute();
    if (learnerIds.length)
      await db
        .insertInto('assignmentLearners')
        .values(learnerIds.map((learnerId) => ({ assignmentId: id, learnerId })))
        .execute();
  },

  /** Which of these groups are live groups of the class. */
  groupsOfClass: (db: Db, classId: string, ids: string[]) =>
    db
      .selectFrom('classGroups')
      .select('id')
      .where('classId', '=', classId)
      .where('archivedAt', 'is', null)
      .where('id', 'in', ids)
      .execute(),

  /** Which of these users are active learners of the class. */
  learnersInClass: (db: Db, classId: string, ids: string[]) =>
    db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.userId')
      .select('users.id')
      .where('enrolments.classId', '=', classId)
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('users.archivedAt', 'is', null)
      .where('users.id', 'in', ids)
      .execute(),

  media: (db: Db, hashes: string[]) =>
    hashes.length === 0
      ? Promise.resolve([])
      : db.selectFrom('media').select(['hash', 'mime', 'bytes']).where('hash', 'in', hashes).execute(),

  /** Whether any attempt at this task was graded (its scale may then no longer change). */
  hasGrades: (db: Db, id: string) =>
    db
      .selectFrom('submissions')
      .select('id')
      .where('assignmentId', '=', id)
      .where('gradedAt', 'is not', null)
      .executeTakeFirst(),
};
