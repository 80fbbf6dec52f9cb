import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, TeacherEventsTable } from '../../db/schema';

export type TeacherEventRecord = Selectable<TeacherEventsTable>;

export const teacherEventsRepository = {
  find(db: Kysely<DB>, id: string): Promise<TeacherEventRecord | undefined> {
    return db.selectFrom('teacherEvents').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Two racing resends of one event both apply it (handlers are idempotent); one record stays. */
  async record(db: Kysely<DB>, row: Insertable<TeacherEventsTable>): Promise<void> {
    await db
      .insertInto('teacherEvents')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
};
