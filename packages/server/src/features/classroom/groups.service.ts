import type { ClassGroup, ClassGroupInput, ClassGroupPatch } from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAssignToClass, assertStaff } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { assignmentsRepository } from '../assignments/assignments.repository';
import { pokeScopes } from '../sync/live';
import { classScope } from '../sync/scopes';

// Groups inside a class (issue 5): a task can be given to some groups. Whoever may set the class's
// work manages its groups. A deleted group is archived so that a task given to it keeps its learners.

type Db = Kysely<DB>;

export function groupsService(db: Db) {
  const classFor = async (auth: Auth, classId: string) => {
    const cls = await assignmentsRepository.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanAssignToClass(auth, cls);
    return cls;
  };

  const groupFor = async (auth: Auth, id: string) => {
    const g = await db
      .selectFrom('classGroups')
      .selectAll()
      .where('id', '=', id)
      .where('archivedAt', 'is', null)
      .executeTakeFirst();
    if (!g || !(await assignmentsRepository.findClass(db, auth, g.classId))) throw notFound('Group');
    await classFor(auth, g.classId);
    return g;
  };

  const checkLearners = async (classId: string, ids: string[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return unique;
    const found = new Set(
      (await assignmentsRepository.learnersInClass(db, classId, unique)).map((l) => l.id),
    );
    const stray = unique.filter((l) => !found.has(l));
    if (stray.length) throw invalid('learnerIds', `not learners of this class: ${stray.join(', ')}`);
    return unique;
  };

  const assertNameFree = async (classId: string, name: string, except?: string) => {
    let q = db
      .selectFrom('classGroups')
      .select('id')
      .where('classId', '=', classId)
      .where('archivedAt', 'is', null)
      .where('name', '=', name);
    if (except) q = q.where('id', '!=', except);
    if (await q.executeTakeFirst()) throw conflict('name', 'This class already has a group of that name');
  };

  const list = async (classId: string): Promise<ClassGroup[]> => {
    const groups = await db
      .selectFrom('classGroups')
      .select(['id', 'classId', 'name'])
      .where('classId', '=', classId)
      .where('archivedAt', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .execute();
    const members = groups.length
      ? await db
          .selectFrom('classGroupMembers')
          .select(['groupId', 'learnerId'])
          .where(
            'groupId',
            'in',
            groups.map((g) => g.id),
          )
          .orderBy('learnerId')
          .execute()
      : [];
    return groups.map((g) => ({
      ...g,
      learnerIds: members.filter((m) => m.groupId === g.id).map((m) => m.learnerId),
    }));
  };

  const one = async (id: string) => {
    const g = await db
      .selectFrom('classGroups')
      .select('classId')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return (await list(g.classId)).find((x) => x.id === id) as ClassGroup;
  };

  const setMembers = async (trx: Db, groupId: string, learnerIds: string[]) => {
    await trx.deleteFrom('classGroupMembers').where('groupId', '=', groupId).execute();
    if (learnerIds.length)
      await trx
        .insertInto('classGroupMembers')
        .values(learnerIds.map((learnerId) => ({ groupId, learnerId })))
        .execute();
  };

  return {
    /** Staff who see the class see its groups (a learner has no use for who is in which group). */
    async list(auth: Auth, classId: string): Promise<ClassGroup[]> {
      assertStaff(auth);
      if (!(await assignmentsRepository.findClass(db, auth, classId))) throw notFound('Class');
      return list(classId);
    },

    async create(auth: Auth, classId: string, input: ClassGroupInput): Promise<ClassGroup> {
      const cls = await classFor(auth, classId);
      const learnerIds = await checkLearners(classId, input.learnerIds);
      await assertNameFree(classId, input.name);
      const id = newId();
      const now = nowIso();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('classGroups')
          .values({ id, classId, name: input.name, createdAt: now, updatedAt: now, archivedAt: null })
          .execute();
        await setMembers(trx, id, learnerIds);
      });
      pokeScopes([classScope(cls.id)]);
      return one(id);
    },

    async update(auth: Auth, id: string, patch: ClassGroupPatch): Promise<ClassGroup> {
      const g = await groupFor(auth, id);
      const learnerIds = patch.learnerIds ? await checkLearners(g.classId, patch.learnerIds) : null;
      if (patch.name) await assertNameFree(g.classId, patch.name, id);
      await inTransaction(db, async (trx) => {
        await trx
          .updateTable('classGroups')
          .set({ ...(patch.name && { name: patch.name }), updatedAt: nowIso() })
          .where('id', '=', id)
          .execute();
        if (learnerIds) await setMembers(trx, id, learnerIds);
      });
      // Tasks given to this group now reach other tablets.
      pokeScopes([classScope(g.classId)]);
      return one(id);
    },

    async remove(auth: Auth, id: string): Promise<void> {
      const _g = await groupFor(auth, id);
      const now = nowIso();
      await db
        .updateTable('classGroups')
        .set({ archivedAt: now, updatedAt: now })
        .where('id', '=', id)
        .execute();
    },
  };
}
