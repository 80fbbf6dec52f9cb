// fast-check generators of valid quiz items, shared by the grading and shuffling property tests.
// Every generated item goes through quizItem.parse, so a generator drifting away from the schema
// fails loudly instead of testing the grader on items no author could save.
import fc from 'fast-check';
import { type QuizAnswer, type QuizItem, type QuizOption, quizItem } from '../schemas/content';
import { normaliseArabicText } from './normalise';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzéèàçابتثجحخدذرسشصضطظعغفقكلمنهوي'];
export const word = fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 8 });
const idArb = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/);

/** Options with distinct ids and texts that stay distinct once normalised (as the schema demands). */
export const optionsArb = (min: number, max: number, prefix = ''): fc.Arbitrary<QuizOption[]> =>
  fc
    .uniqueArray(word, { minLength: min, maxLength: max, selector: normaliseArabicText })
    .chain((texts) =>
      fc
        .uniqueArray(idArb, { minLength: texts.length, maxLength: texts.length })
        .map((ids) => texts.map((text, i) => ({ id: `${prefix}${ids[i]}`, text }))),
    );

const base = fc.record({
  id: idArb,
  prompt: fc.record({ text: word }),
  hints: fc.array(word, { maxLength: 5 }),
  feedback: fc.constant({ correct: 'Bravo', incorrect: 'Essaie encore' }),
  shuffle: fc.boolean(),
  points: fc.integer({ min: 1, max: 10 }),
});

const pickSome = <T>(list: readonly T[], min: number) =>
  fc.shuffledSubarray([...list], { minLength: Math.min(min, list.length) });

/** Decimals with at most three places, kept as integers of thousandths so tests can write them exactly. */
export const thousandths = fc.integer({ min: -10_000_000, max: 10_000_000 });

const withOptions = fc.tuple(base, optionsArb(2, 8));
const withColumns = fc.tuple(base, optionsArb(2, 6, 'L'), optionsArb(2, 8, 'R'));
const ids = (list: readonly QuizOption[]) => list.map((o) => o.id);
const permutation = <T>(list: readonly T[]) => fc.shuffledSubarray([...list], { minLength: list.length });

const byType = {
  singleChoice: withOptions.chain(([b, options]) =>
    fc.constantFrom(...ids(options)).map((correct) => ({ ...b, type: 'singleChoice', options, correct })),
  ),
  multipleChoice: withOptions.chain(([b, options]) =>
    pickSome(ids(options), 1).map((correct) => ({ ...b, type: 'multipleChoice', options, correct })),
  ),
  trueFalse: fc.tuple(base, fc.boolean()).map(([b, correct]) => ({ ...b, type: 'trueFalse', correct })),
  ordering: withOptions.chain(([b, options]) =>
    permutation(ids(options)).map((correctOrder) => ({ ...b, type: 'ordering', options, correctOrder })),
  ),
  matching: withColumns.chain(([b, left, right]) => {
    const rights = fc.array(fc.constantFrom(...ids(right)), {
      minLength: left.length,
      maxLength: left.length,
    });
    const pairs = rights.map((rs) => left.map((l, i) => ({ left: l.id, right: rs[i]! })));
    return pairs.map((p) => ({ ...b, type: 'matching', left, right, pairs: p }));
  }),
  numeric: fc
    .tuple(base, thousandths, fc.integer({ min: 0, max: 5000 }))
    .map(([b, a, t]) => ({ ...b, type: 'numeric', answer: a / 1000, tolerance: t / 1000 })),
  shortText: fc
    .tuple(base, fc.uniqueArray(word, { minLength: 1, maxLength: 4, selector: normaliseArabicText }))
    .map(([b, accepted]) => ({ ...b, type: 'shortText', accepted })),
} satisfies Record<QuizItem['type'], fc.Arbitrary<unknown>>;

export const itemOf = <T extends QuizItem['type']>(type: T) =>
  byType[type].map((raw) => quizItem.parse(raw) as Extract<QuizItem, { type: T }>);

export const anyItem: fc.Arbitrary<QuizItem> = fc.oneof(
  ...(Object.keys(byType) as Array<QuizItem['type']>).map((t) => itemOf(t) as fc.Arbitrary<QuizItem>),
);

/** The answer a learner who knows everything would give. */
export function correctAnswer(item: QuizItem): QuizAnswer {
  switch (item.type) {
    case 'singleChoice':
      return { type: item.type, optionId: item.correct };
    case 'multipleChoice':
      return { type: item.type, optionIds: item.correct };
    case 'trueFalse':
      return { type: item.type, value: item.correct };
    case 'ordering':
      return { type: item.type, order: item.correctOrder };
    case 'matching':
      return { type: item.type, pairs: item.pairs };
    case 'numeric':
      return { type: item.type, text: String(item.answer) };
    case 'shortText':
      return { type: item.type, text: item.accepted[0]! };
  }
}

/** Well-formed answers of any type, built from the item's own ids mixed with strangers. */
export function answerFor(item: QuizItem): fc.Arbitrary<QuizAnswer> {
  const known = [
    ...('options' in item ? item.options : []),
    ...('left' in item ? [...item.left, ...item.right] : []),
  ].map((o) => o.id);
  const anId = known.length > 0 ? fc.oneof(fc.constantFrom(...known), idArb) : idArb;
  const ids = fc.array(anId, { maxLength: 10 });
  return fc.oneof(
    anId.map((optionId) => ({ type: 'singleChoice' as const, optionId })),
    ids.map((optionIds) => ({ type: 'multipleChoice' as const, optionIds })),
    fc.boolean().map((value) => ({ type: 'trueFalse' as const, value })),
    ids.map((order) => ({ type: 'ordering' as const, order })),
    fc
      .array(fc.record({ left: anId, right: anId }), { maxLength: 8 })
      .map((pairs) => ({ type: 'matching' as const, pairs })),
    fc.string({ maxLength: 12 }).map((text) => ({ type: 'numeric' as const, text })),
    fc.oneof(word, fc.string({ maxLength: 12 })).map((text) => ({ type: 'shortText' as const, text })),
  );
}
