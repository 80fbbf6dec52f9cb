import type { Learner, LearnerInput, LearnerListQuery, LearnerPatch, Page } from '@lawh/shared';
import { newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanManageSchool } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { type LearnerRow, learnersRepository as repo } from './learners.repository';

// A learner row always carries a Massar code, a sex and a birth year (learnerInput requires them);
// the columns are nullable only because staff share the `users` table.
const toApi = (r: LearnerRow): Learner => ({
  id: r.id,
  schoolId: r.schoolId as string,
  schoolName: r.schoolName ?? '',
  massarCode: r.massarCode as string,
  nameAr: r.nameAr,
  givenName: r.givenName,
  familyName: r.familyName,
  sex: r.sex as Learner['sex'],
  birthYear: r.birthYear as number,
  guardianName: r.guardianName,
  guardianPhone: r.guardianPhone,
  consentStatus: r.consentStatus ?? 'pending',
  consentDate: r.consentDate,
  archived: r.archivedAt !== null,
});

/** What the search box matches: both scripts of the name and the Massar code. */
export const learnerSearchText = (l: {
  nameAr: string;
  givenName: string;
  familyName: string;
  massarCode: string;
}) => searchKey(l.nameAr, l.givenName, l.familyName, l.massarCode);

const uniqueMassar = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('massarCode', 'A learner with this Massar code already exists');
    throw e;
  }
};

export function learnersService(db: Kysely<DB>) {
  const findVisible = async (auth: Auth, id: string): Promise<LearnerRow> => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('Learner');
    return row;
  };

  const get = async (auth: Auth, id: string): Promise<Learner> => toApi(await findVisible(auth, id));

  return {
    get,

    async list(auth: Auth, q: LearnerListQuery): Promise<Page<Learner>> {
      const { rows, total } = await repo.list(db, auth, q);
      return { items: rows.map(toApi), total, page: q.page, pageSize: q.pageSize };
    },

    async create(auth: Auth, input: LearnerInput): Promise<Learner> {
      assertCanManageSchool(auth, input.schoolId);
      const school = await repo.findSchool(db, input.schoolId);
      if (!school) throw invalid('schoolId', 'no such school');
      if (school.archivedAt) throw invalid('schoolId', 'this school is archived');
      const id = newId();
      const now = nowIso();
      await uniqueMassar(() =>
        repo.insert(db, {
          id,
          role: 'learner',
          schoolId: input.schoolId,
          // Learners never sign in with a password: tablets sign them in (DESIGN.md, trust model).
          username: null,
          passwordHash: null,
          massarCode: input.massarCode,
          nameAr: input.nameAr,
          givenName: input.givenName,
          familyName: input.familyName,
          sex: input.sex,
          birthYear: input.birthYear,
          guardianName: input.guardianName ?? null,
          guardianPhone: input.guardianPhone ?? null,
          consentStatus: input.consentStatus,
          consentDate: input.consentDate ?? null,
          // Arabic first (DESIGN.md); the person switches in the app and it is remembered.
          locale: 'ar',
          searchText: learnerSearchText(input),
          createdAt: now,
          updatedAt: now,
        }),
      );
      return get(auth, id);
    },

    async update(auth: Auth, id: string, patch: LearnerPatch): Promise<Learner> {
      const current = await findVisible(auth, id);
      assertCanManageSchool(auth, current.schoolId ?? '');
      const next = { ...current, ...patch };
      if (next.consentStatus && next.consentStatus !== 'pending' && !next.consentDate)
        throw invalid('consentDate', 'a decided consent needs its date');
      await uniqueMassar(() =>
        repo.update(db, id, {
          ...patch,
          searchText: learnerSearchText({ ...next, massarCode: next.massarCode ?? '' }),
          updatedAt: nowIso(),
        }),
      );
      return get(auth, id);
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<Learner> {
      const current = await findVisible(auth, id);
      assertCanManageSchool(auth, current.schoolId ?? '');
      const now = nowIso();
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { archivedAt: archived ? now : null, updatedAt: now });
        if (archived) await repo.deleteSessions(trx, id);
      });
      return get(auth, id);
    },
  };
}
