import type {
  Assignment,
  ClassProgress,
  GuardianNoteInput,
  GuardianSummary,
  LearnerProgress,
} from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAssignToClass, assertStaff } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { assignmentsService } from '../assignments/assignments.service';
import { insightRepository as repo } from './insight.repository';
import { buildGrid, scaleOf } from './insight-grid';
import { summaryWindow } from './week';

type Cls = { id: string; schoolId: string; title: string };

/** Who writes a class's weekly notes: whoever sets its work (policy.ts). */
const canWriteNote = (auth: Auth, cls: Cls) => {
  try {
    assertCanAssignToClass(auth, cls);
    return true;
  } catch {
    return false;
  }
};

export function insightService(db: Kysely<DB>) {
  const assignments = assignmentsService(db);

  /** The grid's rows for a class (all its learners, or only one). */
  const gridOf = async (auth: Auth, cls: Cls, inactiveDays: number, onlyLearner?: string) => {
    const [current, allLearners, groupRows] = await Promise.all([
      assignments.list(auth, cls.id),
      repo.learnersOf(db, cls.id),
      repo.groupsOf(db, cls.id),
    ]);
    const learners = onlyLearner ? allLearners.filter((l) => l.id === onlyLearner) : allLearners;
    const ids = learners.map((l) => l.id);
    const contentIds = [...new Set(current.flatMap((a) => (a.contentId ? [a.contentId] : [])))];
    const taskIds = current.filter((a) => a.kind === 'task').map((a) => a.id);
    const [progress, lastProgress, submissions] = await Promise.all([
      repo.progressOf(db, ids, contentIds),
      repo.lastProgressAt(db, ids),
      repo.submissionsOf(db, taskIds, ids),
    ]);
    const rows = buildGrid({
      assignments: current,
      learners,
      groups: groupRows,
      progress,
      lastProgress: lastProgress.map((r) => ({ learnerId: r.learnerId, lastAt: r.lastAt ?? null })),
      submissions,
      now: nowIso(),
      inactiveDays,
    });
    const groups = [...new Map(groupRows.map((g) => [g.id, { id: g.id, name: g.name }])).values()];
    return { assignments: current, groups, rows };
  };

  /** A class the user may read the progress of (404 unseen, 403 a learner). */
  const classFor = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanAssignToClass(auth, cls);
    return cls;
  };

  /** A learner staff may read about, and the classes of theirs the user sees. */
  const learnerFor = async (auth: Auth, learnerId: string) => {
    assertStaff(auth);
    const learner = await repo.findLearner(db, auth, learnerId);
    if (!learner) throw notFound('Learner');
    const classes = await repo.classesOfLearner(db, auth, learnerId);
    return {
      learner: { id: learner.id, name: `${learner.givenName} ${learner.familyName}`, nameAr: learner.nameAr },
      classes,
    };
  };

  return {
    /** The class progress grid: learners × current assignments, with stuck learners flagged. */
    async classProgress(auth: Auth, classId: string, inactiveDays: number): Promise<ClassProgress> {
      const cls = await classFor(auth, classId);
      const grid = await gridOf(auth, cls, inactiveDays);
      return { assignments: grid.assignments, groups: grid.groups, inactiveDays, learners: grid.rows };
    },

    /** One learner's work in each class of theirs the user sees. */
    async learnerProgress(auth: Auth, learnerId: string, inactiveDays: number): Promise<LearnerProgress> {
      const { learner, classes } = await learnerFor(auth, learnerId);
      const out: LearnerProgress['classes'] = [];
      for (const cls of classes) {
        const grid = await gridOf(auth, cls, inactiveDays, learnerId);
        const row = grid.rows[0];
        if (row) out.push({ id: cls.id, title: cls.title, assignments: grid.assignments, row });
      }
      return { learner, inactiveDays, classes: out };
    },

    /** The guardians' weekly summary: the 7 days up to `to` (now by default). */
    async guardianSummary(auth: Auth, learnerId: string, to?: string): Promise<GuardianSummary> {
      const { learner, classes } = await learnerFor(auth, learnerId);
      const { from, to: end, week } = summaryWindow(to ?? nowIso());
      const inWeek = (at: string | null) => at !== null && at > from && at <= end;
      const summary: GuardianSummary = {
        learner,
        from,
        to: end,
        week,
        done: [],
        missing: [],
        awaitingGrade: [],
        returned: [],
        notes: [],
        writableClasses: [],
      };
      for (const cls of classes) {
        const { assignments: current, rows } = await gridOf(auth, cls, 7, learnerId);
        const row = rows[0];
        if (!row) continue;
        const item = (a: Assignment) => ({
          assignmentId: a.id,
          title: a.title ?? a.contentTitle ?? '',
          className: cls.title,
          kind: a.kind,
          dueAt: a.dueAt,
        });
        const mine = current.filter((a) => row.assignmentIds.includes(a.id));
        for (const a of mine) {
          const p = row.progress.find((c) => c.assignmentId === a.id);
          const s = row.states.find((c) => c.assignmentId === a.id);
          if (a.kind !== 'task') {
            if (p && p.status !== 'started' && inWeek(p.lastAt))
              summary.done.push({ ...item(a), at: p.lastAt, score: p.score });
          } else if (s && s.state !== 'assigned' && s.state !== 'missing') {
            const sub = await repo.latestSubmission(db, a.id, learnerId);
            if (sub && inWeek(sub.submittedAt))
              summary.done.push({ ...item(a), at: sub.submittedAt, score: null });
            // Graded but not returned is still waiting, as guardians see it: the grade is not theirs yet.
            if (s.state === 'submitted' || s.state === 'late' || s.state === 'graded')
              summary.awaitingGrade.push({
                ...item(a),
                at: sub?.submittedAt ?? '',
                late: Boolean(sub?.late),
              });
            // A grade reaches guardians only once returned, as it reaches the learner.
            if (s.state === 'returned' && sub && inWeek(sub.returnedAt))
              summary.returned.push({
                ...item(a),
                at: sub.returnedAt as string,
                points: sub.points,
                maxPoints: scaleOf(a),
              });
          }
          if (s?.state === 'missing') summary.missing.push(item(a));
        }
      }
      const classIds = classes.map((c) => c.id);
      const titles = new Map(classes.map((c) => [c.id, c.title]));
      summary.notes = (await repo.notesOf(db, learnerId, classIds, week)).map((n) => ({
        classId: n.classId,
        className: titles.get(n.classId) ?? '',
        authorName: `${n.givenName} ${n.familyName}`,
        body: n.body,
        updatedAt: n.updatedAt,
      }));
      summary.writableClasses = classes
        .filter((c) => canWriteNote(auth, c))
        .map((c) => ({ id: c.id, title: c.title }));
      for (const list of [summary.done, summary.awaitingGrade, summary.returned])
        list.sort((a, b) => a.at.localeCompare(b.at));
      summary.missing.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
      return summary;
    },

    /**
     * Sets (or, with an empty body, removes) the class's note for the learner's week. `at` is when
     * the teacher wrote it (an offline save's device time, never later than now): an older save
     * arriving after a newer one changes nothing.
     */
    async saveNote(auth: Auth, learnerId: string, input: GuardianNoteInput, at?: string): Promise<void> {
      const { classes } = await learnerFor(auth, learnerId);
      const cls = classes.find((c) => c.id === input.classId);
      if (!cls) throw invalid('classId', "not one of this learner's classes that you teach");
      assertCanAssignToClass(auth, cls);
      if (new Date(`${input.week}T12:00:00Z`).getUTCDay() !== 1) throw invalid('week', 'must be a Monday');
      const serverNow = nowIso();
      const now = at && at < serverNow ? new Date(at).toISOString() : serverNow;
      await inTransaction(db, async (trx) => {
        const existing = await repo.findNote(trx, learnerId, cls.id, input.week);
        if (existing && existing.updatedAt > now) return;
        if (input.body === '') {
          if (existing) await repo.deleteNote(trx, existing.id);
        } else if (existing) {
          await repo.updateNote(trx, existing.id, {
            body: input.body,
            authorId: auth.userId,
            updatedAt: now,
          });
        } else {
          await repo.insertNote(trx, {
            id: newId(),
            learnerId,
            classId: cls.id,
            week: input.week,
            body: input.body,
            authorId: auth.userId,
            createdAt: now,
            updatedAt: now,
          });
        }
      });
    },
  };
}
