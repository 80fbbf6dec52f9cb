import type { Assignment, AssignmentInput, AssignmentPatch, ClassProgress } from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAssignToClass } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { pokeScopes } from '../sync/live';
import { classScope, schoolScope } from '../sync/scopes';
import { type AssignmentRow, assignmentsRepository as repo } from './assignments.repository';

const toApi = (r: AssignmentRow): Assignment => ({
  id: r.id,
  classId: r.classId,
  contentId: r.contentId,
  contentKind: r.contentKind,
  contentTitle: r.contentTitle,
  openAt: r.openAt,
  dueAt: r.dueAt,
  withdrawn: r.withdrawnAt !== null,
  createdAt: r.createdAt,
});

const toUtc = (iso: string) => new Date(iso).toISOString();

const assertDueAfterOpen = (openAt: string, dueAt: string | null) => {
  if (dueAt !== null && dueAt <= openAt)
    throw invalid('dueAt', 'the due date must be after the opening date');
};

/**
 * Tells the sync feature that a class's work changed, after the write has committed: the class's
 * scope (its assignments) and its school's (which content the tablets hold) are projected again at
 * the next pull, and live tablets pull now.
 */
const announce = (cls: { id: string; schoolId: string }) =>
  pokeScopes([classScope(cls.id), schoolScope(cls.schoolId)]);

export function assignmentsService(db: Kysely<DB>) {
  /** The class if the user may see it, and whether they may set its work (403 otherwise). */
  const classFor = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanAssignToClass(auth, cls);
    return cls;
  };

  /** The assignment and its class, if the user may change it. */
  const assignmentFor = async (auth: Auth, id: string) => {
    const row = await repo.find(db, id);
    // An assignment of a class the user cannot see does not exist for them.
    if (!row || !(await repo.findClass(db, auth, row.classId))) throw notFound('Assignment');
    return { ...row, cls: await classFor(auth, row.classId) };
  };

  const get = async (id: string): Promise<Assignment> => toApi((await repo.find(db, id)) as AssignmentRow);

  return {
    /** The current work of a class; whoever sees the class sees it. */
    async list(auth: Auth, classId: string): Promise<Assignment[]> {
      if (!(await repo.findClass(db, auth, classId))) throw notFound('Class');
      return (await repo.listActive(db, classId)).map(toApi);
    },

    async create(auth: Auth, classId: string, input: AssignmentInput): Promise<Assignment> {
      const cls = await classFor(auth, classId);
      if (cls.archivedAt) throw conflict('classId', 'This class is archived');
      const content = await repo.findAssignableContent(db, auth, input.contentId, cls.schoolId);
      if (!content)
        throw (await repo.contentExists(db, auth, input.contentId))
          ? invalid('contentId', "must be published and from the library or the class's school")
          : invalid('contentId', 'no such lesson or quiz');
      const now = nowIso();
      const openAt = input.openAt ? toUtc(input.openAt) : now;
      const dueAt = input.dueAt ? toUtc(input.dueAt) : null;
      assertDueAfterOpen(openAt, dueAt);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        if (await repo.activeFor(trx, classId, content.id))
          throw conflict('contentId', 'This class already has this lesson or quiz assigned');
        await repo.insert(trx, {
          id,
          classId,
          contentId: content.id,
          contentVersion: null,
          openAt,
          dueAt,
          createdBy: auth.userId,
          createdAt: now,
          updatedAt: now,
        });
      });
      announce(cls);
      return get(id);
    },

    async update(auth: Auth, id: string, patch: AssignmentPatch): Promise<Assignment> {
      const current = await assignmentFor(auth, id);
      if (current.withdrawnAt) throw conflict('withdrawn', 'This assignment was withdrawn');
      const openAt = patch.openAt ? toUtc(patch.openAt) : current.openAt;
      const dueAt = patch.dueAt === undefined ? current.dueAt : patch.dueAt && toUtc(patch.dueAt);
      assertDueAfterOpen(openAt, dueAt);
      await repo.update(db, id, { openAt, dueAt, updatedAt: nowIso() });
      announce(current.cls);
      return get(id);
    },

    /** Takes the work off the class's tablets; what learners did stays. Withdrawing twice changes nothing. */
    async withdraw(auth: Auth, id: string): Promise<Assignment> {
      const current = await assignmentFor(auth, id);
      if (!current.withdrawnAt) {
        const now = nowIso();
        await repo.update(db, id, { withdrawnAt: now, updatedAt: now });
        announce(current.cls);
      }
      return get(id);
    },

    /** Each learner of the class against the class's current work, as the tablets reported it. */
    async progress(auth: Auth, classId: string): Promise<ClassProgress> {
      await classFor(auth, classId);
      const [assignments, learners] = await Promise.all([
        repo.listActive(db, classId),
        repo.learnersOf(db, classId),
      ]);
      const rows = await repo.progressOf(
        db,
        learners.map((l) => l.id),
        [...new Set(assignments.map((a) => a.contentId))],
      );
      const byKey = new Map(rows.map((r) => [`${r.learnerId}\u0000${r.contentId}`, r]));
      return {
        assignments: assignments.map(toApi),
        learners: learners.map((l) => ({
          id: l.id,
          name: `${l.givenName} ${l.familyName}`,
          nameAr: l.nameAr,
          progress: assignments.flatMap((a) => {
            const p = byKey.get(`${l.id}\u0000${a.contentId}`);
            return p
              ? [
                  {
                    assignmentId: a.id,
                    status: p.status,
                    score: p.score === null ? null : Number(p.score),
                    attempts: Number(p.attempts),
                    lastAt: p.lastAt,
                  },
                ]
              : [];
          }),
        })),
      };
    },
  };
}
