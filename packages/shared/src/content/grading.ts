// The one grader. The tablet grades offline for instant feedback and the server re-grades what
// it receives; both call this function on the same published item, so they cannot disagree.
import {
  type MasteryRule,
  type QuizAnswer,
  type QuizAnswerOf,
  type QuizItem,
  type QuizItemOf,
  quizAnswer,
} from '../schemas/content';
import { normaliseArabicText, parseNumber } from './normalise';

export { normaliseArabicText, parseNumber } from './normalise';

export interface GradeResult {
  /** Full marks. Partial credit is not "correct" and earns the item's incorrect feedback. */
  correct: boolean;
  /** 0..item.points, rounded to 4 decimals. */
  score: number;
  feedback?: string;
}

/**
 * Grades one answer. Total: a malformed answer, an answer of another item type or a damaged item
 * grades as incorrect with score 0, so a bad payload from a tablet can never crash a session.
 *
 * Partial credit (fraction × points):
 * - multipleChoice: max(0, (right picks − wrong picks) / number of correct options). Ticking
 *   everything therefore earns nothing unless most options are correct.
 * - ordering: the fraction of options in their correct position. Chosen because a teacher and a
 *   child can both check it by eye ("3 of 5 in the right place"). The answer must be a permutation
 *   of the item's options, otherwise 0.
 * - matching: the fraction of left options paired with their correct right option. An answer that
 *   pairs the same left option twice, or names an unknown one, scores 0 (no hedging by listing every
 *   combination).
 * - every other type: all or nothing.
 */
export function gradeAnswer(item: QuizItem, answer: unknown): GradeResult {
  let fraction = 0;
  try {
    const parsed = quizAnswer.safeParse(answer);
    if (parsed.success && parsed.data.type === item.type) fraction = gradeFraction(item, parsed.data);
  } catch {
    fraction = 0;
  }
  if (!(fraction >= 0 && fraction <= 1)) fraction = 0; // NaN from a damaged item
  const points = Number.isInteger(item?.points) && item.points >= 1 ? item.points : 1;
  const correct = fraction === 1;
  const feedback = correct ? item?.feedback?.correct : item?.feedback?.incorrect;
  const score = Math.round(fraction * points * 10_000) / 10_000;
  return feedback === undefined ? { correct, score } : { correct, score, feedback };
}

function gradeFraction(item: QuizItem, answer: QuizAnswer): number {
  // The caller checked answer.type === item.type; the casts restate that for the compiler.
  switch (item.type) {
    case 'singleChoice':
      return (answer as QuizAnswerOf<'singleChoice'>).optionId === item.correct ? 1 : 0;
    case 'multipleChoice':
      return gradeMultipleChoice(item, answer as QuizAnswerOf<'multipleChoice'>);
    case 'trueFalse':
      return (answer as QuizAnswerOf<'trueFalse'>).value === item.correct ? 1 : 0;
    case 'ordering':
      return gradeOrdering(item, answer as QuizAnswerOf<'ordering'>);
    case 'matching':
      return gradeMatching(item, answer as QuizAnswerOf<'matching'>);
    case 'numeric':
      return isWithinTolerance(item, (answer as QuizAnswerOf<'numeric'>).text) ? 1 : 0;
    case 'shortText':
      return matchesAccepted(item, (answer as QuizAnswerOf<'shortText'>).text) ? 1 : 0;
    default:
      return 0;
  }
}

function gradeMultipleChoice(item: QuizItemOf<'multipleChoice'>, answer: QuizAnswerOf<'multipleChoice'>) {
  const correct = new Set(item.correct);
  const picks = new Set(answer.optionIds);
  let right = 0;
  for (const p of picks) if (correct.has(p)) right++;
  const wrong = picks.size - right;
  if (correct.size === 0) return 0;
  return Math.max(0, (right - wrong) / correct.size);
}

function gradeOrdering(item: QuizItemOf<'ordering'>, answer: QuizAnswerOf<'ordering'>) {
  const expected = item.correctOrder;
  const given = answer.order;
  if (expected.length === 0 || given.length !== expected.length) return 0;
  const remaining = new Set(expected);
  for (const id of given) if (!remaining.delete(id)) return 0; // unknown or repeated option
  let inPlace = 0;
  expected.forEach((id, i) => {
    if (given[i] === id) inPlace++;
  });
  return inPlace / expected.length;
}

function gradeMatching(item: QuizItemOf<'matching'>, answer: QuizAnswerOf<'matching'>) {
  const lefts = new Set(item.left.map((o) => o.id));
  const chosen = new Map<string, string>();
  for (const p of answer.pairs) {
    if (!lefts.has(p.left) || chosen.has(p.left)) return 0;
    chosen.set(p.left, p.right);
  }
  if (item.pairs.length === 0) return 0;
  const right = item.pairs.filter((p) => chosen.get(p.left) === p.right).length;
  return right / item.pairs.length;
}

/**
 * |x − answer| ≤ tolerance, with a margin of 1e-9 relative to the answer: 0.1 + 0.2 must be
 * accepted for 0.3 ± 0, and "0,4" for 0.3 ± 0.1, despite binary floating point.
 */
function isWithinTolerance(item: QuizItemOf<'numeric'>, text: string): boolean {
  const x = parseNumber(text);
  if (x === null) return false;
  const margin = 1e-9 * Math.max(1, Math.abs(item.answer));
  return Math.abs(x - item.answer) <= item.tolerance + margin;
}

function matchesAccepted(item: QuizItemOf<'shortText'>, text: string): boolean {
  const given = normaliseArabicText(text);
  return given.length > 0 && item.accepted.some((a) => normaliseArabicText(a) === given);
}

// ---------------------------------------------------------------------------------------------

/**
 * Whether a sequence of graded answers (oldest first) shows mastery:
 * - allCorrect: at least one answer and every answer correct;
 * - mOfN: at some point, m of the last n answers were correct (fewer than n answers count as a
 *   window of what there is);
 * - kInARow: at some point, k consecutive answers were correct.
 * mOfN and kInARow are "once shown, kept": a later slip does not undo mastery. That way the server,
 * re-reading the full log, agrees with a tablet that stopped the practice as soon as mastery showed.
 */
export function evaluateMastery(rule: MasteryRule, results: readonly boolean[]): boolean {
  switch (rule.rule) {
    case 'allCorrect':
      return results.length > 0 && results.every((r) => r === true);
    case 'mOfN': {
      let inWindow = 0;
      for (let i = 0; i < results.length; i++) {
        if (results[i] === true) inWindow++;
        if (i >= rule.n && results[i - rule.n] === true) inWindow--;
        if (inWindow >= rule.m) return true;
      }
      return false;
    }
    case 'kInARow': {
      let run = 0;
      for (const r of results) {
        run = r === true ? run + 1 : 0;
        if (run >= rule.k) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The order in which to present an item's options. Deterministic for a given (seed, item id) so the
 * tablet and the server (and a teacher reviewing the attempt) see the same order; use e.g. the
 * attempt id as the seed. Items without `shuffle` come back unchanged. An ordering item is never
 * presented already solved. Grading uses ids, so it is unaffected.
 */
export function shuffleOptions<T extends QuizItem>(item: T, seed: string | number): T {
  if (!item.shuffle) return item;
  const random = mulberry32(fnv1a(`${seed}\u0000${item.id}`));
  switch (item.type) {
    case 'singleChoice':
    case 'multipleChoice':
      return { ...item, options: shuffled(item.options, random) };
    case 'ordering': {
      let options = shuffled(item.options, random);
      if (options.length > 1 && options.every((o, i) => o.id === item.correctOrder[i])) {
        options = [...options.slice(1), options[0]!];
      }
      return { ...item, options };
    }
    case 'matching':
      return { ...item, left: shuffled(item.left, random), right: shuffled(item.right, random) };
    default:
      return item;
  }
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit seed from any string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32 (Tommy Ettinger): tiny, fast and identical in every engine thanks to Math.imul. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
