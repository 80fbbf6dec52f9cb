import { describe, expect, it } from 'vitest';
import { manyWrongAnswers, stuckReasons } from './stuck';

const now = '2026-11-27T10:00:00.000Z';
const daysAgo = (n: number) => new Date(Date.parse(now) - n * 86_400_000).toISOString();

describe('the stuck rule', () => {
  it('flags five or more answers with under 40 % right, and nothing less', () => {
    expect(manyWrongAnswers({ correct: 1, answered: 5 })).toBe(true);
    expect(manyWrongAnswers({ correct: 0, answered: 12 })).toBe(true);
    // 2 of 5 is exactly 40 %: not under it.
    expect(manyWrongAnswers({ correct: 2, answered: 5 })).toBe(false);
    // Four wrong answers are too few to judge.
    expect(manyWrongAnswers({ correct: 0, answered: 4 })).toBe(false);
  });

  it('names the quiz, worst first, with the counts the teacher reads', () => {
    const reasons = stuckReasons({
      quizzes: [
        { assignmentId: 'a', correct: 3, answered: 10 },
        { assignmentId: 'b', correct: 0, answered: 6 },
        { assignmentId: 'c', correct: 9, answered: 10 },
      ],
      lastActivityAt: daysAgo(1),
      firstOpenAt: daysAgo(20),
      now,
    });
    expect(reasons).toEqual([
      { kind: 'wrong_answers', assignmentId: 'b', correct: 0, answered: 6 },
      { kind: 'wrong_answers', assignmentId: 'a', correct: 3, answered: 10 },
    ]);
  });

  it('flags N days without activity, N chosen by the teacher (7 by default)', () => {
    const base = { quizzes: [], firstOpenAt: daysAgo(30), now };
    expect(stuckReasons({ ...base, lastActivityAt: daysAgo(6) })).toEqual([]);
    expect(stuckReasons({ ...base, lastActivityAt: daysAgo(7) })).toEqual([
      { kind: 'inactive', days: 7, lastActivityAt: daysAgo(7) },
    ]);
    expect(stuckReasons({ ...base, lastActivityAt: daysAgo(4), inactiveDays: 3 })).toHaveLength(1);
  });

  it('counts a learner who never started from when the work opened, and ignores a class without work', () => {
    expect(stuckReasons({ quizzes: [], lastActivityAt: null, firstOpenAt: daysAgo(2), now })).toEqual([]);
    expect(stuckReasons({ quizzes: [], lastActivityAt: null, firstOpenAt: daysAgo(9), now })).toEqual([
      { kind: 'inactive', days: 9, lastActivityAt: null },
    ]);
    expect(stuckReasons({ quizzes: [], lastActivityAt: daysAgo(40), firstOpenAt: null, now })).toEqual([]);
  });
});
