import type { Kysely } from 'kysely';
import {
  type Auth,
  visibleClasses,
  visibleDevices,
  visibleLearners,
  visibleSchools,
  visibleStaff,
} from '../../auth/policy';
import type { DB } from '../../db/schema';

type Db = Kysely<DB>;

// PostgreSQL answers count(*) as a bigint string, SQLite as a number.
const toCount = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

/** Counts for the home pages, each scoped by the policy; archived records are not counted. */
export const dashboardRepository = {
  countSchools: async (db: Db, auth: Auth) =>
    toCount(
      await visibleSchools(auth, db.selectFrom('schools'))
        .where('schools.archivedAt', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),

  learnersBySex: (db: Db, auth: Auth) =>
    visibleLearners(auth, db.selectFrom('users'))
      .where('users.archivedAt', 'is', null)
      .select((eb) => ['users.sex', eb.fn.countAll<number>().as('n')])
      .groupBy('users.sex')
      .execute(),

  countTeachers: async (db: Db, auth: Auth) =>
    toCount(
      await visibleStaff(auth, db.selectFrom('users'))
        .where('users.role', '=', 'teacher')
        .where('users.archivedAt', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),

  countClasses: async (db: Db, auth: Auth) =>
    toCount(
      await visibleClasses(auth, db.selectFrom('classes'))
        .where('classes.archivedAt', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ),

  devicesByStatus: (db: Db, auth: Auth) =>
    visibleDevices(auth, db.selectFrom('devices'))
      .select((eb) => ['devices.status', eb.fn.countAll<number>().as('n')])
      .groupBy('devices.status')
      .execute(),

  school: (db: Db, id: string) =>
    db.selectFrom('schools').select(['id', 'nameAr', 'nameFr']).where('id', '=', id).executeTakeFirst(),

  /** The user's active classes with their active learners counted, by title. */
  classes: (db: Db, auth: Auth) =>
    visibleClasses(auth, db.selectFrom('classes'))
      .where('classes.archivedAt', 'is', null)
      .select((eb) => [
        'classes.id',
        'classes.title',
        'classes.level',
        'classes.subject',
        eb
          .selectFrom('enrolments')
          .innerJoin('users', 'users.id', 'enrolments.userId')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('enrolments.classId', '=', 'classes.id')
          .where('enrolments.role', '=', 'learner')
          .where('enrolments.archivedAt', 'is', null)
          .where('users.archivedAt', 'is', null)
          .as('learnerCount'),
      ])
      .orderBy('classes.title')
      .orderBy('classes.id')
      .execute(),
};
