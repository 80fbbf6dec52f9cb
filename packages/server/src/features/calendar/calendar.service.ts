import type {
  AcademicSession,
  AcademicSessionInput,
  AcademicSessionListQuery,
  AcademicSessionPatch,
  Page,
} from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertProgrammeAdmin } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { type AcademicSessionRecord, calendarRepository as repo } from './calendar.repository';

const toApi = (r: AcademicSessionRecord): AcademicSession => ({
  id: r.id,
  title: r.title,
  type: r.type,
  startDate: r.startDate,
  endDate: r.endDate,
  parentId: r.parentId,
  archived: r.archivedAt !== null,
});

type Dates = Pick<AcademicSessionRecord, 'type' | 'startDate' | 'endDate' | 'parentId'> & { id?: string };

export function calendarService(db: Kysely<DB>) {
  const get = async (id: string): Promise<AcademicSession> => {
    const row = await repo.find(db, id);
    if (!row) throw notFound('Academic session');
    return toApi(row);
  };

  /** A term lies inside its school year, so a year cannot shrink past its terms either. */
  const checkDates = async (s: Dates): Promise<void> => {
    if (s.startDate >= s.endDate) throw invalid('endDate', 'must be after startDate');
    if (s.type === 'term') {
      const year = s.parentId ? await repo.find(db, s.parentId) : undefined;
      if (year?.type !== 'schoolYear') throw invalid('parentId', 'must be an existing school year');
      // An existing term of an archived year may still be corrected; a new one may not be added.
      if (!s.id && year.archivedAt) throw invalid('parentId', 'this school year is archived');
      const span = `${year.startDate} – ${year.endDate}`;
      if (s.startDate < year.startDate)
        throw invalid('startDate', `must be inside the school year (${span})`);
      if (s.endDate > year.endDate) throw invalid('endDate', `must be inside the school year (${span})`);
    } else if (s.id) {
      const outside = await repo.termsOutside(db, s.id, s.startDate, s.endDate);
      if (outside.some((t) => t.startDate < s.startDate))
        throw invalid('startDate', 'a term of this school year starts earlier');
      if (outside.length > 0) throw invalid('endDate', 'a term of this school year ends later');
    }
  };

  return {
    get: (_auth: Auth, id: string) => get(id),

    async list(_auth: Auth, q: AcademicSessionListQuery): Promise<Page<AcademicSession>> {
      const { rows, total } = await repo.list(db, q);
      return { items: rows.map(toApi), total, page: q.page, pageSize: q.pageSize };
    },

    async create(auth: Auth, input: AcademicSessionInput): Promise<AcademicSession> {
      assertProgrammeAdmin(auth);
      const parentId = input.type === 'term' ? (input.parentId ?? null) : null;
      await checkDates({ ...input, parentId });
      const id = newId();
      const now = nowIso();
      await repo.insert(db, {
        id,
        title: input.title,
        type: input.type,
        startDate: input.startDate,
        endDate: input.endDate,
        parentId,
        createdAt: now,
        updatedAt: now,
      });
      return get(id);
    },

    async update(auth: Auth, id: string, patch: AcademicSessionPatch): Promise<AcademicSession> {
      assertProgrammeAdmin(auth);
      const current = await repo.find(db, id);
      if (!current) throw notFound('Academic session');
      await checkDates({ ...current, ...patch, id });
      await repo.update(db, id, { ...patch, updatedAt: nowIso() });
      return get(id);
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<AcademicSession> {
      assertProgrammeAdmin(auth);
      if (!(await repo.find(db, id))) throw notFound('Academic session');
      const now = nowIso();
      await repo.update(db, id, { archivedAt: archived ? now : null, updatedAt: now });
      return get(id);
    },
  };
}
