import { type LearnerListQuery, newId, searchKey } from '@lawh/shared';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSchool, testDialect } from '../../../test/helpers';
import type { Auth } from '../../auth/policy';
import { migrateToLatest } from '../../db/migrate';
import type { DB, NewUser } from '../../db/schema';
import { learnersService } from './learners.service';
import { staffService } from './staff.service';

// Not a timed test (timings on a shared CI machine prove nothing): it checks that each list is the
// one count and one page query it should be, and that SQLite answers both through an index rather
// than by reading every user, at the size the brief names — 2,000 learners a school.
const PER_SCHOOL = 2000;

describe.skipIf(testDialect !== 'sqlite')(
  'people lists at 2,000 learners a school (SQLite query plans)',
  () => {
    const statements: CompiledQuery[] = [];
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
      plugins: [new CamelCasePlugin()],
      log: (e) => {
        if (e.level === 'query') statements.push(e.query);
      },
    });
    let schoolA = '';

    beforeAll(async () => {
      await migrateToLatest(db);
      const schools = [await insertSchool(db), await insertSchool(db)];
      schoolA = schools[0] as string;
      let n = 0;
      for (const schoolId of schools) {
        const rows: NewUser[] = Array.from({ length: PER_SCHOOL }, () => {
          const i = n++;
          const massarCode = `K${String(100_000_000 + i)}`;
          const familyName = `Family${String(i % 977).padStart(3, '0')}`;
          return {
            id: newId(),
            role: 'learner',
            schoolId,
            nameAr: 'تلميذ',
            givenName: `Given${i}`,
            familyName,
            sex: i % 2 ? 'F' : 'M',
            birthYear: 2010 + (i % 8),
            massarCode,
            consentStatus: 'granted',
            consentDate: '2026-09-15',
            locale: 'ar',
            searchText: searchKey('تلميذ', `Given${i}`, familyName, massarCode),
            createdAt: '2026-09-01T00:00:00.000Z',
            updatedAt: '2026-09-01T00:00:00.000Z',
          };
        });
        for (let i = 0; i < rows.length; i += 400)
          await db
            .insertInto('users')
            .values(rows.slice(i, i + 400))
            .execute();
      }
    });
    afterAll(() => db.destroy());

    const plans = async () => {
      const out: string[][] = [];
      for (const q of statements.splice(0)) {
        const plan = await db.executeQuery<{ detail: string }>({
          ...q,
          sql: `EXPLAIN QUERY PLAN ${q.sql}`,
        } as CompiledQuery<{ detail: string }>);
        out.push(plan.rows.map((r) => r.detail));
      }
      return out;
    };
    const base = { page: 3, pageSize: 25, order: 'asc', archived: 'false' } as const;
    const schoolAdmin = (): Auth => ({ userId: 'x', role: 'school_admin', schoolId: schoolA });
    const programmeAdmin: Auth = { userId: 'x', role: 'programme_admin', schoolId: null };

    type Case = [string, () => Auth, () => Partial<LearnerListQuery>, number, string];
    it.each<Case>([
      ['a school admin, default order', schoolAdmin, () => ({}), PER_SCHOOL, 'users_school_role'],
      ['a school admin searching', schoolAdmin, () => ({ q: 'given1' }), 1111, 'users_school_role'],
      [
        'a school admin by Massar code',
        schoolAdmin,
        () => ({ sort: 'massarCode' }),
        PER_SCHOOL,
        'users_school_role',
      ],
      [
        'the programme admin, one school',
        () => programmeAdmin,
        () => ({ schoolId: schoolA }),
        PER_SCHOOL,
        'users_school_role',
      ],
      [
        'the programme admin, every school',
        () => programmeAdmin,
        () => ({}),
        2 * PER_SCHOOL,
        'users_role_family_name',
      ],
    ])('%s: one count, one page, both through an index', async (_, auth, filters, total, index) => {
      statements.length = 0;
      const page = await learnersService(db).list(auth(), { ...base, sort: 'familyName', ...filters() });
      expect(page.total).toBe(total);
      expect(page.items).toHaveLength(25);
      const [count, rows] = await plans();
      expect(rows).toBeDefined();
      for (const plan of [count ?? [], rows ?? []]) {
        expect(plan.join(' | ')).toContain(`INDEX ${index}`);
        expect(
          plan.some((line) => /^SCAN users\b/.test(line)),
          plan.join(' | '),
        ).toBe(false);
      }
    });

    it('the staff list of a school reads its index too, beside 2,000 learners', async () => {
      statements.length = 0;
      const page = await staffService(db).list(schoolAdmin(), { ...base, page: 1, sort: 'familyName' });
      expect(page.total).toBe(0);
      const all = await plans();
      expect(all).toHaveLength(2);
      for (const plan of all) expect(plan.join(' | ')).toContain('INDEX users_school_role');
    });
  },
);
