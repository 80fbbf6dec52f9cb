import type { Page, School, SchoolInput, SchoolListQuery } from '@lawh/shared';
import { newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanManageSchool, assertProgrammeAdmin } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { schoolsRepository as repo, type SchoolRow } from './schools.repository';

const toApi = (r: SchoolRow): School => ({
  id: r.id,
  code: r.code,
  nameAr: r.nameAr,
  nameFr: r.nameFr,
  region: r.region as School['region'],
  province: r.province,
  archived: r.archivedAt !== null,
  learnerCount: Number(r.learnerCount ?? 0),
  tabletCount: Number(r.tabletCount ?? 0),
  meetingUrl: r.meetingUrl,
  updatedAt: r.updatedAt,
});

export const schoolSearchText = (s: Pick<SchoolInput, 'code' | 'nameAr' | 'nameFr' | 'province'>) =>
  searchKey(s.code, s.nameAr, s.nameFr, s.province);

export function schoolsService(db: Kysely<DB>) {
  const get = async (auth: Auth, id: string): Promise<School> => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('School');
    return toApi(row);
  };

  const uniqueCode = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('code', 'A school with this code already exists');
      throw e;
    }
  };

  return {
    get,

    async list(auth: Auth, q: SchoolListQuery): Promise<Page<School>> {
      const { rows, total } = await repo.list(db, auth, q);
      return { items: rows.map(toApi), total, page: q.page, pageSize: q.pageSize };
    },

    async create(auth: Auth, input: SchoolInput): Promise<School> {
      assertProgrammeAdmin(auth);
      const id = newId();
      const now = nowIso();
      await uniqueCode(() =>
        repo.insert(db, {
          id,
          ...input,
          searchText: schoolSearchText(input),
          createdAt: now,
          updatedAt: now,
        }),
      );
      return get(auth, id);
    },

    async update(auth: Auth, id: string, patch: Partial<SchoolInput>): Promise<School> {
      const current = await repo.getRaw(db, id);
      if (!current) throw notFound('School');
      assertCanManageSchool(auth, id);
      const next = { ...current, ...patch };
      await uniqueCode(() =>
        repo.update(db, id, { ...patch, searchText: schoolSearchText(next), updatedAt: nowIso() }),
      );
      return get(auth, id);
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<School> {
      assertProgrammeAdmin(auth);
      if (!(await repo.getRaw(db, id))) throw notFound('School');
      const now = nowIso();
      await repo.update(db, id, { archivedAt: archived ? now : null, updatedAt: now });
      return get(auth, id);
    },
  };
}
