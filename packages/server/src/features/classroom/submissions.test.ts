import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, testDialect } from '../../../test/helpers';
import { insertEnrolment } from '../../../test/roster-fixtures';
import { jpeg, webm } from '../media/media.fixtures';
import { insertDevice } from '../sync/sync.fixtures';
import { classroomWorld, sha } from './classroom.fixtures';

type World = Awaited<ReturnType<typeof classroomWorld>>;

describe(`classroom: submissions, grading, return (${testDialect})`, () => {
  let x: World;
  let pupil2: string;
  let tablet2: { deviceId: string; token: string };
  let taskId: string;
  let photo: Buffer;
  beforeEach(async () => {
    x = await classroomWorld();
    pupil2 = (await insertUser(x.t.db, 'learner', x.w.schoolA, { givenName: 'Sara' })).id;
    await insertEnrolment(x.t.db, x.w.classA1, pupil2, 'learner');
    tablet2 = await insertDevice(x.t.db, x.w.schoolA, { learnerId: pupil2 });
    const res = await x.c.teacher.post(`/api/v1/classes/${x.w.classA1}/assignments`, {
      kind: 'task',
      title: 'Décris ta maison',
      openAt: '2026-01-01T08:00:00.000Z',
      dueAt: '2099-01-01T08:00:00.000Z',
      maxPoints: 20,
    });
    expect(res.statusCode, res.body).toBe(201);
    taskId = res.json().id;
    photo = await jpeg(32, 32);
  });
  afterEach(() => x.t.close());

  const queue = async (id = taskId) => {
    const res = await x.c.teacher.get(`/api/v1/assignments/${id}/submissions`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().entries as {
      learnerId: string;
      state: string;
      latest: { id: string; late: boolean } | null;
      earlier: unknown[];
    }[];
  };
  const entryOf = async (learnerId: string, id = taskId) =>
    (await queue(id)).find((e) => e.learnerId === learnerId);
  const quarantine = () => x.t.db.selectFrom('syncQuarantine').select(['reason']).execute();
  const photoRef = () => ({ hash: sha(photo), mime: 'image/jpeg', bytes: photo.length, kind: 'photo' });
  const grade = (id: string, body: Record<string, unknown>, client = x.c.teacher) =>
    client.request({ method: 'PUT', url: `/api/v1/submissions/${id}/grade`, payload: body });

  it('a learner submits text and a photo offline; the teacher grades; the grade reaches the tablet only once returned', async () => {
    expect((await x.putMedia(photo, 'image/jpeg')).statusCode).toBe(201);
    expect((await entryOf(x.w.learnerId))?.state).toBe('assigned');
    const sent = x.submission(taskId, { media: [photoRef()] });
    const pushed = await x.push([sent]);
    expect(pushed.json()).toMatchObject({ ackedSeq: 1, quarantined: 0 });
    const submissionId = (sent.payload as { submissionId: string }).submissionId;

    // Not yet graded: shown as submitted, never as missing.
    const entry = await entryOf(x.w.learnerId);
    expect(entry).toMatchObject({ state: 'submitted', latest: { id: submissionId, late: false } });
    expect((await entryOf(pupil2))?.state).toBe('assigned');
    const [row] = await x.rowsOf('submission');
    expect(row).toMatchObject({ id: submissionId, state: 'submitted', returned: null, text: 'Ma réponse' });
    expect(row?.media).toEqual([photoRef()]);

    // Out of the scale: refused naming the field, nothing stored.
    const over = await grade(submissionId, { points: 21 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.field).toBe('points');
    expect((await grade(submissionId, { points: -1 })).statusCode).toBe(400);
    expect((await grade(submissionId, { rubric: [{ criterion: 0, level: 0 }] })).statusCode).toBe(400);
    expect((await entryOf(x.w.learnerId))?.state).toBe('submitted');

    // Graded, with a voice note; not returned yet: the tablet sees no grade.
    const voice = webm({ durationMs: 2000 });
    expect((await x.putMedia(voice, 'audio/webm')).statusCode).toBe(201);
    const graded = await grade(submissionId, {
      points: 15,
      feedbackText: 'Très bien',
      feedbackVoiceHash: sha(voice),
    });
    expect(graded.statusCode, graded.body).toBe(200);
    expect((await entryOf(x.w.learnerId))?.state).toBe('graded');
    expect((await x.rowsOf('submission'))[0]).toMatchObject({ state: 'submitted', returned: null });

    const returned = await x.c.teacher.post(`/api/v1/submissions/${submissionId}/return`);
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await entryOf(x.w.learnerId))?.state).toBe('returned');
    expect((await x.rowsOf('submission'))[0]).toMatchObject({
      state: 'returned',
      returned: {
        points: 15,
        maxPoints: 20,
        rubric: null,
        feedbackText: 'Très bien',
        feedbackVoice: { hash: sha(voice), mime: 'audio/webm' },
      },
    });
    // Returned work keeps its grade; the learner may answer again, and both attempts are kept.
    expect((await grade(submissionId, { points: 3 })).statusCode).toBe(409);
    await x.push([x.submission(taskId, { text: 'Version 2' })]);
    const again = await entryOf(x.w.learnerId);
    expect(again).toMatchObject({ state: 'submitted' });
    expect(again?.earlier).toHaveLength(1);
    const rows = await x.rowsOf('submission');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: 'Version 2', returned: null });
  });

  it('rubric grades: one level per criterion, the points are the levels summed', async () => {
    await x.c.teacher.patch(`/api/v1/assignments/${taskId}`, {
      rubric: [
        {
          criterion: 'Idées',
          levels: [
            { label: 'Peu', points: 2 },
            { label: 'Beaucoup', points: 6 },
          ],
        },
        {
          criterion: 'Langue',
          levels: [
            { label: 'Fautes', points: 1 },
            { label: 'Juste', points: 4 },
          ],
        },
      ],
    });
    const sent = x.submission(taskId);
    await x.push([sent]);
    const id = (sent.payload as { submissionId: string }).submissionId;
    const bad = await grade(id, {
      rubric: [
        { criterion: 0, level: 1 },
        { criterion: 1, level: 7 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('rubric.1.level');
    expect((await grade(id, { points: 5 })).statusCode).toBe(400);
    const ok = await grade(id, {
      rubric: [
        { criterion: 1, level: 0 },
        { criterion: 0, level: 1 },
      ],
      returned: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ points: 7 });
    expect((await x.rowsOf('submission'))[0]?.returned).toMatchObject({
      points: 7,
      maxPoints: 10,
      rubric: [
        { criterion: 'Idées', level: 'Beaucoup', points: 6 },
        { criterion: 'Langue', level: 'Fautes', points: 1 },
      ],
    });
    // The scale can no longer change once work was graded on it.
    expect(
      (await x.c.teacher.patch(`/api/v1/assignments/${taskId}`, { maxPoints: 10, rubric: null })).statusCode,
    ).toBe(409);
  });

  it('late, missing and closed: late work is marked, not refused; a closed or withdrawn task holds work back with the reason', async () => {
    const due = await x.c.teacher.patch(`/api/v1/assignments/${taskId}`, {
      dueAt: '2026-06-01T08:00:00.000Z',
    });
    expect(due.statusCode, due.body).toBe(200);
    expect((await entryOf(x.w.learnerId))?.state).toBe('missing');
    // Done offline before the due date, synced after: on time.
    await x.push([x.submission(taskId, { clientTs: '2026-05-31T10:00:00.000Z' })]);
    expect(await entryOf(x.w.learnerId)).toMatchObject({ state: 'submitted', latest: { late: false } });
    await x
      .push([x.submission(taskId, { clientTs: '2026-06-02T10:00:00.000Z' })], tablet2.token)
      .then((r) => expect(r.statusCode).toBe(200));
    // (tablet2's event names tablet 1 as its device: held back, nothing applied)
    expect((await quarantine()).map((q) => q.reason.split(':')[0])).toEqual(['wrong_device']);

    const lateEvent = {
      ...x.submission(taskId, { actorId: pupil2, clientTs: '2026-06-02T10:00:00.000Z' }, tablet2),
    };
    await x.push([lateEvent], tablet2.token);
    expect(await entryOf(pupil2)).toMatchObject({ state: 'late', latest: { late: true } });
    expect((await x.rowsOf('submission', tablet2.token))[0]).toMatchObject({ late: true });

    await x.c.teacher.post(`/api/v1/assignments/${taskId}/close`);
    await x.push([x.submission(taskId, { text: 'Trop tard' })]);
    expect((await quarantine()).at(-1)?.reason).toMatch(/^closed:/);
    await x.c.teacher.post(`/api/v1/assignments/${taskId}/withdraw`);
    await x.push([x.submission(taskId)]);
    expect((await quarantine()).at(-1)?.reason).toMatch(/^withdrawn:/);
    expect(
      Number(
        (
          await x.t.db
            .selectFrom('submissions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2);
  });

  it('work that is not the learner’s, or names media never uploaded, is held back with the reason', async () => {
    const forSara = (
      await x.c.teacher.post(`/api/v1/classes/${x.w.classA1}/assignments`, {
        kind: 'task',
        title: 'Pour Sara',
        audience: { type: 'learners', learnerIds: [pupil2] },
      })
    ).json();
    await x.push([x.submission(forSara.id)]);
    expect((await quarantine()).at(-1)?.reason).toMatch(/^not_for_learner:/);
    await x.push([x.submission(taskId, { media: [photoRef()] })]);
    expect((await quarantine()).at(-1)?.reason).toMatch(/^media_missing:/);
    // A voice note declared as a photo.
    const voice = webm({ durationMs: 1000 });
    await x.putMedia(voice, 'audio/webm');
    await x.push([
      x.submission(taskId, {
        media: [{ hash: sha(voice), mime: 'image/jpeg', bytes: voice.length, kind: 'photo' }],
      }),
    ]);
    expect((await quarantine()).at(-1)?.reason).toMatch(/^media_mismatch:/);
    expect((await entryOf(x.w.learnerId))?.state).toBe('assigned');
    expect(await x.rowsOf('submission')).toEqual([]);
  });

  it('role matrix: a learner never gets another learner’s work; teachers see their classes’ queues, school admins their school’s', async () => {
    const mine = x.submission(taskId, { text: 'Amine' });
    await x.push([mine]);
    const sara = x.submission(taskId, { actorId: pupil2, text: 'Sara' }, tablet2);
    await x.push([sara], tablet2.token);
    await grade((sara.payload as { submissionId: string }).submissionId, {
      points: 12,
      feedbackText: 'Pour Sara',
      returned: true,
    });

    // Each learner's tablet holds their own submission only.
    const amine = await x.rowsOf('submission');
    expect(amine.map((r) => r.text)).toEqual(['Amine']);
    expect(JSON.stringify(await x.pullAll())).not.toContain('Pour Sara');
    expect((await x.rowsOf('submission', tablet2.token)).map((r) => r.text)).toEqual(['Sara']);

    const url = `/api/v1/assignments/${taskId}/submissions`;
    expect((await x.c.teacher.get(url)).statusCode).toBe(200);
    expect((await x.c.head.get(url)).statusCode).toBe(200);
    expect((await x.c.admin.get(url)).statusCode).toBe(200);
    expect((await x.c.otherTeacher.get(url)).statusCode).toBe(404);
    expect((await x.c.headB.get(url)).statusCode).toBe(404);
    expect((await x.c.learner.get(url)).statusCode).toBe(403);
    const mineId = (mine.payload as { submissionId: string }).submissionId;
    expect((await grade(mineId, { points: 1 }, x.c.otherTeacher)).statusCode).toBe(404);
    expect((await grade(mineId, { points: 1 }, x.c.headB)).statusCode).toBe(404);
    expect((await grade(mineId, { points: 1 }, x.c.learner)).statusCode).toBe(404);
    expect((await x.c.otherTeacher.post(`/api/v1/submissions/${mineId}/return`)).statusCode).toBe(404);
  });

  it('teacher events: assignment.saved, assignment.withdrawn and submission.graded apply once through the same rules', async () => {
    const events = (list: { kind: string; payload: Record<string, unknown>; id?: string }[]) =>
      x.c.teacher.post('/api/teacher/v1/events', {
        events: list.map((e) => ({
          id: e.id ?? randomUUID(),
          kind: e.kind,
          v: 1,
          clientTs: new Date().toISOString(),
          payload: e.payload,
        })),
      });
    const assignmentId = 'task-offline-1';
    const save = {
      kind: 'assignment.saved',
      payload: { assignmentId, classId: x.w.classA1, kind: 'task', title: 'Hors ligne', maxPoints: 10 },
    };
    const first = await events([save]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results[0]).toMatchObject({ status: 'applied' });
    // Saved again (an edit with the same id): one assignment, the new values.
    await events([{ ...save, payload: { ...save.payload, title: 'Hors ligne (2)' } }]);
    expect((await x.c.teacher.get(`/api/v1/assignments/${assignmentId}`)).json()).toMatchObject({
      title: 'Hors ligne (2)',
    });
    // Bad input is rejected, naming the field.
    const bad = await events([
      {
        ...save,
        payload: {
          ...save.payload,
          assignmentId: 'task-offline-2',
          audience: { type: 'learners', learnerIds: ['nobody'] },
        },
      },
    ]);
    expect(bad.json().results[0]).toMatchObject({
      status: 'rejected',
      error: { field: 'audience.learnerIds' },
    });

    const sent = x.submission(assignmentId);
    await x.push([sent]);
    const submissionId = (sent.payload as { submissionId: string }).submissionId;
    const gradeEvent = {
      kind: 'submission.graded',
      payload: { submissionId, points: 8, feedbackText: 'Bien', returned: true },
    };
    expect((await events([gradeEvent])).json().results[0]).toMatchObject({ status: 'applied' });
    expect(
      (await events([{ ...gradeEvent, payload: { ...gradeEvent.payload, points: 11 } }])).json().results[0],
    ).toMatchObject({
      status: 'rejected',
    });
    expect((await x.rowsOf('submission'))[0]?.returned).toMatchObject({ points: 8 });

    expect(
      (await events([{ kind: 'assignment.withdrawn', payload: { assignmentId } }])).json().results[0],
    ).toMatchObject({ status: 'applied' });
    const edit = await events([save]);
    expect(edit.json().results[0]).toMatchObject({ status: 'rejected', error: { field: 'withdrawn' } });
  });
});
