import { z } from 'zod';
import { normaliseArabicText } from '../content/normalise';
import { cycle, LEVELS, level, subject } from './classes';
import { id, text } from './common';

// ---------------------------------------------------------------------------------------------
// Tags and media

export const contentLanguage = z.enum(['ar', 'fr', 'zgh', 'en']);
export type ContentLanguage = z.infer<typeof contentLanguage>;

export const contentTags = z
  .strictObject({
    cycle,
    level,
    subject,
    unit: text(100).optional(),
    language: contentLanguage,
  })
  .refine((t) => (LEVELS[t.cycle] as readonly string[]).includes(t.level), {
    message: 'level does not belong to this cycle',
    path: ['level'],
  });
export type ContentTags = z.infer<typeof contentTags>;

export const MEDIA_KINDS = ['image', 'audio', 'video', 'pdf'] as const;
export const mediaKind = z.enum(MEDIA_KINDS);
export type MediaKind = z.infer<typeof mediaKind>;
/** SHA-256 of the bytes, lowercase hex: the media store's key and the HTTP ETag. */
export const mediaHash = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest');

export const mediaRef = z.strictObject({
  hash: mediaHash,
  kind: mediaKind,
  name: text(200).optional(),
  alt: text(500).optional(),
});
export type MediaRef = z.infer<typeof mediaRef>;

/** A media reference that must be of one kind (an image block cannot point at a PDF). */
export const mediaOfKind = <K extends MediaKind>(kind: K) => mediaRef.extend({ kind: z.literal(kind) });
const imageRef = mediaOfKind('image');
const audioRef = mediaOfKind('audio');

// ---------------------------------------------------------------------------------------------
// Lessons

/** Sanitising is the server's job; shared only bounds the size (UTF-8 bytes, Arabic is 2 per letter). */
export const RICH_TEXT_MAX_BYTES = 100 * 1024;
const utf8 = new TextEncoder();
const richHtml = z
  .string()
  .max(RICH_TEXT_MAX_BYTES)
  .refine((s) => utf8.encode(s).length <= RICH_TEXT_MAX_BYTES, { message: 'larger than 100 KB' });

const blockBase = { id, spoken: audioRef.optional() };
const caption = text(500).optional();

export const lessonBlock = z.discriminatedUnion('type', [
  z.strictObject({ ...blockBase, type: z.literal('richText'), html: richHtml }),
  z.strictObject({ ...blockBase, type: z.literal('image'), media: imageRef, caption }),
  z.strictObject({ ...blockBase, type: z.literal('audio'), media: audioRef, caption }),
  z.strictObject({ ...blockBase, type: z.literal('video'), media: mediaOfKind('video'), caption }),
  z.strictObject({
    ...blockBase,
    type: z.literal('pdf'),
    media: mediaOfKind('pdf'),
    title: text(200).optional(),
  }),
  z.strictObject({ ...blockBase, type: z.literal('quiz'), quizId: id }),
]);
export type LessonBlock = z.infer<typeof lessonBlock>;
export type LessonBlockType = LessonBlock['type'];

export const lessonBody = z
  .strictObject({ blocks: z.array(lessonBlock).max(200) })
  .superRefine((body, ctx) => {
    duplicateIds(body.blocks, ['blocks'], ctx);
  });
export type LessonBody = z.infer<typeof lessonBody>;

export const lessonInput = z.strictObject({ title: text(200), tags: contentTags, body: lessonBody });
export type LessonInput = z.infer<typeof lessonInput>;

// ---------------------------------------------------------------------------------------------
// Quiz items

export const quizOption = z
  .strictObject({
    id,
    // May be empty only when a picture or a sound carries the option (young learners).
    text: z.string().trim().max(500),
    image: imageRef.optional(),
    audio: audioRef.optional(),
  })
  .refine((o) => o.text.length > 0 || o.image !== undefined || o.audio !== undefined, {
    message: 'an option needs text, an image or audio',
    path: ['text'],
  });
export type QuizOption = z.infer<typeof quizOption>;

const options = z.array(quizOption).min(2).max(50);

const itemBase = {
  id,
  prompt: z.strictObject({
    text: z.string().trim().min(1).max(2000),
    image: imageRef.optional(),
    audio: audioRef.optional(),
  }),
  hints: z.array(text(500)).max(5).default([]),
  feedback: z.strictObject({ correct: text(1000).optional(), incorrect: text(1000).optional() }).default({}),
  shuffle: z.boolean().optional(),
  points: z.number().int().min(1).max(100).default(1),
};

type Ctx = z.core.$RefinementCtx;
type Path = Array<string | number>;

function duplicateIds(list: ReadonlyArray<{ id: string }>, path: Path, ctx: Ctx, seen = new Set<string>()) {
  list.forEach((o, i) => {
    if (seen.has(o.id)) ctx.addIssue({ code: 'custom', message: 'duplicate id', path: [...path, i, 'id'] });
    seen.add(o.id);
  });
  return seen;
}

/** Two options a learner cannot tell apart once case and diacritics are ignored. */
function duplicateTexts(list: ReadonlyArray<QuizOption>, path: Path, ctx: Ctx) {
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const t = normaliseArabicText(o.text);
    const key = t.length > 0 ? `t:${t}` : `m:${o.image?.hash ?? ''}:${o.audio?.hash ?? ''}`;
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', message: 'duplicate option', path: [...path, i, 'text'] });
    }
    seen.add(key);
  });
}

function checkOptions(list: ReadonlyArray<QuizOption>, path: Path, ctx: Ctx) {
  duplicateIds(list, path, ctx);
  duplicateTexts(list, path, ctx);
  return new Set(list.map((o) => o.id));
}

function unknownOption(ids: Set<string>, ref: string, path: Path, ctx: Ctx) {
  if (!ids.has(ref)) ctx.addIssue({ code: 'custom', message: `no option with id "${ref}"`, path });
}

const noCorrect = { error: 'no correct answer' };
const correctId = z.string(noCorrect).min(1, noCorrect).pipe(id);

const singleChoice = z
  .strictObject({ ...itemBase, type: z.literal('singleChoice'), options, correct: correctId })
  .superRefine((item, ctx) => {
    const ids = checkOptions(item.options, ['options'], ctx);
    unknownOption(ids, item.correct, ['correct'], ctx);
  });

const multipleChoice = z
  .strictObject({
    ...itemBase,
    type: z.literal('multipleChoice'),
    options,
    correct: z.array(id, noCorrect).min(1, noCorrect).max(50),
  })
  .superRefine((item, ctx) => {
    const ids = checkOptions(item.options, ['options'], ctx);
    for (const [i, c] of item.correct.entries()) unknownOption(ids, c, ['correct', i], ctx);
    duplicateRefs(item.correct, ['correct'], ctx);
  });

function duplicateRefs(refs: readonly string[], path: Path, ctx: Ctx) {
  const seen = new Set<string>();
  refs.forEach((r, i) => {
    if (seen.has(r)) ctx.addIssue({ code: 'custom', message: `"${r}" appears twice`, path: [...path, i] });
    seen.add(r);
  });
}

const trueFalse = z.strictObject({
  ...itemBase,
  type: z.literal('trueFalse'),
  correct: z.boolean(noCorrect),
});

const ordering = z
  .strictObject({ ...itemBase, type: z.literal('ordering'), options, correctOrder: z.array(id, noCorrect) })
  .superRefine((item, ctx) => {
    const ids = checkOptions(item.options, ['options'], ctx);
    for (const [i, c] of item.correctOrder.entries()) unknownOption(ids, c, ['correctOrder', i], ctx);
    duplicateRefs(item.correctOrder, ['correctOrder'], ctx);
    const missing = [...ids].filter((o) => !item.correctOrder.includes(o));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `correctOrder must list every option exactly once; missing ${missing.join(', ')}`,
        path: ['correctOrder'],
      });
    }
  });

const matching = z
  .strictObject({
    ...itemBase,
    type: z.literal('matching'),
    left: options,
    // Right-hand options may outnumber the left (distractors) and may be shared by several lefts
    // (sorting animals into "mammal"/"bird").
    right: options,
    pairs: z
      .array(z.strictObject({ left: id, right: id }), noCorrect)
      .min(1, noCorrect)
      .max(50),
  })
  .superRefine((item, ctx) => {
    const leftIds = new Set(item.left.map((o) => o.id));
    const rightIds = new Set(item.right.map((o) => o.id));
    // One id space across both columns, so the UI can key every option by its id.
    duplicateIds(item.right, ['right'], ctx, duplicateIds(item.left, ['left'], ctx));
    duplicateTexts(item.left, ['left'], ctx);
    duplicateTexts(item.right, ['right'], ctx);
    const paired = new Set<string>();
    item.pairs.forEach((p, i) => {
      unknownOption(leftIds, p.left, ['pairs', i, 'left'], ctx);
      unknownOption(rightIds, p.right, ['pairs', i, 'right'], ctx);
      if (paired.has(p.left)) {
        ctx.addIssue({ code: 'custom', message: `"${p.left}" is paired twice`, path: ['pairs', i, 'left'] });
      }
      paired.add(p.left);
    });
    const unpaired = [...leftIds].filter((l) => !paired.has(l));
    if (unpaired.length > 0) {
      ctx.addIssue({ code: 'custom', message: `no pair for ${unpaired.join(', ')}`, path: ['pairs'] });
    }
  });

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

const numeric = z.strictObject({
  ...itemBase,
  type: z.literal('numeric'),
  answer: finite,
  tolerance: finite.refine((t) => t >= 0, { message: 'tolerance must not be negative' }),
});

const shortText = z.strictObject({
  ...itemBase,
  type: z.literal('shortText'),
  accepted: z
    .array(
      text(200).refine((s) => normaliseArabicText(s).length > 0, { message: 'nothing left to compare' }),
      noCorrect,
    )
    .min(1, noCorrect)
    .max(50),
});

export const quizItem = z.discriminatedUnion('type', [
  singleChoice,
  multipleChoice,
  trueFalse,
  ordering,
  matching,
  numeric,
  shortText,
]);
export type QuizItem = z.infer<typeof quizItem>;
/** What an author sends: defaults (points, hints, feedback) not yet filled in. */
export type QuizItemInput = z.input<typeof quizItem>;
export type QuizItemType = QuizItem['type'];
export type QuizItemOf<T extends QuizItemType> = Extract<QuizItem, { type: T }>;
export const QUIZ_ITEM_TYPES = [
  'singleChoice',
  'multipleChoice',
  'trueFalse',
  'ordering',
  'matching',
  'numeric',
  'shortText',
] as const satisfies readonly QuizItemType[];

// ---------------------------------------------------------------------------------------------
// Quizzes and mastery

export const masteryRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('allCorrect') }),
  z.strictObject({
    rule: z.literal('mOfN'),
    m: z.number().int().min(1),
    n: z.number().int().min(1).max(200),
  }),
  z.strictObject({ rule: z.literal('kInARow'), k: z.number().int().min(1).max(200) }),
]);
export type MasteryRule = z.infer<typeof masteryRule>;

export const quizInput = z
  .strictObject({
    title: text(200),
    tags: contentTags,
    items: z.array(quizItem).min(1).max(200),
    mastery: masteryRule,
  })
  .superRefine((quiz, ctx) => {
    duplicateIds(quiz.items, ['items'], ctx);
    const rule = quiz.mastery;
    if (rule.rule === 'mOfN') {
      if (rule.m > rule.n)
        ctx.addIssue({ code: 'custom', message: 'm must not exceed n', path: ['mastery', 'm'] });
      if (rule.n > quiz.items.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'n must not exceed the number of items',
          path: ['mastery', 'n'],
        });
      }
    }
  });
export type QuizInput = z.infer<typeof quizInput>;

// ---------------------------------------------------------------------------------------------
// Answers: what a learner submits for one item

const optionIds = z.array(id).max(200);

export const quizAnswer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('singleChoice'), optionId: id }),
  z.strictObject({ type: z.literal('multipleChoice'), optionIds }),
  z.strictObject({ type: z.literal('trueFalse'), value: z.boolean() }),
  z.strictObject({ type: z.literal('ordering'), order: optionIds }),
  z.strictObject({
    type: z.literal('matching'),
    pairs: z.array(z.strictObject({ left: id, right: id })).max(200),
  }),
  // Raw text as typed: parsing (digits, separators) belongs to the grader so tablet and server agree.
  z.strictObject({ type: z.literal('numeric'), text: z.string().max(100) }),
  z.strictObject({ type: z.literal('shortText'), text: z.string().max(500) }),
]);
export type QuizAnswer = z.infer<typeof quizAnswer>;
export type QuizAnswerOf<T extends QuizItemType> = Extract<QuizAnswer, { type: T }>;
