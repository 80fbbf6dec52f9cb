import type { Insertable, Kysely } from 'kysely';
import { type Auth, visibleClasses } from '../../auth/policy';
import type { AnnouncementsTable, CommentsTable, DB } from '../../db/schema';

type Db = Kysely<DB>;

const announcements = (db: Db) =>
  db
    .selectFrom('announcements as a')
    .innerJoin('users as u', 'u.id', 'a.authorId')
    .leftJoin('media as audio', 'audio.hash', 'a.audioHash')
    .leftJoin('media as file', 'file.hash', 'a.attachmentHash')
    .select([
      'a.id',
      'a.classId',
      'a.authorId',
      'a.body',
      'a.audioHash',
      'audio.mime as audioMime',
      'audio.bytes as audioBytes',
      'a.attachmentHash',
      'a.attachmentName',
      'file.mime as fileMime',
      'file.bytes as fileBytes',
      'a.createdAt',
      'a.deletedAt',
      'u.givenName',
      'u.familyName',
    ]);
export type AnnouncementRow = Awaited<
  ReturnType<ReturnType<typeof announcements>['executeTakeFirstOrThrow']>
>;

const comments = (db: Db) =>
  db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.authorId')
    .select([
      'c.id',
      'c.assignmentId',
      'c.learnerId',
      'c.authorId',
      'c.authorRole',
      'c.body',
      'c.createdAt',
      'u.givenName',
      'u.familyName',
    ]);
export type CommentRow = Awaited<ReturnType<ReturnType<typeof comments>['executeTakeFirstOrThrow']>>;

export const messagesRepository = {
  /** The class if the user may see it (for a teacher or learner: a class they are enrolled in). */
  findClass: (db: Db, auth: Auth, id: string) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .select(['classes.id', 'classes.schoolId', 'classes.archivedAt'])
      .where('classes.id', '=', id)
      .executeTakeFirst(),

  media: (db: Db, hash: string) =>
    db
      .selectFrom('media')
      .select(['hash', 'kind', 'mime', 'bytes'])
      .where('hash', '=', hash)
      .executeTakeFirst(),

  insertAnnouncement: (db: Db, row: Insertable<AnnouncementsTable>) =>
    db.insertInto('announcements').values(row).execute(),

  findAnnouncement: (db: Db, id: string) => announcements(db).where('a.id', '=', id).executeTakeFirst(),

  /** A class's live announcements, newest first. */
  listAnnouncements: (db: Db, classId: string) =>
    announcements(db)
      .where('a.classId', '=', classId)
      .where('a.deletedAt', 'is', null)
      .orderBy('a.createdAt', 'desc')
      .orderBy('a.id', 'desc')
      .execute(),

  deleteAnnouncement: (db: Db, id: string, at: string) =>
    db
      .updateTable('announcements')
      .set({ deletedAt: at })
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .execute(),

  findAssignment: (db: Db, id: string) =>
    db
      .selectFrom('assignments')
      .innerJoin('classes', 'classes.id', 'assignments.classId')
      .leftJoin('contentItems', 'contentItems.id', 'assignments.contentId')
      .select([
        'assignments.id',
        'assignments.classId',
        'classes.schoolId',
        'assignments.withdrawnAt',
        'assignments.title',
        'contentItems.title as contentTitle',
      ])
      .where('assignments.id', '=', id)
      .executeTakeFirst(),

  /** The active learners of a class, by name (ids only when `ids` is given). */
  classLearners: (db: Db, classId: string) =>
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

  /** Every comment on a task, oldest first (the teacher's list of threads folds them). */
  commentsOfTask: (db: Db, assignmentId: string) =>
    comments(db).where('c.assignmentId', '=', assignmentId).orderBy('c.createdAt').orderBy('c.id').execute(),

  thread: (db: Db, assignmentId: string, learnerId: string) =>
    comments(db)
      .where('c.assignmentId', '=', assignmentId)
      .where('c.learnerId', '=', learnerId)
      .orderBy('c.createdAt')
      .orderBy('c.id')
      .execute(),

  findComment: (db: Db, id: string) => comments(db).where('c.id', '=', id).executeTakeFirst(),

  /** Inserts comments, ignoring ids already held (a resent event or teacher action). */
  insertComments: (db: Db, rows: Insertable<CommentsTable>[]) =>
    rows.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('comments')
          .values(rows)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute(),
};
