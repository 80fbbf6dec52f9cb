import { newId } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, insertUser, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { insertEnrolment, type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';
import { closeApp, create, publish, quiz } from '../content/content.fixtures';
import { mondayOf } from './week';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe(`class insight (${testDialect})`, () => {
  let t: TestApp;
  let c: RoleClients;
  let ids: Record<
    'classA1' | 'classA2' | 'pupil' | 'pupil2' | 'quiz' | 'quizTask' | 'essay' | 'poem',
    string
  >;

  const insertAssignment = async (over: Record<string, unknown>) => {
    const id = newId();
    const teacher = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'teacher')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('assignments')
      .values({
        id,
        classId: ids.classA1,
        contentId: null,
        contentVersion: null,
        openAt: ago(20),
        dueAt: null,
        createdBy: teacher.id,
        createdAt: ago(20),
        updatedAt: ago(20),
        withdrawnAt: null,
        title: null,
        instructions: null,
        closedAt: null,
        maxPoints: null,
        rubric: null,
        ...over,
      })
      .execute();
    return id;
  };
  const insertProgress = (learnerId: string, over: Record<string, unknown>) =>
    t.db
      .insertInto('learnerProgress')
      .values({
        learnerId,
        contentId: ids.quiz,
        contentVersion: 1,
        status: 'started',
        score: null,
        attempts: 0,
        correct: 0,
        answered: 0,
        firstAt: ago(3),
        lastAt: ago(1),
        updatedAt: ago(1),
        ...over,
      })
      .execute();
  const insertSubmission = (assignmentId: string, learnerId: string, over: Record<string, unknown>) =>
    t.db
      .insertInto('submissions')
      .values({
        id: newId(),
        assignmentId,
        learnerId,
        attempt: 1,
        state: 'submitted',
        late: 0,
        text: 'Ma réponse',
        media: '[]',
        submittedAt: ago(2),
        receivedAt: ago(2),
        eventId: null,
        points: null,
        rubricChoices: null,
        feedbackText: null,
        feedbackVoiceHash: null,
        gradedBy: null,
        gradedAt: null,
        returnedAt: null,
        ...over,
      })
      .execute();

  beforeEach(async () => {
    t = await testApp();
    const w = await twoClassSchools(t, { givenName: 'Amine', familyName: 'Bakkali' });
    c = w.clients;
    const pupil2 = await insertUser(t.db, 'learner', w.schoolA, { givenName: 'Sara', familyName: 'Zaki' });
    await insertEnrolment(t.db, w.classA1, pupil2.id, 'learner');
    const quizId = await create(c.teacher, 'quizzes', quiz('Quiz des fractions'));
    await publish(c.teacher, quizId);
    ids = {
      classA1: w.classA1,
      classA2: w.classA2,
      pupil: w.learnerId,
      pupil2: pupil2.id,
      quiz: quizId,
      quizTask: '',
      essay: '',
      poem: '',
    };
    // A quiz due tomorrow; a task past due (Amine sent it, not yet graded; Sara sent nothing);
    // a task Sara had returned this week with 10/5... rather 15/20.
    ids.quizTask = await insertAssignment({ kind: 'quiz', contentId: quizId, dueAt: ago(-1) });
    ids.essay = await insertAssignment({ kind: 'task', title: 'Rédaction', dueAt: ago(1), maxPoints: 20 });
    ids.poem = await insertAssignment({ kind: 'task', title: 'Poème', dueAt: ago(5), maxPoints: 20 });
    await insertSubmission(ids.essay, ids.pupil, { submittedAt: ago(2) });
    await insertSubmission(ids.poem, ids.pupil2, {
      submittedAt: ago(6),
      state: 'returned',
      points: 15,
      gradedAt: ago(2),
      returnedAt: ago(2),
    });
    await insertSubmission(ids.poem, ids.pupil, { submittedAt: ago(4), late: 1 });
  });
  afterEach(() => closeApp(t));

  const grid = (client: Client, query = '') => client.get(`/api/v1/classes/${ids.classA1}/progress${query}`);

  it('the grid shows each learner against each item: quiz progress, task states, overall, last activity', async () => {
    await insertProgress(ids.pupil, { answered: 6, correct: 1, lastAt: ago(1) });
    await insertProgress(ids.pupil2, {
      status: 'mastered',
      score: 0.9,
      attempts: 1,
      answered: 5,
      correct: 5,
      lastAt: ago(10),
    });
    const res = await grid(c.teacher);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.inactiveDays).toBe(7);
    const [amine, sara] = body.learners;
    expect(amine).toMatchObject({ id: ids.pupil, name: 'Amine Bakkali' });
    expect(amine.progress).toEqual([
      expect.objectContaining({ assignmentId: ids.quizTask, status: 'started', correct: 1, answered: 6 }),
    ]);
    // Sent and waiting for the teacher is "submitted", never "missing"; sent after the due date is "late".
    const state = (row: { states: { assignmentId: string; state: string }[] }, a: string) =>
      row.states.find((s) => s.assignmentId === a)?.state;
    expect(state(amine, ids.quizTask)).toBe('assigned');
    expect(state(amine, ids.essay)).toBe('submitted');
    expect(state(amine, ids.poem)).toBe('late');
    expect(state(sara, ids.essay)).toBe('missing');
    expect(sara.states.find((s: { assignmentId: string }) => s.assignmentId === ids.poem)).toMatchObject({
      state: 'returned',
      points: 15,
      maxPoints: 20,
    });
    // A mastered quiz is done: no state to show beside the score.
    expect(state(sara, ids.quizTask)).toBeUndefined();
    expect(amine.overall).toBeCloseTo(2 / 3);
    expect(sara.overall).toBeCloseTo(2 / 3);
    // The latest of what the tablet reported and the work sent: Amine's quiz yesterday, Sara's poem six days ago.
    const daysSince = (iso: string) => (Date.now() - Date.parse(iso)) / DAY;
    expect(daysSince(amine.lastActivityAt)).toBeCloseTo(1, 0);
    expect(daysSince(sara.lastActivityAt)).toBeCloseTo(6, 0);
  });

  it('flags stuck learners with the reason: many wrong answers, or no activity for the chosen days', async () => {
    await insertProgress(ids.pupil, { answered: 6, correct: 1, lastAt: ago(1) });
    await insertProgress(ids.pupil2, {
      status: 'mastered',
      score: 1,
      answered: 5,
      correct: 5,
      lastAt: ago(10),
    });
    await t.db.deleteFrom('submissions').where('learnerId', '=', ids.pupil2).execute();
    const body = (await grid(c.teacher)).json();
    expect(body.learners[0].stuck).toEqual([
      { kind: 'wrong_answers', assignmentId: ids.quizTask, correct: 1, answered: 6 },
    ]);
    expect(body.learners[1].stuck).toEqual([
      { kind: 'inactive', days: 10, lastActivityAt: expect.any(String) },
    ]);
    // Fourteen days chosen on the page: ten days of silence are not enough.
    const lenient = (await grid(c.teacher, '?inactiveDays=14')).json();
    expect(lenient.inactiveDays).toBe(14);
    expect(lenient.learners[1].stuck).toEqual([]);
    const bad = await grid(c.teacher, '?inactiveDays=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('inactiveDays');
  });

  it('lists the class groups and each learner’s, and an item for a group only in its members’ rows', async () => {
    const now = new Date().toISOString();
    const group = newId();
    await t.db
      .insertInto('classGroups')
      .values({
        id: group,
        classId: ids.classA1,
        name: 'Groupe bleu',
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      })
      .execute();
    await t.db.insertInto('classGroupMembers').values({ groupId: group, learnerId: ids.pupil2 }).execute();
    const forGroup = await insertAssignment({ kind: 'task', title: 'Exposé', audience: 'groups' });
    await t.db.insertInto('assignmentGroups').values({ assignmentId: forGroup, groupId: group }).execute();
    const body = (await grid(c.teacher)).json();
    expect(body.groups).toEqual([{ id: group, name: 'Groupe bleu' }]);
    expect(body.learners[0].groupIds).toEqual([]);
    expect(body.learners[1].groupIds).toEqual([group]);
    expect(body.learners[0].assignmentIds).not.toContain(forGroup);
    expect(body.learners[1].assignmentIds).toContain(forGroup);
  });

  it('role matrix: the grid, the learner page and the summary for their own classes and school only', async () => {
    const urls = [
      `/api/v1/classes/${ids.classA1}/progress`,
      `/api/v1/learners/${ids.pupil}/progress`,
      `/api/v1/learners/${ids.pupil}/guardian-summary`,
    ];
    const expected: Record<keyof RoleClients, number[]> = {
      admin: [200, 200, 200],
      head: [200, 200, 200],
      teacher: [200, 200, 200],
      // The other teacher of the school teaches another class: this one and its learner do not exist for them.
      otherTeacher: [404, 404, 404],
      headB: [404, 404, 404],
      learner: [403, 403, 403],
    };
    for (const [role, codes] of Object.entries(expected)) {
      const got = [];
      for (const url of urls) got.push((await c[role as keyof RoleClients].get(url)).statusCode);
      expect({ role, got }).toEqual({ role, got: codes });
    }
  });

  it('the learner page shows their work in each class the viewer sees', async () => {
    await insertEnrolment(t.db, ids.classA2, ids.pupil, 'learner');
    const mine = (await c.teacher.get(`/api/v1/learners/${ids.pupil}/progress`)).json();
    expect(mine.learner).toMatchObject({ id: ids.pupil, name: 'Amine Bakkali' });
    expect(mine.classes.map((x: { id: string }) => x.id)).toEqual([ids.classA1]);
    expect(mine.classes[0].row.states).toHaveLength(3);
    const head = (await c.head.get(`/api/v1/learners/${ids.pupil}/progress`)).json();
    expect(head.classes.map((x: { id: string }) => x.id).sort()).toEqual([ids.classA1, ids.classA2].sort());
  });

  it('the guardian summary: done, missing, not yet graded (never missing), returned grades, and notes', async () => {
    await insertProgress(ids.pupil, {
      status: 'completed',
      score: 0.5,
      answered: 2,
      correct: 1,
      lastAt: ago(1),
    });
    const amine = (await c.teacher.get(`/api/v1/learners/${ids.pupil}/guardian-summary`)).json();
    expect(amine.week).toBe(mondayOf(new Date().toISOString()));
    expect(amine.done.map((x: { assignmentId: string }) => x.assignmentId).sort()).toEqual(
      [ids.quizTask, ids.essay, ids.poem].sort(),
    );
    expect(amine.missing).toEqual([]);
    expect(amine.awaitingGrade).toEqual([
      expect.objectContaining({ assignmentId: ids.poem, late: true }),
      expect.objectContaining({
        assignmentId: ids.essay,
        late: false,
        title: 'Rédaction',
        className: '5AP-A',
      }),
    ]);
    expect(amine.returned).toEqual([]);

    const sara = (await c.teacher.get(`/api/v1/learners/${ids.pupil2}/guardian-summary`)).json();
    expect(sara.missing.map((x: { assignmentId: string }) => x.assignmentId)).toEqual([ids.essay]);
    expect(sara.awaitingGrade).toEqual([]);
    expect(sara.returned).toEqual([
      expect.objectContaining({ assignmentId: ids.poem, points: 15, maxPoints: 20, title: 'Poème' }),
    ]);
    // Sent six days ago: inside the week.
    expect(sara.done.map((x: { assignmentId: string }) => x.assignmentId)).toEqual([ids.poem]);
    expect(sara.writableClasses).toEqual([{ id: ids.classA1, title: '5AP-A' }]);
  });

  it('a grade given but not returned stays with the teacher: it is "not yet graded" for guardians', async () => {
    await t.db
      .updateTable('submissions')
      .set({ state: 'graded', points: 12, gradedAt: ago(1) })
      .where('assignmentId', '=', ids.essay)
      .execute();
    const amine = (await c.teacher.get(`/api/v1/learners/${ids.pupil}/guardian-summary`)).json();
    expect(amine.returned).toEqual([]);
    expect(amine.missing).toEqual([]);
    expect(amine.awaitingGrade.map((x: { assignmentId: string }) => x.assignmentId)).toContain(ids.essay);
    expect(JSON.stringify(amine)).not.toContain('"points":12');
  });

  it('the teacher writes a weekly note; others cannot; an empty one removes it; bad input stores nothing', async () => {
    const week = mondayOf(new Date().toISOString());
    const put = (client: Client, body: Record<string, unknown>, learner = ids.pupil) =>
      client.request({ method: 'PUT', url: `/api/v1/learners/${learner}/guardian-note`, payload: body });
    const ok = await put(c.teacher, { classId: ids.classA1, week, body: '  Amine participe bien.  ' });
    expect(ok.statusCode, ok.body).toBe(200);
    let summary = (await c.head.get(`/api/v1/learners/${ids.pupil}/guardian-summary`)).json();
    expect(summary.notes).toEqual([
      expect.objectContaining({
        classId: ids.classA1,
        className: '5AP-A',
        body: 'Amine participe bien.',
        authorName: 'Salma Alaoui',
      }),
    ]);
    // Setting it again replaces it (one note per learner, class and week).
    await put(c.head, { classId: ids.classA1, week, body: 'Bon travail.' });
    summary = (await c.teacher.get(`/api/v1/learners/${ids.pupil}/guardian-summary`)).json();
    expect(summary.notes.map((n: { body: string }) => n.body)).toEqual(['Bon travail.']);

    expect((await put(c.otherTeacher, { classId: ids.classA1, week, body: 'x' })).statusCode).toBe(404);
    expect((await put(c.headB, { classId: ids.classA1, week, body: 'x' })).statusCode).toBe(404);
    expect((await put(c.learner, { classId: ids.classA1, week, body: 'x' })).statusCode).toBe(403);
    const notMonday = await put(c.teacher, { classId: ids.classA1, week: '2026-11-25', body: 'x' });
    expect(notMonday.statusCode).toBe(422);
    expect(notMonday.json().error.details).toEqual({ field: 'week' });
    const otherClass = await put(c.teacher, { classId: ids.classA2, week, body: 'x' });
    expect(otherClass.statusCode).toBe(422);
    expect(otherClass.json().error.details).toEqual({ field: 'classId' });
    const tooLong = await put(c.teacher, { classId: ids.classA1, week, body: 'x'.repeat(601) });
    expect(tooLong.statusCode).toBe(400);

    await put(c.teacher, { classId: ids.classA1, week, body: '   ' });
    summary = (await c.teacher.get(`/api/v1/learners/${ids.pupil}/guardian-summary`)).json();
    expect(summary.notes).toEqual([]);
    const rows = await t.db.selectFrom('guardianNotes').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('the weekly note also arrives from the teacher outbox: once, and a late older save loses', async () => {
    const week = mondayOf(new Date().toISOString());
    const event = (body: string, clientTs: string, w = week) => ({
      id: crypto.randomUUID(),
      kind: 'guardianNote.saved',
      v: 1,
      clientTs,
      payload: { learnerId: ids.pupil, classId: ids.classA1, week: w, body },
    });
    const send = (events: object[]) => c.teacher.post('/api/teacher/v1/events', { events });
    const newer = event('Écrit hors ligne, plus tard', ago(0.1));
    const older = event('Écrit hors ligne, avant', ago(0.5));
    const bad = event('x', ago(0.1), '2026-11-25');
    const res = await send([newer, older, bad]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'rejected',
    ]);
    expect(res.json().results[2].error.field).toBe('week');
    await send([newer]);
    const notes = await t.db.selectFrom('guardianNotes').select(['body']).execute();
    expect(notes).toEqual([{ body: 'Écrit hors ligne, plus tard' }]);
  });
});

describe("the guardians' week", () => {
  it('is keyed by the Monday of the Casablanca week', () => {
    // Sunday 29 November 2026, 23:30 UTC, is already Monday 30 November 00:30 in Casablanca (UTC+1).
    expect(mondayOf('2026-11-29T23:30:00Z')).toBe('2026-11-30');
    expect(mondayOf('2026-11-29T22:30:00Z')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23T00:00:00Z')).toBe('2026-11-23');
  });
});
