import { describe, expect, it } from 'vitest';
import { lessonInput, quizInput, quizItem } from './content';

const hash = 'ab'.repeat(32);
const tags = { cycle: 'primaire', level: '3AP', subject: 'arabic', language: 'ar' };
const prompt = { text: 'اختر الجواب الصحيح' };
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: `option ${id}` }));

/** The paths (dot-joined) and messages zod reports, so each test can name the field it expects. */
function issues(
  schema: { safeParse(v: unknown): { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
  value: unknown,
) {
  const error = schema.safeParse(value).error;
  return (error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const validItems = [
  { type: 'singleChoice', id: 's', prompt, options: opts('a', 'b'), correct: 'a' },
  { type: 'multipleChoice', id: 'm', prompt, options: opts('a', 'b', 'c'), correct: ['a', 'c'] },
  { type: 'trueFalse', id: 't', prompt, correct: false },
  { type: 'ordering', id: 'o', prompt, options: opts('a', 'b', 'c'), correctOrder: ['c', 'a', 'b'] },
  {
    type: 'matching',
    id: 'x',
    prompt,
    left: opts('l1', 'l2'),
    right: opts('r1', 'r2', 'r3'),
    pairs: [
      { left: 'l1', right: 'r2' },
      { left: 'l2', right: 'r2' },
    ],
  },
  { type: 'numeric', id: 'n', prompt, answer: 2.5, tolerance: 0 },
  { type: 'shortText', id: 'w', prompt, accepted: ['مدرسة', 'école'] },
];

describe('quiz items', () => {
  it('accepts one item of every type and fills in points, hints and feedback', () => {
    for (const raw of validItems) {
      expect(issues(quizItem, raw), raw.type).toEqual([]);
      expect(quizItem.parse(raw)).toMatchObject({ points: 1, hints: [], feedback: {} });
    }
  });

  it('accepts a picture-only option for young learners', () => {
    const pictures = [
      { id: 'cat', text: '', image: { hash, kind: 'image' } },
      { id: 'dog', text: '', image: { hash: 'cd'.repeat(32), kind: 'image' } },
    ];
    expect(issues(quizItem, { ...validItems[0], options: pictures, correct: 'cat' })).toEqual([]);
  });

  it.each([
    ['single choice without a correct answer', { ...validItems[0], correct: undefined }, 'correct'],
    ['multiple choice without a correct answer', { ...validItems[1], correct: [] }, 'correct'],
    ['true/false without a correct answer', { ...validItems[2], correct: undefined }, 'correct'],
    ['short text without accepted answers', { ...validItems[6], accepted: [] }, 'accepted'],
    ['matching without pairs', { ...validItems[4], pairs: [] }, 'pairs'],
  ])('rejects %s, naming %j', (_, raw, path) => {
    expect(issues(quizItem, raw)).toContainEqual({ path, message: 'no correct answer' });
  });

  it('rejects duplicate option ids at the second occurrence', () => {
    const raw = { ...validItems[0], options: [...opts('a', 'b'), { id: 'a', text: 'autre' }] };
    expect(issues(quizItem, raw)).toContainEqual({ path: 'options.2.id', message: 'duplicate id' });
  });

  it('rejects options a learner cannot tell apart once case and diacritics are ignored', () => {
    const french = {
      ...validItems[0],
      options: [
        { id: 'a', text: 'Été' },
        { id: 'b', text: ' ete' },
      ],
    };
    const arabic = {
      ...validItems[1],
      options: [...opts('a', 'c'), { id: 'b', text: 'مَدْرَسَةٌ' }, { id: 'd', text: 'مدرسه' }],
    };
    expect(issues(quizItem, french)).toContainEqual({ path: 'options.1.text', message: 'duplicate option' });
    expect(issues(quizItem, arabic)).toContainEqual({ path: 'options.3.text', message: 'duplicate option' });
  });

  it('rejects an option with neither text nor media', () => {
    const raw = { ...validItems[0], options: [...opts('a'), { id: 'b', text: '  ' }] };
    expect(issues(quizItem, raw).map((i) => i.path)).toContain('options.1.text');
  });

  it('rejects a correct answer that names no option', () => {
    expect(issues(quizItem, { ...validItems[0], correct: 'z' })).toEqual([
      { path: 'correct', message: 'no option with id "z"' },
    ]);
    expect(issues(quizItem, { ...validItems[1], correct: ['a', 'z'] }).map((i) => i.path)).toEqual([
      'correct.1',
    ]);
  });

  it.each([
    ['missing an option', ['c', 'a'], 'correctOrder'],
    ['repeating an option', ['c', 'a', 'a'], 'correctOrder.2'],
    ['naming an unknown option', ['z', 'a', 'b'], 'correctOrder.0'],
  ])('rejects an ordering %s', (_, correctOrder, path) => {
    expect(issues(quizItem, { ...validItems[3], correctOrder }).map((i) => i.path)).toContain(path);
  });

  it.each([
    [
      'a left option paired twice',
      [
        { left: 'l1', right: 'r1' },
        { left: 'l1', right: 'r2' },
        { left: 'l2', right: 'r1' },
      ],
      'pairs.1.left',
    ],
    ['a left option left unpaired', [{ left: 'l1', right: 'r1' }], 'pairs'],
    [
      'an unknown right option',
      [
        { left: 'l1', right: 'r9' },
        { left: 'l2', right: 'r1' },
      ],
      'pairs.0.right',
    ],
    [
      'an unknown left option',
      [
        { left: 'l1', right: 'r1' },
        { left: 'l2', right: 'r1' },
        { left: 'l3', right: 'r1' },
      ],
      'pairs.2.left',
    ],
  ])('rejects matching pairs with %s', (_, pairs, path) => {
    expect(issues(quizItem, { ...validItems[4], pairs }).map((i) => i.path)).toContain(path);
  });

  it('rejects matching columns that share an option id', () => {
    const raw = { ...validItems[4], right: [{ id: 'l1', text: 'x' }, ...opts('r1', 'r2')] };
    expect(issues(quizItem, raw)).toContainEqual({ path: 'right.0.id', message: 'duplicate id' });
  });

  it('rejects a negative tolerance and a non-finite answer', () => {
    expect(issues(quizItem, { ...validItems[5], tolerance: -0.1 })).toEqual([
      { path: 'tolerance', message: 'tolerance must not be negative' },
    ]);
    expect(
      issues(quizItem, { ...validItems[5], answer: Number.POSITIVE_INFINITY }).map((i) => i.path),
    ).toEqual(['answer']);
  });

  it('rejects a prompt image that is really a PDF', () => {
    const raw = { ...validItems[2], prompt: { ...prompt, image: { hash, kind: 'pdf' } } };
    expect(issues(quizItem, raw).map((i) => i.path)).toEqual(['prompt.image.kind']);
  });

  it('rejects more than five hints and zero points', () => {
    const raw = { ...validItems[2], hints: ['1', '2', '3', '4', '5', '6'], points: 0 };
    expect(
      issues(quizItem, raw)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['hints', 'points']);
  });
});

describe('quizzes', () => {
  const quiz = { title: 'Les couleurs', tags, items: validItems, mastery: { rule: 'allCorrect' } };

  it('accepts a quiz with every item type and each mastery rule', () => {
    for (const mastery of [{ rule: 'allCorrect' }, { rule: 'mOfN', m: 5, n: 7 }, { rule: 'kInARow', k: 3 }]) {
      expect(issues(quizInput, { ...quiz, mastery })).toEqual([]);
    }
  });

  it.each([
    ['m greater than n', { rule: 'mOfN', m: 4, n: 3 }, 'mastery.m'],
    ['n greater than the number of items', { rule: 'mOfN', m: 2, n: 8 }, 'mastery.n'],
    ['k of zero', { rule: 'kInARow', k: 0 }, 'mastery.k'],
  ])('rejects mastery with %s', (_, mastery, path) => {
    expect(issues(quizInput, { ...quiz, mastery }).map((i) => i.path)).toEqual([path]);
  });

  it('rejects two items with the same id, an empty quiz and a level outside its cycle', () => {
    expect(issues(quizInput, { ...quiz, items: [validItems[0], validItems[0]] })).toEqual([
      { path: 'items.1.id', message: 'duplicate id' },
    ]);
    expect(issues(quizInput, { ...quiz, items: [] }).map((i) => i.path)).toEqual(['items']);
    expect(issues(quizInput, { ...quiz, tags: { ...tags, level: '2BAC' } }).map((i) => i.path)).toEqual([
      'tags.level',
    ]);
  });
});

describe('lessons', () => {
  const audio = { hash, kind: 'audio' };
  const lesson = {
    title: 'ⵜⴰⵎⴰⵣⵉⵖⵜ — ⴰⵎⵓⵔ',
    tags: { ...tags, subject: 'tamazight', language: 'zgh', unit: 'Unité 2' },
    body: {
      blocks: [
        { type: 'richText', id: 'b1', html: '<p>ⴰⵣⵓⵍ</p>', spoken: audio },
        { type: 'image', id: 'b2', media: { hash, kind: 'image', alt: 'Une montagne' }, caption: 'Atlas' },
        { type: 'audio', id: 'b3', media: audio },
        { type: 'video', id: 'b4', media: { hash, kind: 'video', name: 'cours.mp4' } },
        { type: 'pdf', id: 'b5', media: { hash, kind: 'pdf' }, title: 'Fiche' },
        { type: 'quiz', id: 'b6', quizId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
      ],
    },
  };
  const withBlock = (block: object) => ({ ...lesson, body: { blocks: [block] } });

  it('accepts a lesson with every block type', () => {
    expect(issues(lessonInput, lesson)).toEqual([]);
  });

  it('rejects an image block that points at a video', () => {
    const paths = issues(lessonInput, withBlock({ type: 'image', id: 'b', media: { hash, kind: 'video' } }));
    expect(paths.map((i) => i.path)).toEqual(['body.blocks.0.media.kind']);
  });

  it('rejects a hash that is not lowercase SHA-256 hex', () => {
    const media = { hash: hash.toUpperCase(), kind: 'audio' };
    expect(issues(lessonInput, withBlock({ type: 'audio', id: 'b', media })).map((i) => i.path)).toEqual([
      'body.blocks.0.media.hash',
    ]);
  });

  it('measures rich text in bytes: 60 000 Arabic letters (120 KB) are too many', () => {
    const html = `<p>${'م'.repeat(60_000)}</p>`;
    expect(issues(lessonInput, withBlock({ type: 'richText', id: 'b', html }))).toEqual([
      { path: 'body.blocks.0.html', message: 'larger than 100 KB' },
    ]);
  });

  it('rejects a spoken version that is not audio, duplicate block ids and more than 200 blocks', () => {
    const spoken = { type: 'quiz', id: 'b', quizId: 'q', spoken: { hash, kind: 'image' } };
    expect(issues(lessonInput, withBlock(spoken)).map((i) => i.path)).toEqual(['body.blocks.0.spoken.kind']);
    const twice = { ...lesson, body: { blocks: [lesson.body.blocks[0], lesson.body.blocks[0]] } };
    expect(issues(lessonInput, twice)).toEqual([{ path: 'body.blocks.1.id', message: 'duplicate id' }]);
    const many = Array.from({ length: 201 }, (_, i) => ({ type: 'quiz', id: `b${i}`, quizId: 'q' }));
    expect(issues(lessonInput, { ...lesson, body: { blocks: many } }).map((i) => i.path)).toEqual([
      'body.blocks',
    ]);
  });

  it('rejects an unknown block type and unknown keys', () => {
    expect(issues(lessonInput, withBlock({ type: 'iframe', id: 'b' })).map((i) => i.path)).toEqual([
      'body.blocks.0.type',
    ]);
    const extra = { type: 'quiz', id: 'b', quizId: 'q', onclick: 'x' };
    expect(issues(lessonInput, withBlock(extra)).map((i) => i.path)).toEqual(['body.blocks.0']);
  });
});
