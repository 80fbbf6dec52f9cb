import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { Existing } from './oneroster-model';

type Db = Kysely<DB>;
type RosterTable = 'schools' | 'academicSessions' | 'classes' | 'users' | 'enrolments';

/** Keeps every statement well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;
const INSERT_CHUNK = 100;

async function inChunks<T>(values: Iterable<string>, query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const all = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < all.length; i += CHUNK) out.push(...(await query(all.slice(i, i + CHUNK))));
  return out;
}

/** Rows by roster key: their sourcedId, or their id when they have none (what an export writes). */
function byKey<T extends { id: string; sourcedId: string | null }>(rows: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) if (row.sourcedId === null) map.set(row.id, row);
  // A sourcedId match wins over an id match.
  for (const row of rows) if (row.sourcedId !== null) map.set(row.sourcedId, row);
  return map;
}

export interface ExistingKeys {
  schools: Iterable<string>;
  sessions: Iterable<string>;
  classes: Iterable<string>;
  users: Iterable<string>;
  enrolments: Iterable<string>;
  schoolCodes: Iterable<string>;
  usernames: Iterable<string>;
  massarCodes: Iterable<string>;
}

export const rosterRepository = {
  /** Everything the validator needs to know about the rows and values the files mention. */
  async existing(db: Db, keys: ExistingKeys): Promise<Existing> {
    const rowsByKey = <T extends RosterTable>(table: T, values: Iterable<string>) =>
      inChunks(values, (chunk) =>
        db
          .selectFrom(table as RosterTable)
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('sourcedId', 'in', chunk),
              eb.and([eb('sourcedId', 'is', null), eb('id', 'in', chunk)]),
            ]),
          )
          .execute(),
      ) as unknown as Promise<Array<Selectable<DB[T]> & { id: string; sourcedId: string | null }>>;
    const holders = async (rows: Array<{ id: string; value: string | null }>) =>
      new Map(rows.filter((r) => r.value !== null).map((r) => [r.value!, r.id]));

    const classes = byKey(await rowsByKey('classes', keys.classes));
    const classIds = [...classes.values()].map((c) => c.id);
    const pairs = await inChunks(classIds, (chunk) =>
      db.selectFrom('enrolments').select(['id', 'classId', 'userId']).where('classId', 'in', chunk).execute(),
    );
    return {
      schools: byKey(await rowsByKey('schools', keys.schools)),
      sessions: byKey(await rowsByKey('academicSessions', keys.sessions)),
      classes,
      users: byKey(await rowsByKey('users', keys.users)),
      enrolments: byKey(await rowsByKey('enrolments', keys.enrolments)),
      schoolCodes: await holders(
        await inChunks(keys.schoolCodes, (chunk) =>
          db.selectFrom('schools').select(['id', 'code as value']).where('code', 'in', chunk).execute(),
        ),
      ),
      usernames: await holders(
        await inChunks(keys.usernames, (chunk) =>
          db.selectFrom('users').select(['id', 'username as value']).where('username', 'in', chunk).execute(),
        ),
      ),
      massarCodes: await holders(
        await inChunks(keys.massarCodes, (chunk) =>
          db
            .selectFrom('users')
            .select(['id', 'massarCode as value'])
            .where('massarCode', 'in', chunk)
            .execute(),
        ),
      ),
      enrolmentPairs: new Map(pairs.map((p) => [`${p.classId} ${p.userId}`, p.id])),
    };
  },

  async insertMany<T extends RosterTable>(db: Db, table: T, rows: Array<Insertable<DB[T]>>): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + INSERT_CHUNK) as never)
        .execute();
  },

  update: <T extends RosterTable>(db: Db, table: T, id: string, patch: Updateable<DB[T]>) =>
    db
      .updateTable(table as RosterTable)
      .set(patch as never)
      .where('id', '=', id)
      .execute(),

  /** The whole roster, for an export. Programme admins have no school and stay out of it. */
  async everything(db: Db) {
    return {
      schools: await db.selectFrom('schools').selectAll().orderBy('id').execute(),
      sessions: await db.selectFrom('academicSessions').selectAll().orderBy('id').execute(),
      classes: await db.selectFrom('classes').selectAll().orderBy('id').execute(),
      users: await db
        .selectFrom('users')
        .selectAll()
        .where('role', 'in', ['learner', 'teacher', 'school_admin'])
        .where('schoolId', 'is not', null)
        .orderBy('id')
        .execute(),
      enrolments: await db.selectFrom('enrolments').selectAll().orderBy('id').execute(),
    };
  },
};
