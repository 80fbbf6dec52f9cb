// When a learner is "stuck" (issue 5): the one rule, pure, shared by the server (which flags) and
// tests. Two reasons, each explained to the teacher in the flag's text:
// - many wrong answers: on an assigned quiz, at least `minAnswered` answers with under
//   `maxCorrectShare` of them right (5 answered, fewer than 40 % right by default);
// - no activity for N days (7 by default, chosen on the page): nothing reported by the tablet for
//   N days. A learner who never did anything counts from when their earliest current work opened,
//   so a class given its first quiz today is not flagged at once.

export const STUCK_RULE = { minAnswered: 5, maxCorrectShare: 0.4, inactiveDays: 7 } as const;
export const INACTIVE_DAYS_CHOICES = [3, 7, 14, 30] as const;

export type StuckReason =
  | { kind: 'wrong_answers'; assignmentId: string; correct: number; answered: number }
  /** `lastActivityAt` null: nothing at all since the work opened. `days` are whole days of silence. */
  | { kind: 'inactive'; days: number; lastActivityAt: string | null };

export interface QuizTally {
  assignmentId: string;
  correct: number;
  answered: number;
}

const DAY_MS = 86_400_000;

/** Many answers, mostly wrong. */
export const manyWrongAnswers = (q: { correct: number; answered: number }): boolean =>
  q.answered >= STUCK_RULE.minAnswered && q.correct < STUCK_RULE.maxCorrectShare * q.answered;

/** Whole days of silence, counted from the last activity or, without any, from when work opened. */
export function silentDays(
  lastActivityAt: string | null,
  firstOpenAt: string | null,
  now: string,
): number | null {
  const since = lastActivityAt ?? firstOpenAt;
  if (since === null) return null;
  return Math.floor((Date.parse(now) - Date.parse(since)) / DAY_MS);
}

export interface StuckInput {
  /** Answer tallies on the learner's assigned quizzes. */
  quizzes: QuizTally[];
  lastActivityAt: string | null;
  /** When the learner's earliest current (open) assignment opened; null: no current work. */
  firstOpenAt: string | null;
  now: string;
  inactiveDays?: number;
}

/** Every reason this learner is stuck, worst quiz first; empty when they are not. */
export function stuckReasons(input: StuckInput): StuckReason[] {
  const reasons: StuckReason[] = input.quizzes
    .filter(manyWrongAnswers)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered)
    .map((q) => ({
      kind: 'wrong_answers',
      assignmentId: q.assignmentId,
      correct: q.correct,
      answered: q.answered,
    }));
  // Without current work there is nothing to be behind on.
  if (input.firstOpenAt !== null) {
    const days = silentDays(input.lastActivityAt, input.firstOpenAt, input.now);
    if (days !== null && days >= (input.inactiveDays ?? STUCK_RULE.inactiveDays))
      reasons.push({ kind: 'inactive', days, lastActivityAt: input.lastActivityAt });
  }
  return reasons;
}
