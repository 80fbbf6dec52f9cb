import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { type Cast, cast, closeApp, create, lesson, publish, put, quiz, titles } from './content.fixtures';

describe(`content drafts and versions (${testDialect})`, () => {
  let t: TestApp;
  let c: Cast;
  beforeEach(async () => {
    t = await testApp();
    c = await cast(t);
  });
  afterEach(() => closeApp(t));

  it('publishing freezes a version: editing and publishing again leaves version 1 as it was', async () => {
    const id = await create(c.teacherA, 'lessons', lesson('Les fractions', '<p>Première version</p>'));
    const draft = (await c.teacherA.get(`/api/v1/content/${id}`)).json();
    expect(draft).toMatchObject({
      status: 'draft',
      latestVersion: null,
      hasUnpublishedChanges: true,
      canEdit: true,
    });
    expect(draft.schoolId).toBe(c.schoolA);

    expect(await publish(c.teacherA, id)).toBe(1);
    const afterV1 = (await c.teacherA.get(`/api/v1/content/${id}`)).json();
    expect(afterV1).toMatchObject({ status: 'published', latestVersion: 1, hasUnpublishedChanges: false });
    expect(afterV1.latest).toMatchObject({ version: 1, title: 'Les fractions' });

    const edited = await put(
      c.teacherA,
      `/api/v1/content/${id}/draft`,
      lesson('Les fractions (revu)', '<p>Deuxième version</p>'),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ latestVersion: 1, hasUnpublishedChanges: true });
    expect(edited.json().draft.input.body.blocks[0].html).toBe('<p>Deuxième version</p>');
    // Until published again, readers still get version 1.
    expect((await c.learnerA.get(`/api/v1/content/${id}`)).json().title).toBe('Les fractions');

    expect(await publish(c.teacherA, id)).toBe(2);
    const v1 = (await c.learnerA.get(`/api/v1/content/${id}/versions/1`)).json();
    expect(v1).toMatchObject({ version: 1, title: 'Les fractions', kind: 'lesson' });
    expect(v1.input.body.blocks[0].html).toBe('<p>Première version</p>');
    const v2 = (await c.learnerA.get(`/api/v1/content/${id}/versions/2`)).json();
    expect(v2.input.body.blocks[0].html).toBe('<p>Deuxième version</p>');

    const versions = (await c.teacherA.get(`/api/v1/content/${id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0].publishedByName).toBe('Salma Alaoui');
    expect((await c.teacherA.get(`/api/v1/content/${id}/versions/3`)).statusCode).toBe(404);
  });

  it('publishing an unchanged draft is refused rather than making an identical version', async () => {
    const id = await create(c.teacherA, 'quizzes', quiz());
    await publish(c.teacherA, id);
    const again = await c.teacherA.post(`/api/v1/content/${id}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('draft');
    expect((await c.teacherA.get(`/api/v1/content/${id}/versions`)).json().items).toHaveLength(1);
  });

  it('a quiz comes back as the author wrote it, defaults filled in', async () => {
    const id = await create(c.teacherA, 'quizzes', quiz('Quiz 1'));
    const input = (await c.teacherA.get(`/api/v1/content/${id}`)).json().draft.input;
    expect(input.title).toBe('Quiz 1');
    expect(input.mastery).toEqual({ rule: 'allCorrect' });
    expect(input.items[0]).toMatchObject({ id: 'i1', correct: 'a', points: 1, hints: [] });
  });

  it('learners see only published content, never a draft, and only the published text', async () => {
    const draftOnly = await create(c.teacherA, 'lessons', lesson('Brouillon secret'));
    const published = await create(c.teacherA, 'lessons', lesson('Leçon publiée'));
    await publish(c.teacherA, published);
    await put(c.teacherA, `/api/v1/content/${published}/draft`, lesson('Titre pas encore publié'));

    expect(titles(await c.learnerA.get('/api/v1/content'))).toEqual(['Leçon publiée']);
    expect((await c.learnerA.get(`/api/v1/content/${draftOnly}`)).statusCode).toBe(404);
    const seen = (await c.learnerA.get(`/api/v1/content/${published}`)).json();
    expect(seen).toMatchObject({
      title: 'Leçon publiée',
      draft: null,
      canEdit: false,
      hasUnpublishedChanges: false,
    });
    expect((await c.learnerA.get('/api/v1/content?status=draft')).json().total).toBe(0);

    // Learners cannot author or publish either.
    expect((await c.learnerA.post('/api/v1/content/lessons', lesson('x'))).statusCode).toBe(403);
    expect((await c.learnerA.post(`/api/v1/content/${published}/publish`)).statusCode).toBe(403);
    expect((await put(c.learnerA, `/api/v1/content/${published}/draft`, lesson('x'))).statusCode).toBe(403);
  });

  it("a school's content stays in that school; the programme library reaches every school once published", async () => {
    const ownA = await create(c.teacherA, 'lessons', lesson('Leçon école A'));
    await publish(c.teacherA, ownA);
    const library = await create(c.admin, 'lessons', lesson('Leçon du programme'));
    const libraryDraft = await create(c.admin, 'lessons', lesson('Programme en préparation'));
    await publish(c.admin, library);

    const created = (await c.admin.get(`/api/v1/content/${library}`)).json();
    expect(created.schoolId).toBeNull();

    // School A's staff see their school's work (drafts too) and the published library.
    expect(titles(await c.headA.get('/api/v1/content?sort=title&order=asc'))).toEqual([
      'Leçon du programme',
      'Leçon école A',
    ]);
    // School B sees only the library; school A's lesson is invisible, not merely read-only.
    expect(titles(await c.teacherB.get('/api/v1/content'))).toEqual(['Leçon du programme']);
    expect(titles(await c.learnerB.get('/api/v1/content'))).toEqual(['Leçon du programme']);
    expect((await c.teacherB.get(`/api/v1/content/${ownA}`)).statusCode).toBe(404);
    expect((await c.teacherB.get(`/api/v1/content/${libraryDraft}`)).statusCode).toBe(404);
    expect((await put(c.teacherB, `/api/v1/content/${ownA}/draft`, lesson('pris'))).statusCode).toBe(404);

    // Teachers read the library but do not edit it; a colleague of the same school may edit.
    const asTeacher = (await c.teacherA.get(`/api/v1/content/${library}`)).json();
    expect(asTeacher).toMatchObject({ canEdit: false, draft: null });
    expect((await put(c.teacherA, `/api/v1/content/${library}/draft`, lesson('pris'))).statusCode).toBe(403);
    expect((await c.teacherA.post(`/api/v1/content/${library}/archive`)).statusCode).toBe(403);
    const byColleague = await put(c.headA, `/api/v1/content/${ownA}/draft`, lesson('Leçon école A, revue'));
    expect(byColleague.statusCode).toBe(200);

    // The programme admin sees everything, drafts included.
    expect((await c.admin.get('/api/v1/content')).json().total).toBe(3);
  });

  it('archiving hides content from the default list until it is restored', async () => {
    const id = await create(c.teacherA, 'lessons', lesson('Ancienne leçon'));
    await publish(c.teacherA, id);
    await create(c.teacherA, 'lessons', lesson('Leçon active'));

    const archived = await c.teacherA.post(`/api/v1/content/${id}/archive`);
    expect(archived.json().archived).toBe(true);
    expect(titles(await c.teacherA.get('/api/v1/content'))).toEqual(['Leçon active']);
    expect(titles(await c.teacherA.get('/api/v1/content?archived=true'))).toEqual(['Ancienne leçon']);
    expect(titles(await c.learnerA.get('/api/v1/content?archived=true'))).toEqual([]);
    // An archived item is read-only until restored.
    const edit = await put(c.teacherA, `/api/v1/content/${id}/draft`, lesson('modifiée'));
    expect(edit.statusCode).toBe(409);
    expect((await c.teacherA.post(`/api/v1/content/${id}/publish`)).statusCode).toBe(409);

    await c.teacherA.post(`/api/v1/content/${id}/restore`);
    expect(titles(await c.learnerA.get('/api/v1/content'))).toEqual(['Ancienne leçon']);
  });

  it('lists are filtered by tags, kind and status, and paged and sorted by the server', async () => {
    for (const name of ['E', 'B', 'G', 'A', 'F', 'C', 'D'])
      await create(c.teacherA, 'lessons', lesson(`Leçon ${name}`));
    const quizId = await create(c.teacherA, 'quizzes', {
      ...quiz('Quiz 6AP'),
      tags: { cycle: 'primaire', level: '6AP', subject: 'sciences', language: 'ar' },
    });
    await publish(c.teacherA, quizId);

    const p2 = (
      await c.teacherA.get('/api/v1/content?kind=lesson&page=2&pageSize=3&sort=title&order=desc')
    ).json();
    expect(p2.total).toBe(7);
    expect(p2.items.map((i: { title: string }) => i.title)).toEqual(['Leçon D', 'Leçon C', 'Leçon B']);

    expect(titles(await c.teacherA.get('/api/v1/content?level=6AP'))).toEqual(['Quiz 6AP']);
    expect(titles(await c.teacherA.get('/api/v1/content?subject=sciences&language=ar'))).toEqual([
      'Quiz 6AP',
    ]);
    expect((await c.teacherA.get('/api/v1/content?unit=Fractions')).json().total).toBe(7);
    expect((await c.teacherA.get('/api/v1/content?status=published')).json().items[0].kind).toBe('quiz');
    expect((await c.teacherA.get('/api/v1/content?status=draft')).json().total).toBe(7);
    expect((await c.teacherA.get('/api/v1/content?kind=video')).statusCode).toBe(400);

    // Newest first by default.
    const newest = (await c.teacherA.get('/api/v1/content?pageSize=1')).json();
    expect(newest.items[0].title).toBe('Quiz 6AP');
  });
});
