import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, insertUser, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { insertEnrolment, twoClassSchools } from '../../../test/roster-fixtures';
import { nowIso } from '../../lib/time';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const hex = (c: string) => c.repeat(64);
async function insertMedia(kind: 'audio' | 'image' | 'pdf', hash: string, mime: string) {
  await t.db
    .insertInto('media')
    .values({ hash, kind, mime, bytes: 1234, originalName: null, createdBy: null, createdAt: nowIso() })
    .execute();
}

async function insertTask(classId: string, by: string): Promise<string> {
  const id = `task-${Math.random().toString(36).slice(2, 10)}`;
  const now = nowIso();
  await t.db
    .insertInto('assignments')
    .values({
      id,
      classId,
      contentId: null,
      contentVersion: null,
      kind: 'task',
      title: 'Décris ta maison',
      openAt: now,
      dueAt: null,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((a) => a.id);
const fields = (res: {
  json: () => { error: { details: { issues?: Array<{ field: string }>; field?: string } } };
}) => {
  const d = res.json().error.details;
  return d.issues ? d.issues.map((i) => i.field) : [d.field];
};

describe(`announcements (${testDialect})`, () => {
  it('a teacher announces to their class with a recording and a file; the class reads it, newest first', async () => {
    const w = await twoClassSchools(t);
    const { teacher, learner } = w.clients;
    await insertMedia('audio', hex('a'), 'audio/webm');
    await insertMedia('pdf', hex('b'), 'application/pdf');
    const first = await teacher.post(`/api/v1/classes/${w.classA1}/announcements`, {
      body: 'Demain, sortie au souk. Apportez un cahier.',
    });
    expect(first.statusCode).toBe(201);
    const second = await teacher.post(`/api/v1/classes/${w.classA1}/announcements`, {
      audio: { hash: hex('a') },
      attachment: { hash: hex('b'), name: 'liste.pdf' },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      body: '',
      audio: { hash: hex('a'), mime: 'audio/webm', bytes: 1234 },
      attachment: { hash: hex('b'), mime: 'application/pdf', name: 'liste.pdf' },
      authorName: 'Salma Alaoui',
    });
    const list = await learner.get(`/api/v1/classes/${w.classA1}/announcements`);
    expect(ids(list)).toEqual([second.json().id, first.json().id]);

    // Deleting takes it off the list (and the tablets); twice is fine.
    const del = () =>
      teacher.request({
        method: 'DELETE',
        url: `/api/v1/classes/${w.classA1}/announcements/${first.json().id}`,
      });
    expect((await del()).statusCode).toBe(200);
    expect((await del()).statusCode).toBe(200);
    expect(ids(await teacher.get(`/api/v1/classes/${w.classA1}/announcements`))).toEqual([second.json().id]);
  });

  it('who may post, read and delete: a matrix over roles', async () => {
    const w = await twoClassSchools(t);
    const post = (c: Client) => c.post(`/api/v1/classes/${w.classA1}/announcements`, { body: 'Bonjour' });
    const read = (c: Client) => c.get(`/api/v1/classes/${w.classA1}/announcements`);
    const expected: Record<keyof typeof w.clients, { post: number; read: number }> = {
      admin: { post: 201, read: 200 },
      head: { post: 201, read: 200 },
      teacher: { post: 201, read: 200 },
      otherTeacher: { post: 404, read: 404 },
      headB: { post: 404, read: 404 },
      learner: { post: 403, read: 200 },
    };
    for (const [role, want] of Object.entries(expected)) {
      const c = w.clients[role as keyof typeof w.clients];
      expect((await post(c)).statusCode, `${role} posts`).toBe(want.post);
      expect((await read(c)).statusCode, `${role} reads`).toBe(want.read);
    }
    // Three posted (admin, head, teacher); another teacher cannot delete one.
    const [one] = ids(await read(w.clients.teacher));
    expect(
      (
        await w.clients.otherTeacher.request({
          method: 'DELETE',
          url: `/api/v1/classes/${w.classA1}/announcements/${one}`,
        })
      ).statusCode,
    ).toBe(404);
    expect(ids(await read(w.clients.teacher))).toHaveLength(3);
  });

  it('bad input is a 4xx naming the field and stores nothing', async () => {
    const w = await twoClassSchools(t);
    await insertMedia('image', hex('c'), 'image/png');
    const url = `/api/v1/classes/${w.classA1}/announcements`;
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'body'],
      [{ body: '   ' }, 400, 'body'],
      [{ body: 'x'.repeat(2001) }, 400, 'body'],
      [{ body: 'bell\u0007' }, 400, 'body'],
      [{ body: 'ok', attachment: { hash: hex('c'), name: 'n'.repeat(201) } }, 400, 'attachment.name'],
      [{ body: 'ok', audio: { hash: 'nothex' } }, 400, 'audio.hash'],
      [{ body: 'ok', extra: 1 }, 400, 'extra'],
      [{ audio: { hash: hex('d') } }, 422, 'audio'],
      [{ audio: { hash: hex('c') } }, 422, 'audio'],
      [{ body: 'ok', attachment: { hash: hex('e'), name: 'x.pdf' } }, 422, 'attachment'],
    ];
    for (const [body, status, field] of cases) {
      const res = await w.clients.teacher.post(url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(fields(res)).toContain(field);
    }
    expect(ids(await w.clients.teacher.get(url))).toEqual([]);
  });

  it('a resent post with the same id gives the first announcement back; another author cannot take the id', async () => {
    const w = await twoClassSchools(t);
    const url = `/api/v1/classes/${w.classA1}/announcements`;
    const a = await w.clients.teacher.post(url, { id: 'ann-1', body: 'Une fois' });
    const again = await w.clients.teacher.post(url, { id: 'ann-1', body: 'Une fois' });
    expect(again.statusCode).toBe(201);
    expect(again.json().createdAt).toBe(a.json().createdAt);
    expect((await w.clients.head.post(url, { id: 'ann-1', body: 'Autre' })).statusCode).toBe(409);
    expect(ids(await w.clients.teacher.get(url))).toEqual(['ann-1']);
  });
});

describe(`comment threads (${testDialect})`, () => {
  it('a teacher lists the threads of a task and replies; only the learner and the class teachers read it', async () => {
    const w = await twoClassSchools(t);
    const teacherId = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'teacher').executeTakeFirstOrThrow()
    ).id;
    const task = await insertTask(w.classA1, teacherId);
    // A second learner in the class, with a thread of their own.
    const sibling = await insertUser(t.db, 'learner', w.schoolA, {
      username: 'sibling',
      givenName: 'Yassine',
    });
    await insertEnrolment(t.db, w.classA1, sibling.id, 'learner');
    const { teacher, learner } = w.clients;

    const reply = await teacher.post(`/api/v1/assignments/${task}/threads/${w.learnerId}`, {
      body: 'Bravo, ajoute une phrase sur la cuisine.',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ authorRole: 'teacher', learnerId: w.learnerId });

    const list = (await teacher.get(`/api/v1/assignments/${task}/threads`)).json();
    expect(list.assignment).toEqual({ id: task, classId: w.classA1, title: 'Décris ta maison' });
    const threads = list.items;
    expect(threads.map((x: { learnerId: string; count: number }) => [x.learnerId, x.count])).toEqual(
      expect.arrayContaining([
        [w.learnerId, 1],
        [sibling.id, 0],
      ]),
    );

    const thread = `/api/v1/assignments/${task}/threads/${w.learnerId}`;
    const expected: Record<keyof typeof w.clients, number> = {
      admin: 403,
      head: 403,
      teacher: 200,
      otherTeacher: 404,
      headB: 404,
      learner: 200,
    };
    for (const [role, status] of Object.entries(expected))
      expect((await w.clients[role as keyof typeof w.clients].get(thread)).statusCode, role).toBe(status);
    expect((await learner.get(thread)).json().items.map((c: { body: string }) => c.body)).toEqual([
      'Bravo, ajoute une phrase sur la cuisine.',
    ]);
    // The learner never reads a classmate's thread, nor the list of threads.
    expect((await learner.get(`/api/v1/assignments/${task}/threads/${sibling.id}`)).statusCode).toBe(403);
    expect((await learner.get(`/api/v1/assignments/${task}/threads`)).statusCode).toBe(403);
    expect((await w.clients.head.get(`/api/v1/assignments/${task}/threads`)).statusCode).toBe(403);
    expect((await w.clients.otherTeacher.post(thread, { body: 'Intrus' })).statusCode).toBe(404);
  });

  it('a reply is refused on a withdrawn task, for a learner outside the class, and when empty or too long', async () => {
    const w = await twoClassSchools(t);
    const teacherId = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'teacher').executeTakeFirstOrThrow()
    ).id;
    const task = await insertTask(w.classA1, teacherId);
    const outsider = await insertUser(t.db, 'learner', w.schoolA, { username: 'outsider' });
    const { teacher } = w.clients;
    const url = `/api/v1/assignments/${task}/threads/${w.learnerId}`;
    expect(fields(await teacher.post(url, { body: '' }))).toContain('body');
    expect((await teacher.post(url, { body: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect(
      (await teacher.post(`/api/v1/assignments/${task}/threads/${outsider.id}`, { body: 'Salut' }))
        .statusCode,
    ).toBe(404);
    await t.db.updateTable('assignments').set({ withdrawnAt: nowIso() }).where('id', '=', task).execute();
    const withdrawn = await teacher.post(url, { body: 'Trop tard' });
    expect(withdrawn.statusCode).toBe(409);
    expect(fields(withdrawn)).toContain('withdrawn');
    expect((await teacher.get(url)).json().items).toEqual([]);
  });
});

describe(`quiet hours (${testDialect})`, () => {
  it('default to 21:00–07:00; the school admin sets them, HH:MM checked; others may not', async () => {
    const w = await twoClassSchools(t);
    const url = `/api/v1/schools/${w.schoolA}/quiet-hours`;
    expect((await w.clients.teacher.get(url)).json()).toEqual({ start: '21:00', end: '07:00' });
    const set = await w.clients.head.request({
      method: 'PUT',
      url,
      payload: { start: '20:30', end: '06:45' },
    });
    expect(set.statusCode).toBe(200);
    expect((await w.clients.teacher.get(url)).json()).toEqual({ start: '20:30', end: '06:45' });

    const put = (c: Client, payload: object) => c.request({ method: 'PUT', url, payload });
    for (const bad of [
      { start: '24:00', end: '07:00' },
      { start: '9:00', end: '07:00' },
      { start: '21:00' },
    ]) {
      const res = await put(w.clients.head, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(fields(await put(w.clients.head, { start: '21:00', end: '24:60' }))).toContain('end');
    expect((await put(w.clients.head, { start: '07:00', end: '07:00' })).statusCode).toBe(422);
    expect((await put(w.clients.teacher, { start: '22:00', end: '06:00' })).statusCode).toBe(403);
    expect((await put(w.clients.headB, { start: '22:00', end: '06:00' })).statusCode).toBe(404);
    expect((await put(w.clients.admin, { start: '22:00', end: '06:00' })).statusCode).toBe(200);
    expect((await w.clients.head.get(url)).json()).toEqual({ start: '22:00', end: '06:00' });
  });
});

describe(`from the teacher outbox (${testDialect})`, () => {
  it('announcement.posted and comment.posted apply once; a resend changes nothing; a bad one is rejected naming the field', async () => {
    const w = await twoClassSchools(t);
    const teacherId = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'teacher').executeTakeFirstOrThrow()
    ).id;
    const task = await insertTask(w.classA1, teacherId);
    const event = (kind: string, payload: object) => ({
      id: crypto.randomUUID(),
      kind,
      v: 1,
      clientTs: new Date().toISOString(),
      payload,
    });
    const announce = event('announcement.posted', {
      announcementId: 'ann-outbox',
      classId: w.classA1,
      body: 'Écrit hors ligne',
    });
    const reply = event('comment.posted', {
      commentId: 'com-outbox',
      assignmentId: task,
      learnerId: w.learnerId,
      body: 'Réponse hors ligne',
    });
    const bad = event('announcement.posted', { announcementId: 'ann-bad', classId: w.classA1, body: '' });
    const send = (events: object[]) => w.clients.teacher.post('/api/teacher/v1/events', { events });
    const first = await send([announce, reply, bad]);
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'rejected',
    ]);
    expect(first.json().results[2].error.field).toBe('payload.body');
    await send([announce, reply]);
    expect(ids(await w.clients.teacher.get(`/api/v1/classes/${w.classA1}/announcements`))).toEqual([
      'ann-outbox',
    ]);
    expect(ids(await w.clients.learner.get(`/api/v1/assignments/${task}/threads/${w.learnerId}`))).toEqual([
      'com-outbox',
    ]);
  });
});
