import type { Page, Staff, StaffInput, StaffListQuery, StaffPatch } from '@lawh/shared';
import { newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanCreateStaff, assertCanManageStaff } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { hashPassword } from '../auth/passwords';
import { staffRepository as repo, type StaffRow } from './staff.repository';

const toApi = (r: StaffRow): Staff => ({
  id: r.id,
  schoolId: r.schoolId,
  schoolName: r.schoolName ?? null,
  role: r.role as Staff['role'],
  username: r.username ?? '',
  nameAr: r.nameAr,
  givenName: r.givenName,
  familyName: r.familyName,
  sex: r.sex,
  archived: r.archivedAt !== null,
});

export const staffSearchText = (s: {
  nameAr: string;
  givenName: string;
  familyName: string;
  username: string;
}) => searchKey(s.nameAr, s.givenName, s.familyName, s.username);

export function staffService(db: Kysely<DB>) {
  const findVisible = async (auth: Auth, id: string): Promise<StaffRow> => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('Staff member');
    return row;
  };

  const get = async (auth: Auth, id: string): Promise<Staff> => toApi(await findVisible(auth, id));

  return {
    get,

    async list(auth: Auth, q: StaffListQuery): Promise<Page<Staff>> {
      const { rows, total } = await repo.list(db, auth, q);
      return { items: rows.map(toApi), total, page: q.page, pageSize: q.pageSize };
    },

    async create(auth: Auth, input: StaffInput): Promise<Staff> {
      assertCanCreateStaff(auth, input.schoolId, input.role);
      const school = await repo.findSchool(db, input.schoolId);
      if (!school) throw invalid('schoolId', 'no such school');
      if (school.archivedAt) throw invalid('schoolId', 'this school is archived');
      const id = newId();
      const now = nowIso();
      const passwordHash = await hashPassword(input.password);
      try {
        await repo.insert(db, {
          id,
          role: input.role,
          schoolId: input.schoolId,
          username: input.username,
          passwordHash,
          nameAr: input.nameAr,
          givenName: input.givenName,
          familyName: input.familyName,
          sex: input.sex,
          // Arabic first (DESIGN.md); the person switches in the app and it is remembered.
          locale: 'ar',
          searchText: staffSearchText(input),
          createdAt: now,
          updatedAt: now,
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('username', 'This username is already taken');
        throw e;
      }
      return get(auth, id);
    },

    async update(auth: Auth, id: string, patch: StaffPatch): Promise<Staff> {
      const current = await findVisible(auth, id);
      assertCanManageStaff(auth, current);
      const { password, ...fields } = patch;
      const next = { ...current, ...fields, username: current.username ?? '' };
      const passwordHash = password ? await hashPassword(password) : undefined;
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, {
          ...fields,
          ...(passwordHash ? { passwordHash } : {}),
          searchText: staffSearchText(next),
          updatedAt: nowIso(),
        });
        // Someone else's new password signs them out everywhere; changing your own keeps you signed in.
        if (passwordHash && id !== auth.userId) await repo.deleteSessions(trx, id);
      });
      return get(auth, id);
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<Staff> {
      const current = await findVisible(auth, id);
      assertCanManageStaff(auth, current);
      if (id === auth.userId) throw forbidden('You cannot archive or restore your own account');
      const now = nowIso();
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { archivedAt: archived ? now : null, updatedAt: now });
        if (archived) await repo.deleteSessions(trx, id);
      });
      return get(auth, id);
    },
  };
}
