import { newId, searchKey } from '@lawh/shared';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import type { DB } from '../src/db/schema';
import { nowIso } from '../src/lib/time';
import { type Client, insertSchool, insertUser, signIn, type TestApp } from './helpers';

/** Rows for the roster tests (years, classes, enrolments), written straight to the database. */

export async function insertYear(
  db: Kysely<DB>,
  over: Partial<DB['academicSessions']> = {},
): Promise<string> {
  const id = over.id ?? newId();
  const now = nowIso();
  await db
    .insertInto('academicSessions')
    .values({
      id,
      title: '2026-2027',
      type: 'schoolYear',
      startDate: '2026-09-14',
      endDate: '2027-06-30',
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .execute();
  return id;
}

export async function insertClass(
  db: Kysely<DB>,
  schoolId: string,
  yearId: string,
  over: Partial<DB['classes']> = {},
): Promise<string> {
  const id = over.id ?? newId();
  const now = nowIso();
  const title = over.title ?? '6AP-A';
  await db
    .insertInto('classes')
    .values({
      id,
      schoolId,
      yearId,
      title,
      cycle: 'primaire',
      level: '6AP',
      subject: 'mathematics',
      searchText: searchKey(title, over.level ?? '6AP', over.subject ?? 'mathematics'),
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .execute();
  return id;
}

export async function insertEnrolment(
  db: Kysely<DB>,
  classId: string,
  userId: string,
  role: 'learner' | 'teacher',
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('enrolments')
    .values({ id, classId, userId, role, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

export async function countRows(
  db: Kysely<DB>,
  table: 'classes' | 'users' | 'enrolments' | 'academicSessions',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same database, counting the statements sent through it (to prove a list makes no N+1). */
export function countingQueries(db: Kysely<DB>): { db: Kysely<DB>; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }: PluginTransformQueryArgs) => node,
    // Called once per statement executed; transformQuery also runs for every subquery built.
    transformResult: async ({ result }: PluginTransformResultArgs) => {
      n++;
      return result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => n };
}

export type RoleClients = Record<'admin' | 'head' | 'teacher' | 'otherTeacher' | 'headB' | 'learner', Client>;

/**
 * The world of a class-level rule: school A with classes A1 (taught by `teacher`, with the learner
 * `pupil`) and A2 (taught by `other`), school B with its own admin, and a signed-in client per role.
 */
export async function twoClassSchools(t: TestApp, pupil: Partial<DB['users']> = {}) {
  const schoolA = await insertSchool(t.db);
  const schoolB = await insertSchool(t.db);
  const year = await insertYear(t.db);
  const classA1 = await insertClass(t.db, schoolA, year, { title: '5AP-A' });
  const classA2 = await insertClass(t.db, schoolA, year, { title: '5AP-B' });
  await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
  await insertUser(t.db, 'school_admin', schoolA, { username: 'head' });
  await insertUser(t.db, 'school_admin', schoolB, { username: 'headB' });
  const teacher = await insertUser(t.db, 'teacher', schoolA, { username: 'teacher' });
  await insertEnrolment(t.db, classA1, teacher.id, 'teacher');
  const other = await insertUser(t.db, 'teacher', schoolA, { username: 'other' });
  await insertEnrolment(t.db, classA2, other.id, 'teacher');
  const learner = await insertUser(t.db, 'learner', schoolA, { username: 'pupil', ...pupil });
  await insertEnrolment(t.db, classA1, learner.id, 'learner');
  const clients: RoleClients = {
    admin: await signIn(t.app, 'admin'),
    head: await signIn(t.app, 'head'),
    teacher: await signIn(t.app, 'teacher'),
    otherTeacher: await signIn(t.app, 'other'),
    headB: await signIn(t.app, 'headB'),
    learner: await signIn(t.app, 'pupil'),
  };
  return { schoolA, schoolB, classA1, classA2, learnerId: learner.id, clients };
}
