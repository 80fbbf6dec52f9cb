import type { Insertable, Kysely } from 'kysely';
import { type Auth, visibleClasses, visibleLearners } from '../../auth/policy';
import type { DB, GuardianNotesTable } from '../../db/schema';

type Db = Kysely<DB>;

export const insightRepository = {
  /** The class if the user may see it (for a teacher: a class they teach). */
  findClass: (db: Db, auth: Auth, id: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .select(['classes.id', 'classes.schoolId', 'classes.title'])
      .where('classes.id', '=', id)
      .executeTakeFirst(),

  findLearner: (db: Db, auth: Auth, id: string) =>
    visibleLearners(auth, db.selectFrom('users'))
      .select(['users.id', 'users.givenName', 'users.familyName', 'users.nameAr'])
      .where('users.id', '=', id)
      .executeTakeFirst(),

  /** The learner's current classes that the user sees (a teacher: the ones they teach). */
  classesOfLearner: (db: Db, auth: Auth, learnerId: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .innerJoin('enrolments', 'enrolments.classId', 'classes.id')
      .select(['classes.id', 'classes.schoolId', 'classes.title'])
      .where('enrolments.userId', '=', learnerId)
      .where('enrolments.role', '=', 'learner')
      .where('enrolments.archivedAt', 'is', null)
      .where('classes.archivedAt', 'is', null)
      .orderBy('classes.title')
      .orderBy('classes.id')
      .execute(),

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

  /** The class's groups and their members. */
  groupsOf: (db: Db, classId: string) =>
    db
      .selectFrom('classGroups')
      .leftJoin('classGroupMembers', 'classGroupMembers.groupId', 'classGroups.id')
      .select(['classGroups.id', 'classGroups.name', 'classGroupMembers.learnerId'])
      .where('classGroups.classId', '=', classId)
      .where('classGroups.archivedAt', 'is', null)
      .orderBy('classGroups.name')
      .orderBy('classGroups.id')
      .execute(),

  /** What the tablets reported, for these learners and these content items. */
  progressOf: (db: Db, learnerIds: string[], contentIds: string[]) =>
    learnerIds.length === 0 || contentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('learnerProgress')
          .select(['learnerId', 'contentId', 'status', 'score', 'attempts', 'correct', 'answered', 'lastAt'])
          .where('learnerId', 'in', learnerIds)
          .where('contentId', 'in', contentIds)
          .execute(),

  /** Each learner's latest reported activity on any content. */
  lastProgressAt: (db: Db, learnerIds: string[]) =>
    learnerIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('learnerProgress')
          .select((eb) => ['learnerId', eb.fn.max('lastAt').as('lastAt')])
          .where('learnerId', 'in', learnerIds)
          .groupBy('learnerId')
          .execute(),

  /** Every attempt on these assignments by these learners, oldest first (the caller keeps the latest). */
  submissionsOf: (db: Db, assignmentIds: string[], learnerIds: string[]) =>
    assignmentIds.length === 0 || learnerIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('submissions')
          .select([
            'assignmentId',
            'learnerId',
            'attempt',
            'late',
            'submittedAt',
            'points',
            'gradedAt',
            'returnedAt',
          ])
          .where('assignmentId', 'in', assignmentIds)
          .where('learnerId', 'in', learnerIds)
          .orderBy('attempt')
          .execute(),

  /** The learner's latest attempt on a task. */
  latestSubmission: (db: Db, assignmentId: string, learnerId: string) =>
    db
      .selectFrom('submissions')
      .select(['submittedAt', 'late', 'points', 'gradedAt', 'returnedAt'])
      .where('assignmentId', '=', assignmentId)
      .where('learnerId', '=', learnerId)
      .orderBy('attempt', 'desc')
      .limit(1)
      .executeTakeFirst(),

  notesOf: (db: Db, learnerId: string, classIds: string[], week: string) =>
    classIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('guardianNotes')
          .innerJoin('users', 'users.id', 'guardianNotes.authorId')
          .select([
            'guardianNotes.classId',
            'guardianNotes.body',
            'guardianNotes.updatedAt',
            'users.givenName',
            'users.familyName',
          ])
          .where('guardianNotes.learnerId', '=', learnerId)
          .where('guardianNotes.classId', 'in', classIds)
          .where('guardianNotes.week', '=', week)
          .execute(),

  findNote: (db: Db, learnerId: string, classId: string, week: string) =>
    db
      .selectFrom('guardianNotes')
      .select(['id', 'updatedAt'])
      .where('learnerId', '=', learnerId)
      .where('classId', '=', classId)
      .where('week', '=', week)
      .executeTakeFirst(),

  insertNote: (db: Db, row: Insertable<GuardianNotesTable>) =>
    db.insertInto('guardianNotes').values(row).execute(),

  updateNote: (db: Db, id: string, patch: { body: string; authorId: string; updatedAt: string }) =>
    db.updateTable('guardianNotes').set(patch).where('id', '=', id).execute(),

  deleteNote: (db: Db, id: string) => db.deleteFrom('guardianNotes').where('id', '=', id).execute(),
};
