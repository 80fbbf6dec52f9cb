import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type QuizItem, quizItem } from '../schemas/content';
import { gradeAnswer } from './grading';
import { answerFor, anyItem, correctAnswer, itemOf } from './quiz-arbitraries';

const item = <T extends QuizItem>(raw: object) =>
  quizItem.parse({ id: 'q', prompt: { text: '?' }, ...raw }) as T;
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: `text ${id}` }));

describe('grading properties', () => {
  it('the correct answer to any valid item earns full points and the correct feedback', () => {
    fc.assert(
      fc.property(anyItem, (it) => {
        const result = gradeAnswer(it, correctAnswer(it));
        expect(result).toEqual({ correct: true, score: it.points, feedback: 'Bravo' });
      }),
      { numRuns: 500 },
    );
  });

  it('any other single-choice option scores nothing', () => {
    fc.assert(
      fc.property(
        itemOf('singleChoice').chain((it) =>
          fc.tuple(fc.constant(it), fc.constantFrom(...it.options.filter((o) => o.id !== it.correct))),
        ),
        ([it, wrong]) => {
          const result = gradeAnswer(it, { type: 'singleChoice', optionId: wrong.id });
          expect(result).toEqual({ correct: false, score: 0, feedback: 'Essaie encore' });
        },
      ),
    );
  });

  it('every score lies between 0 and the item points, and only full marks count as correct', () => {
    fc.assert(
      fc.property(
        anyItem.chain((it) => fc.tuple(fc.constant(it), answerFor(it))),
        ([it, answer]) => {
          const { correct, score } = gradeAnswer(it, answer);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(it.points);
          expect(correct).toBe(score === it.points);
          expect(gradeAnswer(it, answer)).toEqual(gradeAnswer(it, structuredClone(answer)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('grading is total: junk answers never throw and score 0', () => {
    fc.assert(
      fc.property(anyItem, fc.anything(), (it, junk) => {
        const result = gradeAnswer(it, junk);
        expect(result.correct).toBe(false);
        expect(result.score).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('an answer of another item type grades as incorrect', () => {
    fc.assert(
      fc.property(anyItem, anyItem, (it, other) => {
        fc.pre(it.type !== other.type);
        expect(gradeAnswer(it, correctAnswer(other))).toMatchObject({ correct: false, score: 0 });
      }),
    );
  });

  it('ticking one more correct option never lowers a multiple-choice score; a wrong one never raises it', () => {
    const withPicks = itemOf('multipleChoice').chain((it) =>
      fc.tuple(
        fc.constant(it),
        fc.subarray(it.options.map((o) => o.id)),
        fc.constantFrom(...it.options.map((o) => o.id)),
      ),
    );
    fc.assert(
      fc.property(withPicks, ([it, picks, extra]) => {
        fc.pre(!picks.includes(extra));
        const before = gradeAnswer(it, { type: 'multipleChoice', optionIds: picks }).score;
        const after = gradeAnswer(it, { type: 'multipleChoice', optionIds: [...picks, extra] }).score;
        if (it.correct.includes(extra)) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('a damaged item (as from an old database row) grades 0 instead of throwing', () => {
    const damaged = { type: 'ordering', id: 'q', points: 2 } as unknown as QuizItem;
    expect(gradeAnswer(damaged, { type: 'ordering', order: ['a'] })).toEqual({ correct: false, score: 0 });
  });
});

describe('partial credit', () => {
  const multi = item<Extract<QuizItem, { type: 'multipleChoice' }>>({
    type: 'multipleChoice',
    options: opts('a', 'b', 'c', 'd', 'e'),
    correct: ['a', 'b', 'c'],
    points: 3,
  });

  it.each([
    [['a', 'b', 'c'], 3, true],
    [['a', 'b'], 2, false],
    [['a', 'b', 'd'], 1, false],
    [['a', 'd', 'e'], 0, false],
    [['a', 'b', 'c', 'd', 'e'], 1, false],
    [[], 0, false],
    [['a', 'a', 'a'], 1, false],
  ])('multiple choice: picking %j out of a, b, c earns %d of 3', (picks, score, correct) => {
    expect(gradeAnswer(multi, { type: 'multipleChoice', optionIds: picks })).toMatchObject({
      score,
      correct,
    });
  });

  const order = item<Extract<QuizItem, { type: 'ordering' }>>({
    type: 'ordering',
    options: opts('w', 'x', 'y', 'z'),
    correctOrder: ['w', 'x', 'y', 'z'],
    points: 4,
  });

  it.each([
    [['w', 'x', 'y', 'z'], 4],
    [['w', 'x', 'z', 'y'], 2],
    [['x', 'w', 'z', 'y'], 0],
    [['w', 'x', 'y'], 0],
    [['w', 'w', 'y', 'z'], 0],
    [['w', 'x', 'y', 'q'], 0],
  ])('ordering: %j earns %d of 4 (one point per option in its place)', (given, score) => {
    expect(gradeAnswer(order, { type: 'ordering', order: given }).score).toBe(score);
  });

  const match = item<Extract<QuizItem, { type: 'matching' }>>({
    type: 'matching',
    left: opts('cat', 'dog', 'owl'),
    right: opts('mammal', 'bird', 'fish'),
    pairs: [
      { left: 'cat', right: 'mammal' },
      { left: 'dog', right: 'mammal' },
      { left: 'owl', right: 'bird' },
    ],
    points: 3,
  });

  it('matching earns one share per left option paired correctly', () => {
    const grade = (pairs: Array<{ left: string; right: string }>) =>
      gradeAnswer(match, { type: 'matching', pairs }).score;
    expect(
      grade([
        { left: 'cat', right: 'mammal' },
        { left: 'owl', right: 'fish' },
      ]),
    ).toBe(1);
    expect(grade([{ left: 'dog', right: 'mammal' }, ...match.pairs.slice(2)])).toBe(2);
    expect(grade(match.pairs)).toBe(3);
  });

  it('matching: pairing one left option with every right option to hedge scores 0', () => {
    const hedged = ['mammal', 'bird', 'fish'].map((right) => ({ left: 'owl', right }));
    expect(gradeAnswer(match, { type: 'matching', pairs: [...match.pairs, ...hedged] }).score).toBe(0);
  });

  it('a partially right answer is not correct and shows the incorrect feedback', () => {
    const withFeedback = { ...multi, feedback: { correct: 'Très bien', incorrect: 'Relis la leçon' } };
    expect(gradeAnswer(withFeedback, { type: 'multipleChoice', optionIds: ['a'] })).toEqual({
      correct: false,
      score: 1,
      feedback: 'Relis la leçon',
    });
  });

  it('thirds are rounded, not left as long binary fractions', () => {
    const one = { ...multi, points: 1 };
    expect(gradeAnswer(one, { type: 'multipleChoice', optionIds: ['a'] }).score).toBe(0.3333);
  });
});

describe('numeric and short-text answers', () => {
  const pi = item<QuizItem>({ type: 'numeric', answer: 3.14, tolerance: 0.01 });

  it.each(['3.14', '3,14', '٣٫١٤', '۳,۱۴', ' 3.15 ', '3.13', '\u200F٣,١٤'])(
    'accepts %j for 3.14 ± 0.01',
    (text) => {
      expect(gradeAnswer(pi, { type: 'numeric', text }).correct).toBe(true);
    },
  );

  it.each(['3.16', '3', 'pi', '', '3.14.1', '3,1,4', '1e3'])('rejects %j for 3.14 ± 0.01', (text) => {
    expect(gradeAnswer(pi, { type: 'numeric', text })).toMatchObject({ correct: false, score: 0 });
  });

  it('accepts a negative answer typed with the Unicode minus sign', () => {
    const cold = item<QuizItem>({ type: 'numeric', answer: -5, tolerance: 0 });
    expect(gradeAnswer(cold, { type: 'numeric', text: '\u2212٥' }).correct).toBe(true);
    expect(gradeAnswer(cold, { type: 'numeric', text: '5' }).correct).toBe(false);
  });

  it('floating point noise at the edge of the tolerance does not cost the learner the point', () => {
    const edge = item<QuizItem>({ type: 'numeric', answer: 0.3, tolerance: 0.1 });
    expect(gradeAnswer(edge, { type: 'numeric', text: '0,4' }).correct).toBe(true);
    expect(gradeAnswer(edge, { type: 'numeric', text: '0,41' }).correct).toBe(false);
  });

  it('short text ignores tashkeel, hamza and ta marbuta, and French accents and case', () => {
    const school = item<QuizItem>({ type: 'shortText', accepted: ['مدرسة', 'École'] });
    for (const text of ['مَدْرَسَةٌ', 'مدرسه', ' مـدرسة ', 'ecole', 'ÉCOLE']) {
      expect(gradeAnswer(school, { type: 'shortText', text }).correct, text).toBe(true);
    }
    for (const text of ['مدرس', 'écoles', '', '   ']) {
      expect(gradeAnswer(school, { type: 'shortText', text }).correct, text).toBe(false);
    }
  });
});
