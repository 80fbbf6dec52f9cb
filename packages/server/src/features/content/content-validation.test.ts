import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import {
  type Cast,
  cast,
  closeApp,
  create,
  insertMedia,
  issueFields,
  lesson,
  publish,
  put,
  quiz,
  singleChoice,
} from './content.fixtures';

describe(`content bad input (${testDialect})`, () => {
  let t: TestApp;
  let c: Cast;
  beforeEach(async () => {
    t = await testApp();
    c = await cast(t);
  });
  afterEach(() => closeApp(t));

  const count = async () => (await c.admin.get('/api/v1/content?archived=all')).json().total as number;

  it('a quiz with no correct answer is a 400 naming the item and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [singleChoice({ correct: undefined }), 'items.0.correct'],
      [singleChoice({ correct: '' }), 'items.0.correct'],
      [{ ...singleChoice(), type: 'multipleChoice', correct: [] }, 'items.0.correct'],
      [{ id: 'i1', type: 'shortText', prompt: { text: 'Capitale ?' }, accepted: [] }, 'items.0.accepted'],
      [{ id: 'i1', type: 'trueFalse', prompt: { text: 'Vrai ?' } }, 'items.0.correct'],
    ];
    for (const [item, field] of cases) {
      const res = await c.teacherA.post('/api/v1/content/quizzes', quiz('Q', [item]));
      expect(res.statusCode, JSON.stringify(item)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(issueFields(res)).toContain(field);
    }
    expect(await count()).toBe(0);
  });

  it('duplicate options are a 400 naming the second one, including ones differing only in tashkeel', async () => {
    const dup = singleChoice({
      options: [
        { id: 'a', text: '2/4' },
        { id: 'b', text: '1/3' },
        { id: 'c', text: '2/4' },
      ],
    });
    const res = await c.teacherA.post(
      '/api/v1/content/quizzes',
      quiz('Q', [singleChoice({ id: 'i0' }), dup]),
    );
    expect(res.statusCode).toBe(400);
    expect(issueFields(res)).toEqual(['items.1.options.2.text']);

    const arabic = singleChoice({
      options: [
        { id: 'a', text: 'كِتَابٌ' },
        { id: 'b', text: 'كتاب' },
      ],
    });
    const res2 = await c.teacherA.post('/api/v1/content/quizzes', quiz('Q', [arabic]));
    expect(issueFields(res2)).toEqual(['items.0.options.1.text']);
    expect(await count()).toBe(0);
  });

  it('saving a quiz draft validates it by kind, with the same 400 naming the path, and keeps the old draft', async () => {
    const id = await create(c.teacherA, 'quizzes', quiz('Quiz intact'));
    const broken = await put(
      c.teacherA,
      `/api/v1/content/${id}/draft`,
      quiz('Cassé', [singleChoice({ correct: 'z' })]),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('items.0.correct');
    expect(issueFields(broken)).toEqual(['items.0.correct']);
    // A lesson body sent to a quiz is judged as a quiz.
    const wrongKind = await put(c.teacherA, `/api/v1/content/${id}/draft`, lesson('Leçon'));
    expect(wrongKind.statusCode).toBe(400);
    expect(issueFields(wrongKind)).toContain('body');
    expect((await c.teacherA.get(`/api/v1/content/${id}`)).json().title).toBe('Quiz intact');
  });

  it('a lesson linking to an unknown quiz, or one it may not use, is a 422 naming the block', async () => {
    const withQuiz = (quizId: string) => ({
      ...lesson('Leçon avec quiz'),
      body: {
        blocks: [
          { id: 'b1', type: 'richText', html: '<p>Lisez puis répondez.</p>' },
          { id: 'b2', type: 'quiz', quizId },
        ],
      },
    });
    const unknown = await c.teacherA.post('/api/v1/content/lessons', withQuiz('no-such-quiz'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.field).toBe('body.blocks.1.quizId');

    // Another school's quiz is invisible, so it is as unknown as a made-up id.
    const quizB = await create(c.teacherB, 'quizzes', quiz('Quiz de B'));
    await publish(c.teacherB, quizB);
    expect((await c.teacherA.post('/api/v1/content/lessons', withQuiz(quizB))).statusCode).toBe(422);
    // A lesson id is not a quiz.
    const otherLesson = await create(c.teacherA, 'lessons', lesson('Autre leçon'));
    expect((await c.teacherA.post('/api/v1/content/lessons', withQuiz(otherLesson))).statusCode).toBe(422);
    expect(await count()).toBe(2);

    // The school's own draft quiz may be linked, but the lesson is published only once the quiz is.
    const quizA = await create(c.teacherA, 'quizzes', quiz('Quiz de A'));
    const lessonId = await create(c.teacherA, 'lessons', withQuiz(quizA));
    const early = await c.teacherA.post(`/api/v1/content/${lessonId}/publish`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.field).toBe('body.blocks.1.quizId');
    await publish(c.teacherA, quizA);
    expect(await publish(c.teacherA, lessonId)).toBe(1);

    // A programme-library lesson may not link to a school's quiz: other schools could not open it.
    const fromAdmin = await c.admin.post('/api/v1/content/lessons', withQuiz(quizA));
    expect(fromAdmin.statusCode).toBe(422);
    expect(fromAdmin.json().error.details.field).toBe('body.blocks.1.quizId');
  });

  it('media must be in the store and of the kind the block plays, or it is a 422 naming the reference', async () => {
    const image = await insertMedia(t, 'image');
    const audio = await insertMedia(t, 'audio');
    const doc = await insertMedia(t, 'pdf');
    const withBlocks = (blocks: unknown[]) => ({ ...lesson('Médias'), body: { blocks } });
    const picture = (hash: string, spoken?: string) => ({
      id: 'b1',
      type: 'image',
      media: { hash, kind: 'image', alt: 'Une pizza coupée en quatre' },
      ...(spoken ? { spoken: { hash: spoken, kind: 'audio' } } : {}),
    });

    const missing = await c.teacherA.post('/api/v1/content/lessons', withBlocks([picture('f'.repeat(64))]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.field).toBe('body.blocks.0.media.hash');
    const noVoice = await c.teacherA.post(
      '/api/v1/content/lessons',
      withBlocks([picture(image, 'e'.repeat(64))]),
    );
    expect(noVoice.json().error.details.field).toBe('body.blocks.0.spoken.hash');
    // The store knows this hash is a PDF, whatever the block claims.
    const lying = await c.teacherA.post('/api/v1/content/lessons', withBlocks([picture(doc)]));
    expect(lying.statusCode).toBe(422);
    expect(lying.json().error.message).toContain('pdf');

    const optionPicture = singleChoice({
      options: [
        { id: 'a', text: '', image: { hash: image, kind: 'image' } },
        { id: 'b', text: '', image: { hash: 'd'.repeat(64), kind: 'image' } },
      ],
    });
    const inQuiz = await c.teacherA.post('/api/v1/content/quizzes', quiz('Q', [optionPicture]));
    expect(inQuiz.statusCode).toBe(422);
    expect(inQuiz.json().error.details.field).toBe('items.0.options.1.image.hash');
    expect(await count()).toBe(0);

    const ok = await c.teacherA.post('/api/v1/content/lessons', withBlocks([picture(image, audio)]));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().draft.input.body.blocks[0].media.hash).toBe(image);
  });

  it('rich text is stored sanitised: script, event handlers and javascript: links never reach a reader', async () => {
    const xss =
      '<p dir="rtl" onmouseover="alert(1)">درس</p><script>alert(document.cookie)</script>' +
      '<img src=x onerror=alert(1)><a href="javascript:alert(1)">clic</a><a href="https://example.ma">ok</a>';
    const clean =
      '<p dir="rtl">درس</p><a rel="noopener">clic</a><a href="https://example.ma" rel="noopener">ok</a>';
    const id = await create(c.teacherA, 'lessons', lesson('XSS', xss));
    const stored = (await c.teacherA.get(`/api/v1/content/${id}`)).json().draft.input.body.blocks[0].html;
    expect(stored).toBe(clean);

    await put(c.teacherA, `/api/v1/content/${id}/draft`, lesson('XSS', `<svg onload=alert(1)></svg>${xss}`));
    await publish(c.teacherA, id);
    const published = (await c.learnerA.get(`/api/v1/content/${id}/versions/1`)).json();
    expect(published.input.body.blocks[0].html).toBe(clean);
  });

  it('bad tags and unknown fields are a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...lesson('x'), tags: { ...lesson('x').tags, level: '1BAC' } }, 'tags.level'],
      [{ ...lesson('x'), tags: { ...lesson('x').tags, language: 'es' } }, 'tags.language'],
      [{ ...lesson('x'), extra: true }, 'extra'],
      [{ ...lesson('x'), body: { blocks: [{ id: 'b1', type: 'marquee', html: '' }] } }, 'body.blocks.0.type'],
    ];
    for (const [body, field] of cases) {
      const res = await c.teacherA.post('/api/v1/content/lessons', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(issueFields(res)).toContain(field);
    }
    expect(await count()).toBe(0);
  });
});
