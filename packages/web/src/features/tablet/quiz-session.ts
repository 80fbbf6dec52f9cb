import {
  evaluateMastery,
  type GradeResult,
  type MasteryRule,
  masteryRule,
  type QuizAnswer,
  type QuizItem,
  quizItem,
  shuffleOptions,
} from '@lawh/shared';

// The quiz player's rules, without the screen. One run through the quiz is one attempt; each item is
// answered once per attempt with immediate feedback; "try again" starts a new attempt.

export interface QuizBody {
  items: QuizItem[];
  mastery: MasteryRule;
}

/** The frozen published body of a quiz content row, or null when it is not a playable quiz. */
export function parseQuizBody(body: unknown): QuizBody | null {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const items = quizItem.array().min(1).safeParse(b.items);
  const mastery = masteryRule.safeParse(b.mastery);
  return items.success && mastery.success ? { items: items.data, mastery: mastery.data } : null;
}

/** Items as this attempt presents them: options shuffled where the item says so, seeded by the attempt. */
export function presentItems(body: QuizBody, seed: string): QuizItem[] {
  return body.items.map((item) => shuffleOptions(item, seed));
}

/** The empty answer an item starts with. An ordering never starts already solved. */
export function initialAnswer(item: QuizItem): QuizAnswer {
  switch (item.type) {
    case 'singleChoice':
      return { type: item.type, optionId: '' };
    case 'multipleChoice':
      return { type: item.type, optionIds: [] };
    case 'trueFalse':
      return { type: item.type, value: true };
    case 'ordering': {
      const order = item.options.map((o) => o.id);
      const solved = order.every((id, i) => id === item.correctOrder[i]);
      return { type: item.type, order: solved && order.length > 1 ? [...order.slice(1), order[0]!] : order };
    }
    case 'matching':
      return { type: item.type, pairs: [] };
    case 'numeric':
    case 'shortText':
      return { type: item.type, text: '' };
  }
}

/** Whether the learner has given something to check (true/false starts unanswered in the UI). */
export function isReady(answer: QuizAnswer | null, item: QuizItem): boolean {
  if (answer === null) return false;
  switch (answer.type) {
    case 'singleChoice':
      return answer.optionId !== '';
    case 'multipleChoice':
      return answer.optionIds.length > 0;
    case 'trueFalse':
    case 'ordering':
      return true;
    case 'matching':
      return item.type === 'matching' && answer.pairs.length === item.left.length;
    case 'numeric':
    case 'shortText':
      return answer.text.trim().length > 0;
  }
}

export interface Answered {
  itemId: string;
  correct: boolean;
  /** The grader's score over the item's points, 0..1 as the event carries it. */
  fraction: number;
  points: number;
}

export function answered(item: QuizItem, result: GradeResult): Answered {
  const points = Math.max(item.points, 1);
  return { itemId: item.id, correct: result.correct, fraction: result.score / points, points };
}

export interface ContentRef {
  contentId: string;
  version: number;
}

/** The quiz.answered v1 payload. */
export function answeredPayload(
  ref: ContentRef,
  answer: QuizAnswer,
  a: Answered,
  attempt: number,
  hintsUsed: number,
) {
  return {
    contentId: ref.contentId,
    version: ref.version,
    itemId: a.itemId,
    answer,
    correct: a.correct,
    score: round4(a.fraction),
    attempt,
    hintsUsed,
  };
}

export interface Summary {
  /** Points earned over points possible, 0..1. */
  score: number;
  correct: number;
  answered: number;
  mastered: boolean;
}

/** The end of an attempt, with mastery decided by the shared rule over this attempt's answers in order. */
export function summarise(rule: MasteryRule, list: readonly Answered[]): Summary {
  const possible = list.reduce((s, a) => s + a.points, 0);
  const earned = list.reduce((s, a) => s + a.fraction * a.points, 0);
  return {
    score: possible === 0 ? 0 : round4(earned / possible),
    correct: list.filter((a) => a.correct).length,
    answered: list.length,
    mastered: evaluateMastery(
      rule,
      list.map((a) => a.correct),
    ),
  };
}

/** The quiz.completed v1 payload. */
export const completedPayload = (ref: ContentRef, s: Summary) => ({
  contentId: ref.contentId,
  version: ref.version,
  ...s,
});

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
