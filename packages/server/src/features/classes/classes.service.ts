import type { ClassInput, ClassListQuery, ClassPatch, ClassRow, Page } from '@lawh/shared';
import { LEVELS, newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanManageSchool } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { type ClassListRow, classesRepository as repo } from './classes.repository';

type Teacher = { id: string; displayName: string };

const toApi = (r: ClassListRow, teachers: Teacher[]): ClassRow => ({
  id: r.id,
  schoolId: r.schoolId,
  schoolName: r.schoolName ?? '',
  yearId: r.yearId,
  title: r.title,
  cycle: r.cycle,
  level: r.level,
  subject: r.subject as ClassRow['subject'],
  teachers,
  learnerCount: Number(r.learnerCount ?? 0),
  archived: r.archivedAt !== null,
});

export const classSearchText = (c: { title: string; level: string; subject: string }) =>
  searchKey(c.title, c.level, c.subject);

export function classesService(db: Kysely<DB>) {
  const withTeachers = async (rows: ClassListRow[]): Promise<ClassRow[]> => {
    const teachers = await repo.teachersOf(
      db,
      rows.map((r) => r.id),
    );
    const byClass = new Map<string, Teacher[]>();
    for (const t of teachers) {
      const list = byClass.get(t.classId) ?? [];
      list.push({ id: t.id, displayName: `${t.givenName} ${t.familyName}` });
      byClass.set(t.classId, list);
    }
    return rows.map((r) => toApi(r, byClass.get(r.id) ?? []));
  };

  /** The class if this user may see it; what they may not see does not exist for them. */
  const findVisible = async (auth: Auth, id: string): Promise<ClassListRow> => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('Class');
    return row;
  };

  const get = async (auth: Auth, id: string): Promise<ClassRow> => {
    const [row] = await withTeachers([await findVisible(auth, id)]);
    return row as ClassRow;
  };

  const checkYear = async (yearId: string): Promise<void> => {
    const year = await repo.findSession(db, yearId);
    if (year?.type !== 'schoolYear') throw invalid('yearId', 'must be an existing school year');
    if (year.archivedAt) throw invalid('yearId', 'this school year is archived');
  };

  /** Every teacher must teach at the class's school; one already assigned may stay even if archived. */
  const checkTeachers = async (schoolId: string, ids: string[], assigned: string[]): Promise<void> => {
    const found = await repo.teachersAmong(db, schoolId, ids);
    const ok = new Set(
      found.filter((t) => t.archivedAt === null || assigned.includes(t.id)).map((t) => t.id),
    );
    if (ids.some((id) => !ok.has(id)))
      throw invalid('teacherIds', 'every teacher must be an active teacher of this school');
  };

  const teacherRows = (classId: string, userIds: string[], now: string) =>
    userIds.map((userId) => ({
      id: newId(),
      classId,
      userId,
      role: 'teacher' as const,
      createdAt: now,
      updatedAt: now,
    }));

  return {
    get,

    async list(auth: Auth, q: ClassListQuery): Promise<Page<ClassRow>> {
      const { rows, total } = await repo.list(db, auth, q);
      return { items: await withTeachers(rows), total, page: q.page, pageSize: q.pageSize };
    },

    async create(auth: Auth, input: ClassInput): Promise<ClassRow> {
      assertCanManageSchool(auth, input.schoolId);
      const school = await repo.findSchool(db, input.schoolId);
      if (!school) throw invalid('schoolId', 'no such school');
      if (school.archivedAt) throw invalid('schoolId', 'this school is archived');
      await checkYear(input.yearId);
      const teacherIds = [...new Set(input.teacherIds)];
      await checkTeachers(input.schoolId, teacherIds, []);
      const id = newId();
      const now = nowIso();
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, {
          id,
          schoolId: input.schoolId,
          yearId: input.yearId,
          title: input.title,
          cycle: input.cycle,
          level: input.level,
          subject: input.subject,
          searchText: classSearchText(input),
          createdAt: now,
          updatedAt: now,
        });
        await repo.assignTeachers(trx, teacherRows(id, teacherIds, now), now);
      });
      return get(auth, id);
    },

    async update(auth: Auth, id: string, patch: ClassPatch): Promise<ClassRow> {
      const current = await findVisible(auth, id);
      assertCanManageSchool(auth, current.schoolId);
      const next = { ...current, ...patch };
      if (!(LEVELS[next.cycle] as readonly string[]).includes(next.level))
        throw invalid('level', 'level does not belong to this cycle');
      if (patch.yearId && patch.yearId !== current.yearId) await checkYear(patch.yearId);
      const { teacherIds: wanted, ...fields } = patch;
      let added: string[] = [];
      let removed: string[] = [];
      if (wanted) {
        const assigned = await repo.assignedTeacherIds(db, id);
        const teacherIds = [...new Set(wanted)];
        await checkTeachers(current.schoolId, teacherIds, assigned);
        added = teacherIds.filter((t) => !assigned.includes(t));
        removed = assigned.filter((t) => !teacherIds.includes(t));
      }
      const now = nowIso();
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { ...fields, searchText: classSearchText(next), updatedAt: now });
        await repo.assignTeachers(trx, teacherRows(id, added, now), now);
        await repo.unassignTeachers(trx, id, removed, now);
      });
      return get(auth, id);
    },

    async setArchived(auth: Auth, id: string, archived: boolean): Promise<ClassRow> {
      const current = await findVisible(auth, id);
      assertCanManageSchool(auth, current.schoolId);
      const now = nowIso();
      await repo.update(db, id, { archivedAt: archived ? now : null, updatedAt: now });
      return get(auth, id);
    },
  };
}
