import type {
  Assignment,
  AssignmentAudience,
  AssignmentInput,
  AssignmentPatch,
  AssignmentSavedPayload,
  Rubric,
} from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAssignToClass } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { pokeScopes } from '../sync/live';
import { classScope, schoolScope } from '../sync/scopes';
import { type AssignmentRow, assignmentsRepository as repo } from './assignments.repository';

type Db = Kysely<DB>;
type Refs = Awaited<ReturnType<typeof repo.audienceRefs>>;

const toApi = (r: AssignmentRow, refs: Refs): Assignment => {
  const audience: AssignmentAudience =
    r.audience === 'groups'
      ? { type: 'groups', groupIds: refs.groups.filter((g) => g.assignmentId === r.id).map((g) => g.groupId) }
      : r.audience === 'learners'
        ? {
            type: 'learners',
            learnerIds: refs.learners.filter((l) => l.assignmentId === r.id).map((l) => l.learnerId),
          }
        : { type: 'class' };
  return {
    id: r.id,
    classId: r.classId,
    kind: r.kind,
    contentId: r.contentId,
    contentKind: r.contentKind,
    contentTitle: r.contentTitle,
    title: r.title,
    instructions: r.instructions,
    attachments: JSON.parse(r.attachments),
    audience,
    openAt: r.openAt,
    dueAt: r.dueAt,
    closedAt: r.closedAt,
    maxPoints: r.maxPoints === null ? null : Number(r.maxPoints),
    rubric: r.rubric ? JSON.parse(r.rubric) : null,
    withdrawn: r.withdrawnAt !== null,
    createdAt: r.createdAt,
  };
};

const toUtc = (iso: string) => new Date(iso).toISOString();

const assertDueAfterOpen = (openAt: string, dueAt: string | null) => {
  if (dueAt !== null && dueAt <= openAt)
    throw invalid('dueAt', 'the due date must be after the opening date');
};

/** The highest grade a rubric gives: the best level of every criterion. */
export const rubricMax = (r: Rubric) =>
  r.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);

/**
 * Tells the sync feature that a class's work changed, after the write has committed: the class's
 * scope (its assignments) and its school's (which content the tablets hold) are projected again at
 * the next pull, and live tablets pull now.
 */
const announce = (cls: { id: string; schoolId: string }) =>
  pokeScopes([classScope(cls.id), schoolScope(cls.schoolId)]);

type Editable = Omit<AssignmentPatch, never>;

export function assignmentsService(db: Db) {
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

  const withRefs = async (rows: AssignmentRow[]) => {
    const refs = await repo.audienceRefs(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toApi(r, refs));
  };
  const get = async (id: string): Promise<Assignment> =>
    (await withRefs([(await repo.find(db, id)) as AssignmentRow]))[0] as Assignment;

  /** Checks the audience against the class: groups of this class, learners enrolled in it. */
  const audienceIds = async (classId: string, a: AssignmentAudience) => {
    if (a.type === 'groups') {
      const ids = [...new Set(a.groupIds)];
      const found = new Set((await repo.groupsOfClass(db, classId, ids)).map((g) => g.id));
      const stray = ids.filter((g) => !found.has(g));
      if (stray.length) throw invalid('audience.groupIds', `not groups of this class: ${stray.join(', ')}`);
      return { groupIds: ids, learnerIds: [] };
    }
    if (a.type === 'learners') {
      const ids = [...new Set(a.learnerIds)];
      const found = new Set((await repo.learnersInClass(db, classId, ids)).map((l) => l.id));
      const stray = ids.filter((l) => !found.has(l));
      if (stray.length)
        throw invalid('audience.learnerIds', `not learners of this class: ${stray.join(', ')}`);
      return { groupIds: [], learnerIds: ids };
    }
    return { groupIds: [], learnerIds: [] };
  };

  /** The stored attachments: each hash must be an uploaded file; its type and size come from the record. */
  const attachmentsOf = async (list: { hash: string; name: string }[]) => {
    const media = new Map(
      (await repo.media(db, [...new Set(list.map((a) => a.hash))])).map((m) => [m.hash, m]),
    );
    return list.map((a, i) => {
      const m = media.get(a.hash);
      if (!m) throw invalid(`attachments.${i}.hash`, 'no such uploaded file');
      return { hash: a.hash, mime: m.mime, bytes: Number(m.bytes), name: a.name };
    });
  };

  /** The grading scale: a rubric sets it; points alone need maxPoints; lessons and quizzes have none. */
  const scaleOf = (
    kind: string,
    input: Editable,
    current: { maxPoints: number | null; rubric: string | null },
  ) => {
    const rubric =
      input.rubric === undefined
        ? current.rubric
          ? (JSON.parse(current.rubric) as Rubric)
          : null
        : input.rubric;
    const maxPoints = input.maxPoints === undefined ? current.maxPoints : input.maxPoints;
    if (kind !== 'task') {
      if (input.rubric) throw invalid('rubric', 'only tasks are graded with a rubric');
      if (input.maxPoints) throw invalid('maxPoints', 'only tasks are graded with points');
      return { rubric: null, maxPoints: null };
    }
    if (rubric) return { rubric: JSON.stringify(rubric), maxPoints: rubricMax(rubric) };
    return { rubric: null, maxPoints: maxPoints === null ? null : Number(maxPoints) };
  };

  const create = async (
    auth: Auth,
    classId: string,
    input: AssignmentInput,
    id: string = newId(),
  ): Promise<Assignment> => {
    const cls = await classFor(auth, classId);
    if (cls.archivedAt) throw conflict('classId', 'This class is archived');
    let kind: 'lesson' | 'quiz' | 'task' = 'task';
    let contentId: string | null = null;
    if (input.kind !== 'task') {
      if (!input.contentId) throw invalid('contentId', 'choose a lesson or quiz');
      const content = await repo.findAssignableContent(db, auth, input.contentId, cls.schoolId);
      if (!content)
        throw (await repo.contentExists(db, auth, input.contentId))
          ? invalid('contentId', "must be published and from the library or the class's school")
          : invalid('contentId', 'no such lesson or quiz');
      kind = content.kind;
      contentId = content.id;
    } else if (!input.title) throw invalid('title', 'a task needs a title');
    const now = nowIso();
    const openAt = input.openAt ? toUtc(input.openAt) : now;
    const dueAt = input.dueAt ? toUtc(input.dueAt) : null;
    assertDueAfterOpen(openAt, dueAt);
    const audience = input.audience ?? { type: 'class' as const };
    const refs = await audienceIds(classId, audience);
    const attachments = await attachmentsOf(input.attachments ?? []);
    const scale = scaleOf(kind, input, { maxPoints: null, rubric: null });
    await inTransaction(db, async (trx) => {
      if (contentId && audience.type === 'class' && (await repo.activeFor(trx, classId, contentId)))
        throw conflict('contentId', 'This class already has this lesson or quiz assigned');
      await repo.insert(trx, {
        id,
        classId,
        kind,
        contentId,
        contentVersion: null,
        title: kind === 'task' ? (input.title ?? null) : null,
        instructions: input.instructions ?? null,
        attachments: JSON.stringify(attachments),
        audience: audience.type,
        openAt,
        dueAt,
        closedAt: null,
        ...scale,
        createdBy: auth.userId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.setAudience(trx, id, refs.groupIds, refs.learnerIds);
    });
    announce(cls);
    return get(id);
  };

  const update = async (auth: Auth, id: string, patch: AssignmentPatch): Promise<Assignment> => {
    const current = await assignmentFor(auth, id);
    if (current.withdrawnAt)
      throw conflict('withdrawn', 'This assignment was withdrawn; it can no longer be changed');
    if (patch.title !== undefined && current.kind !== 'task')
      throw invalid('title', 'a lesson or quiz keeps its own title');
    const openAt = patch.openAt ? toUtc(patch.openAt) : current.openAt;
    const dueAt = patch.dueAt === undefined ? current.dueAt : patch.dueAt && toUtc(patch.dueAt);
    assertDueAfterOpen(openAt, dueAt);
    const refs = patch.audience ? await audienceIds(current.classId, patch.audience) : null;
    const attachments = patch.attachments ? await attachmentsOf(patch.attachments) : null;
    const scale = scaleOf(current.kind, patch, current);
    if (
      (patch.rubric !== undefined || patch.maxPoints !== undefined) &&
      (scale.rubric !== current.rubric ||
        scale.maxPoints !== (current.maxPoints === null ? null : Number(current.maxPoints))) &&
      (await repo.hasGrades(db, id))
    )
      throw conflict('rubric', 'Work was already graded on this scale; it can no longer change');
    await inTransaction(db, async (trx) => {
      await repo.update(trx, id, {
        openAt,
        dueAt,
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.instructions !== undefined && { instructions: patch.instructions }),
        ...(attachments && { attachments: JSON.stringify(attachments) }),
        ...(patch.audience && { audience: patch.audience.type }),
        ...scale,
        updatedAt: nowIso(),
      });
      if (refs) await repo.setAudience(trx, id, refs.groupIds, refs.learnerIds);
    });
    announce(current.cls);
    return get(id);
  };

  /** Sets closedAt (null reopens). A closed task refuses new submissions; a withdrawn one cannot change. */
  const setClosed = async (auth: Auth, id: string, closed: boolean): Promise<Assignment> => {
    const current = await assignmentFor(auth, id);
    if (current.withdrawnAt)
      throw conflict('withdrawn', 'This assignment was withdrawn; it can no longer be changed');
    if (current.kind !== 'task') throw invalid('kind', 'only tasks can be closed');
    if ((current.closedAt !== null) !== closed) {
      const now = nowIso();
      await repo.update(db, id, { closedAt: closed ? now : null, updatedAt: now });
      announce(current.cls);
    }
    return get(id);
  };

  return {
    /** The current work of a class; whoever sees the class sees it. */
    async list(auth: Auth, classId: string): Promise<Assignment[]> {
      if (!(await repo.findClass(db, auth, classId))) throw notFound('Class');
      return withRefs(await repo.listActive(db, classId));
    },

    async get(auth: Auth, id: string): Promise<Assignment> {
      const row = await repo.find(db, id);
      if (!row || !(await repo.findClass(db, auth, row.classId))) throw notFound('Assignment');
      return get(id);
    },

    create: (auth: Auth, classId: string, input: AssignmentInput) => create(auth, classId, input),
    update,
    close: (auth: Auth, id: string) => setClosed(auth, id, true),
    reopen: (auth: Auth, id: string) => setClosed(auth, id, false),

    /** Teacher event `assignment.saved`: the same rules; a known id is an edit of that assignment. */
    async save(auth: Auth, p: AssignmentSavedPayload): Promise<Assignment> {
      const { assignmentId, classId, kind, contentId, ...fields } = p;
      const existing = await repo.find(db, assignmentId);
      if (!existing) return create(auth, classId, { kind, contentId, ...fields }, assignmentId);
      if (existing.classId !== classId) throw invalid('classId', 'the assignment belongs to another class');
      return update(auth, assignmentId, fields);
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
  };
}
