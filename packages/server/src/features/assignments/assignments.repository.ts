import type { Insertable, Kysely, Updateable } from 'kysely';
import { type Auth, assignableContent, visibleClasses, visibleContent } from '../../auth/policy';
import type { AssignmentsTable, DB } from '../../db/schema';

type Db = Kysely<DB>;

const withContent = (db: Db) =>
  db
    .selectFrom('assignments')
    .innerJoin('contentItems', 'contentItems.id', 'assignments.contentId')
    .select([
      'assignments.id',
      'assignments.classId',
      'assignments.contentId',
      'assignments.openAt',
      'assignments.dueAt',
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

  /** The active learners of a class, by name. */
  learnersOf: (db: Db, classId: string) =>
    db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.userId')
      .select(['users.id', 'users.givenName', 'users.familyName', 'users.nameAr'])
      .where('enrolments.classId', '=', classId)
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('users.archivedAt', 'is', null)
      .orderBy('users.familyName')
      .orderBy('users.givenName')
      .orderBy('users.id')
      .execute(),

  /** What the tablets reported, for these learners and these content items. */
  progressOf: (db: Db, learnerIds: string[], contentIds: string[]) =>
    learnerIds.length === 0 || contentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('learnerProgress')
          .select(['learnerId', 'contentId', 'status', 'score', 'attempts', 'lastAt'])
          .where('learnerId', 'in', learnerIds)
          .where('contentId', 'in', contentIds)
          .execute(),
};
