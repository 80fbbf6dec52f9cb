import type { QuietHoursInput } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanManageSchool, visibleSchools } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { pokeScopes } from '../sync/live';
import { schoolScope } from '../sync/scopes';

// A school's quiet hours: tablets raise no system notification between start and end (default
// 21:00–07:00). They travel on the school row to the tablets, which apply the rule offline.

export function quietHoursService(db: Kysely<DB>) {
  const read = (auth: Auth, schoolId: string) =>
    visibleSchools(auth, db.selectFrom('schools'))
      .select(['schools.id', 'schools.quietStart', 'schools.quietEnd'])
      .where('schools.id', '=', schoolId)
      .executeTakeFirst();

  return {
    async get(auth: Auth, schoolId: string): Promise<QuietHoursInput> {
      const s = await read(auth, schoolId);
      if (!s) throw notFound('School');
      return { start: s.quietStart, end: s.quietEnd };
    },

    /** Sets them (school admins of the school, the programme admin); tablets get them on their next pull. */
    async set(auth: Auth, schoolId: string, input: QuietHoursInput): Promise<QuietHoursInput> {
      if (!(await read(auth, schoolId))) throw notFound('School');
      assertCanManageSchool(auth, schoolId);
      if (input.start === input.end) throw invalid('end', 'must differ from the start');
      await db
        .updateTable('schools')
        .set({ quietStart: input.start, quietEnd: input.end, updatedAt: nowIso() })
        .where('id', '=', schoolId)
        .execute();
      pokeScopes([schoolScope(schoolId)]);
      return { start: input.start, end: input.end };
    },
  };
}
