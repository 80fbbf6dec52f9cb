import { gradeAnswer, type QuizItem } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import {
  answered,
  answeredPayload,
  initialAnswer,
  isReady,
  parseQuizBody,
  presentItems,
  summarise,
} from './quiz-session';

const ordering: QuizItem = {
  id: 'o1',
  type: 'ordering',
  prompt: { text: 'Order' },
  hints: [],
  feedback: {},
  points: 1,
  options: [
    { id: 'a', text: '1' },
    { id: 'b', text: '2' },
    { id: 'c', text: '3' },
  ],
  correctOrder: ['a', 'b', 'c'],
};
const single: QuizItem = {
  id: 's1',
  type: 'singleChoice',
  prompt: { text: '2 + 2' },
  hints: ['Count on your fingers'],
  feedback: { correct: 'Yes', incorrect: 'Count again' },
  points: 2,
  shuffle: true,
  options: [
    { id: 'x', text: '3' },
    { id: 'y', text: '4' },
    { id: 'z', text: '5' },
  ],
  correct: 'y',
};

describe('the quiz player’s rules', () => {
  it('plays only a valid published quiz body', () => {
    expect(parseQuizBody({ items: [single], mastery: { rule: 'allCorrect' } })).not.toBeNull();
    expect(parseQuizBody({ items: [], mastery: { rule: 'allCorrect' } })).toBeNull();
    expect(parseQuizBody({ blocks: [] })).toBeNull();
  });

  it('never starts an ordering already solved', () => {
    const start = initialAnswer(ordering);
    expect(start.type === 'ordering' && start.order).not.toEqual(['a', 'b', 'c']);
  });

  it('shuffles the same way for the same attempt, as the shared function does', () => {
    const body = { items: [single], mastery: { rule: 'allCorrect' as const } };
    expect(presentItems(body, 'seed-1')).toEqual(presentItems(body, 'seed-1'));
  });

  it('waits for an answer before checking', () => {
    expect(isReady(initialAnswer(single), single)).toBe(false);
    expect(isReady({ type: 'singleChoice', optionId: 'y' }, single)).toBe(true);
    expect(isReady(null, single)).toBe(false);
  });

  it('records the score as the fraction of the item’s points, graded by the shared grader', () => {
    const a = answered(single, gradeAnswer(single, { type: 'singleChoice', optionId: 'y' }));
    const payload = answeredPayload(
      { contentId: 'q', version: 3 },
      { type: 'singleChoice', optionId: 'y' },
      a,
      2,
      1,
    );
    expect(payload).toMatchObject({ correct: true, score: 1, attempt: 2, hintsUsed: 1, version: 3 });
    const partial = answered(ordering, gradeAnswer(ordering, { type: 'ordering', order: ['a', 'c', 'b'] }));
    expect(partial).toMatchObject({ correct: false, fraction: 0.3333 });
  });

  it('decides mastery with the quiz’s rule and weighs the score by points', () => {
    const list = [
      { itemId: '1', correct: true, fraction: 1, points: 2 },
      { itemId: '2', correct: false, fraction: 0, points: 1 },
      { itemId: '3', correct: true, fraction: 1, points: 1 },
    ];
    expect(summarise({ rule: 'allCorrect' }, list)).toEqual({
      score: 0.75,
      correct: 2,
      answered: 3,
      mastered: false,
    });
    expect(summarise({ rule: 'mOfN', m: 2, n: 3 }, list).mastered).toBe(true);
    expect(summarise({ rule: 'kInARow', k: 2 }, list).mastered).toBe(false);
  });
});
