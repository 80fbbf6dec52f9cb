import { newId } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, insertUser, signIn, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { insertEnrolment, type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';
import { closeApp, create, lesson, publish, quiz } from '../content/content.fixtures';
import { clearDirty, isDirty } from '../sync/live';
import { classScope } from '../sync/scopes';

describe(`class assignments (${testDialect})`, () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let c: RoleClients;
  beforeEach(async () => {
    t = await testApp();
    const w = await twoClassSchools(t, { givenName: 'Amine', familyName: 'Bakkali' });
    c = w.clients;
    const { classA1, classA2 } = w;
    await insertUser(t.db, 'teacher', w.schoolB, { username: 'teacherB' });
    const pupil2 = await insertUser(t.db, 'learner', w.schoolA, { givenName: 'Sara', familyName: 'Zaki' });
    await insertEnrolment(t.db, classA1, pupil2.id, 'learner');
    const teacherB = await signIn(t.app, 'teacherB');
    const library = await create(c.admin, 'lessons', lesson('Les fractions'));
    await publish(c.admin, library);
    const schoolQuiz = await create(c.teacher, 'quizzes', quiz('Quiz des fractions'));
    await publish(c.teacher, schoolQuiz);
    const draft = await create(c.teacher, 'lessons', lesson('Brouillon'));
    const otherSchool = await create(teacherB, 'lessons', lesson('Leçon de B'));
    await publish(teacherB, otherSchool);
    ids = {
      classA1,
      classA2,
      pupil: w.learnerId,
      pupil2: pupil2.id,
      library,
      schoolQuiz,
      draft,
      otherSchool,
    };
  });
  afterEach(() => closeApp(t));

  const url = () => `/api/v1/classes/${ids.classA1}/assignments`;
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('assignments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const assign = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post(url(), body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  it('the teacher assigns a published lesson and quiz; the class lists them soonest due first', async () => {
    const quizDue = '2026-12-10T17:00:00.000Z';
    clearDirty([classScope(ids.classA1 as string)]);
    await assign(c.teacher, { contentId: ids.library });
    // The class's tablets are told to pull their new work.
    expect(isDirty(classScope(ids.classA1 as string))).toBe(true);
    const res = await c.teacher.post(url(), {
      contentId: ids.schoolQuiz,
      dueAt: '2026-12-10T18:00:00+01:00',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      contentKind: 'quiz',
      contentTitle: 'Quiz des fractions',
      dueAt: quizDue,
    });
    const list = (await c.teacher.get(url())).json();
    expect(list.map((a: { contentTitle: string }) => a.contentTitle)).toEqual([
      'Quiz des fractions',
      'Les fractions',
    ]);
    // The learners of the class see their work too.
    expect((await c.learner.get(url())).json()).toHaveLength(2);
  });

  it.each([
    ['a draft', 'draft', 422],
    ["another school's lesson", 'otherSchool', 422],
    ['content that does not exist', 'missing', 422],
  ])('%s cannot be assigned, and nothing is written', async (_, key, status) => {
    const res = await c.teacher.post(url(), { contentId: ids[key] ?? newId() });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.details).toMatchObject({ field: 'contentId' });
    expect(await count()).toBe(0);
  });

  it('bad dates are refused naming dueAt; the same content twice is a 409', async () => {
    const bad = await c.teacher.post(url(), {
      contentId: ids.library,
      openAt: '2026-12-10T08:00:00Z',
      dueAt: '2026-12-09T08:00:00Z',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('dueAt');
    expect((await c.teacher.post(url(), { contentId: ids.library, dueAt: 'tomorrow' })).statusCode).toBe(400);
    await assign(c.teacher, { contentId: ids.library });
    const twice = await c.teacher.post(url(), { contentId: ids.library });
    expect(twice.statusCode).toBe(409);
    expect(await count()).toBe(1);
  });

  it('who may assign: the teacher of the class, its school admin and the programme admin', async () => {
    const body = { contentId: ids.library };
    expect((await c.otherTeacher.post(url(), body)).statusCode).toBe(404);
    expect((await c.headB.post(url(), body)).statusCode).toBe(404);
    expect((await c.learner.post(url(), body)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: url(), payload: body })).statusCode).toBe(401);
    expect(await count()).toBe(0);
    await assign(c.head, body);
    await assign(c.admin, { contentId: ids.schoolQuiz });
  });

  it('the dates change; a withdrawn assignment leaves the list and cannot change', async () => {
    const { id } = await assign(c.teacher, { contentId: ids.library, openAt: '2026-12-01T08:00:00Z' });
    const moved = await c.teacher.patch(`/api/v1/assignments/${id}`, { dueAt: '2026-12-15T17:00:00Z' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      openAt: '2026-12-01T08:00:00.000Z',
      dueAt: '2026-12-15T17:00:00.000Z',
    });
    const early = await c.teacher.patch(`/api/v1/assignments/${id}`, { dueAt: '2026-11-15T17:00:00Z' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toEqual({ field: 'dueAt' });
    expect((await c.otherTeacher.patch(`/api/v1/assignments/${id}`, { dueAt: null })).statusCode).toBe(404);
    expect((await c.learner.post(`/api/v1/assignments/${id}/withdraw`)).statusCode).toBe(403);

    const withdrawn = await c.teacher.post(`/api/v1/assignments/${id}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ withdrawn: true, dueAt: '2026-12-15T17:00:00.000Z' });
    expect((await c.teacher.get(url())).json()).toEqual([]);
    expect((await c.teacher.patch(`/api/v1/assignments/${id}`, { dueAt: null })).statusCode).toBe(409);
    // Once withdrawn, the same lesson may be assigned again.
    await assign(c.teacher, { contentId: ids.library });
  });

  it("the teacher sees each learner's progress on the class's assignments, as the tablets reported it", async () => {
    const a = await assign(c.teacher, { contentId: ids.schoolQuiz });
    const now = new Date().toISOString();
    await t.db
      .insertInto('learnerProgress')
      .values({
        learnerId: ids.pupil as string,
        contentId: ids.schoolQuiz as string,
        contentVersion: 1,
        status: 'mastered',
        score: 0.9,
        attempts: 2,
        correct: 9,
        answered: 10,
        firstAt: now,
        lastAt: now,
        updatedAt: now,
      })
      .execute();
    const res = await c.teacher.get(`/api/v1/classes/${ids.classA1}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.assignments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    // The grid (features/insight) adds states, overall progress and stuck flags: see insight.test.ts.
    expect(body.learners).toMatchObject([
      {
        id: ids.pupil,
        name: 'Amine Bakkali',
        nameAr: expect.any(String),
        progress: [{ assignmentId: a.id, status: 'mastered', score: 0.9, attempts: 2, lastAt: now }],
      },
      { id: ids.pupil2, name: 'Sara Zaki', nameAr: expect.any(String), progress: [] },
    ]);
    expect((await c.learner.get(`/api/v1/classes/${ids.classA1}/progress`)).statusCode).toBe(403);
    expect((await c.otherTeacher.get(`/api/v1/classes/${ids.classA1}/progress`)).statusCode).toBe(404);
  });
});
