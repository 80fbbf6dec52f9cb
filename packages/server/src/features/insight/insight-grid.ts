import { type Assignment, type ClassProgressLearner, stuckReasons } from '@lawh/shared';
import { deriveState } from '@lawh/shared/content/submission-state';

// Builds the grid's rows from what the repository read: pure, so the service stays SQL and rules.

export interface GridInput {
  assignments: Assignment[];
  learners: { id: string; givenName: string; familyName: string; nameAr: string | null }[];
  groups: { id: string; learnerId: string | null }[];
  progress: {
    learnerId: string;
    contentId: string;
    status: 'started' | 'completed' | 'mastered';
    score: number | null;
    attempts: number;
    correct: number;
    answered: number;
    lastAt: string;
  }[];
  lastProgress: { learnerId: string; lastAt: string | null }[];
  submissions: {
    assignmentId: string;
    learnerId: string;
    attempt: number;
    late: number | boolean;
    submittedAt: string;
    points: number | null;
    gradedAt: string | null;
    returnedAt: string | null;
  }[];
  now: string;
  inactiveDays: number;
}

const key = (a: string, b: string) => `${a}\u0000${b}`;
const DONE_TASK = new Set(['submitted', 'late', 'graded', 'returned']);

/** The scale of a task: its points, or the sum of the top levels of its rubric. */
export function scaleOf(a: Assignment): number | null {
  if (a.rubric) return a.rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
  return a.maxPoints;
}

/** Which learners an assignment is for. */
function audienceOf(a: Assignment, groupMembers: Map<string, Set<string>>): (learnerId: string) => boolean {
  const aud = a.audience;
  if (aud.type === 'learners') {
    const set = new Set(aud.learnerIds);
    return (id) => set.has(id);
  }
  if (aud.type === 'groups') return (id) => aud.groupIds.some((g) => groupMembers.get(g)?.has(id));
  return () => true;
}

export function buildGrid(input: GridInput): ClassProgressLearner[] {
  const { assignments, now } = input;
  const groupMembers = new Map<string, Set<string>>();
  for (const g of input.groups) {
    const set = groupMembers.get(g.id) ?? new Set<string>();
    if (g.learnerId) set.add(g.learnerId);
    groupMembers.set(g.id, set);
  }
  const audiences = new Map(assignments.map((a) => [a.id, audienceOf(a, groupMembers)]));
  const progress = new Map(input.progress.map((p) => [key(p.learnerId, p.contentId), p]));
  // Rows come oldest attempt first: the last one written wins.
  const latest = new Map(input.submissions.map((s) => [key(s.learnerId, s.assignmentId), s]));
  const lastProgress = new Map(input.lastProgress.map((r) => [r.learnerId, r.lastAt]));
  const learnerGroups = (id: string) => [...groupMembers].filter(([, m]) => m.has(id)).map(([g]) => g);

  return input.learners.map((l) => {
    const mine = assignments.filter((a) => audiences.get(a.id)?.(l.id));
    const cells = mine.flatMap((a) => {
      const p = a.contentId ? progress.get(key(l.id, a.contentId)) : undefined;
      return p
        ? [
            {
              assignmentId: a.id,
              status: p.status,
              score: p.score === null ? null : Number(p.score),
              attempts: Number(p.attempts),
              correct: Number(p.correct),
              answered: Number(p.answered),
              lastAt: p.lastAt,
            },
          ]
        : [];
    });
    const byAssignment = new Map(cells.map((c) => [c.assignmentId, c]));
    let done = 0;
    let lastActivityAt = lastProgress.get(l.id) ?? null;
    const states = mine.flatMap((a) => {
      if (a.kind === 'task') {
        const s = latest.get(key(l.id, a.id));
        if (s && (lastActivityAt === null || s.submittedAt > lastActivityAt)) lastActivityAt = s.submittedAt;
        const state = deriveState(
          s
            ? {
                submittedAt: s.submittedAt,
                late: Boolean(s.late),
                gradedAt: s.gradedAt,
                returnedAt: s.returnedAt,
              }
            : null,
          a.dueAt,
          now,
        );
        if (DONE_TASK.has(state)) done++;
        return [
          {
            assignmentId: a.id,
            state,
            // Staff see a grade as soon as it is given; guardians only once returned (the summary).
            points: s?.points ?? null,
            maxPoints: scaleOf(a),
            at: s ? (s.returnedAt ?? s.submittedAt) : null,
          },
        ];
      }
      const status = byAssignment.get(a.id)?.status;
      if (status === 'completed' || status === 'mastered') {
        done++;
        return [];
      }
      // A lesson or quiz not finished is assigned, or missing once past due.
      return [
        {
          assignmentId: a.id,
          state: deriveState(null, a.dueAt, now),
          points: null,
          maxPoints: null,
          at: null,
        },
      ];
    });
    const open = mine.filter((a) => a.openAt <= now).map((a) => a.openAt);
    const stuck = stuckReasons({
      quizzes: cells
        .filter((c) => mine.find((a) => a.id === c.assignmentId)?.kind === 'quiz')
        .map((c) => ({ assignmentId: c.assignmentId, correct: c.correct, answered: c.answered })),
      lastActivityAt,
      firstOpenAt: open.sort()[0] ?? null,
      now,
      inactiveDays: input.inactiveDays,
    });
    return {
      id: l.id,
      name: `${l.givenName} ${l.familyName}`,
      nameAr: l.nameAr,
      groupIds: learnerGroups(l.id),
      assignmentIds: mine.map((a) => a.id),
      progress: cells,
      states,
      // Work that has not opened yet cannot be done: it does not count against the learner.
      overall: open.length === 0 ? 0 : Math.min(1, done / open.length),
      lastActivityAt,
      stuck,
    };
  });
}
