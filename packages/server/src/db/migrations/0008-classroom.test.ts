import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertSchool, insertUser, testDialect } from '../../../test/helpers';
import { insertEnrolment } from '../../../test/roster-fixtures';
import { assign, insertClass, insertContent } from '../../features/sync/sync.fixtures';
import { openDatabase } from '../database';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-roster-indexes';
import * as m0003 from './0003-devices-one-per-learner';
import * as m0004 from './0004-media';
import * as m0005 from './0005-content';
import * as m0006 from './0006-sync';
import * as m0007 from './0007-sync-scopes';
import * as m0008 from './0008-classroom';

// On SQLite 0008 copies the assignments table to make contentId nullable: the lessons and quizzes
// already assigned must come through whole, with their kind filled in.

describe.runIf(testDialect === 'sqlite')('migration 0008-classroom', () => {
  it('keeps the assignments made before it, each with the kind of its content', async () => {
    const database = openDatabase(':memory:');
    const db = database.db;
    const before: Record<string, Migration> = {
      '0001-foundation': m0001,
      '0002-roster-indexes': m0002,
      '0003-devices-one-per-learner': m0003,
      '0004-media': m0004,
      '0005-content': m0005,
      '0006-sync': m0006,
      '0007-sync-scopes': m0007,
    };
    const provider = (m: Record<string, Migration>): MigrationProvider => ({ getMigrations: async () => m });
    const first = await new Migrator({ db, provider: provider(before) }).migrateToLatest();
    expect(first.error).toBeUndefined();

    const schoolId = await insertSchool(db);
    const classId = await insertClass(db, schoolId);
    const teacher = await insertUser(db, 'teacher', schoolId);
    await insertEnrolment(db, classId, teacher.id, 'teacher');
    const lesson = await insertContent(db, teacher.id, 'Les fractions');
    // assign() of the fixtures writes the columns of 0006 only.
    const id = await assign(db, classId, lesson, teacher.id);

    const second = await new Migrator({
      db,
      provider: provider({ ...before, '0008-classroom': m0008 }),
    }).migrateToLatest();
    expect(second.error).toBeUndefined();
    const row = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      classId,
      contentId: lesson,
      kind: 'lesson',
      audience: 'class',
      attachments: '[]',
      title: null,
      closedAt: null,
    });
    // A task has no content item.
    await db
      .insertInto('assignments')
      .values({
        id: 'task-1',
        classId,
        contentId: null,
        contentVersion: null,
        kind: 'task',
        title: 'Décris ta maison',
        instructions: null,
        closedAt: null,
        maxPoints: 20,
        rubric: null,
        openAt: row.openAt,
        dueAt: null,
        createdBy: teacher.id,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        withdrawnAt: null,
      })
      .execute();
    expect(await db.selectFrom('assignments').select('id').execute()).toHaveLength(2);
    await database.close();
  });
});
