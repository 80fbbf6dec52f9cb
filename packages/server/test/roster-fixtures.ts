import { newId, searchKey } from '@lawh/shared';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import type { DB } from '../src/db/schema';
import { nowIso } from '../src/lib/time';

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
